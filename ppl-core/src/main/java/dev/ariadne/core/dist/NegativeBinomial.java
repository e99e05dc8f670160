package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The negative binomial distribution: for integer r, the number of failures before the r-th success in
 * independent trials that each succeed with probability p; for real r > 0, its continuation, a gamma mixture of
 * Poissons (over-dispersed counts). Mass {@code Gamma(k + r) / (k! Gamma(r)) p^r (1 - p)^k} for k = 0, 1, 2, ...
 *
 * <p>A final class rather than a record so that it holds {@code r log p}, {@code log Gamma(r)}, {@code log p} and
 * {@code log(1 - p)}, computed once when it is made (and not again when the same thread makes the next one with
 * the same parameters); it compares, hashes and prints like a record of (r, p).
 */
public final class NegativeBinomial implements IntDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "NegativeBinomial";

    /**
     * {@link LogMath#logGamma}, called and never inlined ({@link NeverInlined}) by {@link #logMass} and the
     * constants' refill: inlined, Commons' log-gamma made each of them (and so the constructor and the engine's
     * observation that inline them) a compiled method too big for C2 to inline into the model, so a
     * NegativeBinomial made at an observation whose p changes from one to the next (a regression on the mean) was
     * allocated and handed to two calls, 64 B and two calls an observation. A call here costs a few nanoseconds
     * beside the log-gamma's own 20 to 40.
     */
    private static MethodHandle logGamma = NeverInlined.handle(MethodHandles.lookup(), "logGammaOf",
            MethodType.methodType(double.class, double.class));

    /** The constants of the last (r, p) this thread made a NegativeBinomial with. */
    private static final PerThreadSlot<Constants> LAST = new PerThreadSlot<>(Constants::new);

    private final double r;
    private final double p;
    private final transient double rLogP;
    private final transient double logGammaR;
    private final transient double logP;
    private final transient double log1mP;

    private static final class Constants extends PerThreadSlot.Entry {
        double r = Double.NaN;
        double p = Double.NaN;
        double logP;
        double log1mP;
        double rLogP;
        double logGammaR;

        /**
         * Out of line where it is rare (the constructor is inlined at every site that makes one): a new r's
         * log Gamma(r), and a new p's logs and r log p. A model whose p changes at every observation and whose r
         * does not (a regression on the mean) computes log Gamma(r) once.
         */
        void set(double r, double p) {
            if (this.r != r) {
                this.logGammaR = logGammaOutOfLine(r);
                this.r = r;
                this.p = Double.NaN;
            }
            if (this.p != p) {
                this.logP = Math.log(p);
                this.log1mP = LogMath.log1p(-p);
                this.rLogP = r * logP;
                this.p = p;
            }
        }
    }

    /**
     * Validates the parameters.
     *
     * @param r the number of successes (any real > 0), finite
     * @param p the success probability of each trial, in (0, 1]
     */
    public NegativeBinomial(double r, double p) {
        if (!(r > 0 && r < Double.POSITIVE_INFINITY && p > 0 && p <= 1)) {
            throw rejected(r, p);
        }
        this.r = r;
        this.p = p;
        Constants c = LAST.get();
        if (c.r != r || c.p != p) {
            c.set(r, p);
        }
        this.logP = c.logP;
        this.log1mP = c.log1mP;
        this.rLogP = c.rLogP;
        this.logGammaR = c.logGammaR;
    }

    /** The exception for parameters the constructor's one test rejected, thrown by the first check that fails. */
    private static RuntimeException rejected(double r, double p) {
        Check.positive(NAME, "r", r);
        Check.positiveProbability(NAME, "p", p);
        return Check.acceptedByEveryCheck(NAME);
    }

    /** The number of successes (any real > 0). */
    public double r() {
        return r;
    }

    /** The success probability of each trial. */
    public double p() {
        return p;
    }

    /** The counts 0, 1, 2, .... */
    @Override
    public Support support() {
        return Support.COUNTS;
    }

    /** The log mass at k; {@code -inf} for k < 0 (and for k > 0 when p = 1). */
    @Override
    public double logMass(int k) {
        if (k < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (k == 0) {
            return rLogP;
        }
        if (r > LargeShapes.THRESHOLD) {
            return largeR(k);
        }
        return rLogP + logGammaOutOfLine(k + r) - Numerics.logFactorial(k) - logGammaR + k * log1mP;
    }

    /**
     * {@link #logMass} for r above {@link LargeShapes#THRESHOLD}, where log Gamma(k + r) - log Gamma(r) cancels
     * (terms of size r log r, each ulp of them about 2e-16 r log r nats: 0.1 nats at r = 1e14, where the masses
     * summed to 9.7, an outside tester). As log Gamma(k) - log B(r, k), the log beta computed without that
     * cancellation, less log k! gives -log B(r, k) - log k.
     */
    private double largeR(int k) {
        return rLogP - LogBetaFunction.value(r, k) - Math.log(k) + k * log1mP;
    }

    /**
     * A Poisson draw whose rate is a Gamma(r, rate p / (1 - p)) draw. A rate beyond {@link Poisson#MAX_RATE}, whose
     * draws may not fit in an int, is an {@link ArithmeticException} naming the distribution.
     */
    @Override
    public int sample(Rng rng) {
        if (p == 1) {
            return 0;
        }
        double lambda = Math.exp(GammaSampler.call(rng, r, 1, 0, true) + log1mP - logP);
        return Numerics.poisson(rng, lambda, this);
    }

    /** {@code r (1 - p) / p}. */
    @Override
    public double mean() {
        return r * (1 - p) / p;
    }

    /** {@code r (1 - p) / p^2}. */
    @Override
    public double variance() {
        return r * (1 - p) / (p * p);
    }

    private Object readResolve() {
        return new NegativeBinomial(r, p);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof NegativeBinomial nb && Double.compare(r, nb.r) == 0
                && Double.compare(p, nb.p) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(r) + Double.hashCode(p);
    }

    @Override
    public String toString() {
        return "NegativeBinomial(r=" + r + ", p=" + p + ")";
    }

    /** {@code log Gamma(x)}, always a call (see {@link #logGamma}). */
    private static double logGammaOutOfLine(double x) {
        try {
            return (double) logGamma.invokeExact(x);
        } catch (Throwable e) {
            throw NeverInlined.rethrown(e);
        }
    }

    /** The method {@link #logGamma} calls: {@link LogMath#logGamma}. */
    private static double logGammaOf(double x) {
        return LogMath.logGamma(x);
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private NegativeBinomial(NegativeBinomial original) {
        this.r = original.r;
        this.p = original.p;
        this.rLogP = original.rLogP;
        this.logGammaR = original.logGammaR;
        this.logP = original.logP;
        this.log1mP = original.log1mP;
    }

    /**
     * An equal NegativeBinomial, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public NegativeBinomial detached() {
        return new NegativeBinomial(this);
    }
}
