package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Dist;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SMC's proposals that draw where the doubles cannot carry their density (within 2^20 doubles of an end of the
 * support where it is unbounded), as importance sampling's ({@code UnrepresentableDrawsTest}): such a particle gets
 * weight 0 and is counted, the estimate of P(e) leaves out the zone's share and reads low (never high), a verdict says
 * so, and P(h | e) has no interval. Before, a step guide's Beta(2, 0.04) for a Beta(2, 0.05) prior weighed those draws
 * at the rounded value, whose density ratio overstates the cell's.
 */
class SmcUnrepresentableDrawsTest {

    /** Each step: x ~ Beta(2, 0.05), one success observed; P(e) = (2 / 2.05)^T exactly. */
    private static final int T = 5;
    private static final double EXACT_LOG_Z = T * Math.log(2 / 2.05);
    private static final List<Boolean> SUCCESSES = Collections.nCopies(T, true);

    @Test
    void aStepGuideNearOneLeavesItsParticlesOutAndSaysSo() {
        StepGuide<Double, Boolean> nearOne = (site, prior) -> (Dist) new Beta(2, 0.04);
        SmcResult<Double> r = stateSpace().guide(nearOne).particles(500).sweeps(40).seed(7)
                .hypothesis("high", x -> x > 0.5).run();
        assertNeverHighAndTold(r, "latent 'x' at step ");
    }

    @Test
    void aModelsGuideNearOneLeavesItsParticlesOutAndSaysSo() {
        Model<Double> m = p -> {
            double x = 0;
            for (int t = 0; t < T; t++) {
                x = p.sample("x", t, new Beta(2, 0.05));
                p.observe("y", t, new Bernoulli(x), true);
            }
            return x;
        };
        Guide nearOne = Guide.bySite((site, history) -> new Beta(2, 0.04));
        SmcResult<Double> r = Smc.of(m).guide(nearOne).particles(500).sweeps(40).seed(7)
                .hypothesis("high", x -> x > 0.5).run();
        assertNeverHighAndTold(r, "particle ");
    }

    private static StateSpaceSmc<Double, Boolean> stateSpace() {
        return Smc.realStateSpace((Particle p, Boolean y) -> step(p, y),
                (Particle p, double previous, int t, Boolean y) -> step(p, y), SUCCESSES);
    }

    private static double step(Particle p, boolean y) {
        double x = p.sample("x", new Beta(2, 0.05));
        p.observe(new Bernoulli(x), y);
        return x;
    }

    private static void assertNeverHighAndTold(SmcResult<Double> r, String where) {
        long leftOut = r.sweeps().stream().mapToLong(s -> s.leftOut).sum();
        assertThat(leftOut).as("about 40% of Beta(2, 0.04)'s draws lie within 2^-33 of 1").isPositive();
        assertThat(r.logEvidence().value()).as("the zone's share is left out: low, never high")
                .isLessThan(EXACT_LOG_Z + 5 * r.logEvidence().standardError());
        assertThat(r.lowerBound(0.05).logValue()).isLessThanOrEqualTo(EXACT_LOG_Z);
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("particles over the 40 sweeps drew a value "
                + "where the doubles cannot carry the proposal's density: too near an end of its support (within 2^20 "
                + "doubles") && v.contains(where));
        assertThat(r.conditional("high", 0.05).approximateInterval()).isEmpty();
        assertThat(r.conditional("high", 0.05).selfNormalised()).hasValueSatisfying(e -> assertThat(e.label())
                .contains("outside the zone near a support's end"));
    }

    /** A proposal with shapes of at least 1 draws there almost never: no particle is left out, no verdict. */
    @Test
    void aProposalAwayFromTheEndsChangesNothing() {
        StepGuide<Double, Boolean> fine = (site, prior) -> (Dist) new Beta(3, 1.5);
        SmcResult<Double> r = stateSpace().guide(fine).particles(500).sweeps(40).seed(7).run();
        assertThat(r.sweeps().stream().mapToLong(s -> s.leftOut).sum()).isZero();
        assertThat(r.diagnostics().verdicts()).noneMatch(v -> v.contains("2^20 doubles"));
    }
}
