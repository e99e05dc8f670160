package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParetoKHatTest {

    private static ParetoKHat stream(double[] l, long nMax) {
        ParetoKHat p = new ParetoKHat(nMax);
        for (double x : l) {
            p.add(x);
        }
        return p;
    }

    /** Log weights whose weights are Pareto with tail index xi: w = U^(-xi). */
    private static double[] paretoLogWeights(long seed, long rep, int n, double xi) {
        Rng rng = Rng.forRun(seed, rep);
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = -xi * Math.log(rng.openUniform());
        }
        return l;
    }

    @Test
    void matchesPsisReferenceCode() {
        // Expected values from a NumPy port of the PSIS reference (ArviZ _gpdfit without weight dropping, loo's
        // tail rule), run on these deterministic inputs; agreement to rounding of the different summation orders.
        double[] a = new double[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = 0.7 * Math.log(1 / (1 - (i + 0.5) / 1000)) + 0.3 * Math.sin(i);
        }
        assertThat(ParetoKHat.kHat(a)).isCloseTo(0.6253624116356232, within(1e-9));
        double[] b = new double[200];
        for (int i = 0; i < b.length; i++) {
            b[i] = 0.25 * Math.log(1 / (1 - (i + 0.5) / 200)) - 3 + 0.1 * Math.cos(i);
        }
        assertThat(ParetoKHat.kHat(b)).isCloseTo(0.30403058994451493, within(1e-9));
    }

    @Test
    void exponentialTailIsFine() {
        // Log-normal weights with log-sd 0.5 have all moments: k-hat must stay clearly below 0.5.
        int reps = 20;
        Moments m = new Moments();
        for (int r = 0; r < reps; r++) {
            double k = stream(Sim.logNormalWeights(71, r, 10_000, 0.5), 10_000).kHat();
            assertThat(k).isLessThan(0.5);
            m.add(k);
        }
        // Not a borderline pass: 0.5 lies more than 5 replicate sd above the mean.
        assertThat(m.mean() + 5 * m.sd()).isLessThan(0.5);
    }

    @ParameterizedTest
    @CsvSource({"0.8", "1.2"})
    void recoversParetoShape(double xi) {
        // The exceedances of a Pareto tail are exactly generalized Pareto with shape xi. Tolerance: 5 standard
        // errors of the replicate mean (about 0.015 each here), plus the deterministic shrinkage offset
        // |xi - (M xi + 5)/(M + 10)|, plus an allowance of 0.05 for the profile estimator's own finite-M bias,
        // which these replicates put at about -0.025 for M = 300 (so the 5 standard errors are not eaten by it).
        int n = 10_000;
        int reps = 40;
        int tail = ParetoKHat.tailSizeFor(n);
        Moments m = new Moments();
        for (int r = 0; r < reps; r++) {
            m.add(stream(paretoLogWeights(81, r, n, xi), n).kHat());
        }
        double shrink = Math.abs(xi - (tail * xi + 5) / (tail + 10));
        assertThat(m.mean()).isCloseTo(xi, within(5 * m.standardError() + shrink + 0.05));
        assertThat(m.mean()).isGreaterThan(ParetoKHat.thresholdFor(n));
    }

    @Test
    void streamingEqualsArrayAndShardsMergeExactly() {
        double[] l = Sim.logNormalWeights(91, 0, 5000, 2.0);
        for (int i = 0; i < l.length; i += 13) {
            l[i] = Double.NEGATIVE_INFINITY;
        }
        double ref = ParetoKHat.kHat(l);
        ParetoKHat single = stream(l, l.length);
        assertThat(single.kHat()).isEqualTo(ref);
        assertThat(single.isTailReduced()).isFalse();
        ParetoKHat a = stream(Arrays.copyOfRange(l, 0, 1234), l.length);
        ParetoKHat b = stream(Arrays.copyOfRange(l, 1234, 4000), l.length);
        ParetoKHat c = stream(Arrays.copyOfRange(l, 4000, 5000), l.length);
        assertThat(a.merge(b).merge(c).kHat()).isEqualTo(ref);
        assertThat(a.count()).isEqualTo(5000);
    }

    @Test
    void growsBeyondExpectedRunsWithExactTail() {
        int n = 40_000;
        double[] l = Sim.logNormalWeights(92, 0, n, 1.0);
        ParetoKHat p = stream(l, 100);
        int used = p.tailSize();
        assertThat(used).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo(ParetoKHat.tailSizeFor(n));
        // Whatever tail survived, it is the exact top of the stream: same as the array computation.
        assertThat(p.kHat()).isEqualTo(ParetoKHat.kHat(l, used));
        // Memory stays O(sqrt n).
        assertThat(p.heapCapacity()).isLessThanOrEqualTo(ParetoKHat.tailSizeFor(4L * n) + 1);
    }

    @Test
    void specialCasesNeverNaN() {
        double[] same = new double[1000];
        Arrays.fill(same, -2.0);
        assertThat(stream(same, 1000).kHat()).isEqualTo(Double.NEGATIVE_INFINITY);
        double[] zeros = new double[1000];
        Arrays.fill(zeros, Double.NEGATIVE_INFINITY);
        assertThat(stream(zeros, 1000).kHat()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(stream(new double[] {0, 1, 2}, 3).kHat()).isEqualTo(Double.POSITIVE_INFINITY);
        double[] mostlyZero = Sim.logNormalWeights(93, 0, 2000, 1.0);
        for (int i = 0; i < 1990; i++) {
            mostlyZero[i] = Double.NEGATIVE_INFINITY;
        }
        assertThat(stream(mostlyZero, 2000).kHat()).isNotNaN();
        assertThat(ParetoKHat.thresholdFor(100)).isCloseTo(0.5, within(1e-15));
        assertThat(ParetoKHat.thresholdFor(100_000_000)).isEqualTo(0.7);
        assertThat(ParetoKHat.tailSizeFor(225)).isEqualTo(45);
        assertThat(ParetoKHat.tailSizeFor(10_000)).isEqualTo(300);
    }

    @Test
    void aTailOfRepeatedWeightsIsRecognisedAsDiscrete() {
        // 100,000 runs of a model with 1000 equally likely paths: each weight recurs about 100 times, so the
        // 949 largest span about ten distinct values.
        dev.ariadne.core.Rng rng = dev.ariadne.core.Rng.forRun(5, 0);
        double[] atoms = new double[1000];
        for (int a = 0; a < atoms.length; a++) {
            atoms[a] = rng.standardNormal();
        }
        ParetoKHat k = new ParetoKHat(100_000);
        for (int i = 0; i < 100_000; i++) {
            k.add(atoms[rng.nextInt(atoms.length)]);
        }
        assertThat(k.tailIsDiscrete()).isTrue();
        ParetoKHat continuous = new ParetoKHat(100_000);
        for (int i = 0; i < 100_000; i++) {
            continuous.add(0.5 * rng.standardNormal());
        }
        assertThat(continuous.tailIsDiscrete()).isFalse();
        assertThat(continuous.kHat()).isFinite().isLessThan(0.5);
    }

    /** 10,000 log weights: {@code above} drawn by {@code draw}, the rest tied at 0. */
    private static ParetoKHat tiesAnd(int above, java.util.function.DoubleUnaryOperator draw) {
        Rng rng = Rng.forRun(11, 0);
        ParetoKHat k = new ParetoKHat(10_000);
        for (int i = 0; i < 10_000; i++) {
            k.add(i % (10_000 / above) == 0 ? draw.applyAsDouble(rng.standardNormal()) : 0);
        }
        return k;
    }

    /**
     * A discrete tail (240 ties) under about 60 log-normal weights of log-sd 2.5: the weights above the ties are read
     * alone, and their tail is heavy. Fitted with the ties, k-hat read 8.4 and was set aside as describing ties, and
     * an outside statistician's estimates were 5 standard errors off with nothing said.
     */
    @Test
    void aHeavyTailAboveTiesIsReadAboveThem() {
        ParetoKHat k = tiesAnd(100, z -> 0.62 + 2.5 * z);
        assertThat(k.aboveTiesFitted()).isBetween(40, 80);
        assertThat(k.kHat()).isGreaterThan(0.7);
        assertThat(k.tailIsDiscrete()).isFalse();
        assertThat(k.noTailToRead()).isFalse();
    }

    /**
     * Bounded weights above ties (a seldom-drawn branch proposed from 1.2 times its posterior's width): 200 above and
     * 100 ties make a tail that is not discrete, and fitted with the ties k-hat read 12.4, "heavy-tailed", for a guide
     * whose estimates were right. Read above the ties, the tail is light.
     */
    @Test
    void aLightTailAboveTiesIsReadAboveThemAndIsLight() {
        ParetoKHat k = tiesAnd(200, z -> Math.log(1 + 2 * Math.abs(Math.tanh(z))) + 1e-9);
        assertThat(k.aboveTiesFitted()).isEqualTo(200);
        assertThat(k.kHat()).isLessThan(0.5);
        assertThat(k.kHatOfLargest(k.tailSize())).as("fitted with the ties").isGreaterThan(1);
    }

    /** A few light weights above a discrete tail's ties leave it discrete: the ESS judges it, as before. */
    @Test
    void aFewLightWeightsAboveADiscreteTailLeaveItDiscrete() {
        ParetoKHat k = tiesAnd(40, z -> Math.log(1 + Math.abs(Math.tanh(z))) + 1e-9);
        assertThat(k.aboveTiesFitted()).isZero();
        assertThat(k.tailIsDiscrete()).isTrue();
    }

    /** "Pareto k-hat 0.70 is above 0.70" gave no reason: a k-hat just past its limit shows the digits that differ. */
    @Test
    void aKHatJustPastItsLimitIsPrintedWithTheDigitsThatTellThemApart() {
        org.assertj.core.api.Assertions.assertThat(ParetoKHat.above(0.7012, 0.7)).isEqualTo("0.701 is above 0.700");
        org.assertj.core.api.Assertions.assertThat(ParetoKHat.above(0.50004, 0.5))
                .isEqualTo("0.50004 is above 0.50000");
        org.assertj.core.api.Assertions.assertThat(ParetoKHat.above(0.83, 0.7)).isEqualTo("0.83 is above 0.70");
        org.assertj.core.api.Assertions.assertThat(ParetoKHat.above(0.57, 0.5)).isEqualTo("0.57 is above 0.5");
        org.assertj.core.api.Assertions.assertThat(ParetoKHat.above(0.6984, 0.6979))
                .isEqualTo("0.6984 is above 0.6979");
    }
}
