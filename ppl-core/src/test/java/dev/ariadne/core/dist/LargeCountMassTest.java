package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * Binomial and Poisson log masses at counts in the millions and billions, against their asymptotic expansions (an
 * independent closed form, accurate to 10^-18 there) and against Commons Statistics. The difference of
 * log-factorials near {@code n log n} that scored them before kept only about 10^-6 of the log mass at n = 10^9.
 */
class LargeCountMassTest {

    /** log C(2m, m) 2^-2m = -log(pi m)/2 - 1/(8m) + 1/(192 m^3) + O(m^-5). */
    private static double centralBinomial(double m) {
        return -0.5 * Math.log(Math.PI * m) - 1 / (8 * m) + 1 / (192 * m * m * m);
    }

    /** log(n^n e^-n / n!) = -log(2 pi n)/2 - 1/(12 n) + 1/(360 n^3) + O(n^-5) (Stirling's series). */
    private static double poissonAtItsMean(double n) {
        return -0.5 * Math.log(2 * Math.PI * n) - 1 / (12 * n) + 1 / (360 * n * n * n);
    }

    @Test
    void theCentralBinomialMassAgreesWithItsExpansionAtAnyNumberOfTrials() {
        for (int m : new int[] {5_000, 500_000, 50_000_000, 500_000_000, 1_000_000_000}) {
            assertThat(new Binomial(2 * m, 0.5).logMass(m)).as("Binomial(%d, 0.5) at %d", 2 * m, m)
                    .isCloseTo(centralBinomial(m), within(1e-12));
        }
    }

    @Test
    void thePoissonMassAtItsMeanAgreesWithStirlingsSeriesAtAnyRate() {
        for (int n : new int[] {2_000, 1_000_000, 1_000_000_000, Integer.MAX_VALUE - 1}) {
            assertThat(new Poisson(n).logMass(n)).as("Poisson(%d) at %d", n, n)
                    .isCloseTo(poissonAtItsMean(n), within(1e-12));
        }
    }

    /**
     * A subnormal p: the saddle point read -infinity for Binomial(2^31 - 1, 4.9e-324) at 1, whose mass is e^-722.95
     * (an adversarial tester). Values from mpmath at 40 digits; the log-binomial's cancellation at this n leaves
     * about 1e-5 nats.
     */
    @Test
    void aSubnormalProbabilityHasAFiniteMass() {
        int n = Integer.MAX_VALUE;
        assertThat(new Binomial(n, 4.9e-324).logMass(1)).isCloseTo(-722.95250932448861901, within(1e-4));
        assertThat(new Binomial(n, 1e-310).logMass(3)).isCloseTo(-2078.7332081644096043, within(1e-4));
    }

    @Test
    void largeCountsAgreeWithCommonsStatisticsAwayFromTheMode() {
        int n = 1_000_000_000;
        for (double p : new double[] {1e-6, 0.3, 0.999}) {
            for (int k : new int[] {0, 1, 1000, (int) (n * p), n - 1000, n}) {
                double expected = BinomialDistribution.of(n, p).logProbability(k);
                assertThat(new Binomial(n, p).logMass(k)).as("Binomial(%d, %s) at %d", n, p, k)
                        .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
            }
        }
        for (double rate : new double[] {3.5, 1e6, 1e9}) {
            for (int k : new int[] {1023, 1024, 1_000_000, 1_000_000_000}) {
                double expected = PoissonDistribution.of(rate).logProbability(k);
                assertThat(new Poisson(rate).logMass(k)).as("Poisson(%s) at %d", rate, k)
                        .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
            }
        }
        assertThat(new Poisson(0).logMass(5000)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aBinomialOfManyTrialsStillDrawsAroundItsMean() {
        dev.ariadne.core.Rng rng = dev.ariadne.core.Rng.forRun(7, 0);
        Binomial b = new Binomial(1_000_000_000, 0.3);
        double sum = 0;
        int draws = 200;
        for (int i = 0; i < draws; i++) {
            sum += b.sample(rng);
        }
        double sd = Math.sqrt(1e9 * 0.3 * 0.7 / draws);
        assertThat(sum / draws).isCloseTo(3e8, within(5 * sd));
    }
}
