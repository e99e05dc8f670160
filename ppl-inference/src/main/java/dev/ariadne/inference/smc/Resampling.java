package dev.ariadne.inference.smc;

import dev.ariadne.core.Rng;

/**
 * How a particle system is resampled: each scheme draws N ancestor indices so that particle i is chosen
 * {@code N W_i} times in expectation (W the normalised weights), which is what keeps SMC's evidence estimate
 * unbiased (Del Moral 2004). They differ in variance: systematic and residual resampling add less noise than
 * multinomial resampling (Douc, Cappe and Moulines 2005).
 *
 * <p>Every scheme returns the ancestors in increasing order, never picks a particle of weight 0, and draws its
 * randomness from the sweep's stream in a fixed order, so a sweep is reproducible bit for bit.
 */
public enum Resampling {

    /** One uniform u, then the N points (u + k) / N on the cumulative weights: the least noisy, O(N). */
    SYSTEMATIC {
        @Override
        void draw(double[] w, double total, int n, Rng rng, int[] ancestors) {
            systematic(w, total, n, rng.nextDouble(), ancestors);
        }
    },
    /**
     * floor(N W_i) copies of each particle, then the remaining R draws multinomially from the residual weights
     * N W_i - floor(N W_i).
     */
    RESIDUAL {
        @Override
        void draw(double[] w, double total, int n, Rng rng, int[] ancestors) {
            double[] residual = new double[n];
            int filled = 0;
            double residualTotal = 0;
            double scale = n / total;
            for (int i = 0; i < n; i++) {
                double expected = w[i] * scale;
                int copies = (int) Math.min(n - filled, Math.floor(expected));
                for (int c = 0; c < copies; c++) {
                    ancestors[filled++] = i;
                }
                residual[i] = Math.max(0, expected - copies);
                residualTotal += residual[i];
            }
            int r = n - filled;
            if (r == 0) {
                return;
            }
            int[] extra = new int[r];
            multinomial(residual, residualTotal, r, rng, extra);
            // Merge the deterministic copies with the residual draws, keeping the order increasing.
            int[] merged = new int[n];
            int a = 0;
            int b = 0;
            for (int k = 0; k < n; k++) {
                merged[k] = b == r || (a < filled && ancestors[a] <= extra[b]) ? ancestors[a++] : extra[b++];
            }
            System.arraycopy(merged, 0, ancestors, 0, n);
        }
    },
    /** N independent draws from the weights (as sorted uniforms from exponential spacings, O(N)). */
    MULTINOMIAL {
        @Override
        void draw(double[] w, double total, int n, Rng rng, int[] ancestors) {
            multinomial(w, total, n, rng, ancestors);
        }
    };

    /**
     * Draws {@code n} ancestors from the linear weights {@code w[0..n)} (not normalised, finite, >= 0) with sum
     * {@code total > 0}, into {@code ancestors[0..n)}.
     */
    abstract void draw(double[] w, double total, int n, Rng rng, int[] ancestors);

    /** Draws {@code count} indices from {@code weights} (all of it the population, sum {@code total}) by sorted uniforms. */
    private static void multinomial(double[] weights, double total, int count, Rng rng, int[] out) {
        // count + 1 standard exponentials: their normalised partial sums are count sorted uniforms on (0, 1).
        double[] points = new double[count];
        double s = 0;
        for (int k = 0; k < count; k++) {
            s += rng.standardExponential();
            points[k] = s;
        }
        s += rng.standardExponential();
        double scale = total / s;
        int population = weights.length;
        int j = 0;
        double cum = weights[0];
        for (int k = 0; k < count; k++) {
            double pos = points[k] * scale;
            while (cum <= pos && j < population - 1) {
                cum += weights[++j];
            }
            out[k] = lastPositive(weights, j);
        }
    }

    /** The systematic positions {@code (u + k) * total / n}, k in [0, n), walked over the cumulative weights. */
    private static void systematic(double[] w, double total, int n, double u, int[] out) {
        double step = total / n;
        int j = 0;
        double cum = w[0];
        for (int k = 0; k < n; k++) {
            double pos = (u + k) * step;
            while (cum <= pos && j < n - 1) {
                cum += w[++j];
            }
            out[k] = lastPositive(w, j);
        }
    }

    /**
     * Index {@code j}, or when rounding pushed a position past the last positive weight, the nearest index below it
     * with positive weight (a particle of weight 0 is never chosen).
     */
    private static int lastPositive(double[] w, int j) {
        while (w[j] == 0 && j > 0) {
            j--;
        }
        return j;
    }
}
