package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.Uniform;
import org.junit.jupiter.api.Test;

/**
 * A user-written distribution whose sampler returns a value outside its support (NaN, or an infinity its interval
 * leaves out) while its density there is finite: the value is not an outcome, so it must never become one silently.
 * The general path refuses the draw naming the site, the distribution and the value; importance sampling's direct
 * path does not look at draws (it would cost every site), and the call says so through its expectations' check and
 * its diagnostics, which make runs again on the general path.
 */
class DrawOutsideSupportTest {

    /** Uniform on [0, 1] whose sampler returns {@code bad} in a fraction {@code p} of draws; density 1 on [0, 1]. */
    record Broken(double p, double bad) implements RealDist {
        @Override
        public double sample(Rng rng) {
            double u = rng.nextDouble();
            return u < p ? bad : rng.nextDouble();
        }

        @Override
        public double logDensity(double x) {
            return x < 0 || x > 1 ? Double.NEGATIVE_INFINITY : 0; // NaN falls through both tests: a finite 0
        }

        @Override
        public Support support() {
            return Support.interval(0, 1);
        }

        @Override
        public double mean() {
            return 0.5;
        }

        @Override
        public double variance() {
            return 1.0 / 12;
        }
    }

    static Model<Double> model(double p, double bad) {
        return q -> {
            double z = q.sample("z", new Broken(p, bad));
            q.observe("y", new Normal(0, 1), 0.3);
            return z;
        };
    }

    @Test
    void theGeneralPathRefusesANaNDrawNamingSiteDistributionAndValue() {
        Model<Double> m = model(1.0, Double.NaN);
        assertThatThrownBy(() -> Execution.of(m).runner().run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("the prior Broken[p=1.0, bad=NaN] drew NaN at z, outside its support")
                .hasMessageContaining(Support.DRAW_IN_SUPPORT_RULE);
    }

    @Test
    void anInfinityOutsideTheIntervalIsRefusedAndOneAProposalDrawsNamesTheProposal() {
        assertThatThrownBy(() -> Execution.of(model(1.0, Double.POSITIVE_INFINITY)).runner().run(1, 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("drew Infinity at z");
        Model<Double> uniform = q -> q.sample("z", new Uniform(0, 1));
        assertThatThrownBy(() -> Execution.of(uniform).guide(Guide.at("z", new Broken(1.0, Double.NaN))).runner()
                .run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("the proposal Broken[p=1.0, bad=NaN] (prior Uniform")
                .hasMessageContaining("drew NaN at z");
    }

    /**
     * A proposal that draws NaN on the direct path: NaN is what a site reads as "no proposal", so the run drew from the
     * prior instead, and a proposal drawing NaN once in 2,000 draws read "accepted 100%" with no verdict in 18 seeds of
     * 20 (an adversarial tester). Refused now, naming the proposal, the prior, the site and the run.
     */
    @Test
    void aProposalsNaNDrawOnTheDirectPathIsRefusedNotTakenForNoProposal() {
        Model<Double> uniform = q -> {
            double z = q.sample("z", new Uniform(0, 1));
            q.observe("y", new Normal(z, 1), 0.3);
            return z;
        };
        Importance<Double> imp = Importance.of(uniform).guide(Guide.at("z", new Broken(0.001, Double.NaN)))
                .samples(20_000).seed(1);
        assertThatThrownBy(imp::run).isInstanceOf(ModelException.class)
                .hasMessageContaining("the proposal Broken[p=0.001, bad=NaN] (prior Uniform")
                .hasMessageContaining("drew NaN at z").hasMessageContaining(" of seed 1");
    }

    @Test
    void anExpectationOfTheDrawNamesTheSiteNotOnlyTheRun() {
        // Before: "expectation 'z' is NaN for run 3 of seed 1", naming neither the site nor the distribution.
        Importance<Double> imp = Importance.of(model(0.05, Double.NaN)).samples(2_000).seed(1)
                .expectation("z", z -> z);
        assertThatThrownBy(imp::run).isInstanceOf(ModelException.class)
                .hasMessageContaining("drew NaN at z, outside its support");
    }

    @Test
    void theDiagnosticsNameADrawOutsideItsSupportThatNoExpectationSaw() {
        // Before: nothing; the runs' values held NaN and every estimate read as sound.
        ImportanceResult<Double> r = Importance.of(model(0.05, Double.NaN)).samples(5_000).seed(1)
                .hypothesis("small", z -> z < 0.5).run();
        assertThat(r.diagnostics().toString()).contains("drew NaN at z, outside its support")
                .contains("fix the distribution's sampler");
    }

    /**
     * A prior that declares the half-line and an Exponential(1) density but draws N(0, 1): half its draws are finite
     * values its own density scores -inf, which the direct path counts at weight 0, and log P(e) read 80 standard errors
     * low with every verdict empty in 20 seeds of 20 (an adversarial tester). The general path refuses such a draw,
     * naming the prior, the value and the site, and the diagnostics say so.
     */
    record HalfLineDrawingNormals() implements RealDist {
        @Override
        public double sample(Rng rng) {
            return rng.standardNormal();
        }

        @Override
        public double logDensity(double x) {
            return x > 0 ? -x : Double.NEGATIVE_INFINITY;
        }

        @Override
        public Support support() {
            return Support.POSITIVE;
        }

        @Override
        public double mean() {
            return 1;
        }

        @Override
        public double variance() {
            return 1;
        }
    }

    @Test
    void aPriorThatDrawsWhereItsOwnDensityIsZeroIsNamed() {
        Model<Double> m = q -> {
            double x = q.sample("x", new HalfLineDrawingNormals());
            q.observe("y", new Normal(x, 1), 0.5);
            return x;
        };
        assertThatThrownBy(() -> Execution.of(m).runner().run(1, 1)).isInstanceOf(ModelException.class)
                .hasMessageContaining("the prior HalfLineDrawingNormals[] drew -")
                .hasMessageContaining(" at x, where its own log density is -Infinity (outside its support positive)");
        ImportanceResult<Double> r = Importance.of(m).samples(20_000).seed(1).run();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the prior HalfLineDrawingNormals[] drew")
                && v.contains("counted the run at weight 0 (a support violation)")
                && v.endsWith("fix the distribution's sampler"));
    }

    @Test
    void aSoundDistributionIsNotRefused() {
        ImportanceResult<Double> r = Importance.of(model(0.0, Double.NaN)).samples(5_000).seed(1)
                .expectation("z", z -> z).run();
        assertThat(r.diagnostics().toString()).doesNotContain("drew");
    }
}
