package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The binomial distribution: the number of successes in n independent trials that each succeed with probability
 * p. Mass {@code C(n, k) p^k (1 - p)^(n - k)} for k in 0..n.
 *
 * <p>A final class rather than a record so that it holds {@code log n!}, {@code log p} and {@code log(1 - p)},
 * computed once when it is made; it compares, hashes and prints like a record of (n, p). The other factorials come
 * from a table below 1024; from 1024 trials on, the mass is Loader's saddle-point expansion, whose precision does not
 * fall with n as the difference of log-factorials near {@code n log n} does.
 */
public final class Binomial implements IntDist {

    private static final long serialVersionUID = 1L;
    private static final String NAME = "Binomial";

    /**
     * {@link #draw}, called through a handle C2 never inlines ({@link NeverInlined}): not final on purpose. Inlined
     * (with its log mass at the mode and its search outward from it), the draw made the compiled body of an int
     * sample site drawing from a Binomial too big for C2 to inline into the model (InlineSmallCode), with priors of
     * one class or two, and the Binomial made at the site escaped into the call and was allocated. A few
     * nanoseconds a draw.
     */
    private static MethodHandle drawer = NeverInlined.handle(MethodHandles.lookup(), "draw",
            MethodType.methodType(int.class, Rng.class, int.class, double.class, double.class, double.class,
                    double.class));

    private final int n;
    private final double p;
    private final transient double logFactorialN;
    private final transient double logP;
    private final transient double log1mP;

    /**
     * Validates the parameters.
     *
     * @param n the number of trials, >= 0
     * @param p the success probability of each trial, in [0, 1]
     */
    public Binomial(int n, double p) {
        Check.nonNegativeInt(NAME, "n", n);
        Check.probability(NAME, "p", p);
        this.n = n;
        this.p = p;
        this.logFactorialN = Numerics.logFactorial(n);
        UnitLogs logs = UnitLogs.of(p);
        this.logP = logs.log;
        this.log1mP = logs.log1m;
    }

    /** The number of trials. */
    public int n() {
        return n;
    }

    /** The success probability of each trial. */
    public double p() {
        return p;
    }

    /** The integers 0..n. */
    @Override
    public Support support() {
        return Support.integers(0, n);
    }

    /** The log mass at k; {@code -inf} outside 0..n (and wherever p = 0 or 1 makes k impossible). */
    @Override
    public double logMass(int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p == 0) {
            return k == 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        if (p == 1) {
            return k == n ? 0 : Double.NEGATIVE_INFINITY;
        }
        return logMassInside(k);
    }

    /** The log mass at k in 0..n for p strictly between 0 and 1. */
    private double logMassInside(int k) {
        return logMassInside(n, p, logFactorialN, logP, log1mP, k);
    }

    /** Past 1024 trials by the saddle-point expansion ({@link LargeCountMass}), whose precision does not fall with n. */
    private static double logMassInside(int n, double p, double logFactorialN, double logP, double log1mP, int k) {
        if (n >= LogMath.LOG_FACTORIAL_TABLE_SIZE) {
            return LargeCountMass.binomial(n, p, k);
        }
        double logChoose = logFactorialN - Numerics.logFactorial(k) - Numerics.logFactorial(n - k);
        return logChoose + k * logP + (n - k) * log1mP;
    }

    /**
     * Inversion by chop-down search outward from the mode: values are visited in the fixed order mode, mode+1,
     * mode-1, mode+2, ... accumulating their masses (by the pmf's ratio recurrence) until the total passes a uniform
     * draw. Exact up to rounding of the masses, allocation-free, and about 1.6 standard deviations of work per draw.
     */
    @Override
    public int sample(Rng rng) {
        try {
            return (int) drawer.invokeExact(rng, n, p, logFactorialN, logP, log1mP);
        } catch (Throwable e) {
            throw NeverInlined.rethrown(e);
        }
    }

    /** {@link #sample}'s draw, on numbers only (so that no Binomial escapes into the call). */
    private static int draw(Rng rng, int n, double p, double logFactorialN, double logP, double log1mP) {
        if (p == 0 || n == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        ModeMass m = MODE.get();
        long bits = Double.doubleToRawLongBits(p);
        if (m.n != n || m.pBits != bits) {
            m.mode = (int) Math.min(n, Math.floor((n + 1.0) * p));
            m.pMode = Math.exp(logMassInside(n, p, logFactorialN, logP, log1mP, m.mode));
            m.n = n;
            m.pBits = bits;
        }
        int mode = m.mode;
        double pMode = m.pMode;
        double u = rng.nextDouble();
        if (u < pMode) {
            return mode;
        }
        return outwardFromMode(n, p / (1 - p), mode, pMode, u);
    }

    /** The mode and its mass of the last (n, p) this thread drew from (see {@link ModeMass}). */
    private static final PerThreadSlot<ModeMass> MODE = new PerThreadSlot<>(ModeMass::new);

    /**
     * The mode of the last (n, p) a thread drew from and its mass: a model that draws {@code Binomial(3, q)} for each
     * case of a chain of infections makes the same distribution at every draw of a run, and took an exp at each. The
     * mass is a function of (n, p) alone ({@code log n!}, {@code log p} and {@code log(1 - p)} are), so the draws are
     * bit for bit those of computing it afresh. p is compared by its bits; n = -1 matches no draw.
     */
    private static final class ModeMass extends PerThreadSlot.Entry {
        int n = -1;
        long pBits;
        int mode;
        double pMode;
    }

    /** The chop-down search of {@link #draw} past the mode, whose mass {@code pMode} is below the uniform {@code u}. */
    private static int outwardFromMode(int n, double odds, int mode, double pMode, double u) {
        double cdf = pMode;
        int up = mode;
        int down = mode;
        double pUp = pMode;
        double pDown = pMode;
        while (up < n || down > 0) {
            if (up < n) {
                pUp *= (double) (n - up) / (up + 1) * odds;
                up++;
                cdf += pUp;
                if (u < cdf) {
                    return up;
                }
            }
            if (down > 0) {
                pDown *= (double) down / (n - down + 1) / odds;
                down--;
                cdf += pDown;
                if (u < cdf) {
                    return down;
                }
            }
        }
        // The computed masses summed to a few ulps short of u: the mode is the most likely value.
        return mode;
    }

    /** {@code n p}. */
    @Override
    public double mean() {
        return n * p;
    }

    /** {@code n p (1 - p)}. */
    @Override
    public double variance() {
        return n * p * (1 - p);
    }

    private Object readResolve() {
        return new Binomial(n, p);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Binomial b && n == b.n && Double.compare(p, b.p) == 0);
    }

    @Override
    public int hashCode() {
        return 31 * Integer.hashCode(n) + Double.hashCode(p);
    }

    @Override
    public String toString() {
        return "Binomial(n=" + n + ", p=" + p + ")";
    }

    /** A copy of {@code original}, field for field (see {@link #detached}). */
    private Binomial(Binomial original) {
        this.n = original.n;
        this.p = original.p;
        this.logFactorialN = original.logFactorialN;
        this.logP = original.logP;
        this.log1mP = original.log1mP;
    }

    /**
     * An equal Binomial, a distinct object: what a trace keeps in place of the one a model made at a site.
     */
    @Override
    public Binomial detached() {
        return new Binomial(this);
    }
}
