package dev.ariadne.search;

import dev.ariadne.core.History;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.inference.Estimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * used with its importance weight. Immutable: each setter returns a new strategy.
 */
public final class CrossEntropyStrategy implements Strategy {

    static final CrossEntropyStrategy DEFAULT = new CrossEntropyStrategy(10_000, 0.1, 0.9, null,
            Double.POSITIVE_INFINITY);

    private final int runs;
    private final double rho;
    private final double smoothing;
    /** Serialisable, so that it ships with the search's batches to any backend. */
    private final SerializableToDoubleFunction<History> level;
    private final double target;

    private CrossEntropyStrategy(int runs, double rho, double smoothing, SerializableToDoubleFunction<History> level,
                                 double target) {
        this.runs = runs;
        this.rho = rho;
        this.smoothing = smoothing;
        this.level = level;
        this.target = target;
    }

    /** The same strategy with n runs per iteration (n >= 10; default 10 000). */
    public CrossEntropyStrategy runs(int n) {
        return new CrossEntropyStrategy(Settings.atLeast(name(), "runs", n, 10), rho, smoothing, level, target);
    }

    /** The same strategy with the elite fraction rho for level sets (default 0.1). */
    public CrossEntropyStrategy rho(double r) {
        if (!(r > 0 && r < 1)) {
            throw new IllegalArgumentException("crossEntropy: rho must be in (0, 1), got " + r);
        }
        return new CrossEntropyStrategy(runs, r, smoothing, level, target);
    }

    /**
     * The same strategy with the smoothing alpha: new = alpha fit + (1 - alpha) old, in unconstrained parameters
     * (default 0.9).
     */
    public CrossEntropyStrategy smoothing(double a) {
        if (!(a > 0 && a <= 1)) {
            throw new IllegalArgumentException("crossEntropy: smoothing must be in (0, 1], got " + a);
        }
        return new CrossEntropyStrategy(runs, rho, a, level, target);
    }

    /**
     * The same strategy with elite level sets for a rare event: the evidence holds when
     * {@code score(history) >= target}.
     *
     * @param score  a function of the finished run's history (also called on failed runs, whose history stops at
     *               the failing site); must not return NaN
     * @param target the level at which the evidence holds
     */
    public CrossEntropyStrategy level(SerializableToDoubleFunction<History> score, double target) {
        java.util.Objects.requireNonNull(score, "level function");
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException("crossEntropy: target level must be finite, got " + target);
        }
        return new CrossEntropyStrategy(runs, rho, smoothing, score, target);
    }

    @Override
    public String name() {
        return "crossEntropy";
    }

    @Override
    public void search(SearchContext context) {
        SearchState ctx = SearchState.of(context);
        Layout layout = ctx.layout;
        if (layout.family.kind() == GuideFamily.Kind.PROGRAM) {
            throw new IllegalArgumentException("crossEntropy refits built-in families in closed form; family '"
                    + layout.family.name() + "' is a program: use Strategy.gradient(), cmaes(), bobyqa() or hillClimb()");
        }
        for (int t = 1; ctx.canStep(t, runs); t++) {
            double[] measured = layout.theta().clone();
            List<RunOutcome> rs = ctx.fresh(runs, true, level);
            layout.merge(rs);
            measured = layout.padded(measured);
            double[] logW = new double[rs.size()];
            String note;
            if (level != null) {
                double[] s = new double[rs.size()];
                for (int i = 0; i < s.length; i++) {
                    double v = rs.get(i).level;
                    if (Double.isNaN(v)) {
                        throw new IllegalArgumentException("crossEntropy: the level function returned NaN on run "
                                + rs.get(i).index + " of seed " + ctx.seed());
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
            Estimate est = ctx.objective().estimate(rs);
            if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
                ctx.record(t, est, "no elite run");
                ctx.stop("no run reached the evidence" + (level == null
                        ? " and no level function was given: declare one with crossEntropy().level(score, target)"
                        : ""));
                break;
            }
            if (!ctx.step(t, est, measured, note)) {
                return;
            }
            refit(layout, rs, logW, max);
            if (!ctx.finite(layout.theta(), t)) {
                return;
            }
        }
        ctx.choose(layout.theta());
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
                if (e.family == null) {
                    continue;
                }
                byKey.computeIfAbsent(e.key, k -> new ArrayList<>()).add(e);
                weights.computeIfAbsent(e.key, k -> new ArrayList<>()).add(w);
            }
        }
        double[] theta = layout.theta();
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
            if (nc > 0 && spec.family instanceof LocationFamily loc) {
                double[] ys = new double[n];
                double[][] regs = new double[n][nc];
                for (int i = 0; i < n; i++) {
                    Tape.Entry e = es.get(i);
                    ys[i] = loc.unconstrained(e.prior, e.x);
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
                spec.family.refit(new RefitData(xs, vecs, w, n), theta, spec.offset, first.prior, fit);
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
