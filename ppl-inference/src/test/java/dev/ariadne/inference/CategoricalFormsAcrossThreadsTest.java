package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.stats.PrioritySample;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A Categorical made with weights new at every site is held unnormalised once its thread has stopped searching its
 * earlier weights, and normalised whole before that: which form a site gets depends on the runs its thread ran before.
 * An ordinal model that observes such Categoricals and draws from one makes the same runs (each run's log weight, bit
 * for bit, and value) on one thread and on three, whose threads are new and take the normalised form for their first
 * sites at different runs; and its evidence agrees with quadrature.
 */
class CategoricalFormsAcrossThreadsTest {

    private static final double[] CUTS = {-1.0, 0.3, 1.4};
    private static final double[] DOSE = {0.3, 1.7, -0.2, 2.1, 0.9, 1.2, 2.4, 0.1, 1.5, 0.6, 1.9, 2.2};
    private static final int[] SCORE = {0, 3, 1, 3, 1, 2, 3, 0, 3, 1, 2, 3};

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double[] levels(double eta) {
        double s0 = sigmoid(CUTS[0] - eta);
        double s1 = sigmoid(CUTS[1] - eta);
        double s2 = sigmoid(CUTS[2] - eta);
        return new double[] {s0, s1 - s0, s2 - s1, 1 - s2};
    }

    private static final Model<Integer> ORDINAL = p -> {
        double theta = p.sample("theta", new Normal(0, 1));
        for (int i = 0; i < DOSE.length; i++) {
            p.observe("score", i, new Categorical(levels(theta * DOSE[i])), SCORE[i]);
        }
        return p.sample("next", new Categorical(levels(theta * 2.5)));
    };

    /** Each run's log weight and value, by run index: the log Z of many runs would hide a difference in one. */
    private static Map<Long, String> runs(int threads) {
        ImportanceResult<Integer> r = Importance.of(ORDINAL).samples(30_000).seed(5).parallelism(threads)
                .keep(30_000).run();
        Map<Long, String> byIndex = new TreeMap<>();
        for (PrioritySample.Weighted<Kept<Integer>> w : r.kept().runs()) {
            Kept<Integer> k = w.item();
            byIndex.put(k.runIndex(), Double.doubleToRawLongBits(k.logWeight()) + " " + k.value());
        }
        return byIndex;
    }

    @Test
    void oneThreadAndThreeGiveTheSameRuns() {
        Map<Long, String> one = runs(1);
        assertThat(one).hasSize(30_000);
        assertThat(runs(3)).isEqualTo(one);
    }

    @Test
    void theEvidenceAgreesWithQuadrature() {
        int steps = 24_000;
        double lo = -12;
        double h = 24.0 / steps;
        double z = 0;
        for (int j = 0; j <= steps; j++) {
            double theta = lo + j * h;
            double weight = j == 0 || j == steps ? 1 : j % 2 == 1 ? 4 : 2;
            double likelihood = Math.exp(-0.5 * theta * theta) / Math.sqrt(2 * Math.PI);
            for (int i = 0; i < DOSE.length; i++) {
                likelihood *= levels(theta * DOSE[i])[SCORE[i]];
            }
            z += weight * likelihood;
        }
        double exact = Math.log(z * h / 3);
        Estimate e = Importance.of(ORDINAL).samples(100_000).seed(11).run().logEvidence();
        assertThat(Math.abs(e.value() - exact)).as("log Z %s against %s", e, exact)
                .isLessThan(5 * e.standardError());
    }
}
