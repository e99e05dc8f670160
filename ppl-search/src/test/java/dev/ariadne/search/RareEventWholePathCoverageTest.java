package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.inference.GroundTruth;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Coverage of the whole rare-event path, search included (issue 15's acceptance, long profile): R = 200
 * replicates, each a cross-entropy search from the prior with the default settings on ten standard normals whose
 * sum must pass 15 (stated with its margin), then the search's own certification on 2000 fresh runs at
 * delta = 0.2. The searched guide depends on the replicate's seed, and the certification's seed never overlaps the
 * search's, so each replicate's bound holds with probability at least 0.8 whatever guide the search found: the
 * violations are Binomial(200, <= 0.2), asserted below the 1 - 1e-6 quantile. Test of the test: the
 * certification's estimate Z-hat, used as a bound, is above P(e) in about half of the replicates and must fail.
 */
@Tag("statistical")
class RareEventWholePathCoverageTest {

    @Test
    void searchAndCertificationTogetherCoverTheEvidence() {
        Model<Double> model = RarerGaussianSumSearchTest.marginSum(10, 15);
        int r = 200;
        double delta = 0.2;
        int violations = 0;
        int estimateViolations = 0;
        for (int i = 0; i < r; i++) {
            SearchResult s = GuideSearch.of(model, GuideFamily.meanField()).strategy(Strategy.crossEntropy())
                    .seed(500 + i).parallelism(2).certify(2000, delta).run();
            violations += s.certified().evidenceBound().logValue() > GroundTruth.RARE_LOG_Z ? 1 : 0;
            estimateViolations += s.certified().logEvidence().value() > GroundTruth.RARE_LOG_Z ? 1 : 0;
        }
        int allowed = SuiteStats.allowedViolations(r, delta);
        System.out.printf("whole-path coverage: %d of %d violations (allowed %d), Z-hat as bound %d%n", violations,
                r, allowed, estimateViolations);
        assertThat(violations).isLessThanOrEqualTo(allowed);
        assertThat(estimateViolations).as("Z-hat as a bound (must fail)").isGreaterThan(allowed);
    }
}
