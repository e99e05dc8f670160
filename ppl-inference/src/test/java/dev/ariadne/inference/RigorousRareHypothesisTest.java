package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Gamma;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;

/**
 * The rigorous interval for a rare hypothesis: its upper end was 1 - L_not / U, about the upper bound's whole slack
 * over P(e), and an M/M/1 queue's P(unstable | e) of 9.5e-5 read [8.9e-5, 0.027] from 100,000 prior runs (a new user).
 * U_h / L, the hypothesis's own upper bound over the evidence's lower one, is as valid where every weight is bounded.
 */
class RigorousRareHypothesisTest {

    private static final double[] T = new double[20];

    static {
        for (int i = 0; i < T.length; i++) {
            T[i] = 0.8 + 0.126 * i;
        }
    }

    @Test
    void aRareHypothesissUpperEndIsItsOwnUpperBoundOverTheEvidencesLowerOne() {
        double s = 0;
        for (double t : T) {
            s += t;
        }
        // conjugate: lambda | t ~ Gamma(2 + 20, rate 4 + S); P(lambda > 1 | t)
        double exact = GammaDistribution.of(2 + T.length, 1 / (4 + s)).survivalProbability(1.0);
        double c = T.length * Math.log(T.length / s) - T.length; // max over lambda of 20 log lambda - lambda S
        Model<Double> queue = p -> {
            double lambda = p.sample("lambda", new Gamma(2, 4));
            p.observeAll("t", new Exponential(lambda), T);
            return lambda;
        };
        for (long seed = 1; seed <= 3; seed++) {
            Interval rigorous = Importance.of(queue).samples(100_000).seed(seed).maxLogLikelihood(c)
                    .hypothesis("unstable", x -> x > 1.0).run().conditional("unstable").rigorous().orElseThrow();
            assertThat(rigorous.lower()).as("seed %d", seed).isLessThanOrEqualTo(exact);
            assertThat(rigorous.upper()).as("seed %d", seed).isGreaterThanOrEqualTo(exact)
                    .isLessThan(20 * exact);
            assertThat(rigorous.label()).as("seed %d", seed).doesNotContain("says little");
        }
    }

    /**
     * Under a likelihood bound far above P(e) the interval holds and spans nearly all of [0, 1]: a new user's
     * [0.0000, 1.0000] beside a P(e) of 1e-44 was printed bare, as if an answer. Its label now says that it says
     * little, and what to do.
     */
    @Test
    void anIntervalOfNearlyAllOfTheUnitIntervalSaysSo() {
        Model<Double> queue = p -> {
            double lambda = p.sample("lambda", new Gamma(2, 4));
            p.observeAll("t", new Exponential(lambda), T);
            return lambda;
        };
        Interval loose = Importance.of(queue).samples(10_000).seed(1).maxLogLikelihood(40)
                .hypothesis("unstable", x -> x > 1.0).run().conditional("unstable").rigorous().orElseThrow();
        assertThat(loose.upper() - loose.lower()).isGreaterThan(0.9);
        assertThat(loose.label()).contains("says little").contains("state a tighter maxLogLikelihood");
    }
}
