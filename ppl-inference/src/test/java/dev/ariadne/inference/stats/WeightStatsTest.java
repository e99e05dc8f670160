package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** WeightStats, LogSumExp and Moments against direct two-pass computations. */
class WeightStatsTest {
    private static final double REL = 1e-12;

    private static double[] data() {
        double[] l = Sim.logNormalWeights(101, 0, 2000, 1.3);
        for (int i = 0; i < l.length; i += 37) {
            l[i] = Double.NEGATIVE_INFINITY;
        }
        return l;
    }

    private static void close(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(REL * Math.max(1.0, Math.abs(expected))));
    }

    @Test
    void matchesTwoPassComputation() {
        double[] l = data();
        int n = l.length;
        double sw = 0;
        double sw2 = 0;
        double swl = 0;
        double sl = 0;
        int finite = 0;
        for (double x : l) {
            double w = Math.exp(x);
            sw += w;
            sw2 += w * w;
            if (w > 0) {
                swl += w * x;
                sl += x;
                finite++;
            }
        }
        double mean = sw / n;
        double varW = 0;
        double meanL = sl / finite;
        double varL = 0;
        for (double x : l) {
            varW += (Math.exp(x) - mean) * (Math.exp(x) - mean);
            if (x > Double.NEGATIVE_INFINITY) {
                varL += (x - meanL) * (x - meanL);
            }
        }
        varW /= n - 1;
        varL /= finite - 1;

        WeightStats s = Sim.stats(l);
        assertThat(s.count()).isEqualTo(n);
        assertThat(s.zeroCount()).isEqualTo(n - finite);
        close(s.logZHat(), Math.log(mean));
        close(s.ess(), sw * sw / sw2);
        close(s.logZHatStandardError(), Math.sqrt(varW / n) / mean);
        assertThat(s.freeEnergy()).isEqualTo(Double.POSITIVE_INFINITY);
        close(s.freeEnergyOfSuccessful(), -meanL);
        close(s.freeEnergyStandardError(), Math.sqrt(varL / finite));
        close(s.failureFraction(), (double) (n - finite) / n);
        close(s.klPQEstimate(), swl / sw - Math.log(mean));
        assertThat(s.klQPEstimate()).isEqualTo(Double.POSITIVE_INFINITY);

        double[] ok = Arrays.stream(l).filter(Double::isFinite).toArray();
        WeightStats t = Sim.stats(ok);
        close(t.freeEnergy(), -meanL);
        close(t.klQPEstimate(), -meanL + t.logZHat());
    }

    @Test
    void shardsMergeToSinglePassUpToRounding() {
        double[] l = data();
        WeightStats single = Sim.stats(l);
        WeightStats a = Sim.stats(Arrays.copyOfRange(l, 0, 700));
        a.merge(Sim.stats(Arrays.copyOfRange(l, 700, 701))).merge(Sim.stats(Arrays.copyOfRange(l, 701, 2000)));
        assertThat(a.count()).isEqualTo(single.count());
        assertThat(a.zeroCount()).isEqualTo(single.zeroCount());
        close(a.logZHat(), single.logZHat());
        close(a.ess(), single.ess());
        close(a.logZHatStandardError(), single.logZHatStandardError());
        close(a.freeEnergyOfSuccessful(), single.freeEnergyOfSuccessful());
        close(a.freeEnergyStandardError(), single.freeEnergyStandardError());
        close(a.klPQEstimate(), single.klPQEstimate());
    }

    @Test
    void logSpaceHandlesExtremeScales() {
        double[] l = Sim.logNormalWeights(102, 0, 1000, 1.0);
        WeightStats base = Sim.stats(l);
        for (double shift : new double[] {-1e5, 700, 1e5}) {
            double[] m = l.clone();
            for (int i = 0; i < m.length; i++) {
                m[i] += shift;
            }
            WeightStats s = Sim.stats(m);
            assertThat(s.logZHat() - shift).isCloseTo(base.logZHat(), within(1e-9));
            assertThat(s.ess()).isCloseTo(base.ess(), within(1e-9 * base.ess()));
            assertThat(s.klPQEstimate()).isCloseTo(base.klPQEstimate(), within(1e-6));
        }
    }

    /**
     * A factor of 1e308 in every run: sum(w l) overflowed and KL(p || q) read +inf, "about Infinity runs are needed"
     * for weights all equal (an adversarial tester). Equal weights have KL 0 however large, and half of them zero
     * KL log 2 (the posterior is uniform on half the runs), one pass or merged.
     */
    @Test
    void weightsNearTheLargestDoubleGiveTheirKlDivergence() {
        WeightStats equal = new WeightStats();
        WeightStats half = new WeightStats();
        WeightStats first = new WeightStats();
        WeightStats second = new WeightStats();
        for (int i = 0; i < 1000; i++) {
            equal.add(1e308);
            double l = i % 2 == 0 ? 1e308 : Double.NEGATIVE_INFINITY;
            half.add(l);
            (i < 300 ? first : second).add(l);
        }
        assertThat(equal.klPQEstimate()).isZero();
        assertThat(half.klPQEstimate()).isCloseTo(Math.log(2), within(1e-12));
        assertThat(first.merge(second).klPQEstimate()).isCloseTo(Math.log(2), within(1e-12));
    }

    @Test
    void emptyAndInvalidInputs() {
        WeightStats s = new WeightStats();
        assertThatThrownBy(s::logZHat).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.ess()).isZero();
        assertThat(s.logZHatStandardError()).isEqualTo(Double.POSITIVE_INFINITY);
        s.add(0.0);
        assertThat(s.logZHat()).isZero();
        assertThat(s.logZHatStandardError()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.freeEnergyStandardError()).isEqualTo(Double.POSITIVE_INFINITY);
        s.add(0.0);
        assertThat(s.logZHatStandardError()).isZero();
        assertThat(s.ess()).isEqualTo(2.0);
    }

    @Test
    void logSumExpStreamsAndMerges() {
        double[] l = data();
        LogSumExp single = new LogSumExp();
        for (double x : l) {
            single.add(x);
        }
        double direct = 0;
        for (double x : l) {
            direct += Math.exp(x);
        }
        close(single.logSum(), Math.log(direct));
        close(single.logMean(), Math.log(direct / l.length));
        assertThat(single.zeroCount()).isEqualTo(Arrays.stream(l).filter(x -> x == Double.NEGATIVE_INFINITY).count());
        LogSumExp a = new LogSumExp();
        LogSumExp b = new LogSumExp();
        for (int i = 0; i < l.length; i++) {
            (i < 1500 ? a : b).add(l[i]);
        }
        close(a.merge(b).logSum(), single.logSum());
        assertThat(a.count()).isEqualTo(l.length);

        assertThat(new LogSumExp().logSum()).isEqualTo(Double.NEGATIVE_INFINITY);
        LogSumExp zeros = new LogSumExp().add(Double.NEGATIVE_INFINITY).add(Double.NEGATIVE_INFINITY);
        assertThat(zeros.logMean()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogSumExp.of(1000, 1000)).isCloseTo(1000 + Math.log(2), within(1e-12));
        assertThat(LogSumExp.logAddExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY))
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> new LogSumExp().add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogSumExp().logMean()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void compensatedSumKeepsSmallTerms() {
        // One weight 1 followed by 10^6 weights 1e-16: a naive running sum loses them all (1 + 1e-16 == 1);
        // the compensated sum must give log(1 + 1e-10) to within the rounding of the final 1 + 1e-10 (~1e-16).
        LogSumExp s = new LogSumExp().add(0.0);
        double l = Math.log(1e-16);
        for (int i = 0; i < 1_000_000; i++) {
            s.add(l);
        }
        assertThat(s.logSum()).isCloseTo(Math.log1p(1e-10), within(1e-15));
    }

    @Test
    void momentsMatchTwoPassAndMerge() {
        double[] x = Sim.logNormalWeights(103, 0, 1001, 3.0);
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
        Moments m = new Moments();
        Moments a = new Moments();
        Moments b = new Moments();
        for (int i = 0; i < x.length; i++) {
            m.add(x[i]);
            (i < 400 ? a : b).add(x[i]);
        }
        close(m.mean(), mean);
        close(m.variance(), var);
        a.merge(b);
        close(a.mean(), mean);
        close(a.variance(), var);
        assertThat(a.count()).isEqualTo(x.length);
        assertThat(new Moments().add(1).variance()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> new Moments().mean()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Moments().add(Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Runs whose weights lie more than 690 nats below the largest (a model's weights from its prior, say) are left out
     * of the sums rather than computed, as exp is slow there: the sums and the evidence read as the near runs alone
     * give them, to the bit, while runs 40 nats below still count.
     */
    @Test
    void runsFarBelowTheLargestLeaveTheSumsAsTheNearOnesGiveThem() {
        assertThat(Math.exp(Neumaier.NEGLIGIBLE_LOG_TERM) * 0x1p63).isLessThan(Math.ulp(1.0) * 1e-200);
        double[] near = Sim.logNormalWeights(500, 0, 500, 1.0);
        WeightStats nearOnly = new WeightStats();
        LogSumExp nearSum = new LogSumExp();
        WeightStats all = new WeightStats();
        LogSumExp allSum = new LogSumExp();
        for (int i = 0; i < near.length; i++) {
            nearOnly.add(near[i]);
            nearSum.add(near[i]);
            all.add(near[i]);
            allSum.add(near[i]);
            for (double far : new double[] {-700 - i % 50, -1000.5, -2e5}) {
                all.add(nearOnly.maxLogWeight() + far);
                allSum.add(nearOnly.maxLogWeight() + far);
            }
        }
        assertThat(all.count()).isEqualTo(4L * near.length);
        assertThat(all.logSum()).isEqualTo(nearOnly.logSum());
        assertThat(all.logSumSquares()).isEqualTo(nearOnly.logSumSquares());
        assertThat(allSum.logSum()).isEqualTo(nearSum.logSum());
        close(all.logZHat(), nearOnly.logZHat() - Math.log(4));
        close(all.klPQEstimate(), nearOnly.klPQEstimate() + Math.log(4));

        WeightStats closeRuns = new WeightStats().add(0);
        for (int i = 0; i < 1000; i++) {
            closeRuns.add(-40);
        }
        assertThat(closeRuns.logSum()).isCloseTo(1000 * Math.exp(-40), within(Math.ulp(1.0)));
    }
}
