package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * The binomial distribution: the number of successes in n independent trials that each succeed with probability
 * p. Mass {@code C(n, k) p^k (1 - p)^(n - k)} for k in 0..n.
 *
 * @param n the number of trials, >= 0
 * @param p the success probability of each trial, in [0, 1]
 */
public record Binomial(int n, double p) implements IntDist {

    private static final String NAME = "Binomial";

    /** Validates the parameters. */
    public Binomial {
        Check.nonNegativeInt(NAME, "n", n);
        Check.probability(NAME, "p", p);
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
        double logChoose = Numerics.logFactorial(n) - Numerics.logFactorial(k) - Numerics.logFactorial(n - k);
        return logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p);
    }

    /**
     * Inversion by chop-down search outward from the mode: values are visited in the fixed order mode, mode+1,
     * mode-1, mode+2, ... accumulating their masses (by the pmf's ratio recurrence) until the total passes a uniform
     * draw. Exact up to rounding of the masses, allocation-free, and about 1.6 standard deviations of work per draw.
     */
    @Override
    public int sample(Rng rng) {
        if (p == 0 || n == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        int mode = (int) Math.min(n, Math.floor((n + 1.0) * p));
        double pMode = Math.exp(logMass(mode));
        double odds = p / (1 - p);
        double u = rng.nextDouble();
        double cdf = pMode;
        if (u < cdf) {
            return mode;
        }
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

    @Override
    public String toString() {
        return "Binomial(n=" + n + ", p=" + p + ")";
    }
}
