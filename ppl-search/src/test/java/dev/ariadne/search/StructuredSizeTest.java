package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * The structured family makes each continuous site's location affine in every earlier one, so its size grows as the
 * square of the sites: a search whose taped batch could not fit in the heap is refused at once, with the number of
 * sites, the memory it would need and the family to use, instead of running out of memory.
 */
class StructuredSizeTest {

    @Test
    void aSearchOverFifteenHundredLatentsIsRefusedBeforeItRunsOutOfMemory() {
        // Before: the second discovery pass taped 500 runs of 1.1 million regressors each, and the JVM ran out of
        // memory (about 34 GB against a heap of a few).
        Model<Double> wide = p -> {
            double sum = 0;
            for (int i = 0; i < 1_500; i++) {
                sum += p.sample("x", i, new Normal(0, 1));
            }
            p.observe("y", new Normal(sum, 1), 3.0);
            return sum;
        };
        assertThatThrownBy(() -> GuideSearch.of(wide, GuideFamily.structured()).budget(Budget.steps(2)).seed(1)
                .run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1,500 continuous latent sites")
                .hasMessageContaining("1,124,250 coefficients")
                .hasMessageContaining("GB, against this JVM's maximum heap")
                .hasMessageContaining("GuideFamily.meanField()");
    }

    /** Every strategy's runs a step: crossEntropy().runs(Integer.MAX_VALUE) ended in a bare OutOfMemoryError. */
    @Test
    void aStepOfMoreRunsThanTheHeapHoldsIsRefused() {
        Model<Double> m = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 1.0);
            return x;
        };
        for (Strategy s : new Strategy[] {Strategy.crossEntropy().runs(Integer.MAX_VALUE),
                Strategy.gradient().batch(Integer.MAX_VALUE)}) {
            assertThatThrownBy(() -> GuideSearch.of(m, GuideFamily.meanField()).strategy(s).budget(Budget.steps(2))
                    .seed(1).run()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2,147,483,647 runs of one search step")
                    .hasMessageContaining("more than this JVM's heap")
                    .hasMessageContaining("use fewer runs a step");
        }
    }

    @Test
    void theEstimateRefusesOnlyWhatExceedsTheHeap() {
        long gb = 1_000_000_000L;
        // 1,500 sites, 500 runs: 1,124,250 coefficients, 562 million regressors, about 33.9 GB
        assertThat(SearchState.structuredTooLarge(1_500, 500, 4 * gb)).contains("about 33.9 GB")
                .contains("maximum heap of 4.0 GB");
        assertThat(SearchState.structuredTooLarge(1_500, 500, 64 * gb)).isNull();
        // a model of 20 latents is far from any heap
        assertThat(SearchState.structuredTooLarge(20, 10_000, gb / 4)).isNull();
        assertThat(SearchState.structuredTooLarge(1, 10_000, 1)).isNull();
    }
}
