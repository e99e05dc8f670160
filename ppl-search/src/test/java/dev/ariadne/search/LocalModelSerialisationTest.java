package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.rare.SubsetResult;
import dev.ariadne.inference.rare.SubsetSimulation;
import org.junit.jupiter.api.Test;

/**
 * A model built in an instance method of a class that is not serialisable captures that instance: importance
 * sampling, MCMC and SMC took it, while a guide search and subset simulation refused it on one machine ("not
 * serialisable: it captures a ...", an adversarial tester), a check that only shipping the model to other machines
 * needs (the Spark session makes it). Both run such a model now, at any parallelism.
 */
class LocalModelSerialisationTest {

    /** Not Serializable, as a user's analysis class usually is not. */
    private static final class Analysis {
        private final double threshold = 4.0;

        Model<Double> tail() {
            return p -> {
                double s = 0;
                for (int i = 0; i < 3; i++) {
                    s += p.sample("z", i, Normal.STANDARD);
                }
                p.condition("over", s, threshold);
                return s;
            };
        }
    }

    @Test
    void aSearchAndSubsetSimulationRunAModelThatCapturesANonSerialisableObject() {
        Model<Double> model = new Analysis().tail();
        // P(z_0 + z_1 + z_2 > 4), the sum N(0, 3)
        double exact = Math.log(0.5 * org.apache.commons.numbers.gamma.Erfc.value(4 / Math.sqrt(3) / Math.sqrt(2)));
        for (int k : new int[] {1, 2}) {
            SearchResult s = GuideSearch.of(model, GuideFamily.meanField()).budget(Budget.steps(5)).seed(1)
                    .parallelism(k).certify(5_000, 0.05).run();
            assertThat(s.certified().logEvidence().value()).isFinite();
            assertThat(s.certified().evidenceBound().logValue()).isLessThan(exact);
            SubsetResult r = SubsetSimulation.of(model).particles(200).sweeps(2).seed(1).parallelism(k).run();
            assertThat(r.logEvidence().value()).isFinite();
        }
    }
}
