package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A runner that drops its runs' return values ({@link Runner#dropValues()}) makes the same runs as one that keeps
 * them, bit for bit, and refuses to give a value it did not keep rather than give null, which reads as a failed run.
 */
class DroppedValuesTest {

    private static final Model<Double> MODEL = p -> {
        double s = 0;
        for (int i = 0; i < 5; i++) {
            s += p.sample("z", i, Normal.STANDARD);
        }
        p.condition("sum", s > -1);
        p.observe("y", new Normal(s, 1), 0.5);
        return s;
    };

    @Test
    void dropsOnlyTheValue() {
        Runner<Double> keeps = Execution.of(MODEL).leanRunner();
        Runner<Double> drops = Execution.of(MODEL).leanRunner().dropValues();
        int failed = 0;
        for (long i = 0; i < 200; i++) {
            keeps.run(3, i);
            drops.run(3, i);
            assertThat(drops.logWeight()).isEqualTo(keeps.logWeight());
            assertThat(drops.logPrior()).isEqualTo(keeps.logPrior());
            assertThat(drops.failed()).isEqualTo(keeps.failed());
            assertThat(drops.siteCount()).isEqualTo(keeps.siteCount());
            failed += keeps.failed() ? 1 : 0;
        }
        assertThat(failed).isBetween(1, 199);
        assertThat(drops.trace().sites()).hasSize(drops.siteCount());
        assertThatThrownBy(drops::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("dropValues()");
        assertThatThrownBy(drops::record).isInstanceOf(IllegalStateException.class);
    }
}
