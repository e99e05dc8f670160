package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The Poisson distribution: the number of events in a unit of time when they occur independently at the given
 * rate. Mass {@code rate^k exp(-rate) / k!} for k = 0, 1, 2, ...
 *
 * <p>A final class rather than a record so that it holds {@code log(rate)}, computed once when it is made (and
 * not again when the same thread makes the next Poisson with the same rate, as a model does at each observation of
 * one group, nor with a rate it met before in the run, as a mixture's components take turns); it compares, hashes
 * and prints like a record of (rate). {@code log(k!)} comes from a table for k below 1024; larger counts are scored
 * by the saddle-point expansion.
 */
public final class Poisson implements IntDist {

    private static final long serialVersionUID = 1L;

    /**
     * The largest rate a Poisson draws at: its draws stay below {@link Integer#MAX_VALUE} with overwhelming
     * probability. A Poisson of any finite rate scores counts; only a draw above this rate is refused, as an
     * observation's rate proposed far out by an MCMC move or drawn from a vague prior may be.
     */
    public static final double MAX_RATE = 1e9;

    private static final String NAME = "Poisson";

    /** The last rate this thread made a Poisson with, and its log. */
    private static final PerThreadSlot<LogOf> LAST = new PerThreadSlot<>(LogOf::new);

    private final double rate;
    private final transient double logRate;

    private static final class LogOf extends PerThreadSlot.Entry {
        double rate = Double.NaN;
        double log;
        /**
         * The logs of rates met before: rates taking turns within a run (a mixture's two components, groups whose
         * counts come interleaved, weekdays) miss the last rate at every observation, and find theirs here after their
         * first observation in the run.
         */
        final LogMemo memo = new LogMemo();
        /**
         * This thread's kept log ({@link KeptLog}), held here so that a miss needs no lookup of it: a call left in
         * line on this rare branch slowed every observation (see {@link LogMemo#log}). Should another thread's
         * entry ever displace it from its stripe, it is no longer updated, and its point, compared by its bits, simply
         * stops matching.
         */
        final KeptLog kept = KeptLog.mine();

        /**
         * Another rate than the last: its log as kept from the Gamma density that just scored it, or from the rates
         * met before, or taken.
         */
        void missed(double x) {
            log = kept.logOr(x, memo);
            rate = x;
        }
    }

    /**
     * Validates the parameter.
     *
     * @param rate the mean number of events, finite and >= 0 (0 is the point mass at 0); draws need a rate of at
     *             most {@value #MAX_RATE}, so that they fit in an int
     */
    public Poisson(double rate) {
        if (!(rate >= 0 && rate < Double.POSITIVE_INFINITY)) {
            throw rejected(rate);
        }
        this.rate = rate;
        LogOf last = LAST.get();
        if (last.rate != rate) {
            last.missed(rate);
        }
        this.logRate = last.log;
    }

    /** Out of line, as the constructor is inlined at every site that makes a Poisson. */
    private static ParameterException rejected(double rate) {
        return new ParameterException(NAME, "rate", rate, "finite and >= 0");
    }

    /** The rate: the mean number of events. */
    public double rate() {
        return rate;
    }

    /** The counts 0, 1, 2, .... */
    @Override
    public Support support() {
        return Support.COUNTS;
    }

    /**
     * {@code k log(rate) - rate - log(k!)}; {@code -rate} for k = 0 (also at rate 0); {@code -inf} for k < 0. From
     * k = 1024 on, by Loader's saddle-point expansion, which keeps its relative precision at any count.
     */
    @Override
    public double logMass(int k) {
        if (k <= 0) {
            return k == 0 ? -rate : Double.NEGATIVE_INFINITY;
        }
        if (k >= LogMath.LOG_FACTORIAL_TABLE_SIZE) {
            return largeCount(k);
        }
        return k * logRate - rate - Numerics.logFactorial(k);
    }

    /**
     * The log mass at a count of 1024 or more, by the saddle-point expansion ({@link LargeCountMass}): the direct
     * form's {@code k log(rate)} and {@code log k!} are each about {@code k log k}, and their difference keeps only
     * about 10^-6 of the log mass at k = 10^9.
     */
    private double largeCount(int k) {
        return rate == 0 ? Double.NEGATIVE_INFINITY : LargeCountMass.poisson(rate, k);
    }

    /**
     * Inversion for rates below 30 (allocation-free); the Commons RNG large-mean sampler above, up to
     * {@value #MAX_RATE}, past which a draw is refused with an {@code ArithmeticException} naming the rate.
     */
    @Override
    public int sample(Rng rng) {
        return Numerics.poisson(rng, rate, this);
    }

    /** The rate. */
    @Override
    public double mean() {
        return rate;
    }

    /** The rate. */
    @Override
    public double variance() {
        return rate;
    }

    private Object readResolve() {
        return new Poisson(rate);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Poisson other && Double.compare(rate, other.rate) == 0);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(rate);
    }

    @Override
    public String toString() {
        return "Poisson(rate=" + rate + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Poisson(Poisson original) {
        this.rate = original.rate;
        this.logRate = original.logRate;
    }

    /**
     * An equal Poisson, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Poisson detached() {
        return new Poisson(this);
    }
}
