package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.stats.BoundMethod;
import org.junit.jupiter.api.Test;

/**
 * The hypothesis bounds of a search's certification are valid lower bounds on P(h, e). On normal-normal with
 * h = {mu > 1}, P(h, e) = P(e) P(mu > 1 | e) = exp(-6.590572) * 0.403248 exactly. R = 1000 independent searches
 * (cross-entropy, 2 iterations of 200 runs, seeds 1..1000), each certified on only 100 fresh runs at delta = 0.05,
 * where a bound's validity is most fragile. Violations of P(h, e) >= L_h are Binomial(R, <= 0.05) for a valid bound:
 * asserted at or below the binomial 1 - 1e-6 quantile (false-failure rate <= 1e-6). The evidence bound of the same
 * certifications is checked the same way.
 *
 * <p>Test of the test: the estimate Z-hat_h (recovered from the Markov bound of the same runs, log L + log(1/delta))
 * is not a lower bound; with the searched guide it exceeds P(h, e) in about half the replicates, so it must fail the
 * same coverage check. Its miss rate is ~0.5 against an allowance of ~8.5%, so that check's chance of passing a
 * correct Z-hat_h is far below 1e-12.
 */
class HypothesisBoundCoverageTest {

    static final int REPLICATES = 1000;
    static final int RUNS = 100;
    static final double DELTA = 0.05;
    static final double LOG_P_H_E = GroundTruth.NORMAL_NORMAL_LOG_Z + Math.log(GroundTruth.NORMAL_NORMAL_P_ABOVE_ONE);

    @Test
    void hypothesisAndEvidenceBoundsCoverAtSmallRunCounts() {
        int hViolations = 0;
        int eViolations = 0;
        int zHatAbove = 0;
        for (int r = 1; r <= REPLICATES; r++) {
            SearchResult s = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField())
                    .strategy(Strategy.crossEntropy().runs(200)).budget(Budget.steps(2)).seed(r)
                    .hypothesis("mu > 1", mu -> mu > 1).certify(RUNS, DELTA).run();
            Certification c = s.certified();
            double lh = c.hypothesisBounds().get("mu > 1").logValue();
            assertThat(c.hypothesisBounds().get("mu > 1").delta()).isEqualTo(DELTA);
            if (lh > LOG_P_H_E) {
                hViolations++;
            }
            if (c.evidenceBound().logValue() > GroundTruth.NORMAL_NORMAL_LOG_Z) {
                eViolations++;
            }
            double logZHatH = c.result().lowerBound("mu > 1", DELTA, BoundMethod.MARKOV).logValue()
                    + Math.log(1 / DELTA);
            if (logZHatH > LOG_P_H_E) {
                zHatAbove++;
            }
        }
        int allowed = SuiteStats.allowedViolations(REPLICATES, DELTA);
        System.out.printf("hypothesis-bound coverage (R = %d, n = %d, delta = %.2f): L_h violations %d, L_e "
                + "violations %d, Z-hat_h above P(h, e) %d; allowed %d%n", REPLICATES, RUNS, DELTA, hViolations,
                eViolations, zHatAbove, allowed);
        assertThat(hViolations).as("violations of P(h, e) >= L_h").isLessThanOrEqualTo(allowed);
        assertThat(eViolations).as("violations of P(e) >= L_e").isLessThanOrEqualTo(allowed);
        assertThat(zHatAbove).as("Z-hat_h is not a lower bound: it must fail the coverage check")
                .isGreaterThan(allowed);
    }
}
