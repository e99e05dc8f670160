package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.smc.Smc;
import dev.ariadne.inference.smc.SmcResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call that runs until certified with its bounds simultaneous stops on the bound it reports, at the delta split
 * among them: it stopped at the whole delta, and then said it had stopped short when its samples were done (after
 * 32,208 runs of 1,000,000), or that it had reached its target with a bound a third short of it (a second outside
 * statistician).
 */
class UntilCertifiedSimultaneousTest {

    private static final Model<Double> ABOVE = p -> {
        double x = p.sample("x", new Normal(0, 1));
        p.condition("c", x > 0.5244005127080407); // P(e) = 0.3
        return x;
    };

    private static double tightness(EvidenceResult r, double delta) {
        return Math.exp(r.lowerBound(delta).logValue() - r.logEvidence().value());
    }

    @Test
    void importanceStopsOnTheSplitBound() {
        ImportanceResult<Double> r = Importance.of(ABOVE).samples(1_000_000).seed(1).keep(0).siteBreakdownRuns(0)
                .hypothesis("h1", x -> x > 1.0).hypothesis("h2", x -> x <= 1.0).hypothesis("h3", x -> x > 1.5)
                .untilCertified(0.5, 0.98, Duration.ofSeconds(60)).simultaneous().run();
        assertThat(r.runs()).isLessThan(1_000_000);
        assertThat(r.untilCertifiedStop()).hasValueSatisfying(note -> assertThat(note).startsWith("reached its target"));
        assertThat(tightness(r, 0.5)).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void smcStopsOnTheSplitBound() {
        SmcResult<Double> r = Smc.of(ABOVE).particles(100).sweeps(2_000).seed(1).hypothesis("h1", x -> x > 1.0)
                .hypothesis("h3", x -> x > 1.5).untilCertified(0.5, 0.5, Duration.ofSeconds(60)).simultaneous().run();
        assertThat(r.sweepCount()).isLessThan(2_000);
        assertThat(r.untilCertifiedStop()).hasValueSatisfying(note -> assertThat(note).startsWith("reached its target"));
        assertThat(tightness(r, 0.5)).isGreaterThanOrEqualTo(0.5);
    }
}
