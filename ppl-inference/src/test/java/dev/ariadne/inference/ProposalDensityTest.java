package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import org.junit.jupiter.api.Test;

/**
 * A proposal's weight is its own density: a distribution of the user's own can say only where a draw is left out
 * ({@link RealDist#unrepresentableAt}), never another density to weigh a kept draw by. An adversarial tester's
 * proposal declared N(0.25, 1.6) as its proposal density beside a sampler and density of N(0.25, 0.8), and read log
 * P(e) 162 standard errors high, its lower bound above the truth, with no verdict.
 */
class ProposalDensityTest {

    /** Draws and weighs as N(0.25, 0.8); declares another density in a method the runs must not read. */
    record DeclaresAnother() implements RealDist {
        private static final Normal OWN = new Normal(0.25, 0.8);
        private static final Normal OTHER = new Normal(0.25, 1.6);

        @Override
        public double sample(Rng rng) {
            return OWN.sample(rng);
        }

        @Override
        public double logDensity(double x) {
            return OWN.logDensity(x);
        }

        /** Once the hook through which a proposal's density was read; now a method of this record alone. */
        public double proposalLogDensity(double x) {
            return OTHER.logDensity(x);
        }

        @Override
        public Support support() {
            return Support.REAL;
        }

        @Override
        public double mean() {
            return 0.25;
        }

        @Override
        public double variance() {
            return 0.64;
        }
    }

    @Test
    void aKeptRunIsWeighedByTheProposalsDensity() {
        Model<Double> model = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 0.5);
            return x;
        };
        double exact = new Normal(0, Math.sqrt(2)).logDensity(0.5);
        ImportanceResult<Double> r = Importance.of(model).guide(Guide.at("x", new DeclaresAnother()))
                .samples(20_000).seed(1).run();
        Estimate logZ = r.logEvidence();
        assertThat(Math.abs(logZ.value() - exact)).isLessThan(5 * logZ.standardError());
        assertThat(r.lowerBound(0.05).logValue()).isLessThanOrEqualTo(exact);
    }
}
