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
 * One run of the cross-entropy method ({@link CrossEntropyStrategy} says what it does): the iterations, the
 * widening of proposals, the watch on stalled levels and on convergence, and the refits. Made per search, so the
 * strategy itself stays immutable and shareable.
 */
final class CrossEntropySearch {

    /**
     * A best relative second moment below this reads as weights all but equal: what an exact guide gives, and also
     * one whose discrete proposals have collapsed onto the few runs of the event they drew (a new user's pedigree:
     * "converged ... E[w^2]/E[w]^2 = 1.000" in 4 seeds of 4, its guide's free energy 0.9 nats above the prior's).
     */
    static final double EVEN_WEIGHTS = 1.01;
    /** What the stop says of weights all but equal. */
    static final String EVEN_WEIGHTS_NOTE = "; a second moment of 1 is what an exact guide reads, and also one whose "
            + "proposals collapsed onto a few runs of the event, each proposed with probability near 1: only the free "
            + "energy (the comparison with the start, the certification) tells them apart";

    /** The largest factor by which proposals are widened before a plain condition is declared out of reach. */
    static final double MAX_WIDENING = 1024;
    /** Iterations without improvement after which a search that reached the evidence stops. */
    static final int PATIENCE = 2;
    /** The relative improvement of E[w^2] / E[w]^2 that counts as one. */
    static final double IMPROVEMENT = 0.05;
    /**
     * The least share of the remaining distance to the target that an elite level must climb in one iteration;
     * after {@value #PATIENCE} + 1 iterations in a row below it, the levels have stalled.
     */
    static final double STALL_PROGRESS = 0.02;
    /**
     * The least effective sample size, n / (E[w^2]/E[w]^2), at which a batch's second moment is trusted for the
     * convergence watch: below it the estimate is stuck near n (one run dominates) and says nothing.
     */
    static final double MIN_ESS = 20;

    private final SearchState ctx;
    private final Layout layout;
    private final int runs;
    private final double rho;
    private final double smoothing;
    private final ToDoubleFunction<History> level;
    private final double target;
    private double lastGamma = Double.NEGATIVE_INFINITY;
    /** The objective, parameters and iteration at which the convergence watch last saw an improvement. */
    private Estimate since;
    private double[] sinceTheta;
    private int sinceStep;
    /** Why the last would-be convergence did not count, or null. */
    private String notConvergedNote;
    private int slowLevels;
    private boolean stalled;
    private String stallNote;

    CrossEntropySearch(SearchState ctx, int runs, double rho, double smoothing, ToDoubleFunction<History> level,
                       double target) {
        this.ctx = ctx;
        this.layout = ctx.layout;
        this.runs = runs;
        this.rho = rho;
        this.smoothing = smoothing;
        this.level = level;
        this.target = target;
    }

