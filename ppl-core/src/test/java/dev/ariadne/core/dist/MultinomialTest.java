package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * The multinomial against an independent reference: its mass as a product of conditional binomials (Commons
 * Statistics), its support's size and total mass, and its draws' frequencies and moments within 5 standard errors.
 */
class MultinomialTest {

    private static final double[] WEIGHTS = {1, 2, 3, 4};

    /** P(x) = prod_i Binomial(x_i; n - x_0 - ... - x_{i-1}, p_i / (p_i + ... + p_{k-1})). */
    private static double referenceLogMass(int n, double[] p, int[] x) {
        double lp = 0;
        int left = n;
        double rest = Arrays.stream(p).sum();
        for (int i = 0; i < x.length - 1; i++) {
            lp += BinomialDistribution.of(left, Math.min(1, p[i] / rest)).logProbability(x[i]);
            left -= x[i];
            rest -= p[i];
        }
        return left == x[x.length - 1] ? lp : Double.NEGATIVE_INFINITY;
    }

    /**
     * Weights need not sum to 1, and finite ones whose sum passes the largest double are taken: Categorical(1e308,
     * 1e308) was refused, "of finite positive sum, got sum Infinity" (an adversarial tester).
     */
    @Test
    void finiteWeightsWhoseSumOverflowsAreTaken() {
        Categorical c = new Categorical(1e308, 1e308, 0.5e308);
        assertThat(c.probabilities()).containsExactly(new double[] {0.4, 0.4, 0.2}, within(1e-15));
        assertThat(c.logMass(2)).isCloseTo(Math.log(0.2), within(1e-12));
        Multinomial m = new Multinomial(3, 1e308, 1e308);
        assertThat(m.probabilities()).containsExactly(new double[] {0.5, 0.5}, within(1e-15));
        assertThatThrownBy(() -> new Categorical(Double.POSITIVE_INFINITY, 1)).isInstanceOf(ParameterException.class);
    }

    @Test
    void itsMassIsAProductOfConditionalBinomials() {
        Multinomial m = new Multinomial(10, WEIGHTS);
        double[] p = {0.1, 0.2, 0.3, 0.4};
        List<int[]> all = m.enumerate();
        for (int[] x : all) {
            assertThat(m.logDensity(x)).as(Arrays.toString(x)).isCloseTo(referenceLogMass(10, p, x), within(1e-12));
        }
    }

    @Test
    void itsSupportHasEveryCountVectorOnceAndMassOne() {
        Multinomial m = new Multinomial(7, 0.5, 0.25, 0.25);
        List<int[]> all = m.enumerate();
        assertThat(all).hasSize(36); // C(7 + 2, 2)
        assertThat(all.stream().map(Arrays::toString).distinct().count()).isEqualTo(36);
        assertThat(all).allSatisfy(x -> assertThat(Arrays.stream(x).sum()).isEqualTo(7));
        assertThat(all.get(0)).containsExactly(7, 0, 0);
        double total = all.stream().mapToDouble(x -> Math.exp(m.logDensity(x))).sum();
        assertThat(total).isCloseTo(1, within(1e-12));
    }

    @Test
    void aCountVectorOutsideTheSupportHasMassZero() {
        Multinomial m = new Multinomial(5, 1, 0, 1);
        assertThat(m.logDensity(new int[] {3, 0, 2})).isFinite();
        assertThat(m.logDensity(new int[] {3, 1, 1})).as("a count in a category of probability 0").isNegative()
                .isInfinite();
        assertThat(m.logDensity(new int[] {3, 0, 1})).as("sum 4, not 5").isNegative().isInfinite();
        assertThat(m.logDensity(new int[] {6, 0, -1})).as("a negative count").isNegative().isInfinite();
        assertThat(m.logDensity(new int[] {5, 0})).as("another length").isNegative().isInfinite();
        assertThat(m.logDensity(null)).isNegative().isInfinite();
        assertThat(new Multinomial(0, 1, 1).logDensity(new int[] {0, 0})).isZero();
    }

