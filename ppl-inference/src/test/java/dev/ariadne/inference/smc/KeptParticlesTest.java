package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call keeps the final particles of its first sweeps only, so that its memory does not grow with the sweeps:
 * {@code untilCertified} kept every sweep's particles, about 45 KB a sweep of 1,000, and died with a bare
 * OutOfMemoryError in a 64 MB heap within 2 seconds of a 90-second budget (an adversarial tester).
 */
class KeptParticlesTest {

    private static final Model<Double> MODEL = p -> {
        double x = p.sample("x", new Normal(0, 1));
        int k = p.sample("k", new Poisson(2));
        p.observe("y", new Normal(x + k, 1), 2.3);
        return x;
    };

    @Test
    void sweepsPastTheKeptParticlesKeepTheirEstimatesButNotTheirParticles() {
        SmcResult<Double> r = Smc.of(MODEL).particles(100).sweeps(10).keepParticles(350).seed(3).run();
        for (Sweep<Double> s : r.sweeps()) {
            assertThat(s.keptParticles()).as("sweep %d", s.index()).isEqualTo(s.index() < 3);
            assertThat(s.logEvidence()).isFinite();
        }
        assertThatThrownBy(() -> r.sweeps().get(3).particles()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sweep 3 did not keep its final particles")
                .hasMessageContaining("keepParticles(n)");
        // The estimates are every sweep's, as without the cap; the posterior is the first three sweeps', bit for bit.
        SmcResult<Double> all = Smc.of(MODEL).particles(100).sweeps(10).seed(3).run();
        assertThat(r.logEvidence().value()).isEqualTo(all.logEvidence().value());
        SmcResult<Double> first = Smc.of(MODEL).particles(100).sweeps(3).seed(3).run();
        WeightedParticles<Double> pooled = r.posterior();
        WeightedParticles<Double> expected = first.posterior();
        assertThat(pooled.size()).isEqualTo(300);
        assertThat(pooled.logWeights()).containsExactly(expected.logWeights());
        assertThat(pooled.mean(x -> x)).isEqualTo(expected.mean(x -> x));
    }

    /** A function that throws on a particle names it, with its value, and keeps its exception as the cause. */
    @Test
    void aFunctionThatThrowsOnAParticleNamesIt() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        WeightedParticles<Double> posterior = Smc.of(MODEL).particles(100).sweeps(1).seed(3).run().posterior();
        assertThatThrownBy(() -> posterior.mean(x -> {
            throw boom;
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the function threw "
                + "java.lang.IllegalArgumentException: boom on particle ").hasCause(boom);
        assertThatThrownBy(() -> posterior.probability(x -> {
            throw boom;
        })).isInstanceOf(IllegalStateException.class).hasCause(boom);
    }

    @Test
    void theFirstSweepKeepsItsParticlesWhateverTheCap() {
        SmcResult<Double> r = Smc.of(MODEL).particles(100).sweeps(3).keepParticles(0).seed(3).run();
        assertThat(r.sweeps().get(0).keptParticles()).isTrue();
        assertThat(r.sweeps().get(1).keptParticles()).isFalse();
        assertThat(r.posterior().size()).isEqualTo(100);
        assertThatThrownBy(() -> Smc.of(MODEL).keepParticles(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    /** 20,000 sweeps of 1,000 particles kept whole would hold about 900 MB; the cap holds the first 100. */
    @Test
    void aLongCallUntilCertifiedKeepsTheDefaultsParticles() {
        SmcResult<Double> r = Smc.of(MODEL).particles(1000).sweeps(20_000).seed(1)
                .untilCertified(0.05, 0.9999, Duration.ofSeconds(60)).run();
        long kept = r.sweeps().stream().filter(Sweep::keptParticles).count();
        assertThat(r.sweeps().size()).isGreaterThan(1000);
        assertThat(kept).isEqualTo(100);
    }
}