    void run() {
        double widening = 1;
        double best = Double.POSITIVE_INFINITY;
        double[] bestTheta = null;
        int sinceBest = 0;
        for (int t = 1; ctx.canStep(t, runs); t++) {
            double[] measured = widening > 1 ? layout.widened(layout.theta(), widening) : layout.theta().clone();
            List<RunOutcome> rs = ctx.fresh(layout.snapshot(measured), runs, true, level);
            layout.merge(rs);
            // as the gradient's first batch: the layout is then the parameters drawn at, less the sites held out
            measured = t == 1 && ctx.holdOutStartSitesNoRunMade() ? layout.theta().clone() : layout.padded(measured);
            Elites elites = elites(rs);
            Estimate est = ctx.objective().estimate(rs);
            String widenedNote = widening > 1 ? String.format(Locale.ROOT, "proposals widened %.0fx; ", widening) : "";
            if (elites.stage == Elites.Stage.NONE) {
                if (widening >= MAX_WIDENING) {
                    ctx.record(t, est, widenedNote + elites.note);
                    ctx.noneAcceptedSaid = true;
                    ctx.stop(outOfReach());
                    return;
                }
                widening *= 2;
                ctx.record(t, est, widenedNote + elites.note + ": widening the proposals "
                        + String.format(Locale.ROOT, "%.0fx", widening));
                continue;
            }
            if (elites.stage == Elites.Stage.LEVEL) {
                // Climbing the elite levels, most iterations accept no run, and an infinite objective is the climb,
                // not a divergence: one lucky accepted run had made the next iterations without one read as the
                // objective exploding, and the search returned a guide from the middle of its climb.
                ctx.record(t, est, widenedNote + elites.note);
                if (!ctx.finite(measured, t)) {
                    return;
                }
            } else if (!ctx.step(t, est, measured, widenedNote + elites.note)) {
                return;
            }
            if (elites.stage == Elites.Stage.LEVEL && !stalled) {
                double progress = (elites.gamma - lastGamma) / (levelTarget() - lastGamma);
                slowLevels = progress < STALL_PROGRESS ? slowLevels + 1 : 0;
                lastGamma = elites.gamma;
                if (slowLevels >= PATIENCE + 1) {
                    stalled = true;
                    stallNote = String.format(Locale.ROOT, "the elite level stalled at %.6g (target %s) for %d "
                            + "iterations", elites.gamma, levelTarget(), slowLevels);
                }
            }
            double m = Elites.logRelativeSecondMoment(rs);
            if (elites.stage == Elites.Stage.TARGET_REACHED && m <= Math.log(rs.size() / MIN_ESS)) {
                if (m < best + Math.log1p(-IMPROVEMENT)) {
                    sinceBest = 0;
                    since = est;
                    sinceTheta = measured.clone();
                    sinceStep = t;
                } else if (++sinceBest >= PATIENCE) {
                    String notYet = since == null ? null : notConverged(layout.names, since, est, sinceTheta, measured,
                            t - sinceStep);
                    if (notYet == null) {
                        ctx.stop(String.format(Locale.ROOT, "converged: the relative second moment of the weights, "
                                + "E[w^2]/E[w]^2 = %.4g at its best, did not improve by %.0f%% in %d iterations, "
                                + "and over those iterations neither did the objective fall beyond %.1f standard "
                                + "errors nor any proposal's scale shrink by half (read on the runs its guides drew: "
                                + "a route to the event that they never take is in none of it, and the "
                                + "certification looks for one)%s", Math.exp(best), 100 * IMPROVEMENT,
                                PATIENCE, SearchState.STILL_FALLING_SES, Math.exp(best) < EVEN_WEIGHTS
                                ? EVEN_WEIGHTS_NOTE : ""));
                        ctx.choose(layout.padded(bestTheta));
                        return;
                    }
                    // Not converged: the second moment, read on each batch's own runs, stops improving where the
                    // proposal has narrowed past what its runs can show (a collapsed scale gives weights that look
                    // even); the watch starts again from here, and where the objective fell, with these parameters
                    // as its best (a collapsing proposal's are not: the best second moment's stay).
                    notConvergedNote = "iteration " + t + " did not count as converged: " + notYet;
                    sinceBest = 0;
                    since = est;
                    sinceTheta = measured.clone();
                    sinceStep = t;
                    if (notYet.startsWith(OBJECTIVE_FALLING)) {
                        best = m;
                        bestTheta = measured.clone();
                    }
                }
                if (m < best) {
                    best = m;
                    bestTheta = measured.clone();
                }
            }
            refit(rs, elites.logW);
            widening = 1;
            if (!ctx.finite(layout.theta(), t)) {
                return;
            }
        }
        if (notConvergedNote != null) {
            ctx.stopReason += "; not converged: " + notConvergedNote;
        }
        ctx.choose(bestTheta != null ? layout.padded(bestTheta) : layout.theta());
    }

