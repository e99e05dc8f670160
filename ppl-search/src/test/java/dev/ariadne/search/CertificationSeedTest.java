package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Rng;
import dev.ariadne.inference.GroundTruth;
import org.junit.jupiter.api.Test;

/**
 * A certification's bound holds for any guide only because its runs are fresh. Run j of one seed is run j + k of
 * any other for one offset k, so a seed can be built whose runs are the search's own: an outside statistician built
 * one (the seeds' mix inverted) and certified on the search's common random numbers, with the bound above the truth
 * in 100 seeds of 100 (4 with the default seed). Such a seed is now refused, and the default is moved past it.
 */
class CertificationSeedTest {

    @Test
    void aSeedWhoseRunsAreTheSearchsOwnIsRefused() {
        long search = 1;
        long shifted = Rng.seedWithRunsOf(search, 1); // its run i is the search's run i + 1
        assertThat(Rng.forRun(shifted, 0).nextLong()).isEqualTo(Rng.forRun(search, 1).nextLong());
        GuideSearch<Double> s = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField())
                .strategy(Strategy.cmaes()).seed(search).budget(Budget.runs(2_000)).certify(1_000, 0.05);
        assertThatThrownBy(() -> s.certificationSeed(shifted).run()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the certification seed " + shifted + " would make certifying runs of the "
                        + "search's own (seed 1)");
        assertThatThrownBy(() -> s.certificationSeed(search).run()).hasMessageContaining("would make certifying runs");
        // a fresh batch's runs, from 2^40, are the search's too
        long fresh = Rng.seedWithRunsOf(search, SearchState.FRESH_START + 7);
        assertThatThrownBy(() -> GuideSearch.certificationSeed(search, fresh, 1_000))
                .hasMessageContaining("would make certifying runs");
        assertThat(s.certificationSeed(search + 1).run().certified().seed()).isEqualTo(search + 1);
    }

    @Test
    void theDefaultSeedIsTheSaltedOneAndNeverTheSearchsRuns() {
        for (long seed = 0; seed < 1_000; seed++) {
            long c = GuideSearch.certificationSeed(seed, null, 1_000_000);
            assertThat(c).isEqualTo(seed ^ GuideSearch.CERTIFICATION_SALT);
            assertThat(Rng.runsOverlap(seed, 0, GuideSearch.SEARCH_RUN_INDICES, c, 0, 1_000_000)).isFalse();
        }
    }
}
