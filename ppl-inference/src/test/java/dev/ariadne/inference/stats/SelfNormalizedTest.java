package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Rng;
import org.junit.jupiter.api.Test;

class SelfNormalizedTest {

    @Test
    void matchesTwoPassComputationAndMerges() {
        int n = 3000;
        double[] l = Sim.logNormalWeights(111, 0, n, 1.5);
        boolean[] h = new boolean[n];
        Rng rng = Rng.forRun(111, 1);
        for (int i = 0; i < n; i++) {
            h[i] = rng.nextDouble() < 0.3;
            if (i % 50 == 0) {
                l[i] = Double.NEGATIVE_INFINITY;
            }
        }
        // Two passes: normalise, then r, then the delta-method sum.
        double tot = 0;
        for (double x : l) {
            tot += Math.exp(x);
        }
        double r = 0;
        for (int i = 0; i < n; i++) {
            r += h[i] ? Math.exp(l[i]) / tot : 0;
        }
        double v = 0;
        for (int i = 0; i < n; i++) {
            double wb = Math.exp(l[i]) / tot;
            double d = (h[i] ? 1 : 0) - r;
            v += wb * wb * d * d;
        }
        SelfNormalized s = new SelfNormalized();
        SelfNormalized a = new SelfNormalized();
        SelfNormalized b = new SelfNormalized();
        for (int i = 0; i < n; i++) {
            s.add(l[i] + 500, h[i]); // a common scale changes nothing
            (i < 1111 ? a : b).add(l[i], h[i]);
        }
        assertThat(s.estimate()).isCloseTo(r, within(1e-12));
        assertThat(s.standardError()).isCloseTo(Math.sqrt(v), within(1e-12 * Math.sqrt(v)));
        a.merge(b);
        assertThat(a.estimate()).isCloseTo(r, within(1e-12));
        assertThat(a.standardError()).isCloseTo(Math.sqrt(v), within(1e-12 * Math.sqrt(v)));
        assertThat(a.count()).isEqualTo(n);
    }

    @Test
    void degenerateCases() {
        SelfNormalized s = new SelfNormalized();
        s.add(Double.NEGATIVE_INFINITY, true);
        assertThat(s.hasEstimate()).isFalse();
        assertThatThrownBy(s::estimate).isInstanceOf(IllegalStateException.class);
        assertThat(s.logWeightH()).isEqualTo(Double.NEGATIVE_INFINITY);
        s.add(-3, true).add(-3, true);
        assertThat(s.estimate()).isEqualTo(1.0);
        assertThat(s.standardError()).isZero();
        assertThatThrownBy(() -> s.add(Double.NaN, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