    /**
     * Why the search has not converged though the second moment stopped improving, or null: between the iteration
     * at which the watch last saw an improvement ({@code then}, parameters {@code thenTheta}, named by
     * {@code names}) and this one ({@code now}, {@code nowTheta}), {@code iterations} apart, the objective fell by
     * more than {@value SearchState#STILL_FALLING_SES} standard errors of the difference and
     * {@value SearchState#STILL_FALLING_NATS} nats (each estimate from its own batch, so the two are independent), or
     * a proposal's scale (a parameter {@code logScale} or a Cholesky factor's log diagonal {@code logL[i][i]}) shrank
     * by more than half: a proposal that keeps narrowing has not settled, and one narrower than the posterior has
     * weights whose variance its own runs cannot show.
     */
    static String notConverged(List<String> names, Estimate then, Estimate now, double[] thenTheta, double[] nowTheta,
                               int iterations) {
        double drop = then.value() - now.value();
        double se = Math.sqrt(then.standardError() * then.standardError() + now.standardError() * now.standardError());
        if (Double.isFinite(drop) && Double.isFinite(se) && drop > SearchState.STILL_FALLING_SES * se
                && drop > SearchState.STILL_FALLING_NATS) {
            return String.format(Locale.ROOT, OBJECTIVE_FALLING + " (%.6g to %.6g in %d iterations, %.1f "
                    + "standard errors)", then.value(), now.value(), iterations, drop / se);
        }
        int worst = -1;
        double shrink = 0;
        for (int i = 0; i < Math.min(thenTheta.length, nowTheta.length) && i < names.size(); i++) {
            String n = names.get(i);
            boolean scale = n.endsWith(".logScale") || n.contains(".logScale[") || n.contains(".logL[");
            if (scale && n.contains(".logL[") && !diagonal(n.substring(n.indexOf(".logL[") + 5))) {
                scale = false;
            }
            double d = thenTheta[i] - nowTheta[i];
            if (scale && d > shrink) {
                shrink = d;
                worst = i;
            }
        }
        if (worst >= 0 && shrink > Math.log(2)) {
            return String.format(Locale.ROOT, "the proposal's scale %s was still shrinking (%.4g to %.4g in %d "
                    + "iterations), so the proposal may be collapsing below the posterior's spread", names.get(worst),
                    Math.exp(thenTheta[worst]), Math.exp(nowTheta[worst]), iterations);
        }
        return null;
    }

    /** How {@link #notConverged} begins its account of an objective still falling. */
    static final String OBJECTIVE_FALLING = "the objective was still falling";

    /** Whether an index suffix {@code [i][j]} names a diagonal entry. */
    private static boolean diagonal(String suffix) {
        int close = suffix.indexOf(']');
        return close > 0 && suffix.startsWith("[" + suffix.substring(1, close) + "][" + suffix.substring(1, close)
                + "]");
    }

    private double levelTarget() {
        return level != null ? target : 0;
    }

    private Elites elites(List<RunOutcome> rs) {
        int n = rs.size();
        double[] s = new double[n];
        if (stalled) {
            for (int i = 0; i < n; i++) {
                s[i] = rs.get(i).failed ? Double.NEGATIVE_INFINITY : 0;
            }
            Elites e = Elites.select(rs, s, 0, rho, "evidence");
            return e.withNote(stallNote + "; " + e.note);
        }
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

    private String outOfReach() {
        String none = "no run reached the evidence, even with every proposal widened " + (long) MAX_WIDENING + "x";
        if (stalled) {
            return none + ", after " + stallNote + ": the guide family cannot follow this evidence. Try a richer "
                    + "family (GuideFamily.structured() for choices that depend on earlier ones), or subset "
                    + "simulation (dev.ariadne.inference.rare.SubsetSimulation), which needs no guide family";
        }
        return none + ": a plain condition says only whether a run is in the evidence, not how far it is. State it "
                + "with its margin, p.condition(name, score, threshold) (holds when score >= threshold), and the "
                + "search climbs to it by levels; or give crossEntropy().level(score, target)";
    }

    private void refit(List<RunOutcome> rs, double[] logW) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logW) {
            max = Math.max(max, l);
        }
        Map<String, List<Tape.Entry>> byKey = new LinkedHashMap<>();
        Map<String, List<Double>> weights = new LinkedHashMap<>();
        Map<String, Map<Double, Integer>> drawn = new LinkedHashMap<>();
        for (int i = 0; i < rs.size(); i++) {
            for (Tape.Entry e : rs.get(i).entries) {
                if (e.family instanceof BernoulliFamily || e.family instanceof CategoricalFamily) {
                    drawn.computeIfAbsent(e.key, k -> new java.util.HashMap<>()).merge(e.x, 1, Integer::sum);
                }
            }
            if (logW[i] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            double w = Math.exp(logW[i] - max);
            for (Tape.Entry e : rs.get(i).entries) {
                // a run where the site's prior took another shape than its parameters' is not its data
                if (e.family == null || !Layout.fits(layout.specs.get(e.key), e)) {
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
                UndrawnValues.keep(spec.family, first.prior, theta, spec.offset, fit, drawn.get(kv.getKey()));
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
