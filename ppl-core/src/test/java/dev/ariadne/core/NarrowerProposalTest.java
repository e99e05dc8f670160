package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.Uniform;
import org.junit.jupiter.api.Test;

/**
 * A proposal whose support has the prior's type but narrower bounds (Uniform(0, 0.5) for Uniform(0, 1)) never draws
 * some values the prior allows, so the weights' mean is the prior's mass on the proposal's bounds, not P(e): an
 * adversarial tester got log Z-hat = -log 2 +- 0 for a model with no evidence. The general path (a runner that keeps
 * traces, handlers, guide programs, SMC's step guides) refuses it by the same rule as a proposal of another type,
 * except in a whole-run defensive mixture, whose prior share reaches the rest; a wider proposal is still fine (a value
 * outside the prior's bounds gives its run weight 0). The direct path never holds the prior and lets it through:
 * importance sampling's diagnostics name it (DiagnosticsVerdictsTest).
 */
class NarrowerProposalTest {

    private static final String NOT_COVERED = "does not cover its prior's support";

    private static void refusedOnTheGeneralPath(Dist prior, Dist proposal) {
        Model<Void> m = p -> {
            p.sample("first", new Uniform(0, 1));
            if (prior instanceof Uniform u) {
                p.sample("x", 2, u);
            } else {
                p.sample("x", 2, (dev.ariadne.core.dist.IntDist) prior);
            }
            return null;
        };
        Guide[] guides = {
            Guide.bySite((site, history) -> site.name().equals("x") ? proposal : null),
            Guide.at("x[2]", proposal),
        };
        for (Guide g : guides) {
            assertThatThrownBy(() -> Execution.of(m).guide(g).run(3, 1)).isInstanceOf(ModelException.class)
                    .hasMessageContaining(NOT_COVERED).hasMessageContaining("at x[2]")
                    .hasMessageContaining(proposal.describe()).hasMessageContaining(Support.SAME_SUPPORT_RULE);
        }
        // A guide that reads the prior is handed it on the direct path too, and refuses there alike.
        Guide readsPrior = (site, p, history) -> site.name().equals("x") ? proposal : p;
        assertThatThrownBy(() -> Execution.of(m).guide(readsPrior).leanRunner().run(3, 1))
                .isInstanceOf(ModelException.class).hasMessageContaining(NOT_COVERED).hasMessageContaining("at x[2]")
                .hasMessageContaining(proposal.describe());
        Handler handler = new Handler() {
            @Override
            protected void process(Message msg) {
                if (msg.kind() == SiteKind.LATENT && msg.site().name().equals("x")) {
                    msg.setProposal(proposal);
                }
            }
        };
        assertThatThrownBy(() -> Execution.of(m).with(handler).run(3, 1)).isInstanceOf(ModelException.class)
                .hasMessageContaining(NOT_COVERED).hasMessageContaining("at x[2]");
    }

    @Test
    void aProposalWithNarrowerBoundsIsRefusedOnTheGeneralPath() {
        refusedOnTheGeneralPath(new Uniform(0, 1), new Uniform(0, 0.5));
        refusedOnTheGeneralPath(new Uniform(0, 1), new Uniform(0.5, 1.5)); // shifted: wider on one side only
        refusedOnTheGeneralPath(new Uniform(0, 2), new Beta(2, 2));
        refusedOnTheGeneralPath(new Binomial(3, 0.5), new Binomial(2, 0.5));
        refusedOnTheGeneralPath(new Poisson(1), new DiscreteUniform(0, 2));
        refusedOnTheGeneralPath(new Categorical(1, 1, 1, 1), new Categorical(1, 1, 1));
    }

    @Test
    void aProposalAsWideOrWiderIsAcceptedAndScoresOutsideThePriorAsWeightZero() {
        Model<Double> m = p -> p.sample("x", new Uniform(0, 1));
        Runner<Double> wide = Execution.of(m).guide(Guide.at("x", new Uniform(-1, 2))).runner();
        int outside = 0;
        for (int i = 0; i < 200; i++) {
            wide.run(5, i);
            double x = wide.value() == null ? Double.NaN : wide.value();
            if (wide.failed()) {
                outside++;
            } else {
                assertThat(x).isBetween(0.0, 1.0);
            }
        }
        assertThat(outside).as("runs whose proposed x fell outside [0, 1], of 200").isPositive();
        Model<Integer> k = p -> p.sample("k", new Categorical(1, 1, 1));
        assertThat(Execution.of(k).guide(Guide.at("k", new Categorical(1, 2, 1))).run(1, 0).failed()).isFalse();
    }

    @Test
    void aWholeRunDefensiveMixturesGuideMayBeNarrower() {
        Model<Double> m = p -> p.sample("x", new Uniform(0, 1));
        Guide narrow = Guide.at("x", new Uniform(0, 0.5));
        Runner<Double> r = Execution.of(m).guide(Guide.defensive(0.3, narrow)).runner();
        int above = 0;
        for (int i = 0; i < 200; i++) {
            r.run(7, i);
            assertThat(r.failed()).isFalse();
            assertThat(r.logWeight()).as("a finite weight: the mixture's density covers [0, 1]").isFinite();
            if (r.value() > 0.5) {
                above++;
            }
        }
        assertThat(above).as("runs that followed the prior past the guide's bound, of 200").isPositive();
    }

    @Test
    void supportsCoverWhenTheyHaveThePriorsShapeAndBoundsAtLeastAsWide() {
        assertThat(Support.interval(0, 2).covers(Support.UNIT_INTERVAL)).isTrue();
        assertThat(Support.UNIT_INTERVAL.covers(Support.interval(0, 2))).isFalse();
        assertThat(Support.integers(0, 5).covers(Support.integers(1, 5))).isTrue();
        assertThat(Support.integers(0, 5).covers(Support.COUNTS)).isFalse();
        assertThat(Support.REAL.covers(Support.REAL)).isTrue();
        assertThat(Support.POSITIVE.covers(Support.REAL)).isFalse();
        assertThat(Support.UNIT_INTERVAL.compatibleWith(Support.interval(0, 2))).isTrue();
    }
}
