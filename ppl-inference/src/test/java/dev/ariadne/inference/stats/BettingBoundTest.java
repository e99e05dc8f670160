package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Rng;
import dev.ariadne.inference.suite.Budget;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BettingBoundTest {
    private static final double DELTA = 0.05;

    /** Counts replicates whose log "bound" exceeds log E[w] = 0 (the bound fails). */
    private static int violations(int reps, int n, double s, long seed, ToDoubleFunction<double[]> logBound) {
        int v = 0;
        for (int r = 0; r < reps; r++) {
            double b = logBound.applyAsDouble(Sim.logNormalWeights(seed, r, n, s));
            assertThat(b).isNotNaN();
            if (b > 0) {
                v++;
            }
        }
        return v;
    }

    @ParameterizedTest
    @CsvSource({"1.0", "2.0"})
    void lowerBoundsCoverAtDelta(double s) {
        int reps = 1000;
        int n = 200;
        int allowed = Budget.allowedViolations(reps, DELTA);
        int betting = violations(reps, n, s, 11, l -> Sim.betting(l, 1).logLowerBound(DELTA));
        int product = violations(reps, n, s, 12, l -> Bounds.product(Sim.stats(l), DELTA).logValue());
        int markov = violations(reps, n, s, 13, l -> Bounds.markov(Sim.stats(l), DELTA).logValue());
        int batched = violations(reps, n, s, 14, l -> Sim.betting(l, 5).logLowerBound(DELTA));
        assertThat(betting).isLessThanOrEqualTo(allowed);
        assertThat(product).isLessThanOrEqualTo(allowed);
        assertThat(markov).isLessThanOrEqualTo(allowed);
        assertThat(batched).isLessThanOrEqualTo(allowed);
    }

    @Test
    void coverageCheckRejectsZHatAsABound() {
        // Test the test: Z-hat itself is not a lower bound and must fail the same check.
        int reps = 1000;
        int allowed = Budget.allowedViolations(reps, DELTA);
        int zhat = violations(reps, 200, 1.0, 15, l -> Sim.stats(l).logZHat());
        assertThat(zhat).isGreaterThan(allowed);
    }

    @ParameterizedTest
    @CsvSource({"0.5, 0.95", "1.0, 0.88", "2.0, 0.65", "3.0, 0.31"})
    void medianRatioIsNoLooserThanReference(double s, double reference) {
        // Reference figures from STATISTICS.md: n = 1000, delta = 0.05, batch size 1. The replicates' order
        // statistics give an interval for the median at about 5 standard errors; a bound that is materially looser
        // than the reference pushes the whole interval below it. One-sided on purpose: with this bet grid the
        // measured medians (3000 replicates: 0.664 for s = 2, 0.337 for s = 3) are slightly tighter than the
        // reference, and validity (the other direction) is what the coverage tests check.
        int reps = 300;
        double[] ratio = new double[reps];
        for (int r = 0; r < reps; r++) {
            double[] l = Sim.logNormalWeights(21, r, 1000, s);
            ratio[r] = Math.exp(Sim.betting(l, 1).logLowerBound(DELTA));
        }
        double[] ci = Budget.medianInterval(ratio);
        assertThat(ci[1]).as("upper end of the median interval, s = %s", s).isGreaterThanOrEqualTo(reference);
        assertThat(ci[2]).as("median L/Z is below Z").isLessThan(1.0);
    }

    @Test
    void upperBoundCoversForBoundedWeights() {
        // Weights w = 0 with probability 0.3, else U^2 with U uniform: w <= c = 1, E[w] = 0.7 / 3.
        int reps = 1000;
        int n = 300;
        double mean = 0.7 / 3;
        int allowed = Budget.allowedViolations(reps, DELTA);
        int v = 0;
        double[] excess = new double[reps];
        for (int r = 0; r < reps; r++) {
            Rng rng = Rng.forRun(31, r);
            BettingBound b = new BettingBound(1, 0, WeightBound.atMost(0));
            for (int i = 0; i < n; i++) {
                b.add(rng.nextDouble() < 0.3 ? Double.NEGATIVE_INFINITY : 2 * Math.log(rng.openUniform()));
            }
            double u = b.logUpperBound(DELTA);
            assertThat(u).isNotNaN().isLessThanOrEqualTo(0.0);
            if (u < Math.log(mean)) {
                v++;
            }
            excess[r] = Math.exp(u) - mean;
        }
        assertThat(v).isLessThanOrEqualTo(allowed);
        // Informative: the median excess over the mean is below three fixed-n Hoeffding half-widths
        // c sqrt(log(1/delta) / (2n)) (an anytime bound pays a modest factor over the fixed-n one).
        double hoeffding = Math.sqrt(Math.log(1 / DELTA) / (2.0 * n));
        assertThat(Budget.medianInterval(excess)[2]).isBetween(0.0, 3 * hoeffding);
    }

    /**
     * Bets on batch means gain at most (m - mu) / c a batch, so over the 4,100 batches a call keeps the upper bound
     * stayed about 5 c / 4,100 above the mean: a P(e) of 2.4e-4 under weights of at most 1 read 1.5e-3 at 10^5 and at
     * 10^6 runs (a new user). Bet run by run too, it nears the mean as the runs grow: the empirical-Bernstein width
     * sqrt(2 mu log(54 / delta) / n) + log(54 / delta) / n is 0.27 mu here, and the mean drawn lies within 5 of its
     * standard errors, 0.31 mu, of mu.
     */
    @Test
    void upperBoundNearsTheMeanAsRunsGrowInLargeBatches() {
        double mean = 2.4e-4;
        int n = 1_000_000;
        BettingBound b = new BettingBound(244, 0, WeightBound.atMost(0));
        Rng rng = Rng.forRun(33, 0);
        for (int i = 0; i < n; i++) {
            b.add(rng.nextDouble() < mean ? 0.0 : Double.NEGATIVE_INFINITY);
        }
        assertThat(Math.exp(b.logUpperBound(DELTA)) / mean).isBetween(1.0, 1.6);
        assertThat(b.upperBound(DELTA).note()).contains("and on the runs one by one");
    }

    @Test
    void upperBoundCoversInBatchesForRareBoundedWeights() {
        // Weights of 1 with probability 0.002, else 0, in batches of 10: the per-run bets near the mean, and may not
        // pass it more often than delta allows.
        int reps = 1000;
        int n = 20_000;
        double mean = 0.002;
        int v = 0;
        for (int r = 0; r < reps; r++) {
            Rng rng = Rng.forRun(34, r);
            BettingBound b = new BettingBound(10, 0, WeightBound.atMost(0));
            for (int i = 0; i < n; i++) {
                b.add(rng.nextDouble() < mean ? 0.0 : Double.NEGATIVE_INFINITY);
            }
            double u = b.logUpperBound(DELTA);
            assertThat(u).isNotNaN().isLessThanOrEqualTo(0.0);
            if (u < Math.log(mean)) {
                v++;
            }
        }
        assertThat(v).isLessThanOrEqualTo(Budget.allowedViolations(reps, DELTA));
    }

    @Test
    void upperBoundCheckTheTest() {
        // The same check on the point estimate (mean of the weights) as an "upper bound" must fail.
        int reps = 1000;
        int n = 300;
        double mean = 0.7 / 3;
        int v = 0;
        for (int r = 0; r < reps; r++) {
            Rng rng = Rng.forRun(32, r);
            WeightStats w = new WeightStats();
            for (int i = 0; i < n; i++) {
                w.add(rng.nextDouble() < 0.3 ? Double.NEGATIVE_INFINITY : 2 * Math.log(rng.openUniform()));
            }
            if (w.logZHat() < Math.log(mean)) {
                v++;
            }
        }
        assertThat(v).isGreaterThan(Budget.allowedViolations(reps, DELTA));
    }

    /**
     * Log weights near +-1e300 (a factor of 1e300 in a model): no step of 1 below the largest is a different double,
     * the bracket never moved, and the bound read -inf (an adversarial tester). It is now the double just below the
     * largest log mean less the bound's distance, finite and at most the exact value.
     */
    @Test
    void aBoundOnLogWeightsBeyondUnitStepsIsFiniteAndBelowTheMean() {
        for (double c : new double[] {1e300, -1e300, 1e17}) {
            BettingBound b = new BettingBound(1);
            for (int i = 0; i < 1000; i++) {
                b.add(c + (i % 2 == 0 ? 0 : -0.5));
            }
            double l = b.logLowerBound(DELTA);
            assertThat(l).as("c = " + c).isFinite().isLessThan(c).isGreaterThan(c - Math.max(1e3, 1e-10 * Math.abs(c)));
        }
    }

    @Test
    void upperBoundUnavailableWithoutOrBeyondDeclaredBound() {
        BettingBound free = Sim.betting(new double[] {-1, -2, -3}, 1);
        assertThat(free.logUpperBound(DELTA)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(free.upperBound(DELTA).note()).contains("no known bound");

        // A weight above the bound is an error naming the run, never a silent refusal of the upper bound.
        BettingBound b = new BettingBound(1, 0, WeightBound.atMost(0));
        b.add(-1);
        assertThatThrownBy(() -> b.add(0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run 1 has log weight 0.5 above the bound");
        // Rounding in log p - log q is admitted, and the upper bound stays valid for the admitted weight.
        b.add(WeightBound.ROUNDING / 2);
        assertThat(b.logUpperBound(DELTA)).isLessThanOrEqualTo(WeightBound.ROUNDING);
    }

    @Test
    void shardsMergeBitIdenticallyAtAnyBoundary() {
        double[] l = Sim.logNormalWeights(41, 0, 1003, 1.5);
        for (int i = 0; i < l.length; i += 17) {
            l[i] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < l.length; i++) {
            l[i] = Math.min(l[i], 3.0); // the weights respect the bound the shards are built with
        }
        int batch = 7;
        BettingBound single = new BettingBound(batch, 0, WeightBound.atMost(3));
        for (double x : l) {
            single.add(x);
        }
        int[] cuts = {0, 5, 6, 7, 100, 103, 104, 500, 1003};
        BettingBound merged = null;
        for (int c = 0; c + 1 < cuts.length; c++) {
            BettingBound shard = new BettingBound(batch, cuts[c], WeightBound.atMost(3));
            for (int i = cuts[c]; i < cuts[c + 1]; i++) {
                shard.add(l[i]);
            }
            merged = merged == null ? shard : merged.merge(shard);
        }
        assertThat(merged.logBatchMeans()).containsExactly(single.logBatchMeans());
        assertThat(merged.batchCount()).isEqualTo(1003 / 7);
        assertThat(merged.pendingRuns()).isEqualTo(1003 % 7);
        assertThat(merged.logLowerBound(DELTA)).isEqualTo(single.logLowerBound(DELTA));
        assertThat(merged.logUpperBound(DELTA)).isEqualTo(single.logUpperBound(DELTA));
        assertThat(merged.upperBoundUnavailableReason()).isEqualTo(single.upperBoundUnavailableReason());

        BettingBound gap = new BettingBound(batch, 0);
        gap.add(0.0);
        assertThatThrownBy(() -> gap.merge(new BettingBound(batch, 5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allZeroWeightsGiveMinusInfinityAndNoNaN() {
        double[] l = new double[64];
        java.util.Arrays.fill(l, Double.NEGATIVE_INFINITY);
        BettingBound b = new BettingBound(4, 0, WeightBound.atMost(0));
        for (double x : l) {
            b.add(x);
        }
        assertThat(b.logLowerBound(DELTA)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(b.lowerBound(DELTA).value()).isZero();
        assertThat(b.productBound(DELTA).logValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(b.productBound(DELTA).note()).contains("zero");
        double u = b.logUpperBound(DELTA);
        assertThat(u).isNotNaN().isLessThan(0.0);

        WeightStats w = Sim.stats(l);
        assertThat(w.logZHat()).isEqualTo(Double.NEGATIVE_INFINITY);
        for (double v : new double[] {w.logZHatStandardError(), w.ess(), w.freeEnergy(), w.freeEnergyOfSuccessful(),
                w.freeEnergyStandardError(), w.klQPEstimate(), w.klPQEstimate(), w.failureFraction(), w.logSum(),
                w.logSumSquares(), Bounds.markov(w, DELTA).logValue(), Bounds.product(w, DELTA).logValue()}) {
            assertThat(v).isNotNaN();
        }
        assertThat(Bounds.markov(w, DELTA).logValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Bounds.product(w, DELTA).note()).contains("zero weight");
    }

    @Test
    void oneZeroWeightKeepsBettingFiniteButZeroesProduct() {
        double[] l = Sim.logNormalWeights(51, 0, 400, 0.5);
        l[3] = Double.NEGATIVE_INFINITY;
        double betting = Sim.betting(l, 1).logLowerBound(DELTA);
        assertThat(betting).isFinite().isLessThan(0.0);
        assertThat(Bounds.product(Sim.stats(l), DELTA).logValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void incompleteTrailingBatchIsExcluded() {
        BettingBound b = new BettingBound(10);
        for (int i = 0; i < 25; i++) {
            b.add(0.0);
        }
        assertThat(b.batchCount()).isEqualTo(2);
        assertThat(b.pendingRuns()).isEqualTo(5);
        assertThat(b.lowerBound(DELTA).runs()).isEqualTo(20);
        assertThat(b.lowerBound(DELTA).note()).contains("5 runs in incomplete batches excluded");
        // With K batches the bound is at most delta^(1/K) times the mean (constant weights 1: mean 1).
        assertThat(b.logLowerBound(DELTA)).isLessThanOrEqualTo(Math.log(DELTA) / 2 + 1e-9);
    }

    @Test
    void rejectsNaNAndBadDelta() {
        BettingBound b = new BettingBound(1);
        assertThatThrownBy(() -> b.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.add(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.logLowerBound(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BettingBound(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tinyEvidenceStaysInLogSpace() {
        // Weights around 1e-300 scale the bound by the same factor: log-space arithmetic loses nothing.
        double[] l = Sim.logNormalWeights(61, 0, 500, 1.0);
        double[] shifted = l.clone();
        for (int i = 0; i < l.length; i++) {
            shifted[i] -= 700;
        }
        double a = Sim.betting(l, 1).logLowerBound(DELTA);
        double b = Sim.betting(shifted, 1).logLowerBound(DELTA);
        assertThat(b + 700).isCloseTo(a, org.assertj.core.data.Offset.offset(1e-7));
    }
}
