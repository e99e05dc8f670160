package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A particle's index outside the particles threw a bare ArrayIndexOutOfBoundsException (an adversarial tester). */
class ParticleIndexTest {

    @Test
    void anIndexOutsideTheParticlesIsNamedWithTheirCount() {
        WeightedParticles<Double> w = WeightedParticles.of(new double[] {1.0, 2.0}, new double[] {-0.7, -0.7});
        for (int bad : new int[] {-1, 2}) {
            assertThatThrownBy(() -> w.value(bad)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("particle " + bad + " of 2 particles");
            assertThatThrownBy(() -> w.real(bad)).hasMessageContaining("particle " + bad + " of 2 particles");
            assertThatThrownBy(() -> w.logWeight(bad)).hasMessageContaining("particle " + bad + " of 2 particles");
        }
    }
}
