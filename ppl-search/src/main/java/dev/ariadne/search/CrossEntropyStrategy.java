package dev.ariadne.search;

import dev.ariadne.core.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The cross-entropy method: each iteration draws fresh runs from the current guide and refits every site's
 * parameters by weighted maximum likelihood (minimising the inclusive KL from the weighted target), smoothed
 * toward the previous parameters. Refits are closed form for Normal-type, Bernoulli, Binomial, Categorical and
 * Poisson sites (and weighted least squares for structured locations), Newton steps for Beta and Gamma.
 *
 * <p>For rare events give a {@link #level level function} S on the run's history and the target level it must
 * reach (the evidence is S >= target). While fewer than a fraction rho of the runs reach the target, the elite set
 * is the runs with S at or above the (1 - rho) quantile gamma, weighted by the likelihood ratio of the run with
 * its hard conditions dropped (p(x) times any soft evidence, over q(x)); once gamma reaches the target, the elite
 * set is the accepted runs with their true importance weights. Without a level function, every accepted run is
 * used with its importance weight.
 */
public final class CrossEntropyStrategy extends Strategy {

    private int runs = 10_000;
    private double rho = 0.1;
    private double smoothing = 0.9;
    private ToDoubleFunction<History> level;
    private double target = Double.POSITIVE_INFINITY;

    CrossEntropyStrategy() {
    }

    /** Runs per iteration (default 10 000). */
    public CrossEntropyStrategy runs(int n) {
        this.runs = atLeast("runs", n, 10);
        return this;
    }

    /** The elite fraction rho for level sets (default 0.1). */
    public CrossEntropyStrategy rho(double r) {
        if (!(r > 0 && r < 1)) {
            throw new IllegalArgumentException("crossEntropy: rho must be in (0, 1), got " + r);
        }
        this.rho = r;
        return this;
    }

    /** The smoothing alpha: new = alpha fit + (1 - alpha) old, in unconstrained parameters (default 0.9). */
    public CrossEntropyStrategy smoothing(double a) {
        if (!(a > 0 && a <= 1)) {
            throw new IllegalArgumentException("crossEntropy: smoothing must be in (0, 1], got " + a);
        }
        this.smoothing = a;
        return this;
    }

    /**
     * Elite level sets for a rare event: the evidence holds when {@code score(history) >= target}.
     *
     * @param score  a function of the finished run's history (also called on failed runs, whose history stops at
     *               the failing site); must not return NaN
     * @param target the level at which the evidence holds
     */
    public CrossEntropyStrategy level(ToDoubleFunction<History> score, double target) {
        this.level = java.util.Objects.requireNonNull(score, "level function");
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException("crossEntropy: target level must be finite, got " + target);
        }
        this.target = target;
        return this;
    }

    @Override
    public String name() {
        return "crossEntropy";
    }

    @Override
    void search(SearchContext ctx) {
        Layout layout = ctx.layout;
        if (layout.family.kind() == GuideFamily.Kind.PROGRAM) {
            throw new IllegalArgumentException("crossEntropy refits built-in families in closed form; family '"
                    + layout.family.name() + "' is a program: use Strategy.gradient(), cmaes(), bobyqa() or hillClimb()");
        }
        for (int t = 1; ctx.canStep(t, runs); t++) {
            List<RunOutcome> rs = ctx.fresh(layout.snapshot(), runs, true, level);
            layout.merge(rs);
            double[] logW = new double[rs.size()];
            String note;
            if (level != null) {
                double[] s = new double[rs.size()];
                for (int i = 0; i < s.length; i++) {
                    double v = rs.get(i).level;
                    if (Double.isNaN(v)) {
                        throw new IllegalArgumentException("crossEntropy: the level function returned NaN on run "
                                + rs.get(i).index + " of seed " + ctx.seed);
                    }
                    s[i] = v;
                }
                double[] sorted = s.clone();
                Arrays.sort(sorted);
                double gamma = sorted[Math.min(sorted.length - 1, (int) Math.floor((1 - rho) * sorted.length))];
                if (gamma >= target) {
                    for (int i = 0; i < logW.length; i++) {
                        logW[i] = rs.get(i).logWeight();
                    }
                    note = "target level " + target + " reached: refit on accepted runs with importance weights";
                } else {
                    for (int i = 0; i < logW.length; i++) {
                        logW[i] = s[i] >= gamma ? rs.get(i).relaxedLogWeight : Double.NEGATIVE_INFINITY;
                    }
                    note = "elite level " + gamma + " (target " + target + ")";
                }
            } else {
                for (int i = 0; i < logW.length; i++) {
                    logW[i] = rs.get(i).logWeight();
                }
                note = "refit on accepted runs with importance weights";
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double l : logW) {
                max = Math.max(max, l);
            }
            if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
                ctx.record(t, ctx.objective.estimate(rs), "no elite run");
                ctx.stop("no run reached the evidence" + (level == null
                        ? " and no level function was given: declare one with crossEntropy().level(score, target)"
                        : ""));
                break;
            }
            refit(layout, rs, logW, max);
            if (!ctx.step(t, ctx.objective.estimate(rs), layout.theta, note)) {
                return;
            }
        }
        if (!ctx.diverged) {
            ctx.choose(layout.theta);
        }
    }

    private void refit(Layout layout, List<RunOutcome> rs, double[] logW, double max) {
        Map<String, List<Tape.Entry>> byKey = new LinkedHashMap<>();
        Map<String, List<Double>> weights = new LinkedHashMap<>();
        for (int i = 0; i < rs.size(); i++) {
            if (logW[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double w = Math.exp(logW[i] - max);
            for (Tape.Entry e : rs.get(i).entries) {
                byKey.computeIfAbsent(e.key, k -> new ArrayList<>()).add(e);
                weights.computeIfAbsent(e.key, k -> new ArrayList<>()).add(w);
            }
        }
        double[] theta = layout.theta;
        for (Map.Entry<String, List<Tape.Entry>> kv : byKey.entrySet()) {
            SiteSpec spec = layout.specs.get(kv.getKey());
            if (spec == null) {
                continue;
            }
            List<Tape.Entry> es = kv.getValue();
            List<Double> ws = weights.get(kv.getKey());
            int n = es.size();
            double[] w = new double[n];
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                w[i] = ws.get(i);
                sum += w[i];
            }
            for (int i = 0; i < n; i++) {
                w[i] /= sum;
                sumSq += w[i] * w[i];
            }
            if (!(1 / sumSq >= 2)) {
                continue;
            }
            double[] xs = new double[n];
            double[][] vecs = new double[n][];
            for (int i = 0; i < n; i++) {
                xs[i] = es.get(i).x;
                vecs[i] = es.get(i).vec;
            }
            Tape.Entry first = es.get(0);
            double[] fit = new double[spec.arity];
            int nc = spec.regressors.length;
            double[] coef = null;
            if (nc > 0 && spec.family.isLocation()) {
                double[] ys = new double[n];
                double[][] regs = new double[n][nc];
                for (int i = 0; i < n; i++) {
                    Tape.Entry e = es.get(i);
                    ys[i] = spec.family.unconstrained(e.proposal, e.x);
                    for (int j = 0; e.regressors != null && j < e.regressors.length; j++) {
                        for (int c = 0; c < nc; c++) {
                            if (spec.regressors[c].equals(e.regressors[j])) {
                                regs[i][c] = e.regressorValues[j];
                            }
                        }
                    }
                }
                double[] beta = new double[nc + 1];
                fit[1] = Refits.leastSquares(ys, regs, w, n, nc, beta, theta[spec.offset + 1]);
                fit[0] = beta[0];
                coef = Arrays.copyOfRange(beta, 1, nc + 1);
            } else {
                spec.family.refit(xs, vecs, w, n, theta, spec.offset, first.prior, fit);
            }
            for (int j = 0; j < spec.arity; j++) {
                if (Double.isFinite(fit[j])) {
                    theta[spec.offset + j] = smoothing * fit[j] + (1 - smoothing) * theta[spec.offset + j];
                }
            }
            if (coef != null) {
                for (int c = 0; c < nc; c++) {
                    int idx = spec.coefficientIndex[c];
                    if (Double.isFinite(coef[c])) {
                        theta[idx] = smoothing * coef[c] + (1 - smoothing) * theta[idx];
                    }
                }
            }
        }
    }
}
