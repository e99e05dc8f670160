package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import dev.ariadne.inference.stats.BoundMethod;
import dev.ariadne.inference.suite.Budget;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The bounds of {@link SmcResult} are valid lower bounds: over R independent replicates (each SMC with 10 sweeps of
 * 10 particles, so that each sweep's estimate is noisy) at delta = 0.2, the number of replicates whose bound exceeds
 * the exact value is at most the Binomial(R, 0.2) quantile at 1 - 1e-6. For the betting, product and Markov bounds
 * on P(e), on the 3-state hmm (state-space and generic forms) and a 10-step linear-Gaussian model (real states,
 * Kalman filter), and for the betting bound on P(h, e). The test of the test: log Z-hat itself, used as a "bound",
 * must fail the same check. R = 1000 in the default suite, 10,000 in the statistical profile.
 */
class SmcBoundCoverageTest {

    static final double DELTA = 0.2;
    static final double[] LG_Y = SmcModels.simulateLinearGaussian(10, Rng.forRun(99, 0))[1];
    static final double LG_LOG_Z = SmcModels.kalman(SmcModels.boxed(LG_Y))[2 * 10];
    static final double LAST_IS_2 = SmcModels.smallHmmLastState()[2];

    static SmcResult<?> explicitHmm(long seed) {
        return SmcModels.smallHmm().particles(10).sweeps(10).seed(seed).hypothesis("last=2", s -> s == 2).run();
    }

    static SmcResult<?> genericHmm(long seed) {
        return Smc.of(SmcModels.SMALL_HMM_MODEL).particles(10).sweeps(10).seed(seed)
                .hypothesis("last=2", s -> s == 2).run();
    }

    static SmcResult<?> linearGaussian(long seed) {
        return SmcModels.linearGaussian(SmcModels.boxed(LG_Y)).particles(10).sweeps(10).seed(seed)
                .hypothesis("last>0", x -> x > 0).run();
    }

    /** Counts, over replicates, {betting, product, Markov, log Z-hat as a bound} above {@code logZ}, and P(h, e) betting. */
    static int[] violations(LongFunction<SmcResult<?>> run, int replicates, double logZ, String h, double logZH) {
        int[] v = new int[5];
        for (int r = 0; r < replicates; r++) {
            SmcResult<?> res = run.apply(1_000_000L + r);
            v[0] += res.lowerBound(DELTA).logValue() > logZ ? 1 : 0;
            v[1] += res.lowerBound(DELTA, BoundMethod.PRODUCT).logValue() > logZ ? 1 : 0;
            v[2] += res.lowerBound(DELTA, BoundMethod.MARKOV).logValue() > logZ ? 1 : 0;
            v[3] += res.logEvidence().value() > logZ ? 1 : 0;
            if (h != null) {
                v[4] += res.lowerBound(h, DELTA).logValue() > logZH ? 1 : 0;
            }
        }
        return v;
    }

    static void check(String name, int[] v, int replicates, boolean hypothesis) {
        int allowed = Budget.allowedViolations(replicates, DELTA);
        System.out.printf("%s: violations betting %d, product %d, Markov %d, P(h, e) %d; log Z-hat above truth %d; "
                + "allowed %d of %d%n", name, v[0], v[1], v[2], v[4], v[3], allowed, replicates);
        List<String> methods = List.of("betting", "product", "Markov");
        for (int m = 0; m < 3; m++) {
            assertThat(v[m]).as("%s: %s bound above P(e)", name, methods.get(m)).isLessThanOrEqualTo(allowed);
        }
        if (hypothesis) {
            assertThat(v[4]).as("%s: betting bound above P(h, e)", name).isLessThanOrEqualTo(allowed);
        }
        assertThat(v[3]).as("%s: log Z-hat is no bound and must fail", name).isGreaterThan(allowed);
    }

    static void all(int replicates) {
        double hmmLogZH = SmcModels.SMALL_HMM_LOG_Z + Math.log(LAST_IS_2);
        check("state-space hmm", violations(SmcBoundCoverageTest::explicitHmm, replicates, SmcModels.SMALL_HMM_LOG_Z,
                "last=2", hmmLogZH), replicates, true);
        check("generic hmm", violations(SmcBoundCoverageTest::genericHmm, replicates, SmcModels.SMALL_HMM_LOG_Z,
                "last=2", hmmLogZH), replicates, true);
        check("linear-Gaussian", violations(SmcBoundCoverageTest::linearGaussian, replicates, LG_LOG_Z, null, 0),
                replicates, false);
    }

    @Test
    void boundsCoverTheEvidenceOverAThousandReplicates() {
        all(1000);
    }

    @Test
    @Tag("statistical")
    void boundsCoverTheEvidenceOverTenThousandReplicates() {
        all(10_000);
    }
}
