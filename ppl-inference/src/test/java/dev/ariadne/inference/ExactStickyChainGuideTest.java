package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A three-state chain of stickiness 0.98 read through N(state mean, 1) at ten steps, with its exact guide (each state
 * proposed from its exact conditional given the last, by backward messages): every weight is P(e). The guide
 * proposes s[8] = 0 with probability 4.7e-7, its posterior probability, and forced there it held 5.2e-7 of P(e), yet
 * it was named in 20 calls of 20 as a value the guide leaves out (an outside hunt). A guide that all but never
 * proposes state 2 at step 5 is still named.
 */
class ExactStickyChainGuideTest {

    private static final int K = 3;
    private static final int T = 10;
    private static final double STICK = 0.98;
    private static final double[] MU = {-2, 0, 2};
    private static final double[] Y = {-2.1, -1.5, -2.4, 0.3, -0.2, 0.5, 2.2, 1.7, 2.5, 0.1};

    private static double move(int a, int b) {
        return a == b ? STICK : (1 - STICK) / (K - 1);
    }

    private static double likelihood(int t, int s) {
        return Math.exp(new Normal(MU[s], 1).logDensity(Y[t]));
    }

    private static final Model<Integer> CHAIN = p -> {
        int s = -1;
        for (int t = 0; t < T; t++) {
            s = p.sample("s", t, t == 0 ? new Categorical(1, 1, 1) : new Categorical(move(s, 0), move(s, 1),
                    move(s, 2)));
            p.observe("y", t, new Normal(MU[s], 1), Y[t]);
        }
        return s;
    };

    /** The exact guide, or with state 2 at step {@code never} proposed with probability 1e-12. */
    private static Guide guide(int never) {
        double[][] beta = new double[T][K];
        java.util.Arrays.fill(beta[T - 1], 1);
        for (int t = T - 2; t >= 0; t--) {
            for (int s = 0; s < K; s++) {
                for (int u = 0; u < K; u++) {
                    beta[t][s] += move(s, u) * likelihood(t + 1, u) * beta[t + 1][u];
                }
            }
        }
        return Guide.bySite((site, h) -> {
            int t = site.index();
            double[] q = new double[K];
            for (int s = 0; s < K; s++) {
                q[s] = (t == 0 ? 1.0 / K : move(h.integer("s", t - 1), s)) * likelihood(t, s) * beta[t][s];
            }
            if (t == never) {
                double rest = q[0] + q[1];
                q[0] /= rest;
                q[1] /= rest;
                q[2] = 1e-12;
            }
            return new Categorical(q);
        });
    }

    @Test
    void anExactGuideOfAStickyChainIsNotSaidToLeaveOutAValue() {
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(Importance.of(CHAIN).guide(guide(-1)).samples(10_000).seed(seed).run().diagnostics()
                    .verdicts()).as("seed %d", seed).isEmpty();
        }
        assertThat(Importance.of(CHAIN).guide(guide(5)).samples(10_000).seed(1).run().diagnostics().verdicts())
                .anyMatch(v -> v.contains("s[5] = 2"));
    }
}
