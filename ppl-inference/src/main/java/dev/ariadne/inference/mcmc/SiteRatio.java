package dev.ariadne.inference.mcmc;

/**
 * The Metropolis-Hastings log ratio of a single-site move from x to y, whose re-run left its fresh and stale sums
 * in the rerunner (the derivation is in {@link SingleSiteKernel}'s javadoc):
 * log pi(y) - log pi(x) + log |D(x)| - log |D(y)| + siteTerm + sum_stale log p - sum_fresh log p, where
 * siteTerm = log q_s(x_s | y_s) - log q_s(y_s | x_s) is the proposal's own term at the site.
 */
final class SiteRatio {

    private SiteRatio() {
    }

    static double of(TraceState<?> x, TraceState<?> y, Rerunner<?> r, int eligibleX, int eligibleY,
                     double siteTerm, Breakage breakage) {
        double logRatio = y.logTarget - x.logTarget + siteTerm;
        if (breakage != Breakage.NO_SELECTION_RATIO) {
            logRatio += Math.log(eligibleX) - Math.log(eligibleY);
        }
        if (breakage != Breakage.NO_FRESH_STALE) {
            logRatio += r.staleLogP - r.freshLogP;
        }
        return logRatio;
    }

    /** The site term of a proposal from the site's prior: log p(x_s) - log p(y_s). */
    static double priorProposalTerm(TraceState<?> x, int s, TraceState<?> y, Rerunner<?> r) {
        return x.logPs[s] - y.logPs[r.editedAt];
    }
}
