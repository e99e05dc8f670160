package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import java.util.Map;

/**
 * The cross-entropy method's rule for a discrete value that the batch drew too seldom to judge: its refit may not
 * lower its probability. The refit is the weighted share of the value among the elite (or accepted) runs, and a value
 * drawn a few times may have share 0 there whatever its share of the target; taken at its word, the proposal's
 * probability falls to the refit's floor and the value is never drawn again. A new user's model (b ~
 * Bernoulli(1e-4), x ~ N(b ? 5 : 0, 1), x >= 5.5, where b = true holds 99.94% of P(e)) drew b = true about once in a
 * batch of 10,000 runs; in 2 seeds of 6 the search pushed P(b) to 1e-6, below the prior's 1e-4, said it had
 * converged, and its certification read log P(e) 7.4 nats low (in one, no run drew it; in the other, the one run
 * that did failed the condition). A value drawn {@value #MIN_DRAWS} times and never among the elites is evidence
 * (with a tenth of the runs elite, 0.9^30 = 4%), and its probability falls as before; one drawn fewer times costs at
 * most that many runs of the next batch.
 */
final class UndrawnValues {

    /** The fewest draws of a value in a batch that let its refit lower its probability. */
    static final int MIN_DRAWS = 30;

    private UndrawnValues() {
    }

    /** Whether {@code value} was drawn too seldom in the batch to lower its probability. */
    private static boolean seldom(Map<Double, Integer> drawn, double value) {
        return drawn.getOrDefault(value, 0) < MIN_DRAWS;
    }

    /**
     * Raises, in {@code fit}, the probability of each value of a Bernoulli or categorical site that the batch drew
     * fewer than {@link #MIN_DRAWS} times ({@code drawn} counts the draws by value) back to its probability under the
     * current parameters {@code theta[offset ..]}, where the refit lowered it (the other values share what is left,
     * in the refit's proportions); other families are left alone.
     */
    static void keep(SiteFamily family, Dist prior, double[] theta, int offset, double[] fit,
                     Map<Double, Integer> drawn) {
        if (drawn == null) {
            return;
        }
        if (family instanceof BernoulliFamily) {
            double now = Refits.logistic(theta[offset]);
            double refit = Refits.logistic(fit[0]);
            if (seldom(drawn, 1.0) && refit < now || seldom(drawn, 0.0) && refit > now) {
                fit[0] = theta[offset];
            }
        } else if (family instanceof CategoricalFamily) {
            keepCategorical(prior, theta, offset, fit, drawn);
        }
    }

    private static void keepCategorical(Dist prior, double[] theta, int offset, double[] fit,
                                        Map<Double, Integer> drawn) {
        int k = fit.length;
        int lower = (int) prior.support().lower();
        double[] now = new double[k];
        double[] refit = new double[k];
        Refits.softmax(theta, offset, now);
        Refits.softmax(fit, 0, refit);
        boolean[] held = new boolean[k];
        double kept = 0;
        double rest = 0;
        for (int j = 0; j < k; j++) {
            held[j] = seldom(drawn, lower + j) && refit[j] < now[j];
            if (held[j]) {
                kept += now[j];
            } else {
                rest += refit[j];
            }
        }
        if (kept == 0 || !(rest > 0) || !(kept < 1)) {
            return;
        }
        double scale = (1 - kept) / rest;
        for (int j = 0; j < k; j++) {
            fit[j] = Math.max(Math.log(held[j] ? now[j] : refit[j] * scale), Refits.LOG_FLOOR);
        }
    }
}
