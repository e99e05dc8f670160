package dev.ariadne.inference.smc;

import static dev.ariadne.inference.mcmc.ReplayModels.KALMAN;
import static dev.ariadne.inference.mcmc.ReplayModels.STEPS;
import static dev.ariadne.inference.mcmc.ReplayModels.SWITCHING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.inference.Estimate;
import org.junit.jupiter.api.Test;

/**
 * Annealed SMC's MCMC moves: the sweeps' estimates for a fixed seed, pinned bit for bit to those of the moves made
 * through the replay handler alone (before the engine's path made the fixed-structure steps), on a state-space model
 * and on a model whose steps change its structure; and the evidence of a linear-Gaussian state space against the
 * Kalman filter's exact value (tolerance t quantile at 1e-6 times the standard error, as {@link AnnealedSmcTest}).
 */
class AnnealedMovesTest {

    @Test
    void sweepsAreThoseOfTheHandlersMovesBitForBit() {
        assertPinned(KALMAN, 0xc03160fd6606509fL, 0xc031b36d7b53d1a7L, 0xc032f50a02db18c8L);
        // Pinned again when each particle's moves at a temperature took a fixed number of steps (the schedule's mean
        // latent sites) instead of its own count of sites, which changes this model's moves; the pins are still the
        // handler-only moves' bits (Rerunner.engineReplay off).
        assertPinned(SWITCHING, 0xc0096719342fadc2L, 0xc005cfe7dad239a5L, 0xc0082e5b24d72b51L);
    }

    @Test
    void linearGaussianEvidenceMatchesTheKalmanFilter() {
        SmcResult<Double> r = Smc.annealed(KALMAN).particles(200).sweeps(20).seed(2).run();
        Estimate z = r.logEvidence();
        assertThat(Math.abs(z.value() - kalmanLogEvidence())).as("%s against %s", z, kalmanLogEvidence())
                .isLessThanOrEqualTo(AnnealedSmcTest.t(20, 1e-6) * z.standardError());
    }

    /**
     * Six shares under a Dirichlet(1, ..., 1) prior and 200 categorical observations: the default kernel moves the
     * shares only by draws from their prior, which the last temperature all but never accepts (0.2% of its steps),
     * and the sweeps read log Z-hat with an sd of 1.1 across them, told only "use more particles or a better
     * proposal" (a new user). The kernel's failure is told before that spread now; an independence kernel whose
     * Dirichlet is near the posterior moves them and is not named.
     */
    @Test
    void aKernelThatAllButNeverMovesAChoiceAtTheLastTemperatureIsNamed() {
        int[] counts = {31, 52, 18, 40, 37, 22};
        int[] events = java.util.stream.IntStream.range(0, 6).flatMap(j -> java.util.stream.IntStream
                .range(0, counts[j]).map(c -> j)).toArray();
        Model<double[]> shares = p -> {
            double[] theta = p.sample("theta", new dev.ariadne.core.dist.Dirichlet(1, 1, 1, 1, 1, 1));
            dev.ariadne.core.dist.Categorical district = new dev.ariadne.core.dist.Categorical(theta);
            for (int i = 0; i < events.length; i++) {
                p.observe("district", i, district, events[i]);
            }
            return theta;
        };
        java.util.List<String> verdicts = Smc.annealed(shares).particles(300).sweeps(20).seed(1).run().diagnostics()
                .verdicts();
        assertThat(verdicts.get(0)).startsWith("the rejuvenation kernel all but never moves theta: theta accepted "
                + "0.20% of its 6,000 steps at the last temperature");
        double[] near = java.util.Arrays.stream(counts).mapToDouble(c -> 0.5 * (1 + c)).toArray();
        dev.ariadne.inference.mcmc.Kernel moves = dev.ariadne.inference.mcmc.Kernels.independence(
                dev.ariadne.core.Guide.at("theta", new dev.ariadne.core.dist.Dirichlet(near)));
        assertThat(Smc.annealed(shares).kernel(moves).particles(300).sweeps(20).seed(1).run().diagnostics()
                .verdicts()).noneMatch(v -> v.startsWith("the rejuvenation kernel"));
        // Nor beside the default kernel in a cycle: the independence kernel's moves are a whole run's, of every site
        // (a hunt: named in 10 calls of 10, the single-site kernel's steps alone counted).
        dev.ariadne.inference.mcmc.Kernel cycle = dev.ariadne.inference.mcmc.Kernels.cycle(
                dev.ariadne.inference.mcmc.Kernels.singleSite(), moves);
        assertThat(Smc.annealed(shares).kernel(cycle).particles(300).sweeps(20).seed(1).run().diagnostics()
                .verdicts()).noneMatch(v -> v.startsWith("the rejuvenation kernel"));
    }

    private static void assertPinned(Model<Double> model, long... bits) {
        double[] sweeps = Smc.annealed(model).particles(60).sweeps(3).seed(1).run().logEvidenceBySweep();
        assertThat(sweeps).hasSize(bits.length);
        for (int k = 0; k < bits.length; k++) {
            assertThat(Double.doubleToRawLongBits(sweeps[k])).as("sweep %d: %s, pinned %s", k, sweeps[k],
                    Double.longBitsToDouble(bits[k])).isEqualTo(bits[k]);
        }
    }

    /** log p(y_0..y_(STEPS-1)) by the Kalman filter. */
    static double kalmanLogEvidence() {
        double m = 0;
        double v = 1;
        double ll = 0;
        for (int t = 0; t < STEPS; t++) {
            if (t > 0) {
                m = 0.9 * m;
                v = 0.81 * v + 1;
            }
            double s = v + 1;
            double e = Math.sin(t) - m;
            ll += -0.5 * (Math.log(2 * Math.PI * s) + e * e / s);
            double gain = v / s;
            m += gain * e;
            v = (1 - gain) * v;
        }
        return ll;
    }
}