    /** Each count vector's frequency in 20,000 draws, and each category's mean count, within 5 standard errors. */
    @Test
    void drawsFollowTheMass() {
        Multinomial m = new Multinomial(6, WEIGHTS);
        int draws = 20_000;
        Rng rng = Rng.forRun(11, 0);
        Map<String, Integer> seen = new HashMap<>();
        double[] sum = new double[4];
        for (int d = 0; d < draws; d++) {
            int[] x = m.sample(rng);
            assertThat(Arrays.stream(x).sum()).isEqualTo(6);
            seen.merge(Arrays.toString(x), 1, Integer::sum);
            for (int i = 0; i < 4; i++) {
                sum[i] += x[i];
            }
        }
        for (int[] x : m.enumerate()) {
            double q = Math.exp(m.logDensity(x));
            double se = Math.sqrt(q * (1 - q) / draws);
            double f = seen.getOrDefault(Arrays.toString(x), 0) / (double) draws;
            assertThat(f).as(Arrays.toString(x)).isCloseTo(q, within(5 * se + 1e-12));
        }
        double[] mean = m.mean();
        double[] variance = m.variance();
        for (int i = 0; i < 4; i++) {
            assertThat(sum[i] / draws).isCloseTo(mean[i], within(5 * Math.sqrt(variance[i] / draws)));
        }
    }

    @Test
    void aZeroWeightCategoryIsNeverDrawnAndOneCategoryTakesEveryDraw() {
        Rng rng = Rng.forRun(3, 0);
        for (int d = 0; d < 1000; d++) {
            assertThat(new Multinomial(9, 2, 0, 1).sample(rng)[1]).isZero();
        }
        assertThat(new Multinomial(4, 0, 0, 3).sample(rng)).containsExactly(0, 0, 4);
        assertThat(new Multinomial(4, 5).sample(rng)).containsExactly(4);
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> new Multinomial(-1, 1, 1)).hasMessageContaining("Multinomial")
                .hasMessageContaining("n").hasMessageContaining("-1");
        assertThatThrownBy(() -> new Multinomial(3, 1, -0.5)).hasMessageContaining("Multinomial")
                .hasMessageContaining("weights[1]").hasMessageContaining("-0.5");
        assertThatThrownBy(() -> new Multinomial(3, 0, 0)).hasMessageContaining("Multinomial")
                .hasMessageContaining("weights").hasMessageContaining("sum 0");
        assertThatThrownBy(() -> new Multinomial(3)).hasMessageContaining("Multinomial")
                .hasMessageContaining("weights");
        assertThatThrownBy(() -> new Multinomial(3, 1, Double.NaN)).hasMessageContaining("weights[1]")
                .hasMessageContaining("NaN");
    }

    @Test
    void aSupportTooLargeToListIsRefusedWithItsSize() {
        assertThatThrownBy(() -> new Multinomial(200, new double[8]).enumerate())
                .isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> new Multinomial(200, 1, 1, 1, 1, 1, 1, 1, 1).enumerate())
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("count vectors")
                .hasMessageContaining("1,000,000");
    }

    @Test
    void itComparesPrintsAndSerialisesByItsParameters() throws Exception {
        Multinomial m = new Multinomial(5, 1, 3);
        assertThat(m).isEqualTo(new Multinomial(5, 2, 6)).hasSameHashCodeAs(new Multinomial(5, 2, 6))
                .isNotEqualTo(new Multinomial(6, 1, 3));
        assertThat(m.toString()).isEqualTo("Multinomial(n=5, p=[0.25, 0.75])");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(m);
        }
        Multinomial back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Multinomial) in.readObject();
        }
        assertThat(back).isEqualTo(m);
        assertThat(back.logDensity(new int[] {2, 3})).isEqualTo(m.logDensity(new int[] {2, 3}));
    }
}
