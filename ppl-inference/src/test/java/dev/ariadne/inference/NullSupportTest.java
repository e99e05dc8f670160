package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.rare.SubsetSimulation;
import dev.ariadne.inference.smc.Smc;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A user's distribution written from an IDE's stub, whose {@code support()} returns null: wherever the support is read
 * (a guided site, a guide's proposal, MCMC's moves, annealed SMC, subset simulation's coordinates), the error names the
 * site and the class and says what support() must return, instead of a NullPointerException from inside the engine
 * said to be the model's throw.
 */
class NullSupportTest {

    /** A unit Normal around m, complete but for its support. */
    record StubNormal(double m) implements RealDist {
        @Override
        public double sample(Rng rng) {
            return m + rng.standardNormal();
        }

        @Override
        public double logDensity(double x) {
            return -0.5 * (x - m) * (x - m) - 0.9189385332046727;
        }

        @Override
        public double mean() {
            return m;
        }

        @Override
        public double variance() {
            return 1;
        }

        @Override
        public Support support() {
            return null;
        }
    }

    private static final Model<Double> STUB_PRIOR = p -> {
        double x = p.sample("x", new StubNormal(0));
        p.observe("y", new Normal(x, 1), 0.5);
        return x;
    };

    private static void refusedNaming(String who, ThrowingCallable call) {
        assertThatThrownBy(call).hasMessageContaining(who + " at x, a " + StubNormal.class.getName()
                + ", returned null from support()").hasMessageContaining("Support.interval(lower, upper)");
    }

    @Test
    void aGuidedSiteAndAGuideProgramsProposalNameTheSiteAndTheClass() {
        refusedNaming("the model's distribution", () -> Importance.of(STUB_PRIOR)
                .guide(Guide.at("x", new Normal(0.25, 1))).samples(100).seed(1).run());
        Model<Double> normalPrior = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 0.5);
            return x;
        };
        refusedNaming("the guide's proposal StubNormal[m=0.25]", () -> Importance.of(normalPrior)
                .guide(Guide.at("x", new StubNormal(0.25))).samples(100).seed(1).run());
    }

    @Test
    void mcmcSmcAndSubsetSimulationNameTheSiteAndTheClass() {
        refusedNaming("the model's distribution", () -> Mcmc.of(STUB_PRIOR).draws(100).seed(1).run());
        refusedNaming("the model's distribution", () -> Mcmc.of(STUB_PRIOR).init(Guide.at("x", new Normal(0, 1)))
                .draws(100).seed(1).run());
        refusedNaming("the model's distribution", () -> Smc.of(STUB_PRIOR).particles(100).seed(1).run());
        refusedNaming("the model's distribution", () -> Smc.annealed(STUB_PRIOR).particles(100).seed(1).run());
        Model<Boolean> tail = p -> p.sample("x", new StubNormal(0)) > 3;
        refusedNaming("the model's distribution", () -> SubsetSimulation.of(tail).particles(100).seed(1).run());
    }
}
