package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * {@link Runner#replay}: a run made with recorded choices, one of them edited, scored as any run; a run whose latent
 * sites leave the recorded ones is reported, not passed off as a replay.
 */
class RunReplayTest {

    static final Model<Double> CHAIN = p -> {
        double x = 0;
        for (int t = 0; t < 5; t++) {
            x = p.sample("x", t, new Normal(0.9 * x, 1));
            p.observe("y", t, new Normal(x, 0.5), 0.3 * t);
        }
        return x;
    };

    /** The choices of the recording runner's last run, as a replay. */
    private static RunReplay recorded(Runner<?> r) {
        RunReplay plan = new RunReplay();
        for (int i = 0; i < r.siteCount(); i++) {
            if (r.siteKind(i) == SiteKind.LATENT) {
                TraceSite s = r.trace().sites().get(i);
                Object v = s.value();
                double scalar = v instanceof Double ? (Double) v : v instanceof Boolean ? ((Boolean) v ? 1 : 0) : 0;
                plan.add(r.siteName(i), r.siteIndex(i), r.siteScope(i), s.prior(), scalar,
                        v instanceof double[] ? v : null);
            }
        }
        return plan;
    }

    @Test
    void aReplayWithoutAnEditIsTheRecordedRunBitForBit() {
        Runner<Double> rec = Execution.of(CHAIN).runner();
        rec.run(4, 9);
        RunReplay plan = recorded(rec);
        Runner<Double> lean = Execution.of(CHAIN).leanRunner();
        assertThat(lean.replay(77, 3, plan)).isTrue();
        assertThat(lean.value()).isEqualTo(rec.value());
        assertThat(lean.logPrior()).isEqualTo(rec.logPrior());
        assertThat(lean.logLikelihood()).isEqualTo(rec.logLikelihood());
        for (int i = 0; i < rec.siteCount(); i++) {
            assertThat(lean.siteLogP(i)).isEqualTo(rec.siteLogP(i));
        }
        assertThat(plan.prior(2).describe()).isEqualTo(rec.trace().sites().get(4).prior().describe());
        assertThat(plan.position(2)).isEqualTo(4);
    }

    @Test
    void anEditedChoiceTakesItsValueAndTheLaterPriorsFollowIt() {
        Runner<Double> rec = Execution.of(CHAIN).runner();
        rec.run(4, 9);
        RunReplay plan = recorded(rec);
        plan.edit(1, 2.5);
        Runner<Double> r = Execution.of(CHAIN).leanRunner();
        assertThat(r.replay(1, 0, plan)).isTrue();
        assertThat(r.history().real(2)).isEqualTo(2.5);
        double next = rec.history().real(4);
        assertThat(r.history().real(4)).isEqualTo(next);
        assertThat(r.siteLogP(2)).isEqualTo(new Normal(0.9 * rec.history().real(0), 1).logDensity(2.5));
        assertThat(r.siteLogP(4)).isEqualTo(new Normal(0.9 * 2.5, 1).logDensity(next));
        assertThat(plan.prior(2).describe()).isEqualTo(new Normal(0.9 * 2.5, 1).describe());

        plan.edit(1, Double.NaN); // drawn again from its prior, from the run's stream
        assertThat(r.replay(1, 0, plan)).isTrue();
        double drawn = r.history().real(2);
        assertThat(drawn).isNotEqualTo(rec.history().real(2));
        assertThat(r.siteLogP(2)).isEqualTo(new Normal(0.9 * rec.history().real(0), 1).logDensity(drawn));
        assertThat(r.replay(1, 0, plan)).isTrue();
        assertThat(r.history().real(2)).as("the same stream, the same draw").isEqualTo(drawn);

        plan.edit(-1, 0);
        assertThat(r.replay(1, 0, plan)).isTrue();
        assertThat(r.logPrior()).isEqualTo(rec.logPrior());
    }

    @Test
    void aRunThatLeavesTheRecordedSitesIsReported() {
        Model<Double> branching = p -> {
            double a = p.sample("a", new Normal(0, 1));
            double b = a > 0 ? p.sample("b", new Normal(a, 1)) : 0;
            p.observe("y", new Normal(a + b, 1), 0.5);
            return b;
        };
        Runner<Double> rec = Execution.of(branching).runner();
        long i = 0;
        do {
            rec.run(2, i++);
        } while (rec.history().real(0) <= 0);
        RunReplay plan = recorded(rec);
        Runner<Double> r = Execution.of(branching).leanRunner();
        assertThat(r.replay(1, 0, plan)).isTrue();
        plan.edit(0, -1.0); // b is no longer made: one recorded choice left over
        assertThat(r.replay(1, 0, plan)).isFalse();
        RunReplay shorter = new RunReplay();
        shorter.add("a", Address.NO_INDEX, null, new Normal(0, 1), 1.0, null);
        assertThat(r.replay(1, 0, shorter)).as("b is made, and was not recorded").isFalse();
        RunReplay otherKind = new RunReplay();
        otherKind.add("a", Address.NO_INDEX, null, new Bernoulli(0.5), 1, null);
        assertThat(r.replay(1, 0, otherKind)).as("a recorded boolean at a real site").isFalse();
        RunReplay otherName = new RunReplay();
        otherName.add("c", Address.NO_INDEX, null, new Normal(0, 1), 1.0, null);
        assertThat(r.replay(1, 0, otherName)).isFalse();
    }

    @Test
    void aVectorIsReplayedAsACopyAndOnlyDrawnAgain() {
        Model<double[]> m = p -> {
            double[] v = p.sample("v", MultivariateNormal.diagonal(new double[] {0, 0}, new double[] {1, 1}));
            v[0] = 99; // the model may write into the value it was given
            return v;
        };
        RunReplay plan = new RunReplay();
        double[] kept = {0.25, -0.5};
        plan.add("v", Address.NO_INDEX, null, MultivariateNormal.diagonal(new double[] {0, 0}, new double[] {1, 1}),
                0, kept);
        Runner<double[]> r = Execution.of(m).leanRunner();
        assertThat(r.replay(1, 0, plan)).isTrue();
        assertThat(kept).containsExactly(0.25, -0.5);
        assertThat(r.value()[1]).isEqualTo(-0.5);
        assertThatThrownBy(() -> plan.edit(0, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("can only be drawn again");
        RunReplay wrongLength = new RunReplay();
        wrongLength.add("v", Address.NO_INDEX, null, MultivariateNormal.diagonal(new double[] {0, 0, 0},
                new double[] {1, 1, 1}), 0, new double[3]);
        assertThat(r.replay(1, 0, wrongLength)).isFalse();
    }

    @Test
    void aReplayNeedsNoHandlersAndALeanRunnerKeepsNoTraceOfIt() {
        Runner<Double> rec = Execution.of(CHAIN).runner();
        rec.run(4, 9);
        RunReplay plan = recorded(rec);
        Runner<Double> handled = Execution.of(CHAIN).with(Handlers.trace()).runner();
        assertThatThrownBy(() -> handled.replay(1, 0, plan)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without effect handlers");
        Runner<Double> lean = Execution.of(CHAIN).leanRunner();
        lean.replay(1, 0, plan);
        assertThatThrownBy(lean::trace).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("continued or replayed");
        Runner<Double> recording = Execution.of(CHAIN).runner();
        recording.replay(1, 0, plan);
        assertThat(recording.trace().sites().get(0).value()).isEqualTo(rec.history().real(0));
        lean.run(1, 0);
        assertThat(lean.trace().sites()).hasSize(10); // an ordinary run after it is traced again
    }
}
