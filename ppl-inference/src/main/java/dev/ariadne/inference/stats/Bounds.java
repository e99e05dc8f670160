package dev.ariadne.inference.stats;

/**
 * Fixed-n lower confidence bounds on the mean weight from a {@link WeightStats}, and a helper to split an error
 * budget. For the anytime-valid betting bound see {@link BettingBound}.
 */
public final class Bounds {
    private Bounds() {
    }

    /**
     * The lower bound on the mean weight by {@code method}: {@link #markov}, {@link #product}, or the betting
     * confidence sequence {@code betting} holds over the same runs.
     *
     * @throws IllegalArgumentException if {@code method} is null
     */
    public static Bound lowerBound(BoundMethod method, WeightStats w, BettingBound betting, double delta) {
        if (method == null) {
            throw new IllegalArgumentException(Bound.NULL_METHOD);
        }
        return switch (method) {
            case MARKOV -> markov(w, delta);
            case PRODUCT -> product(w, delta);
            case BETTING -> betting.lowerBound(delta);
        };
    }

    /**
     * Markov's inequality: {@code P(Z-hat >= E[w]/delta) <= delta}, so {@code log L = log Z-hat - log(1/delta)} is
     * a lower confidence bound at level {@code 1 - delta} for a fixed number of runs. Loses a factor 1/delta even
     * when Z-hat is exact. {@code -inf} when all weights are zero.
     *
     * @param s     the weights' accumulator, with at least one run
     * @param delta error probability in (0, 1)
     */
    public static Bound markov(WeightStats s, double delta) {
        Checks.delta(delta);
        double v = s.logZHat() + Math.log(delta); // not log(1 / delta): 1 / 4.9e-324 is infinite
        return new Bound(v, delta, BoundMethod.MARKOV, s.count(), "lower bound, Markov on Z-hat, fixed n");
    }

    /**
     * The product (free-energy) bound: Markov's inequality applied to the product of the n independent weights,
     * whose mean is {@code E[w]^n}, gives {@code log L = -F-hat - log(1/delta)/n} with {@code F-hat = -mean(l)}.
     * Valid for fixed n; tends to the ELBO {@code -F}, not to {@code log Z}. It is 0 ({@code log L = -inf}) as
     * soon as one weight is zero, and the note says so.
     *
     * @param s     the weights' accumulator, with at least one run
     * @param delta error probability in (0, 1)
     */
    public static Bound product(WeightStats s, double delta) {
        Checks.delta(delta);
        if (s.zeroCount() > 0) {
            return new Bound(Double.NEGATIVE_INFINITY, delta, BoundMethod.PRODUCT, s.count(),
                    "lower bound is 0: " + s.zeroCount() + " of " + s.count()
                            + " runs had zero weight, and one zero weight makes the product bound 0");
        }
        double v = -s.freeEnergy() + Math.log(delta) / s.count();
        return new Bound(v, delta, BoundMethod.PRODUCT, s.count(), "lower bound, product of weights, fixed n");
    }

    /**
     * Bonferroni split of an error budget over k bounds that must hold simultaneously: each gets {@code delta/k}.
     *
     * @param delta the joint error probability in (0, 1)
     * @param k     the number of bounds, at least 1
     */
    public static double bonferroni(double delta, int k) {
        Checks.delta(delta);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        return delta / k;
    }
}
