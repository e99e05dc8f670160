package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A budget as words: an untilCertified note read "the time budget of PT3S ran out" (a false-alarm hunt). */
class DurationsTest {

    @Test
    void durationsReadAsWords() {
        assertThat(Durations.text(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.text(Duration.ofSeconds(3))).isEqualTo("3 s");
        assertThat(Durations.text(Duration.ofMillis(1500))).isEqualTo("1.50 s");
        assertThat(Durations.text(Duration.ofSeconds(150))).isEqualTo("2 min 30 s");
        assertThat(Durations.text(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(Durations.text(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(Durations.text(java.time.temporal.ChronoUnit.FOREVER.getDuration())).endsWith(" days");
    }

    /**
     * A time budget of more than 292 years, as a user writes "no time limit" ({@code ChronoUnit.FOREVER}), ended
     * every call that takes a budget with a bare "ArithmeticException: long overflow" from inside its run loop (an
     * adversarial tester): it runs to its other limit now.
     */
    @Test
    void aBudgetBeyondWhatNanosecondsHoldNeverEndsTheCall() {
        dev.ariadne.core.Model<Double> model = p -> {
            double x = p.sample("x", new dev.ariadne.core.dist.Normal(0, 1));
            p.observe("y", new dev.ariadne.core.dist.Normal(x, 1), 0.5);
            return x;
        };
        Duration forever = java.time.temporal.ChronoUnit.FOREVER.getDuration();
        for (Duration budget : new Duration[] {forever, Duration.ofDays(365L * 1000)}) {
            for (int k : new int[] {1, 2}) {
                ImportanceResult<Double> r = Importance.of(model).samples(2000).seed(1).parallelism(k)
                        .untilCertified(0.05, 0.99, budget).run();
                assertThat(r.runs()).isPositive();
                assertThat(dev.ariadne.inference.rare.SubsetSimulation.of(p -> {
                    double x = p.sample("x", new dev.ariadne.core.dist.Normal(0, 1));
                    p.condition("beyond", x, 2.0);
                    return x;
                }).particles(200).sweeps(2).seed(1).timeBudget(budget).run()).isNotNull();
            }
        }
        assertThat(Durations.nanos(forever)).isEqualTo(Long.MAX_VALUE);
        assertThat(Durations.millis(forever)).isEqualTo(Long.MAX_VALUE);
    }
}
