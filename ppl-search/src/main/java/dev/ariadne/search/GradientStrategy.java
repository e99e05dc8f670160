package dev.ariadne.search;

import dev.ariadne.inference.Estimate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The score-function (REINFORCE) gradient with Adam. Each step draws a fresh batch of K runs from the current
 * guide and estimates the objective's gradient from the gradient of log q in the guide's parameters only (closed
 * form for built-in families, central differences for programs); the model is never differentiated.
 * <ul>
 *   <li>Free energy, no failed run: per-site Rao-Blackwellisation (each site's score multiplies only the terms
 *   log p - log q of that site and the sites after it) with a leave-one-out baseline per site (the mean of the
 *   same sum over the other runs of the batch).</li>
 *   <li>Free energy with failed runs: the gradient of the restart-on-failure free energy, the covariance over
 *   accepted runs of log q - log p with the score. Never NaN.</li>
 *   <li>Fewer than half the runs accepted, when the model states its evidence with a margin
 *   ({@code p.condition(name, score, threshold)}): the gradient of a smoothed surrogate, the free energy of the
 *   model with each hard margin condition replaced by the soft evidence log sigmoid(margin / tau)
 *   ({@link MarginSurrogate}), which rises with the margin, so the guide climbs toward the evidence until runs are
 *   accepted and the true objective takes over (the restart-on-failure free energy alone would let the acceptance
 *   rate fall back, since it judges only the accepted runs). Without margins, with fewer than 2 accepted runs, the
 *   step makes no update.</li>
 *   <li>Inclusive KL: -sum(wbar_i score_i) with self-normalised weights (reweighted wake-sleep).</li>
 *   <li>Chi-square: -sum(w_i^2 score_i) / sum(w_i^2), the gradient of log E_q[w^2].</li>
 * </ul>
 * With a step budget T, the rate is constant for T/2 steps, then decays linearly to a twentieth of itself, and
 * the returned parameters are the average of the iterates over the last quarter (Polyak-Ruppert), which removes
 * most of the stochastic-gradient noise. A search in which no step could update (too few runs accepted) stops after
 * {@value #NO_UPDATE_PATIENCE} steps and says so. Immutable: each setter returns a new strategy.
 */
public final class GradientStrategy implements Strategy {

    static final GradientStrategy DEFAULT = new GradientStrategy(200, 0.05, true);
    /** Steps in a row without an update, from the start, after which a search that never updated stops. */
    static final int NO_UPDATE_PATIENCE = 10;
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;

    private final int batch;
    private final double rate;
    private final boolean averaging;

    private GradientStrategy(int batch, double rate, boolean averaging) {
        this.batch = batch;
        this.rate = rate;
        this.averaging = averaging;
    }

    /** The same strategy with K runs per step (K >= 2; default 200). */
    public GradientStrategy batch(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("gradient: batch must be >= 2 (leave-one-out baseline), got " + k);
        }
        return new GradientStrategy(k, rate, averaging);
    }

    /** The same strategy with Adam's step size r (default 0.05). */
    public GradientStrategy rate(double r) {
        return new GradientStrategy(batch, Settings.positiveFinite(name(), "rate", r), averaging);
    }

    /** The same strategy returning (true, the default) or not the average of the last quarter's iterates. */
    public GradientStrategy averaging(boolean on) {
        return new GradientStrategy(batch, rate, on);
    }

    @Override
    public String name() {
        return "gradient";
    }

    @Override
    public void search(SearchContext context) {
        SearchState ctx = SearchState.of(context);
        Layout layout = ctx.layout;
        double[] m = new double[0];
        double[] v = new double[0];
        double[] sum = null;
        int averaged = 0;
        int updates = 0;
        int mostAccepted = 0;
        MarginSurrogate surrogateTau = new MarginSurrogate();
        boolean lastOnSurrogate = false;
        double[] units = new double[0];
        int lastAccepted = 0;
        int total = ctx.budget().steps();
        boolean scheduled = total < Integer.MAX_VALUE;
        int t = 1;
        for (; ctx.canStep(t, batch); t++) {
            double[] measured = layout.theta().clone();
            List<RunOutcome> runs = ctx.fresh(batch, true, null);
            layout.merge(runs);
            // the first batch has shown which of a starting guide's sites the model makes; the layout is then
            // exactly the parameters the batch was drawn at, less those left out
            measured = t == 1 && ctx.holdOutStartSitesNoRunMade() ? layout.theta().clone() : layout.padded(measured);
            int d = layout.size();
            m = Arrays.copyOf(m, d);
            v = Arrays.copyOf(v, d);
            Estimate est = ctx.objective().estimate(runs);
            int accepted = SearchState.accepted(runs);
            mostAccepted = Math.max(mostAccepted, accepted);
            double[] g = null;
            boolean surrogate = false;
            String note = "";
            if (accepted < runs.size() / 2) {
                double tau = surrogateTau.temperature(runs);
                g = tau > 0 ? MarginSurrogate.gradient(layout, runs, tau) : null;
                surrogate = g != null;
                lastAccepted = accepted;
                if (surrogate) {
                    note = String.format(java.util.Locale.ROOT, "%d of %d accepted: surrogate on the margins, "
                            + "log sigmoid(margin / %.4g)", accepted, runs.size(), tau);
                }
            }
            lastOnSurrogate = surrogate;
            if (g == null) {
                g = gradient(ctx.objective(), layout, runs);
            }
            if (g == null) {
                note = "no update: fewer than 2 accepted runs";
            } else {
                updates++;
                double lr = rate;
                if (scheduled && t > total / 2) {
                    double frac = (t - total / 2.0) / Math.max(1, total - total / 2.0);
                    lr = rate * (1 - 0.95 * frac);
                }
                double[] theta = layout.theta();
                if (units.length != d) {
                    units = layout.units(); // Adam's step in each parameter's natural unit, fixed from its start
                }
                for (int i = 0; i < d; i++) {
                    m[i] = BETA1 * m[i] + (1 - BETA1) * g[i];
                    v[i] = BETA2 * v[i] + (1 - BETA2) * g[i] * g[i];
                    double mh = m[i] / (1 - Math.pow(BETA1, t));
                    double vh = v[i] / (1 - Math.pow(BETA2, t));
                    theta[i] -= lr * units[i] * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
            // Steps on the surrogate are recorded but not judged: until runs are accepted regularly, the true
            // objective is +inf in most batches and a single lucky batch would make every later one look diverged.
            if (surrogate) {
                ctx.record(t, est, note);
                if (!ctx.finite(layout.theta(), t)) {
                    return;
                }
            } else if (!ctx.step(t, est, measured, note) || !ctx.finite(layout.theta(), t)) {
                return;
            }
            if (updates == 0 && t >= NO_UPDATE_PATIENCE) {
                ctx.stop(noUpdate(ctx, t, mostAccepted));
                return;
            }
            if (averaging && scheduled && t > total - Math.max(1, total / 4)) {
                sum = sum == null ? new double[d] : Arrays.copyOf(sum, d);
                double[] theta = layout.theta();
                for (int i = 0; i < d; i++) {
                    sum[i] += theta[i];
                }
                averaged++;
            }
        }
        if (updates == 0 && t > 1) {
            ctx.stop(noUpdate(ctx, t - 1, mostAccepted));
            return;
        }
        if (lastOnSurrogate && !ctx.diverged) {
            ctx.saidStillImproving = true;
            ctx.stopReason += String.format(java.util.Locale.ROOT, "; the guide was still climbing toward the "
                    + "evidence on the margins' surrogate (%d of %d runs accepted in the last batch): give it more "
                    + "steps, or use Strategy.crossEntropy(), which climbs by levels", lastAccepted, batch);
        }
        if (sum != null && averaged > 0) {
            double[] avg = layout.theta().clone();
            for (int i = 0; i < sum.length; i++) {
                avg[i] = sum[i] / averaged;
            }
            ctx.choose(avg);
        } else {
            ctx.choose(layout.theta());
        }
    }

    private String noUpdate(SearchState ctx, int steps, int mostAccepted) {
        ctx.noneAcceptedSaid = true;
        String need = ctx.objective() == Objective.FREE_ENERGY ? "2 accepted runs" : "1 accepted run";
        String start = "no step could update, so the search cannot start: in each of " + steps + " batches of "
                + batch + " runs there were fewer than " + need + " (at most " + mostAccepted + "), and the failed runs "
                + "carry no margin, so there is no gradient to follow. ";
        java.util.Optional<dev.ariadne.core.Failure> failure = ctx.firstFailureOfTheStart();
        if (failure.isPresent() && failure.get().cause() == dev.ariadne.core.FailureCause.ZERO_LIKELIHOOD) {
            // An observation of 5 under Binomial(3, q) was told "the evidence is a plain condition too rare ...:
            // state it with its margin" (a new user): there was no condition
            return start + "The runs fail at an observation, not a condition: the first of the starting guide's runs "
                    + "to fail had " + failure.get() + ", which no margin can climb; check the data against the "
                    + "distribution's support, or the choices that set its parameters";
        }
        if (failure.isPresent() && failure.get().cause() != dev.ariadne.core.FailureCause.CONDITION_FALSE) {
            // A Uniform(1e17, 1e17 + 16) prior, whose interval holds two doubles, was told of a plain condition too
            // rare where the model had none: the starting guide's draws were refused at the choice itself
            boolean unweighable = failure.get().cause() == dev.ariadne.core.FailureCause.UNREPRESENTABLE_DRAW;
            return start + "The runs fail at a choice, not a condition: the first of the starting guide's runs to "
                    + "fail had " + failure.get() + (unweighable ? ", a draw " + dev.ariadne.core.dist.Support
                    .UNWEIGHABLE_ZONE : "") + ", which no margin can climb; start from a guide whose draws the prior "
                    + "and the doubles carry (GuideSearch.startFrom), or check the prior's parameters";
        }
        return start + "The evidence is a plain condition too rare for the starting guide: state it with its "
                + "margin, p.condition(name, score, threshold) (holds when score >= threshold), and the gradient "
                + "follows the margins until runs are accepted; or use Strategy.crossEntropy(), which widens its "
                + "proposals until some are; or start from a guide that reaches it (GuideSearch.startFrom)";
    }

    /** The gradient of the objective (to descend), or null when the batch cannot give one. */
    static double[] gradient(Objective objective, Layout layout, List<RunOutcome> runs) {
        int d = layout.size();
        int k = runs.size();
        boolean anyFailed = false;
        int accepted = 0;
        for (RunOutcome r : runs) {
            if (r.failed) {
                anyFailed = true;
            } else {
                accepted++;
            }
        }
        if (accepted == 0) {
            return null;
        }
        if (objective == Objective.FREE_ENERGY && !anyFailed) {
            return raoBlackwell(layout, runs);
        }
        double[][] s = new double[k][];
        for (int i = 0; i < k; i++) {
            s[i] = runs.get(i).failed ? null : wholeRunScore(layout, runs.get(i), d);
        }
        double[] g = new double[d];
        if (objective == Objective.FREE_ENERGY) {
            if (accepted < 2) {
                return null;
            }
            double fMean = 0;
            double[] sMean = new double[d];
            for (int i = 0; i < k; i++) {
                if (s[i] != null) {
                    fMean += -runs.get(i).logWeight();
                    for (int j = 0; j < d; j++) {
                        sMean[j] += s[i][j];
                    }
                }
            }
            fMean /= accepted;
            for (int j = 0; j < d; j++) {
                sMean[j] /= accepted;
            }
            for (int i = 0; i < k; i++) {
                if (s[i] != null) {
                    double f = -runs.get(i).logWeight() - fMean;
                    for (int j = 0; j < d; j++) {
                        g[j] += f * (s[i][j] - sMean[j]) / (accepted - 1);
                    }
                }
            }
            return g;
        }
        double power = objective == Objective.CHI_SQUARE ? 2 : 1;
        double max = Double.NEGATIVE_INFINITY;
        for (RunOutcome r : runs) {
            max = Math.max(max, power * r.logWeight());
        }
        double total = 0;
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = s[i] == null ? 0 : Math.exp(power * runs.get(i).logWeight() - max);
            total += w[i];
        }
        for (int i = 0; i < k; i++) {
            if (s[i] != null && w[i] > 0) {
                for (int j = 0; j < d; j++) {
                    g[j] -= w[i] / total * s[i][j];
                }
            }
        }
        return g;
    }

    static double[] wholeRunScore(Layout layout, RunOutcome r, int d) {
        double[] s = new double[d];
        for (Tape.Entry e : r.entries) {
            Layout.Score sc = layout.score(e);
            for (int j = 0; j < sc.index().length; j++) {
                s[sc.index()[j]] += sc.value()[j];
            }
        }
        return s;
    }

    /** -mean over runs of sum over sites of score_site (downstream_site - leave-one-out baseline of the site). */
    private static double[] raoBlackwell(Layout layout, List<RunOutcome> runs) {
        int d = layout.size();
        int k = runs.size();
        Map<String, double[]> totals = new HashMap<>();
        for (RunOutcome r : runs) {
            for (Tape.Entry e : r.entries) {
                double[] t = totals.computeIfAbsent(siteKey(e), x -> new double[2]);
                t[0] += r.suffix[e.position];
                t[1] += 1;
            }
        }
        double[] g = new double[d];
        Map<String, double[]> own = new HashMap<>();
        for (RunOutcome r : runs) {
            own.clear();
            for (Tape.Entry e : r.entries) {
                double[] t = own.computeIfAbsent(siteKey(e), x -> new double[2]);
                t[0] += r.suffix[e.position];
                t[1] += 1;
            }
            for (Tape.Entry e : r.entries) {
                String key = siteKey(e);
                double[] all = totals.get(key);
                double[] mine = own.get(key);
                double others = all[1] - mine[1];
                double b = others > 0 ? (all[0] - mine[0]) / others : 0;
                double term = r.suffix[e.position] - b;
                Layout.Score sc = layout.score(e);
                for (int j = 0; j < sc.index().length; j++) {
                    g[sc.index()[j]] -= sc.value()[j] * term / k;
                }
            }
        }
        return g;
    }

    private static String siteKey(Tape.Entry e) {
        return (e.key != null ? e.key : "") + "@" + e.position;
    }

    /** The strategy and its settings, for logs and reports. */
    @Override
    public String toString() {
        return "stochastic gradient(batch=" + batch + ", rate=" + rate + ", averaging=" + averaging + ")";
    }
}
