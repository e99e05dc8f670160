package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.FailureCause;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.ParameterException;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.smc.Smc;
import org.junit.jupiter.api.Test;

/**
 * A distribution made from a value too small for it, as a draw that underflowed gives: the classic vague prior
 * Gamma(0.001, 0.001) on an sd draws below 2.2e-308 about half the time, its draw put at the smallest positive double,
 * and the Normal made from it refused that sd, ending importance sampling, MCMC and SMC at their first runs (an
 * adversarial tester). Such a run now counts with weight 0, as a draw the doubles cannot carry does, and a verdict
 * says so. A run that drew no value that small keeps the error, as does a zero or negative value: it is the user's.
 */
class UnderflowedParameterTest {

    private static final double[] Y = {0.4, -1.1, 0.7};
    private static final Model<Double> VAGUE = p -> {
        double sigma = p.sample("sigma", new Gamma(0.001, 0.001));
        for (int i = 0; i < Y.length; i++) {
            p.observe("y", i, new Normal(0, sigma), Y[i]);
        }
        return sigma;
    };

    @Test
    void aRunWhoseDrawIsTooSmallForTheDistributionMadeFromItCountsWithWeightZero() {
        ImportanceResult<Double> r = Importance.of(VAGUE).samples(4000).seed(1).run();
        assertThat(r.failures().get(FailureCause.UNREPRESENTABLE_DRAW)).isBetween(1000L, 3000L);
        assertThat(r.logEvidence().value()).isFinite();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("a distribution is made from a value too "
                + "small for it") && v.contains("(the first at sigma,"));
        assertThat(Mcmc.of(VAGUE).draws(200).seed(1).run().verdicts()).isNotNull();
        assertThat(Smc.of(VAGUE).particles(100).sweeps(3).seed(1).run().logEvidence().value()).isFinite();
        Model<double[]> dirichlet = p -> {
            double a = p.sample("a", new Gamma(0.01, 1));
            return p.sample("theta", new Dirichlet(a, a, a));
        };
        assertThat(Importance.of(dirichlet).samples(5000).seed(1).run().failures()
                .get(FailureCause.UNREPRESENTABLE_DRAW)).isPositive();
    }

    /** Subset simulation's levels never start from such runs, and its verdicts now say how many there were. */
    @Test
    void subsetSimulationNamesTheRunsItLeavesOut() {
        Model<Double> tail = p -> {
            double sigma = p.sample("sigma", new Gamma(0.001, 0.001));
            double v = p.sample("v", new Normal(0, sigma + 1));
            double w = p.sample("w", new Normal(v, sigma));
            p.condition("far", w, 2.5);
            return w;
        };
        java.util.List<String> verdicts = dev.ariadne.inference.rare.SubsetSimulation.of(tail).particles(200)
                .sweeps(5).seed(1).run().verdicts();
        assertThat(verdicts).anyMatch(v -> v.contains("of the prior's first 2,000 runs drew a value")
                && v.contains("(the first at sigma)"));
    }

    @Test
    void theUsersOwnTooSmallValueZeroOrNegativeIsStillAnError() {
        Model<Double> zero = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, x > 5 ? 1 : 0.0), 1.0);
            return x;
        };
        assertThatThrownBy(() -> Importance.of(zero).samples(100).seed(1).run())
                .hasRootCauseInstanceOf(ParameterException.class).hasStackTraceContaining("sd must be finite and > 0");
        Model<Double> constant = p -> {
            p.observe("y", new Normal(0, 1e-320), 1.0);
            return 1.0;
        };
        assertThatThrownBy(() -> Importance.of(constant).samples(100).seed(1).run())
                .hasRootCauseInstanceOf(ParameterException.class).hasStackTraceContaining("got 1.0E-320");
        // after a site, in runs that drew no value that small: the user's mistake, not an underflowed draw, whose run
        // had been failed and blamed on x, and an exact enumeration had left out a path holding all of P(e)
        Model<Double> afterASite = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1e-320), 1.0);
            return x;
        };
        assertThatThrownBy(() -> Importance.of(afterASite).samples(100).seed(1).run())
                .hasRootCauseInstanceOf(ParameterException.class).hasStackTraceContaining("got 1.0E-320");
        Model<Integer> enumerated = p -> {
            int k = p.sample("k", new dev.ariadne.core.dist.DiscreteUniform(0, 3));
            p.observe("y", new Normal(0, k == 0 ? 1e-310 : k), 0.0);
            return k;
        };
        assertThatThrownBy(() -> dev.ariadne.inference.enumerate.Enumerate.of(enumerated).run())
                .hasStackTraceContaining("got 1.0E-310");
    }
}
