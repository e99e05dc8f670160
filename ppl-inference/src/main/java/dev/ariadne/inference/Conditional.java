package dev.ariadne.inference;

import dev.ariadne.inference.stats.Bound;
import java.util.Locale;

/**
 * P(h | e) from two separate results, as the paper does: one made with a guide searched for the evidence e, the
 * other with a guide searched for h and e together. The quotient of their lower bounds is an estimate, not a
 * bound.
 */
public final class Conditional {

    private Conditional() {
    }

    /**
     * The quotient L(h, e) / L(e) of a lower bound on P(h, e) and one on P(e), at most 1: two separate results'
     * bounds can come out with the one on P(h, e) the higher (their own noise, or results of different models),
     * and a probability above 1 is then read as 1, which the label says.
     *
     * @throws IllegalArgumentException when either bound is an upper one ({@code ImportanceResult.upperBound}),
     *                                  whose quotient is none of these, or the bound on P(e) is 0 (no run satisfied
     *                                  the evidence)
     */
    public static Estimate of(Bound hAndE, Bound e) {
        if (hAndE.side() != Bound.Side.LOWER || e.side() != Bound.Side.LOWER) {
            throw new IllegalArgumentException("Conditional.of takes two lower bounds, on P(h, e) and on P(e), but "
                    + "the one on " + (hAndE.side() != Bound.Side.LOWER ? "P(h, e)" : "P(e)") + " is an upper bound ("
                    + (hAndE.side() != Bound.Side.LOWER ? hAndE : e) + "): pass lowerBound(...) of each result");
        }
        if (e.logValue() == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("the lower bound on P(e) is 0 (" + e.note()
                    + "): no quotient can be formed");
        }
        double q = Math.exp(hAndE.logValue() - e.logValue());
        String label = "quotient of lower bounds at delta " + hAndE.delta() + " and " + e.delta()
                + ": an estimate, not a bound";
        if (q > 1) {
            return new Estimate(1, Double.POSITIVE_INFINITY, label + String.format(Locale.ROOT,
                    "; the bound on P(h, e) is %.3g times the one on P(e), read as 1: are both results of the same "
                            + "evidence, with enough runs?", q));
        }
        return new Estimate(q, Double.POSITIVE_INFINITY, label);
    }

    /**
     * The quotient of two results' evidence bounds at {@code delta}: {@code forHAndE}'s model states h as evidence
     * too, so its evidence is P(h, e).
     */
    public static Estimate of(ImportanceResult<?> forHAndE, ImportanceResult<?> forE, double delta) {
        return of(forHAndE.lowerBound(delta), forE.lowerBound(delta));
    }

    /** The quotient of {@code forHAndE}'s bound on P(h, e) for its declared hypothesis and {@code forE}'s on P(e). */
    public static Estimate of(ImportanceResult<?> forHAndE, String hypothesis, ImportanceResult<?> forE,
                              double delta) {
        return of(forHAndE.lowerBound(hypothesis, delta), forE.lowerBound(delta));
    }
}
