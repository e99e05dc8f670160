package dev.ariadne.inference;

import dev.ariadne.inference.stats.ParetoKHat;

import dev.ariadne.inference.stats.WeightBound;
import java.util.Locale;

/**
 * What a bound on every weight proves about the spread of the estimates, whatever the weights' tail looks like.
 *
 * <p>Where every weight is at most M (a stated {@code maxLogLikelihood} with the prior or a whole-run defensive
 * mixture as proposal, {@link WeightBound}), {@code Var_q(w) <= E_q[w^2] <= M E_q[w] = M P(e)}, so P(e)-hat, the
 * mean of n weights, has a relative variance of at most {@code M / (n P(e))}, and at most {@code M / (n L)} wherever
 * P(e) >= L. Taking L the certified lower bound at 95%, the relative standard error of P(e)-hat (and so the standard
 * error of log Z-hat, to first order) is at most {@code sqrt(M / (n L))} with that confidence. The same holds for a
 * self-normalised estimate of a probability, whose variance is at most {@code E[w^2] / (n P(e)^2)}. Nothing here
 * reads the sampled tail, so it holds for runs never drawn.
 *
 * <p>That is what Pareto k-hat cannot see: bounded weights whose largest values, over the runs made, spread like a
 * heavy tail (runs that fall into a few groups far apart, a zero-inflation indicator at each of several zeros, say)
 * read k-hat above 1 although their variance is finite. Where k-hat is between 0.5 and its threshold and the proof
 * alone bounds the error at {@link #ENOUGH} or below, the variance is finite and the estimate's error small, and k-hat
 * draws no verdict. Above the threshold the verdict stays, worded for bounded weights: the error is within the proof,
 * but the proof says nothing of how far the standard error read from the runs understates it, and above the threshold
 * k-hat says that it may, many times over.
 */
final class BoundedWeights {

    /** The proven relative standard error at or below which a heavy-looking tail draws no verdict. */
    static final double ENOUGH = 0.05;
    /** The confidence of the lower bound on P(e) that the proof rests on. */
    static final double DELTA = 0.05;

    private BoundedWeights() {
    }

    /**
     * The relative standard error of P(e)-hat that the weight bound proves: {@code sqrt(M / (n L))}, with
     * {@code log M = logWeightBound} and {@code log L = logLower}; +inf without a bound, runs or a positive L.
     */
    static double provenRelativeError(double logWeightBound, long runs, double logLower) {
        if (!(logWeightBound < Double.POSITIVE_INFINITY) || runs <= 0 || !(logLower > Double.NEGATIVE_INFINITY)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.exp(0.5 * (logWeightBound - Math.log(runs) - logLower));
    }

    /** The runs that would prove a relative standard error of {@link #ENOUGH}: {@code M / (L ENOUGH^2)}. */
    static double runsToProve(double logWeightBound, double logLower) {
        return Math.exp(logWeightBound - logLower) / (ENOUGH * ENOUGH);
    }

    /**
     * The verdict on runs that all weighed the same, {@code e^logWeight}, none failing, under a bound M above that
     * weight: the standard error reads 0, yet a region that the runs all missed may hold weights up to M. n runs miss
     * a region of the proposal's probability pi with probability (1 - pi)^n, so at 95% they rule out only pi above
     * 3 / n, and such a region, of weights at most M, can hold a share of P(e) up to s / (1 + s) with s = 3 M / (n w).
     * Told where that share reaches {@link #UNSEEN_SHARE}. A factor that rewards a region of prior probability 5e-5
     * by its reciprocal, capped there, read P(e) 1 +- 0 against 2 with no verdict in 27 seeds of 40 (an adversarial
     * statistician); told wherever the bound exceeded the weight (runs that failed, a rejection sampler's, among them),
     * a first version named honest proportions in 200 calls of 200 (a hunt).
     */
    static java.util.Optional<String> unreachedBound(double logWeight, WeightBound bound, long runs, double proven) {
        double s = 3 * Math.exp(bound.logWeightBound() - logWeight) / runs;
        double share = s / (1 + s);
        if (!(share >= UNSEEN_SHARE)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "every run weighed the same, %.4g, so the standard "
                + "error of log Z-hat reads 0, but the weights may reach M (%s), %.3g times as much: a region of the "
                + "proposal's probability below 3 / n, which %,d runs may all miss (at 95%%), could hold weights that "
                + "large and up to %.0f%% of P(e), and log Z-hat would then read low by that share (the bounds stay "
                + "valid)%s; more runs, or a guide that proposes where the likelihood is large, would show such a "
                + "region", Math.exp(logWeight), bound.describe(), Math.exp(bound.logWeightBound() - logWeight), runs,
                100 * share, Double.isFinite(proven) ? ". The bound " + proof(proven) : ""));
    }

    /** What the bound proves of the error, after "the bound": the relative standard error {@code proven}. */
    private static String proof(double proven) {
        return String.format(Locale.ROOT, "alone proves a relative standard error of P(e)-hat of at most %.3g "
                + "(sqrt(M / (n L)), L the lower bound at %.0f%%)", proven, 100 * (1 - DELTA));
    }

    /** The share of P(e) that a region the runs may all have missed must be able to hold for that to be told. */
    static final double UNSEEN_SHARE = 0.05;

    /** What a verdict says of a k-hat of +inf, which {@code ParetoKHat} gives where it has too few values to fit. */
    static final String UNFITTABLE = "Pareto k-hat cannot be fitted: the weights' tail holds fewer than the 5 values a "
            + "fit needs (too few runs, or too few of positive weight), so the tail cannot be judged";

    /**
     * The verdict on k-hat {@code k} above 0.5 for weights bounded by {@code bound}, whose proof gives the relative
     * error {@code proven} (+inf without a lower bound on P(e)) and would need {@code runsToProve} runs for
     * {@link #ENOUGH}.
     */
    static String verdict(double k, double threshold, WeightBound bound, double proven, double runsToProve) {
        String reading = k == Double.POSITIVE_INFINITY ? UNFITTABLE
                : k > threshold
                ? String.format(Locale.ROOT, "Pareto k-hat %s: over the runs made, the largest weights "
                        + "spread like a heavy tail", ParetoKHat.above(k, threshold))
                : String.format(Locale.ROOT, "Pareto k-hat %s: over the runs made, the largest weights "
                        + "spread like a tail of infinite variance", ParetoKHat.above(k, 0.5));
        String proof = !Double.isFinite(proven) ? ""
                : "; the bound " + proof(proven)
                + (proven <= ENOUGH ? ", though the standard error reported may be far below that"
                        : String.format(Locale.ROOT, ", and would prove %.0f%% in about %.3g runs", 100 * ENOUGH,
                        runsToProve));
        return reading + ". Every weight is at most M (" + bound.describe() + "), so their variance is finite and "
                + "the tail ends, but the runs may not yet reach the weights that carry P(e): log Z-hat, its standard "
                + "error and self-normalised estimates may be off until they do (the bounds stay valid)" + proof;
    }
}
