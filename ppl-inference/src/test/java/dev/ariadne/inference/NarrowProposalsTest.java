package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.FailureCause;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A time stamp in epoch seconds near 1.7e9, where the doubles are u = 2.4e-7 apart, read by two receivers with noise
 * u that differ by one u: the posterior's sd is 0.707 u. A Normal guide of that sd put its draws on a few doubles far
 * more often than its density there says, log Z-hat read 0.041 nats high, the certified lower bound on P(e) lay above
 * P(e) in 47 calls of 50, and nothing was said; a guide search drove its Normal there by itself (an outside
 * statistician). Such draws now count with weight 0, the bounds hold, and a verdict says why.
 */
class NarrowProposalsTest {

    private static final double EPOCH = 1.7e9;
    private static final double U = Math.ulp(EPOCH);

    private static final Model<Double> STAMP = p -> {
        double x = p.sample("x", new Normal(EPOCH, 1));
        p.observe("y", 0, new Normal(x, U), EPOCH);
        p.observe("y", 1, new Normal(x, U), EPOCH + U);
        return x;
    };

    /** log P(e): the two readings' difference ~ N(0, sqrt 2 u) times their mean ~ N(EPOCH, sqrt(1 + u^2 / 2)). */
    private static final double EXACT_LOG_Z = -Math.log(2 * Math.PI) - 0.5 * Math.log1p(U * U / 2)
            - Math.log(U * Math.sqrt(2)) - 0.25 - (U * U / 8) / (1 + U * U / 2);

    @Test
    void aGuideNarrowerThanTheDoublesIsLeftOutAndItsBoundsHold() {
        for (long seed = 1; seed <= 5; seed++) {
            ImportanceResult<Double> r = Importance.of(STAMP).guide(Guide.at("x", new Normal(EPOCH, 0.707 * U)))
                    .samples(10_000).seed(seed).run();
            assertThat(r.lowerBound(0.05).logValue()).as("seed %d", seed).isLessThanOrEqualTo(EXACT_LOG_Z);
            assertThat(r.failures().get(FailureCause.UNREPRESENTABLE_DRAW)).isPositive();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .anyMatch(v -> v.contains("where the doubles cannot carry the proposal's density")
                            && v.contains("from a proposal so narrow beside the doubles' spacing"));
        }
    }

    @Test
    void aGuideTheDoublesCarryKeepsItsRuns() {
        for (long seed = 1; seed <= 3; seed++) {
            ImportanceResult<Double> r = Importance.of(STAMP).guide(Guide.at("x", new Normal(EPOCH, 3000 * U)))
                    .samples(10_000).seed(seed).run();
            assertThat(r.failures().getOrDefault(FailureCause.UNREPRESENTABLE_DRAW, 0L)).isZero();
            assertThat(r.lowerBound(0.05).logValue()).as("seed %d", seed).isLessThanOrEqualTo(EXACT_LOG_Z);
        }
    }
}
