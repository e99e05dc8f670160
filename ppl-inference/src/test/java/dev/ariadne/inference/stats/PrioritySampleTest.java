package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrioritySampleTest {

    private static PrioritySample<Integer> sample(double[] l, int k, long seed, int from, int to) {
        PrioritySample<Integer> s = new PrioritySample<>(k);
        for (int i = from; i < to; i++) {
            // u from run i's own stream: reproducible whatever the sharding.
            s.add(i, l[i], Math.log(Rng.forRun(seed, i).openUniform()));
        }
        return s;
    }

    @Test
    void subsetSumsAreUnbiased() {
        int n = 300;
        int k = 20;
        double[] l = Sim.logNormalWeights(121, 0, n, 1.0);
        for (int i = 0; i < n; i += 10) {
            l[i] = Double.NEGATIVE_INFINITY;
        }
        double trueSubset = 0;
        double trueTotal = 0;
        for (int i = 0; i < n; i++) {
            trueTotal += Math.exp(l[i]);
            trueSubset += i % 3 == 0 ? Math.exp(l[i]) : 0;
        }
        int reps = 2000;
        Moments sub = new Moments();
        Moments tot = new Moments();
        for (int r = 0; r < reps; r++) {
            PrioritySample<Integer> s = sample(l, k, 1000L + r, 0, n);
            sub.add(Math.exp(s.logSubsetSum(i -> i % 3 == 0)));
            tot.add(Math.exp(s.logTotal()));
        }
        assertThat(sub.mean()).isCloseTo(trueSubset, within(5 * sub.standardError()));
        assertThat(tot.mean()).isCloseTo(trueTotal, within(5 * tot.standardError()));
    }

    @Test
    void estimatorWithoutThresholdIsBiasedAndCaught() {
        // Test the test: the same check on the sum of raw weights of the kept items must fail (it is biased low).
        int n = 300;
        double[] l = Sim.logNormalWeights(122, 0, n, 1.0);
        double trueTotal = 0;
        for (double x : l) {
            trueTotal += Math.exp(x);
        }
        Moments raw = new Moments();
        for (int r = 0; r < 2000; r++) {
            LogSumExp e = new LogSumExp();
            for (PrioritySample.Weighted<Integer> w : sample(l, 20, 5000L + r, 0, n).sample()) {
                e.add(w.logWeight());
            }
            raw.add(Math.exp(e.logSum()));
        }
        assertThat(Math.abs(raw.mean() - trueTotal)).isGreaterThan(5 * raw.standardError());
    }

    @Test
    void shardsMergeToTheSameSample() {
        double[] l = Sim.logNormalWeights(123, 0, 1000, 2.0);
        PrioritySample<Integer> single = sample(l, 50, 7, 0, 1000);
        PrioritySample<Integer> merged = sample(l, 50, 7, 0, 333).merge(sample(l, 50, 7, 333, 1000));
        assertThat(merged.sample()).isEqualTo(single.sample());
        assertThat(merged.logThreshold()).isEqualTo(single.logThreshold());
        assertThat(merged.count()).isEqualTo(1000);
        assertThat(single.sample()).hasSize(50);
    }

    @Test
    void summariesMatchDirectComputationWhenEverythingIsKept() {
        // With k >= n every item is kept with its own weight (tau = 0): the sample is the weighted stream itself.
        double[] l = Sim.logNormalWeights(124, 0, 40, 1.0);
        PrioritySample<Integer> s = sample(l, 100, 9, 0, 40);
        assertThat(s.logThreshold()).isEqualTo(Double.NEGATIVE_INFINITY);
        double tot = 0;
        double m = 0;
        for (int i = 0; i < 40; i++) {
            tot += Math.exp(l[i]);
            m += Math.exp(l[i]) * i;
        }
        m /= tot;
        double v = 0;
        for (int i = 0; i < 40; i++) {
            double wb = Math.exp(l[i]) / tot;
            v += wb * wb * (i - m) * (i - m);
        }
        assertThat(s.weightedMean(i -> i)).isCloseTo(m, within(1e-12 * m));
        assertThat(s.weightedMeanStandardError(i -> i)).isCloseTo(Math.sqrt(v), within(1e-12));
        assertThat(s.logTotal()).isCloseTo(Math.log(tot), within(1e-12));
    }

    @Test
    void quantilesAndResampling() {
        // Items 0..3 with weights 1, 2, 3, 4 (all kept).
        PrioritySample<Integer> s = new PrioritySample<>(10);
        for (int i = 0; i < 4; i++) {
            s.add(i, Math.log(i + 1), -0.5);
        }
        s.add(99, Double.NEGATIVE_INFINITY, -0.1); // zero weight: never kept
        assertThat(s.sample()).hasSize(4);
        assertThat(s.weightedQuantile(i -> i, 0.1)).isEqualTo(0.0);
        assertThat(s.weightedQuantile(i -> i, 0.3)).isEqualTo(1.0);
        assertThat(s.weightedQuantile(i -> i, 0.5)).isEqualTo(2.0);
        assertThat(s.weightedQuantile(i -> i, 1.0)).isEqualTo(3.0);

        // Systematic resampling puts floor or ceil of m * wbar copies on each item: a deterministic property.
        int m = 1000;
        List<Integer> sys = s.resampleSystematic(m, Rng.forRun(125, 0));
        assertThat(sys).hasSize(m);
        for (int i = 0; i < 4; i++) {
            int c = i;
            long count = sys.stream().filter(x -> x == c).count();
            assertThat((double) count).isCloseTo(m * (i + 1) / 10.0, within(1.0));
        }
        // Multinomial: each count is Binomial(m, wbar); 5 standard errors.
        int big = 100_000;
        List<Integer> mult = s.resampleMultinomial(big, Rng.forRun(125, 1));
        for (int i = 0; i < 4; i++) {
            int c = i;
            double p = (i + 1) / 10.0;
            long count = mult.stream().filter(x -> x == c).count();
            assertThat((double) count).isCloseTo(big * p, within(5 * Math.sqrt(big * p * (1 - p))));
        }
        assertThat(s.resampleMultinomial(10, Rng.forRun(125, 2))).doesNotContain(99);
    }

    @Test
    void rejectsInvalidInputs() {
        PrioritySample<String> s = new PrioritySample<>(3);
        assertThatThrownBy(() -> s.add("a", Double.NaN, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.add("a", 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.add("a", 0, Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.weightedMean(x -> 1.0)).isInstanceOf(IllegalStateException.class);
        assertThat(s.logTotal()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /**
     * Values near the largest double average to themselves: their weighted mean was +inf (and its standard error too)
     * where each value times its weight and the sum stayed finite in exact arithmetic (an adversarial tester).
     */
    @Test
    void meansOfValuesNearTheLargestDoubleDoNotOverflow() {
        PrioritySample<Integer> s = sample(new double[] {0, 0.5, -0.3, 0.1}, 10, 7, 0, 4);
        double big = Double.MAX_VALUE;

        assertThat(s.weightedMean(i -> big)).isCloseTo(big, within(big * 1e-15));
        assertThat(s.weightedMean(i -> i % 2 == 0 ? big : big / 2)).isBetween(big / 2, big);
        assertThat(s.weightedMeanStandardError(i -> big)).isLessThan(big * 1e-15);
        double se = s.weightedMeanStandardError(i -> i % 2 == 0 ? big : -big);
        assertThat(se).isPositive().isLessThanOrEqualTo(big);
    }
}
