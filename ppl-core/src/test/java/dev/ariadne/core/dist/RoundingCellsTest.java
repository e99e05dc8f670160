package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import org.junit.jupiter.api.Test;

/**
 * Proposals whose scale is near the doubles' spacing at their draws, where a double's rounding cell holds a mass that
 * is not the density there times the cell's width, leave such draws out ({@link RealDist#unrepresentableAt}); the
 * same families at a scale the doubles carry, and everywhere a sampler reaches, keep theirs.
 */
class RoundingCellsTest {

    private static final double EPOCH = 1.7e9;
    private static final double SPACING = Math.ulp(EPOCH);

    @Test
    void proposalsNarrowerThanTheDoublesLeaveTheirDrawsOut() {
        assertThat(new Normal(EPOCH, 0.707 * SPACING).unrepresentableAt(EPOCH)).isTrue();
        assertThat(new Normal(EPOCH, 10 * SPACING).unrepresentableAt(EPOCH + SPACING)).isTrue();
        assertThat(new StudentT(3, EPOCH, SPACING).unrepresentableAt(EPOCH)).isTrue();
        assertThat(new Cauchy(EPOCH, SPACING).unrepresentableAt(EPOCH)).isTrue();
        assertThat(new Laplace(EPOCH, 10 * SPACING).unrepresentableAt(EPOCH)).isTrue();
        assertThat(new LogNormal(Math.log(EPOCH), 1e-15).unrepresentableAt(EPOCH)).isTrue();
        // the subnormals' fixed spacing beside a subnormal sd
        assertThat(new Cauchy(0, 0x1p-1070).unrepresentableAt(0x1p-1071)).isTrue();
    }

    @Test
    void proposalsTheDoublesCarryKeepTheirDraws() {
        Rng rng = Rng.forRun(3, 0);
        RealDist[] wide = {new Normal(EPOCH, 300 * SPACING), new Normal(0, 1), new Normal(1e300, 1e290),
            new StudentT(0.5, 0, 1), new Cauchy(5, 1e-3), new Laplace(EPOCH, 8000 * SPACING),
            new Laplace(1e6, 1e-6), new Laplace(1, 1e-12),
            new LogNormal(0, 1e-9), new Normal(0, 0x1p-1000)};
        for (RealDist d : wide) {
            for (int i = 0; i < 10_000; i++) {
                double x = d.sample(rng);
                assertThat(d.unrepresentableAt(x)).as("%s at %s", d, x).isFalse();
            }
        }
    }
}
