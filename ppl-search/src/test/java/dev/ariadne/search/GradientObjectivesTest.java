package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.GroundTruth;
import org.junit.jupiter.api.Test;

/**
 * The INCLUSIVE_KL and CHI_SQUARE objectives under the gradient strategy (untested until now). On normal-normal
 * the posterior is N(0.9, 0.408248^2), inside the mean-field Normal family, so both optima are the posterior
 * itself: the inclusive-KL optimum of a Normal family is moment matching (mean 0.9, sd 0.408248), and the
 * chi-square optimum, the minimiser of E_q[w^2] = sigma^2 / (s sqrt(2 sigma^2 - s^2)) at mean 0.9, is sigma = s.
 * At that point every weight is equal, so the self-normalised gradient estimates (-sum wbar_i score_i and
 * -sum w_i^2 score_i / sum w_i^2) are unbiased there: the iteration's fixed point is the optimum, not shifted by the
 * O(1/K) self-normalisation bias.
 *
 * <p><b>Tolerance.</b> Not from one seed: K = 20 independent searches (seeds 1..20), each 300 steps of batch 100
 * from the prior, returning the Polyak average of its last quarter. Their end points are independent and close to
 * normal; the mean of {@code mu.loc} (and of {@code mu.logScale}) must lie within t_{19, 1 - 5e-7} (= 7.07)
 * standard errors (the end points' sample sd / sqrt(K)) of 0.9 (and of log 0.408248). Each such assertion fails a
 * correct search with probability 1e-6. The spread itself is asserted small (sd of the end points below 0.05), so
 * the interval cannot be made wide enough to pass anything by a noisy search: with that cap the half-width is at
 * most 7.07 * 0.05 / sqrt(20) = 0.079; measured spreads were 0.002 .. 0.010 (see TESTING.md), so the cap is loose (5x or more) and its
 * false-failure rate is negligible.
 *
 * <p>What it cannot see: on this model all three objectives share their optimum, so it checks that each gradient
 * is unbiased at the optimum and that the iteration converges there, not that INCLUSIVE_KL and CHI_SQUARE differ from
 * FREE_ENERGY.
 */
class GradientObjectivesTest {

    static final int SEARCHES = 20;
    static final double MEAN = GroundTruth.NORMAL_NORMAL_POST_MEAN;
    static final double LOG_SD = Math.log(GroundTruth.NORMAL_NORMAL_POST_SD);

    static void assertReachesThePosterior(Objective objective) {
        double[] loc = new double[SEARCHES];
        double[] logScale = new double[SEARCHES];
        for (int k = 0; k < SEARCHES; k++) {
            SearchResult r = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField()).objective(objective)
                    .strategy(Strategy.gradient().batch(100).rate(0.05)).budget(Budget.steps(300)).seed(k + 1)
                    .certify(0, 0.05).run();
            assertThat(r.diverged()).as("%s search %d: %s", objective, k + 1, r.stopReason()).isFalse();
            loc[k] = r.parameters().get("mu.loc");
            logScale[k] = r.parameters().get("mu.logScale");
        }
        assertCentredOn(objective + " mu.loc", loc, MEAN);
        assertCentredOn(objective + " mu.logScale", logScale, LOG_SD);
    }

    static void assertCentredOn(String what, double[] xs, double truth) {
        int k = xs.length;
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= k;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (k - 1));
        double halfWidth = SuiteStats.tMultiplier(k) * sd / Math.sqrt(k);
        System.out.printf("%s: mean of %d searches %.5f (target %.5f), sd %.4f, half-width %.4f%n", what, k, mean,
                truth, sd, halfWidth);
        assertThat(sd).as("%s: spread of the end points of %d independent searches", what, k).isLessThan(0.05);
        assertThat(Math.abs(mean - truth)).as("%s: |mean of %d searches - %s| (sd %s)", what, k, truth, sd)
                .isLessThanOrEqualTo(halfWidth);
    }

    @Test
    void inclusiveKlGradientSearchReachesMomentMatching() {
        assertReachesThePosterior(Objective.INCLUSIVE_KL);
    }

    @Test
    void chiSquareGradientSearchReachesThePosterior() {
        assertReachesThePosterior(Objective.CHI_SQUARE);
    }
}
