package dev.ariadne.search;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the guide a search ends with is at a minimum of the free energy, judged on fresh runs of it: the
 * score-function gradient of the (restart-on-failure) free energy, Cov_q(-l, s) over the accepted runs, with each
 * parameter's standard error from the runs' own spread, and what a Newton step along one parameter would gain with
 * the proposal's Fisher information (the variance of its score) as the curvature. A component {@value #SES} standard
 * errors from 0 whose step would gain at least {@value #GAIN_NATS} nats says that a better guide lies downhill,
 * whatever the strategy said of its own convergence: BOBYQA said "converged" in 4 seeds of 4, and CMA-ES only
 * "budget reached" in 2 of 4, at 7.1 to 7.4 nats on a NegativeBinomial count whose family's optimum is below 4.6 (a
 * new user's model), where the objective at common random numbers was too rough for them; the check put their gain at
 * 0.5 to 1.3 nats. A search that did converge stops at the minimum of its common random numbers' objective, a little
 * off the true one: on five such models, its gradient was often many standard errors from 0, but the gain was at most
 * 0.006 nats.
 *
 * <p>The gradient of the restart-on-failure free energy E[-l | accepted] - log P(accepted) is exactly that
 * covariance over the accepted runs (the free energy of the guide conditioned on acceptance, whose score is the
 * guide's score less its mean among accepted runs), so the check reads every free energy the search reports.
 */
final class StationarityCheck {

    /** Standard errors from 0 beyond which a component of the gradient says the guide is not at a minimum. */
    static final double SES = 5;
    /** The least gain, in nats, of a Newton step along one parameter worth a word. */
    static final double GAIN_NATS = 0.05;
    /** The fewest accepted runs on which a gradient is judged. */
    static final int MIN_ACCEPTED = 100;

    private StationarityCheck() {
    }

    /**
     * The sentence to add to the stop reason when the runs ({@code runs}, taped, of the guide the search returns) say
     * the free energy still slopes along some parameter; empty when they do not, or cannot tell.
     */
    static Optional<String> note(Layout layout, List<RunOutcome> runs) {
        int d = layout.size();
        int a = SearchState.accepted(runs);
        if (d == 0 || a < MIN_ACCEPTED) {
            return Optional.empty();
        }
        // Passes over the runs (the largest log weight first), each score made again rather than kept: a structured
        // family's scores of 4,000 runs would hold 4,000 times its coefficients.
        double fMean = 0;
        double[] sMean = new double[d];
        double maxL = Double.NEGATIVE_INFINITY;
        for (RunOutcome r : runs) {
            if (!r.failed) {
                maxL = Math.max(maxL, r.logWeight());
            }
        }
        double sumW = 0;
        for (RunOutcome r : runs) {
            if (!r.failed) {
                sumW += Math.exp(r.logWeight() - maxL);
                fMean += -r.logWeight() / a;
                double[] score = GradientStrategy.wholeRunScore(layout, r, d);
                for (int j = 0; j < d; j++) {
                    sMean[j] += score[j] / a;
                }
            }
        }
        double[] sumC = new double[d];
        double[] sumC2 = new double[d];
        double[] sumS2 = new double[d];
        for (RunOutcome r : runs) {
            if (!r.failed) {
                double f = -r.logWeight() - fMean;
                double[] score = GradientStrategy.wholeRunScore(layout, r, d);
                for (int j = 0; j < d; j++) {
                    double ds = score[j] - sMean[j];
                    double c = f * ds;
                    sumC[j] += c;
                    sumC2[j] += c * c;
                    sumS2[j] += ds * ds;
                }
            }
        }
        // No guide's free energy is below -log P(e): the most any step can gain is the free energy's height above it,
        // read on the same runs (the restart-on-failure free energy less -log Z-hat). The Fisher information is the
        // curvature near the minimum only; far from it, a guide three times the posterior's width was told a step
        // would gain 12 nats where no guide could gain more than 3.2 (an adversarial tester).
        double heightAboveLogZ = fMean - Math.log(a / (double) runs.size()) + maxL + Math.log(sumW / runs.size());
        int worst = -1;
        double worstGain = 0;
        double worstZ = 0;
        double worstSlope = 0;
        int sloping = 0;
        for (int j = 0; j < d; j++) {
            double cMean = sumC[j] / a;
            double g = sumC[j] / (a - 1.0);
            double se = Math.sqrt(Math.max(0, (sumC2[j] - a * cMean * cMean) / (a - 1.0)) / a);
            double fisher = sumS2[j] / (a - 1.0);
            double z = Math.abs(g) / se;
            // A Newton step along this parameter alone, the guide's Fisher information as the curvature (the free
            // energy's own near its minimum when the posterior is in the family), its gradient's square debiased.
            double gain = 0.5 * (g * g - se * se) / fisher;
            if (se > 0 && fisher > 0 && z > SES && gain >= GAIN_NATS && Double.isFinite(gain)) {
                sloping++;
                if (gain > worstGain) {
                    worst = j;
                    worstGain = gain;
                    worstZ = z;
                    worstSlope = g;
                }
            }
        }
        if (worst < 0) {
            return Optional.empty();
        }
        boolean capped = worstGain > heightAboveLogZ;
        String gain = capped ? String.format(Locale.ROOT, "would gain more than the free energy's height above "
                + "-log Z-hat on those runs, about %.2g nats, and no guide can gain more than that height (that "
                + "curvature is the free energy's own only near its minimum)", Math.max(0, heightAboveLogZ))
                : String.format(Locale.ROOT, "would gain about %.2g nats", worstGain);
        return Optional.of(String.format(Locale.ROOT, "; but the guide returned is not at a minimum: on %d fresh "
                + "runs of it the free energy's gradient along %s is %.3g (%.1f standard errors from 0%s), and a "
                + "Newton step %s it, with the proposal's Fisher information as the curvature, %s: give the search a "
                + "larger budget or another strategy (crossEntropy() and "
                + "gradient() follow the runs' own scores, where the objective at common random numbers can be too "
                + "rough for cmaes(), bobyqa() and hillClimb())", runs.size(), layout.names.get(worst), worstSlope,
                worstZ, sloping > 1 ? "; " + (sloping - 1) + " other parameter" + (sloping > 2 ? "s slope" : " slopes")
                        + " too" : "", worstSlope > 0 ? "lowering" : "raising", gain));
    }
}
