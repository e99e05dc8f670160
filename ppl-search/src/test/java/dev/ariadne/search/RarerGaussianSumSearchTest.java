package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.History;
import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.stats.Bound;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: from the prior guide, the cross-entropy method with elite level sets finds a guide for the rarer
 * gaussian sum (P(e) = 1.737841e-12) whose certified 99% lower bound from 10^6 fresh runs is at least 0.9 P(e).
 */
class RarerGaussianSumSearchTest {

    static double sum(History h) {
        double s = 0;
        for (int i = 0; i < 10; i++) {
            s += h.real("z", i);
        }
        return s;
    }

    @Test
    void crossEntropyFromThePriorCertifiesNinetyPercentOfTheEvidence() {
        long t0 = System.nanoTime();
        SearchResult r = GuideSearch.of(GroundTruth.gaussianSum(22), GuideFamily.meanField())
                .strategy(Strategy.crossEntropy().runs(10_000).rho(0.1).level(RarerGaussianSumSearchTest::sum, 22))
                .budget(Budget.steps(12)).seed(3).parallelism(2).certify(1_000_000, 0.01).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Bound b = r.certified().evidenceBound();
        double ratio = Math.exp(b.logValue() - GroundTruth.RARER_LOG_Z);
        System.out.printf("rarer gaussian sum: search + certification %.2f s; L/P(e) = %.4f; %s%n", seconds, ratio,
                r.summary());
        r.history().forEach(s -> System.out.println("  " + s));
        assertThat(r.history().get(0).note()).startsWith("elite level");
        assertThat(b.delta()).isEqualTo(0.01);
        assertThat(r.certified().runs()).isEqualTo(1_000_000);
        assertThat(ratio).isGreaterThanOrEqualTo(0.9);
    }
}
