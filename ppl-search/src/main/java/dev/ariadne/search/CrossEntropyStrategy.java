package dev.ariadne.search;

import dev.ariadne.core.History;
import dev.ariadne.inference.Estimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The cross-entropy method: each iteration draws fresh runs from the current guide and refits every site's
 * parameters by weighted maximum likelihood (minimising the inclusive KL from the weighted target), smoothed
 * toward the previous parameters. Refits are closed form for Normal-type, Bernoulli, Binomial, Categorical and
 * Poisson sites (and weighted least squares for structured locations), Newton steps for Beta and Gamma.
 *
 * <p><b>Rare events.</b> Which runs a refit learns from is decided by {@link Elites}:
 * <ul>
 *   <li>when the model states its evidence with a margin, {@code p.condition("tail", sum, 50.0)}, the levels come
 *   from the margins of the runs (Rubinstein and Kroese's adaptive levels): while fewer than a fraction rho of the
 *   runs pass the threshold, the elite set is the runs whose margin is at or above the (1 - rho) quantile gamma,
 *   weighted by the likelihood ratio of the run with its hard conditions dropped; once gamma reaches 0, the
 *   accepted runs with their importance weights. No level function is needed;</li>
 *   <li>a {@link #level level function} overrides the margins (the evidence is then score >= target);</li>
 *   <li>with plain conditions only, when fewer than {@value Elites#MIN_ELITE} runs are accepted, the next batch is
 *   drawn from the guide with every proposal widened ({@link SiteFamily#widened}) by a factor that doubles until
 *   enough runs are accepted; the refit on them (weights tempered to keep an effective sample size) moves the guide
 *   into the region, and the next batch is drawn unwidened again. When widening by {@value #MAX_WIDENING} still
 *   finds nothing, the search stops and says that the margin form is the way out.</li>
 * </ul>
 *
 * <p><b>When it stops.</b> Besides the budget: once the evidence is reached, the search watches the relative
 * second moment of the batch's importance weights, E[w^2] / E[w]^2, which sets how many runs a certification needs;
 * when it has not improved by {@value #IMPROVEMENT} (relatively) in {@value #PATIENCE} iterations in a row, the
 * search stops and returns the parameters whose batch had the smallest one (measured on that batch's runs: the
 * certification on fresh runs is what counts). Immutable: each setter returns a new strategy.
 */
public final class CrossEntropyStrategy implements Strategy {

    static final CrossEntropyStrategy DEFAULT = new CrossEntropyStrategy(10_000, 0.1, 0.9, null,
            Double.POSITIVE_INFINITY);
    /** The largest factor by which proposals are widened before a plain condition is declared out of reach. */
    static final double MAX_WIDENING = 1024;
    /** Iterations without improvement after which a search that reached the evidence stops. */
    static final int PATIENCE = 2;
    /** The relative improvement of E[w^2] / E[w]^2 that counts as one. */
    static final double IMPROVEMENT = 0.05;

    private final int runs;
    private final double rho;
    private final double smoothing;
    private final ToDoubleFunction<History> level;
    private final double target;

    private CrossEntropyStrategy(int runs, double rho, double smoothing, ToDoubleFunction<History> level,
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
     * The same strategy with elite level sets from a level function instead of the model's margins: the evidence
     * holds when {@code score(history) >= target}. Not needed when the model states its evidence with a margin
     * ({@code p.condition(name, score, threshold)}); use it to override the margins, or for a model whose
     * condition is plain.
     *
     * @param score  a function of the finished run's history (also called on failed runs, whose history stops at
     *               the failing site); must not return NaN
     * @param target the level at which the evidence holds
     */
    public CrossEntropyStrategy level(ToDoubleFunction<History> score, double target) {
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
        double widening = 1;
        double best = Double.POSITIVE_INFINITY;
        double[] bestTheta = null;
        int sinceBest = 0;
        for (int t = 1; ctx.canStep(t, runs); t++) {
            double[] measured = widening > 1 ? layout.widened(layout.theta(), widening) : layout.theta().clone();
            List<RunOutcome> rs = ctx.fresh(layout.snapshot(measured), runs, true, level);
            layout.merge(rs);
            measured = layout.padded(measured);
            Elites elites = elites(rs, ctx);
            Estimate est = ctx.objective().estimate(rs);
            String widenedNote = widening > 1 ? String.format(Locale.ROOT, "proposals widened %.0fx; ", widening) : "";
            if (elites.stage == Elites.Stage.NONE) {
                if (widening >= MAX_WIDENING) {
                    ctx.record(t, est, widenedNote + elites.note);
                    ctx.stop(outOfReach());
                    return;
                }
                widening *= 2;
                ctx.record(t, est, widenedNote + elites.note + ": widening the proposals "
                        + String.format(Locale.ROOT, "%.0fx", widening));
                continue;
            }
            if (!ctx.step(t, est, measured, widenedNote + elites.note)) {
                return;
            }
            if (elites.stage == Elites.Stage.TARGET_REACHED && elites.tau == 1) {
                double m = Elites.logRelativeSecondMoment(rs);
                if (m < best + Math.log1p(-IMPROVEMENT)) {
                    sinceBest = 0;
                } else if (++sinceBest >= PATIENCE) {
                    ctx.stop(String.format(Locale.ROOT, "converged: the relative second moment of the weights, "
                            + "E[w^2]/E[w]^2 = %.4g at its best, did not improve by %.0f%% in %d iterations",
                            Math.exp(best), 100 * IMPROVEMENT, PATIENCE));
                    ctx.choose(layout.padded(bestTheta));
                    return;
                }
                if (m < best) {
                    best = m;
                    bestTheta = measured.clone();
                }
            }
            refit(layout, rs, elites.logW);
            widening = 1;
            if (!ctx.finite(layout.theta(), t)) {
                return;
            }
        }
        ctx.choose(bestTheta != null ? layout.padded(bestTheta) : layout.theta());
    }

    private Elites elites(List<RunOutcome> rs, SearchState ctx) {
        int n = rs.size();
        double[] s = new double[n];
        if (level != null) {
            for (int i = 0; i < n; i++) {
                s[i] = rs.get(i).level;
                if (Double.isNaN(s[i])) {
                    throw new IllegalArgumentException("crossEntropy: the level function returned NaN on run "
                            + rs.get(i).index + " of seed " + ctx.seed());
                }
            }
            return Elites.select(rs, s, target, rho, "level");
        }
        boolean margins = false;
        for (int i = 0; i < n; i++) {
            s[i] = rs.get(i).margin;
            margins |= Double.isFinite(s[i]);
        }
        if (margins) {
            for (int i = 0; i < n; i++) {
                if (s[i] == Double.POSITIVE_INFINITY) {
                    s[i] = Double.MAX_VALUE;
                }
            }
            return Elites.select(rs, s, 0, rho, "margin");
        }
        for (int i = 0; i < n; i++) {
            s[i] = rs.get(i).failed ? Double.NEGATIVE_INFINITY : 0;
        }
        return Elites.select(rs, s, 0, rho, "evidence");
    }

    private static String outOfReach() {
        return "no run reached the evidence, even with every proposal widened " + (long) MAX_WIDENING + "x: a plain "
                + "condition says only whether a run is in the evidence, not how far it is. State it with its "
                + "margin, p.condition(name, score, threshold) (holds when score >= threshold), and the search climbs "
                + "to it by levels; or give crossEntropy().level(score, target)";
    }

    private void refit(Layout layout, List<RunOutcome> rs, double[] logW) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logW) {
            max = Math.max(max, l);
        }
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
