package dev.ariadne.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The example's quadrature of the posterior of tau agrees with the shared ground truth (computed there by another
 * quadrature and cross-checked in two dimensions): the evidence, E[mu | y], E[tau | y] and P(tau &lt; 1 | y), to
 * 1e-6. Exact (rounding only): no false-failure budget.
 */
class HierarchicalTest {

    @Test
    void quadratureMatchesTheGroundTruth() {
        Hierarchical.TauPosterior t = Hierarchical.TauPosterior.compute();
        assertThat(t.logNormaliser).isCloseTo(-48.893339684643, within(1e-6));
        assertThat(t.meanMu).isCloseTo(Hierarchical.EXACT_E_MU, within(1e-6));
        assertThat(t.meanTau).isCloseTo(Hierarchical.EXACT_E_TAU, within(1e-6));
        assertThat(t.belowOne).isCloseTo(Hierarchical.EXACT_P_TAU_BELOW_1, within(1e-6));
    }
}
