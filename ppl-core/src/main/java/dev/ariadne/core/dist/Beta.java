package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The beta distribution on [0, 1], with density {@code x^(alpha-1) (1-x)^(beta-1) / B(alpha, beta)}: for example
 * the distribution of an unknown probability after alpha - 1 successes and beta - 1 failures from a flat prior.
 *
 * <p>A final class rather than a record so that it holds {@code log B(alpha, beta)}, computed once when it is made
 * (and not again when the same thread makes the next Beta with the same shapes, as a hierarchical model does at
 * each group); it compares, hashes and prints like a record of (alpha, beta).
 */
public final class Beta implements RealDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Beta";

    /**
     * The smallest accepted shape. Below it the sampler's log-space arithmetic ({@code log U / shape}) would
     * overflow; such a shape puts all but about {@code 1e-297} of its side's mass within the smallest positive
     * double of the end.
     */
    public static final double MIN_SHAPE = 1e-300;

    /** The last (alpha, beta) this thread made a Beta with, and its log B. */
    private static final PerThreadSlot<LogBetaOf> LAST = new PerThreadSlot<>(LogBetaOf::new);

    private final double alpha;
    private final double beta;
    private final transient double logBeta;
    /**
     * The gamma draws' {@code 1 / sqrt(9 (shape - 1/3))} of each shape (Marsaglia and Tsang's c), taken at this
     * Beta's first draw and kept (0 until then): a fixed guide's Beta is drawn from at every run, and takes the two
     * square roots and divisions once; a Beta made at a site and never drawn from never takes them. Volatile, so
     * that the Java memory model makes each read and write whole (a plain double's may be split in two); a thread
     * that sees one still 0 takes both again, the same values bit for bit. A volatile read is a plain load on x86.
     */
    private transient volatile double alphaScale;
    private transient volatile double betaScale;

    private static final class LogBetaOf extends PerThreadSlot.Entry {
        double alpha = Double.NaN;
        double beta = Double.NaN;
        double logBeta;

        /** Out of line, as the constructor is inlined at every site that makes a Beta: new shapes' log B. */
        void set(double alpha, double beta) {
            this.logBeta = LogMath.logBeta(alpha, beta);
            this.alpha = alpha;
            this.beta = beta;
        }
    }

    /**
     * Validates the parameters.
     *
     * @param alpha the first shape (pseudo-count of successes), finite and >= {@value #MIN_SHAPE}
     * @param beta  the second shape (pseudo-count of failures), finite and >= {@value #MIN_SHAPE}
     */
    public Beta(double alpha, double beta) {
        // Both at least MIN_SHAPE and their sum finite: each finite, and alpha + beta, which the mean and the
        // density take, does not overflow (Beta(1e308, 1e308) had mean 0 and a NaN density).
        if (!(alpha >= MIN_SHAPE && beta >= MIN_SHAPE && alpha + beta < Double.POSITIVE_INFINITY)) {
            throw rejected(alpha, beta);
        }
        this.alpha = alpha;
        this.beta = beta;
        LogBetaOf last = LAST.get();
        if (last.alpha != alpha || last.beta != beta) {
            last.set(alpha, beta);
        }
        this.logBeta = last.logBeta;
    }

    /** The exception for parameters the constructor's one test rejected, thrown by the first check that fails. */
    private static RuntimeException rejected(double alpha, double beta) {
        Check.atLeast(NAME, "alpha", Check.positive(NAME, "alpha", alpha), MIN_SHAPE);
        Check.atLeast(NAME, "beta", Check.positive(NAME, "beta", beta), MIN_SHAPE);
        if (!(alpha + beta < Double.POSITIVE_INFINITY)) {
            return new ParameterException(NAME, "beta", beta, "small enough that alpha + beta is a finite double "
                    + "(alpha is " + alpha + ")");
        }
        return Check.acceptedByEveryCheck(NAME);
    }

    /** The first shape. */
    public double alpha() {
        return alpha;
    }

    /** The second shape. */
    public double beta() {
        return beta;
    }

    /** The unit interval [0, 1]. */
    @Override
    public Support support() {
        return Support.UNIT_INTERVAL;
    }

    /**
     * Within 2^20 doubles of 0 or of 1, where the doubles cannot carry a density with a shape below 1
     * ({@link RealDist#unrepresentableAt}): the run counts with weight 0.
     */
    @Override
    public boolean unrepresentableAt(double x) {
        return Support.withinRoundingOfAnEnd(x, 0, 1);
    }

    /**
     * The log density at x. At the ends it is the limit: {@code +inf} at 0 when alpha < 1 (at 1 when beta < 1),
     * finite when the shape is exactly 1, {@code -inf} when it is larger (draws never land on an end).
     * {@code -inf} outside [0, 1] and for NaN. Above shapes summing to 1e6 it is computed in a form that does not
     * cancel ({@code LargeShapes}).
     */
    @Override
    public double logDensity(double x) {
        if (!(x >= 0 && x <= 1)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lp = -logBeta;
        if (alpha != 1 && beta != 1) {
            if (alpha + beta > LargeShapes.THRESHOLD && x > 0 && x < 1) {
                return LargeShapes.betaLogDensity(alpha, beta, x);
            }
            // both logs, as a Bernoulli or Binomial of x and another Beta's density at x take them (UnitLogs); a
            // density's point is most often a new draw, so they are taken in line, without a search of earlier points
            UnitLogs logs = UnitLogs.at(x);
            return lp + (alpha - 1) * logs.log + (beta - 1) * logs.log1m;
        }
        if (alpha != 1) {
            lp += (alpha - 1) * Math.log(x);
        }
        if (beta != 1) {
            lp += (beta - 1) * LogMath.log1p(-x);
        }
        return lp;
    }

    /**
     * A draw as the ratio of two gamma draws where both shapes exceed 1 (up to 1e300), else by Cheng's (1978)
     * algorithms (see {@code BetaSampler}); allocation-free, exact in log space where the shapes are so small that the draw is
     * within a few ulps of an end. A draw that rounds to 0 is the smallest positive double,
     * one that rounds to 1 the largest double below 1: the density is finite at both.
     */
    @Override
    public double sample(Rng rng) {
        double a = alphaScale;
        double b = betaScale;
        // only the ratio of gammas reads the scales: a Beta made at its site and drawn once, with a shape of 1 or
        // below, took two square roots and two volatile stores a draw for nothing
        if (a == 0 && alpha > 1 && beta > 1) {
            alphaScale = a = GammaSampler.scale(alpha);
            betaScale = b = GammaSampler.scale(beta);
        }
        return BetaSampler.sample(rng, alpha, beta, a, b);
    }

    /** {@code alpha / (alpha + beta)}. */
    @Override
    public double mean() {
        return alpha / (alpha + beta);
    }

    /** {@code alpha beta / ((alpha + beta)^2 (alpha + beta + 1))}. */
    @Override
    public double variance() {
        double s = alpha + beta;
        return alpha / s * (beta / s) / (s + 1);
    }

    private Object readResolve() {
        return new Beta(alpha, beta);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Beta b && Double.compare(alpha, b.alpha) == 0
                && Double.compare(beta, b.beta) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(alpha) + Double.hashCode(beta);
    }

    @Override
    public String toString() {
        return "Beta(alpha=" + alpha + ", beta=" + beta + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Beta(Beta original) {
        this.alpha = original.alpha;
        this.beta = original.beta;
        this.logBeta = original.logBeta;
    }

    /**
     * An equal Beta, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Beta detached() {
        return new Beta(this);
    }
}
