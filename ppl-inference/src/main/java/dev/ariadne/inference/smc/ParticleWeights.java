package dev.ariadne.inference.smc;

import dev.ariadne.core.Rng;
import java.util.Arrays;

/**
 * The weights of one sweep's particle system and the bookkeeping both SMC forms share: when to resample, the
 * ancestors, the running evidence estimate, the ESS per step and the particles' roots at time 0.
 *
 * <p>The log weights are kept unnormalised and relative: after a resampling they are all 0 and their log-sum-exp is
 * log N. At each step the caller adds every particle's incremental log weight to {@link #logW}, then {@link #weigh}
 * adds {@code LSE(after) - LSE(before)} to log Z-hat: {@code log sum_i W_i w_i} for the normalised weights W before
 * the step, which is the log of the mean incremental weight right after a resampling. The product of these factors
 * is SMC's unbiased estimate of P(e), whichever steps resample (Del Moral 2004; ESS-triggered resampling keeps it
 * unbiased, Whiteley, Lee and Heine).
 */
final class ParticleWeights {

    final int n;
    /** Each particle's log weight since the last resampling; {@code -inf} marks a dead particle. */
    final double[] logW;
    /** The linear weights {@code exp(logW - max)} of the last {@link #weigh}, which resampling draws from. */
    final double[] w;
    private final int[] identity;
    private final int[] drawn;
    private int[] roots;
    private int[] rootsNext;
    private final boolean[] seen;

    private double logSum;
    private double weightSum;
    double logZ;
    double ess;
    private int steps;
    private double[] essPerStep = new double[16];
    private boolean[] resampledAt = new boolean[16];
    private int resamplings;

    ParticleWeights(int n) {
        this.n = n;
        this.logW = new double[n];
        this.w = new double[n];
        this.identity = new int[n];
        this.drawn = new int[n];
        this.roots = new int[n];
        this.rootsNext = new int[n];
        this.seen = new boolean[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
    }

    /** Resets for a new sweep: equal weights, every particle its own root, log Z-hat = 0. */
    void start() {
        Arrays.fill(logW, 0.0);
        System.arraycopy(identity, 0, roots, 0, n);
        logSum = Math.log(n);
        logZ = 0;
        ess = n;
        steps = 0;
        resamplings = 0;
    }

    /**
     * Chooses the ancestors of the next step's particles: resamples when this is not the first step and the ESS of
     * the last step is below {@code threshold * N} (always when the threshold is +inf), otherwise keeps every
     * particle (the identity).
     *
     * @return the ancestor of each particle, indices into the previous step's particles
     */
    int[] ancestors(boolean first, Resampling scheme, double threshold, Rng rng) {
        boolean resample = !first && ess < threshold * n;
        if (steps == resampledAt.length) {
            resampledAt = Arrays.copyOf(resampledAt, 2 * steps);
            essPerStep = Arrays.copyOf(essPerStep, 2 * steps);
        }
        resampledAt[steps] = resample;
        if (!resample) {
            return identity;
        }
        scheme.draw(w, weightSum, n, rng, drawn);
        Arrays.fill(logW, 0.0);
        logSum = Math.log(n);
        int[] r = rootsNext;
        for (int i = 0; i < n; i++) {
            r[i] = roots[drawn[i]];
        }
        rootsNext = roots;
        roots = r;
        resamplings++;
        return drawn;
    }

    /**
     * After the step's increments were added to {@link #logW}: the new linear weights, the step's factor of the
     * evidence estimate and the ESS. Returns false when every particle has weight 0 (the sweep's estimate is 0).
     */
    boolean weigh() {
        double[] lw = logW;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (lw[i] > max) {
                max = lw[i];
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            Arrays.fill(w, 0.0);
            weightSum = 0;
            logZ = Double.NEGATIVE_INFINITY;
            logSum = Double.NEGATIVE_INFINITY;
            ess = 0;
            essPerStep[steps++] = 0;
            return false;
        }
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.exp(lw[i] - max);
            w[i] = x;
            sum += x;
            sumSq += x * x;
        }
        double newLogSum = max + Math.log(sum);
        logZ += newLogSum - logSum;
        logSum = newLogSum;
        weightSum = sum;
        ess = sum * sum / sumSq;
        essPerStep[steps++] = ess;
        return true;
    }

    /** {@code log W_i}, the normalised log weight of particle i after the last {@link #weigh}. */
    double normalisedLogWeight(int i) {
        return logSum == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : logW[i] - logSum;
    }

    /** The normalised log weights after the last {@link #weigh} (a new array). */
    double[] normalisedLogWeights() {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = normalisedLogWeight(i);
        }
        return out;
    }

    /** Whether the last call of {@link #ancestors} resampled. */
    boolean resampledLast() {
        return steps < resampledAt.length && resampledAt[steps];
    }

    /** The sum of the linear weights {@link #w} (relative to their largest) after the last {@link #weigh}. */
    double weightSum() {
        return weightSum;
    }

    /** The ESS after each step so far (a copy). */
    double[] essPerStep() {
        return Arrays.copyOf(essPerStep, steps);
    }

    /** Whether each step so far began with a resampling (a copy). */
    boolean[] resampledPerStep() {
        return Arrays.copyOf(resampledAt, steps);
    }

    /** The number of resamplings so far. */
    int resamplings() {
        return resamplings;
    }

    /** The number of distinct time-0 particles the living particles descend from. */
    int uniqueRoots() {
        Arrays.fill(seen, false);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (logW[i] > Double.NEGATIVE_INFINITY && !seen[roots[i]]) {
                seen[roots[i]] = true;
                k++;
            }
        }
        return k;
    }
}
