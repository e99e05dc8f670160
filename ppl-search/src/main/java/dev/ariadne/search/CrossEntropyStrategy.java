package dev.ariadne.search;

import dev.ariadne.core.History;
import dev.ariadne.core.SerializableToDoubleFunction;

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
 *   <li>with plain conditions only, when fewer than {@value Elites#MIN_ELITE} runs are accepted, the next batch
 *   is drawn from the guide with every proposal widened ({@link SiteFamily#widened}) by a factor that doubles
 *   until enough runs are accepted; the refit on them (weights tempered to keep an effective sample size) moves
 *   the guide into the region, and the next batch is drawn unwidened again;</li>
 *   <li>when the elite levels stall (each climbs less than {@value CrossEntropySearch#STALL_PROGRESS} of the
 *   remaining distance, several times in a row: the family cannot follow the evidence, as a mean-field guide
 *   cannot follow a random walk), the search goes on as for a plain condition, widening from where it stands.</li>
 * </ul>
 * When widening by {@value CrossEntropySearch#MAX_WIDENING} still finds no accepted run, the search stops and
 * says what to do instead (the margin form, a richer family, or subset simulation, which needs no family).
 *
 * <p><b>When it stops.</b> Besides the budget: once the evidence is reached, the search watches the relative
 * second moment of the batch's importance weights, E[w^2] / E[w]^2, which sets how many runs a certification
 * needs (a batch whose effective sample size is below {@value CrossEntropySearch#MIN_ESS} is not judged); when it
 * has not improved by {@value CrossEntropySearch#IMPROVEMENT} (relatively) in
 * {@value CrossEntropySearch#PATIENCE} iterations in a row, the search stops as converged and returns the
 * parameters whose batch had the smallest one (measured on that batch's runs: the certification on fresh runs is
 * what counts), unless over those iterations the objective fell by more than 3.1 standard errors or a proposal's
 * scale shrank by more than half ({@code CrossEntropySearch.notConverged}): a proposal that narrows past the
 * posterior's spread has weights that look even on its own runs while the objective still falls (a k-hat near 1
 * on the certification). The watch then starts again, and a search the budget ends says in its stop reason
 * {@code not converged:} and which.
 * Immutable: each setter returns a new strategy.
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
     * The same strategy with elite level sets from a level function instead of the model's margins: the evidence
     * holds when {@code score(history) >= target}. Not needed when the model states its evidence with a margin
     * ({@code p.condition(name, score, threshold)}); use it to override the margins, or for a model whose
     * condition is plain.
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
        if (ctx.layout.family.kind() == GuideFamily.Kind.PROGRAM) {
            throw new IllegalArgumentException("crossEntropy refits built-in families in closed form; family '"
                    + ctx.layout.family.name() + "' is a program: use Strategy.gradient(), cmaes(), bobyqa() or "
                    + "hillClimb()");
        }
        new CrossEntropySearch(ctx, runs, rho, smoothing, level, target).run();
    }

    /** The strategy and its settings, for logs and reports. */
    @Override
    public String toString() {
        return "cross-entropy(runs=" + runs + ", rho=" + rho + ", smoothing=" + smoothing
                + (level == null ? "" : ", a level function, target " + target) + ")";
    }
}
