package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.rare.SubsetSimulation;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * A time budget of more than 292 years, as a user writes "no time limit" ({@code ChronoUnit.FOREVER}), ended every
 * call that takes a budget with a bare "ArithmeticException: long overflow" from inside its run loop (an adversarial
 * tester): it runs to its other limit now.
 */
class ForeverBudgetTest {

    @Test
    void aBudgetBeyondWhatNanosecondsHoldNeverEndsTheCall() {
        Model<Double> model = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 0.5);
            return x;
        };
        for (Duration budget : new Duration[] {ChronoUnit.FOREVER.getDuration(), Duration.ofDays(365L * 1000)}) {
            for (int k : new int[] {1, 2}) {
                ImportanceResult<Double> r = Importance.of(model).samples(2000).seed(1).parallelism(k)
                        .untilCertified(0.05, 0.99, budget).run();
                assertThat(r.runs()).isPositive();
                assertThat(SubsetSimulation.of(p -> {
                    double x = p.sample("x", new Normal(0, 1));
                    p.condition("beyond", x, 2.0);
                    return x;
                }).particles(200).sweeps(2).seed(1).timeBudget(budget).run()).isNotNull();
            }
        }
    }
}
