package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMC's evidence estimate is unbiased: on the 3-state hmm (P(e) = 7.624025e-3) with only 4 particles, so that the
 * estimate is noisy and any bias large, the mean of the sweeps' Z-hat lies within 5 standard errors of P(e), for
 * both forms, every resampling scheme and every resampling rule (every step, ESS below N/2, never), with and
 * without a guide: 3,000 sweeps per configuration in the default suite, 30,000 in the statistical profile. The test
 * of the test: exp(E[log Z-hat]), which Jensen's inequality biases low (by about 6%), fails it.
 */
class UnbiasednessTest {

    static final int SWEEPS = 3_000;
    static final int LONG_SWEEPS = 30_000;
    static final int PARTICLES = 4;
    static final double Z = Math.exp(SmcModels.SMALL_HMM_LOG_Z);

    static Stream<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        for (boolean generic : new boolean[] {false, true}) {
            for (Resampling r : Resampling.values()) {
                for (double threshold : new double[] {Double.POSITIVE_INFINITY, 0.5, 0}) {
                    out.add(Arguments.of(generic, r, threshold, false));
                }
            }
            out.add(Arguments.of(generic, Resampling.SYSTEMATIC, 0.5, true));
        }
        return out.stream();
    }

    static SmcResult<Integer> run(boolean generic, Resampling r, double threshold, boolean guided, long seed,
                                  int sweeps) {
        if (generic) {
            ModelSmc<Integer> m = Smc.of(SmcModels.SMALL_HMM_MODEL).particles(PARTICLES).sweeps(sweeps).seed(seed)
                    .resampling(r);
            m = threshold == Double.POSITIVE_INFINITY ? m.resampleEveryStep() : m.resampleBelow(threshold);
            return (guided ? m.guide(SmcModels.SMALL_HMM_LOOKAHEAD) : m).run();
        }
        StateSpaceSmc<Integer, Integer> s = SmcModels.smallHmm().particles(PARTICLES).sweeps(sweeps).seed(seed)
                .resampling(r);
        s = threshold == Double.POSITIVE_INFINITY ? s.resampleEveryStep() : s.resampleBelow(threshold);
        return (guided ? s.guide(SmcModels.SMALL_HMM_OPTIMAL) : s).run();
    }

    /** {mean, standard error, ESS} of the sweeps' Z-hat on the linear scale. */
    static double[] moments(double[] logZ) {
        double s = 0;
        double s2 = 0;
        for (double l : logZ) {
            double z = Math.exp(l);
            s += z;
            s2 += z * z;
        }
        int n = logZ.length;
        double mean = s / n;
        double var = (s2 / n - mean * mean) * n / (n - 1.0);
        return new double[] {mean, Math.sqrt(var / n), s * s / s2};
    }

    @ParameterizedTest(name = "generic {0}, {1}, threshold {2}, guided {3}")
    @MethodSource("configurations")
    void meanOfTheSweepsEstimatesIsTheEvidence(boolean generic, Resampling r, double threshold, boolean guided) {
        check(run(generic, r, threshold, guided, 4242, SWEEPS));
    }

    @ParameterizedTest(name = "generic {0}, {1}, threshold {2}, guided {3}")
    @MethodSource("configurations")
    @Tag("statistical")
    void meanOfThirtyThousandSweepsEstimatesIsTheEvidence(boolean generic, Resampling r, double threshold,
                                                           boolean guided) {
        check(run(generic, r, threshold, guided, 4343, LONG_SWEEPS));
    }

    static void check(SmcResult<Integer> res) {
        double[] m = moments(res.logEvidenceBySweep());
        assertThat(m[2]).as("ESS of the sweeps' estimates").isGreaterThanOrEqualTo(1000);
        assertThat(Math.abs(m[0] - Z)).as("mean Z-hat %s vs P(e) %s (se %s)", m[0], Z, m[1])
                .isLessThanOrEqualTo(5 * m[1]);
    }

    @Test
    void jensenBiasedEstimateFailsTheSameCheck() {
        SmcResult<Integer> res = run(false, Resampling.SYSTEMATIC, Double.POSITIVE_INFINITY, false, 4242, SWEEPS);
        double[] m = moments(res.logEvidenceBySweep());
        double biased = Math.exp(res.meanLogEvidence().value());
        System.out.printf("unbiasedness: Z-hat mean %s (se %s), exp(E[log Z-hat]) %s, P(e) %s%n", m[0], m[1], biased, Z);
        assertThat(Math.abs(biased - Z)).as("exp(E[log Z-hat]) %s vs %s (se %s)", biased, Z, m[1])
                .isGreaterThan(5 * m[1]);
    }
}
