package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A guide's proposal of 1e300 under a Normal prior is inside the prior's support, where its density underflows to 0:
 * it was labelled "support violation at mu" (an adversarial tester's hand-edited guide file). A value outside the
 * support keeps that label.
 */
class PriorUnderflowLabelTest {

    private static final Model<Double> MU = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        p.observe("y", new Normal(mu, 1), 0.5);
        return mu;
    };

    @Test
    void aValueInsideTheSupportWhoseDensityUnderflowsIsNotCalledASupportViolation() {
        // a spread the doubles carry at 1e300 (an sd of 1 there is narrower than their spacing, and left out as such)
        ImportanceResult<Double> r = Importance.of(MU).guide(Guide.at("mu", new Normal(1e300, 1e290))).samples(100)
                .seed(1).run();
        assertThat(r.acceptedRuns()).isZero();
        assertThat(r.diagnostics().verdicts()).anySatisfy(v -> assertThat(v)
                .containsPattern("prior density 0 at mu \\(value [0-9.]+E(299|300), inside the support of Normal\\(")
                .doesNotContain("support violation at mu"));
    }

    @Test
    void aValueOutsideTheSupportIsStillASupportViolation() {
        Model<Integer> k = p -> {
            int v = p.sample("k", new DiscreteUniform(1, 3));
            p.condition("even", v % 2 == 0);
            return v;
        };
        ImportanceResult<Integer> r = Importance.of(k).guide(Guide.at("k", new Categorical(1, 0, 0))).samples(10)
                .seed(1).run();
        assertThat(r.diagnostics().verdicts()).anySatisfy(v -> assertThat(v).contains("(support violation at k)"));
    }

    /**
     * A weight of exactly 0 is no underflow: a Categorical's value of weight 0, proposed by a guide, and a LogNormal
     * observation of 0, an end of its support, were both said to underflow (a new user, who then looked for a
     * numerical cause in a reading below an assay's limit).
     */
    @Test
    void anExactZeroIsNotCalledAnUnderflow() {
        Model<Integer> stage = p -> p.sample("stage", new Categorical(0.9, 0.1, 0.0, 0.0));
        ImportanceResult<Integer> r = Importance.of(stage).guide(Guide.at("stage", new Categorical(0, 0, 1, 0)))
                .samples(100).seed(1).run();
        assertThat(r.diagnostics().verdicts()).anySatisfy(v -> assertThat(v).contains("(prior probability 0 at stage "
                + "(value 2, which its prior Categorical(probabilities=[0.9, 0.1, 0.0, 0.0]) gives probability 0))"));
        Model<Double> reading = p -> {
            double k = p.sample("k", new Normal(0, 1));
            p.observe("conc", new dev.ariadne.core.dist.LogNormal(k, 0.2), 0.0);
            return k;
        };
        assertThat(Importance.of(reading).samples(100).seed(1).run().diagnostics().verdicts()).anySatisfy(v ->
                assertThat(v).contains("(zero likelihood at conc (observed 0.0 under LogNormal(")
                        .contains("at an end of its support, where its density is 0))"));
    }
}
