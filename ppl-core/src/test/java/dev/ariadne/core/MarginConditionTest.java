package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Normal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hard evidence that carries its margin: {@code p.condition(name, score, threshold)} is the plain condition
 * {@code score >= threshold} run for run, and the run records its margin by the rules of {@link Runner#margin()},
 * on the fused path and through handlers alike.
 */
class MarginConditionTest {

    /** Three Exp(1) draws whose sum must pass 4. */
    private static final Model<Double> TAIL = p -> {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            s += p.sample("x", i, new Exponential(1));
        }
        p.condition("tail", s, 4.0);
        return s;
    };
    private static final Model<Double> TAIL_PLAIN = p -> {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            s += p.sample("x", i, new Exponential(1));
        }
        p.condition("tail", s >= 4.0);
        return s;
    };

    @Test
    void itIsThePlainConditionRunForRunAndRecordsTheExactMargin() {
        for (Execution<Double> e : List.of(Execution.of(TAIL), Execution.of(TAIL).with(Handlers.trace()))) {
            Runner<Double> margin = e.leanRunner();
            Runner<Double> plain = Execution.of(TAIL_PLAIN).leanRunner();
            int held = 0;
            for (int i = 0; i < 2000; i++) {
                margin.run(3, i);
                plain.run(3, i);
                assertThat(margin.failed()).isEqualTo(plain.failed());
                assertThat(margin.logWeight()).isEqualTo(plain.logWeight());
                assertThat(margin.failed()).isEqualTo(margin.margin() < 0);
                double s = margin.history().real("x", 0) + margin.history().real("x", 1) + margin.history().real("x", 2);
                assertThat(margin.margin()).isEqualTo(s - 4.0);
                if (!margin.failed()) {
                    held++;
                    assertThat(margin.value()).isEqualTo(s);
                } else {
                    assertThat(margin.failure()).hasToString("condition false at tail");
                }
            }
            assertThat(held).isBetween(1, 1999);
        }
    }

    @Test
    void theTraceAndTheHandlersSeeTheScoreAndTheThreshold() {
        List<Double> margins = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Handler watcher = new Handler() {
            @Override
            protected void postprocess(Message m) {
                if (m.kind() == SiteKind.CONDITION) {
                    margins.add(m.margin());
                    values.add(m.value());
                }
            }
        };
        Handlers.TraceHandler traced = Handlers.trace();
        Runner<Double> r = Execution.of(TAIL).with(watcher).with(traced).runner();
        for (int i = 0; i < 50; i++) {
            r.run(5, i);
            Margin site = (Margin) r.trace().site("tail").get().value();
            double s = site.score();
            assertThat(site.threshold()).isEqualTo(4.0);
            assertThat(site.margin()).isEqualTo(s - 4.0).isEqualTo(r.margin()).isEqualTo(margins.get(i));
            assertThat(values.get(i)).isEqualTo(site);
            assertThat(traced.trace().site("tail").get().value()).isEqualTo(site);
            assertThat(site.holds()).isEqualTo(!r.failed()).isEqualTo(r.history().bool("tail"));
            assertThat(r.trace().site("tail").get().logP()).isEqualTo(site.holds() ? 0 : Double.NEGATIVE_INFINITY);
            assertThat(site.toString()).contains(site.holds() ? ">=" : "<");
        }
        Handler plainWatcher = new Handler() {
            @Override
            protected void postprocess(Message m) {
                if (m.kind() == SiteKind.CONDITION) {
                    margins.add(m.margin());
                }
            }
        };
        margins.clear();
        Runner<Double> plain = Execution.of(TAIL_PLAIN).with(plainWatcher).runner();
        for (int i = 0; i < 50; i++) {
            plain.run(5, i);
            assertThat(margins.get(i)).isEqualTo(plain.failed() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            assertThat(plain.trace().site("tail").get().value()).isEqualTo(!plain.failed());
        }
    }

    @Test
    void theRunsMarginFollowsItsRules() {
        // The least margin of several conditions, and +inf without one.
        Model<Double> two = p -> {
            double a = p.sample("a", new Normal(5, 1));
            p.condition("low", 0, a, 1.0);
            p.condition("low", 1, 10.0 - a, 1.0);
            return a;
        };
        Runner<Double> r = Execution.of(two).runner();
        for (int i = 0; i < 20; i++) {
            double a = r.run(1, i).history().real("a");
            assertThat(r.margin()).isEqualTo(Math.min(a - 1.0, 10.0 - a - 1.0));
        }
        assertThat(Execution.of(EngineTest.NORMAL_NORMAL).runner().run(1, 0).margin())
                .isEqualTo(Double.POSITIVE_INFINITY);
        // A run that failed any other way has margin -inf, even after a margin condition that held.
        Model<Double> failsLater = p -> {
            double a = p.sample("a", Normal.STANDARD);
            p.condition("any", a, -100.0);
            p.condition("never", false);
            return a;
        };
        Runner<Double> f = Execution.of(failsLater).runner().run(1, 0);
        assertThat(f.failed()).isTrue();
        assertThat(f.margin()).isEqualTo(Double.NEGATIVE_INFINITY);
        Model<Double> zeroLikelihood = p -> {
            double a = p.sample("a", Normal.STANDARD);
            p.factor("nothing", Double.NEGATIVE_INFINITY);
            p.condition("after", a, 0.0);
            return a;
        };
        assertThat(Execution.of(zeroLikelihood).runner().run(1, 0).margin()).isEqualTo(Double.NEGATIVE_INFINITY);
        // A margin condition at an address that was a plain condition in the previous run is a plain one again.
        boolean[] withMargin = {true};
        Model<Double> alternating = p -> {
            double a = p.sample("a", Normal.STANDARD);
            if (withMargin[0]) {
                p.condition("c", a, -100.0);
            } else {
                p.condition("c", true);
            }
            return a;
        };
        Runner<Double> alt = Execution.of(alternating).runner();
        double a = alt.run(1, 0).history().real("a");
        assertThat(alt.margin()).isEqualTo(a + 100.0);
        withMargin[0] = false;
        alt.run(1, 1);
        assertThat(alt.margin()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(alt.trace().site("c").get().value()).isEqualTo(true);
    }

    @Test
    void relaxedMarginsRunToTheEndAndKeepTheLeastMarginWhileOtherEvidenceStillFails() {
        // Two margin conditions with a latent site between them: relaxed, a run that misses the first one goes on,
        // draws b, and meets the second; its margin is the least of both, and its log p is that of the run with
        // the margin conditions dropped (here the prior's: the weight under the prior is 1).
        Model<Double> two = p -> {
            double a = p.sample("a", Normal.STANDARD);
            p.condition("first", a, 1.0);
            double b = p.sample("b", Normal.STANDARD);
            p.condition("second", a + b, 2.0);
            p.condition("plain", b > -3);
            return a + b;
        };
        for (Execution<Double> e : List.of(Execution.of(two).relaxMargins(true),
                Execution.of(two).relaxMargins(true).with(Handlers.trace()))) {
            assertThat(e.marginsRelaxed()).isTrue();
            Runner<Double> relaxed = e.leanRunner();
            Runner<Double> strict = Execution.of(two).leanRunner();
            int missedFirst = 0;
            for (int i = 0; i < 2000; i++) {
                relaxed.run(9, i);
                strict.run(9, i);
                double a = relaxed.history().real("a");
                assertThat(relaxed.siteCount()).isEqualTo(relaxed.history().size());
                if (relaxed.history().size() < 5) {
                    throw new AssertionError("a relaxed run stopped early at run " + i);
                }
                double b = relaxed.history().real("b");
                if (b <= -3) {
                    assertThat(relaxed.failed()).isTrue();
                    assertThat(relaxed.margin()).isEqualTo(Double.NEGATIVE_INFINITY);
                    continue;
                }
                double margin = Math.min(a - 1.0, a + b - 2.0);
                assertThat(relaxed.failed()).isFalse();
                assertThat(relaxed.margin()).isEqualTo(margin);
                assertThat(relaxed.logPrior()).isEqualTo(
                        Normal.STANDARD.logDensity(a) + Normal.STANDARD.logDensity(b));
                assertThat(relaxed.logLikelihood()).isZero();
                assertThat(relaxed.logWeight()).isZero();
                if (a < 1.0) {
                    missedFirst++;
                    assertThat(strict.failed()).isTrue();
                    assertThat(strict.margin()).isEqualTo(a - 1.0);
                } else {
                    // Same choices as the strict run as far as it went: the rule "weight when margin >= 0".
                    assertThat(strict.margin()).isEqualTo(margin);
                    assertThat(strict.logWeight()).isEqualTo(margin >= 0 ? relaxed.logWeight()
                            : Double.NEGATIVE_INFINITY);
                }
            }
            assertThat(missedFirst).isGreaterThan(1000);
        }
        assertThat(Execution.of(two).marginsRelaxed()).isFalse();
        assertThat(Execution.of(two).relaxMargins(true).relaxMargins(false).leanRunner().run(9, 0).siteCount())
                .isEqualTo(Execution.of(two).leanRunner().run(9, 0).siteCount());
    }

    @Test
    void aNaNScoreOrAnInfiniteThresholdIsAnErrorNamingTheSite() {
        Model<Void> nan = p -> {
            p.condition("tail", 3, Double.NaN, 1.0);
            return null;
        };
        assertThatThrownBy(() -> Execution.of(nan).run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("condition tail[3]: the score must not be NaN")
                .hasMessageContaining("got score NaN and threshold 1.0");
        Model<Void> infinite = p -> {
            p.condition("tail", 1.0, Double.POSITIVE_INFINITY);
            return null;
        };
        assertThatThrownBy(() -> Execution.of(infinite).run(1, 0)).hasMessageContaining("threshold Infinity");
        Model<Void> infiniteScore = p -> {
            p.condition("tail", Double.POSITIVE_INFINITY, 1.0);
            return null;
        };
        assertThat(Execution.of(infiniteScore).runner().run(1, 0).margin()).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
