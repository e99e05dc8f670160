package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.Importance;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A certification's region check where neither route's estimate is trusted: the prior's runs and annealed SMC's
 * sweeps still prove a lower bound on P(e) whatever their tails. A new user's searched pedigree guide never proposed
 * an affected child's two copies; certified, it read log P(e) 3 nats low, 85 of its standard errors, and the check
 * said only that the prior's runs (ESS 10) and annealed SMC (skewed sweeps) could not be trusted.
 */
class PriorFloorRouteTest {

    @Test
    void aCertifiedEstimateBelowTheRoutesProvenFloorIsNamed() {
        Guide neverAffected = GroundTruth.pedigreeGuide(new double[] {0.9, 0.09, 0.01}, new double[] {0.6, 0.4, 0});
        Estimate certified = Importance.of(GroundTruth.PEDIGREE).guide(neverAffected).samples(20_000).seed(5)
                .priorCheck(0).run().logEvidence();
        PriorRouteCheck.Finding f = PriorRouteCheck.check(GroundTruth.PEDIGREE, certified, 20_000, 7,
                Optional.empty());
        assertThat(f.missed().orElseThrow()).contains("which needs no guide, gives no estimate to trust here")
                .contains("with confidence 1 - 1e-06 whatever their tail").contains("the guide misses at least")
                .contains("Certify the guide mixed with the prior");
    }

    @Test
    void aCertifiedEstimateWithinItsErrorOfTheTruthIsNotNamed() {
        Guide covering = GroundTruth.pedigreeGuide(new double[] {0.5, 0.4, 0.1}, new double[] {0.3, 0.3, 0.4});
        for (long seed = 1; seed <= 3; seed++) {
            Estimate certified = Importance.of(GroundTruth.PEDIGREE).guide(covering).samples(20_000).seed(seed)
                    .priorCheck(0).run().logEvidence();
            assertThat(PriorRouteCheck.check(GroundTruth.PEDIGREE, certified, 20_000, seed + 10, Optional.empty())
                    .missed()).as("seed %d", seed).isEmpty();
        }
    }
}
