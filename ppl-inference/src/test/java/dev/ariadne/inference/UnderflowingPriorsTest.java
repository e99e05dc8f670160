package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Gamma;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue "Soundness", item 6: legal priors whose draws underflow the doubles, sampled with no evidence and the prior
 * as proposal. Every run's weight is then exactly 1 (log p = log q at every draw), so the estimate must be exactly
 * log Z-hat = 0 with no failed run. Before the fix, a draw that underflowed to 0 (or rounded to 1) landed where the
 * density is infinite and the run counted as a support failure: Gamma(1e-3, 1) failed 47.6% of runs (log Z-hat
 * -0.647), Beta(1e-3, 1e-3) 48.5% (-0.663), Dirichlet(0.01 x 50) 2.8% (-0.029). Exact, no false failures.
 */
class UnderflowingPriorsTest {

    private static final long RUNS = 100_000;

    private static void exactlyOne(String name, Model<?> prior) {
        ImportanceResult<?> r = Importance.of(prior).samples(RUNS).seed(1).run();
        assertThat(r.diagnostics().accepted()).as("%s: runs accepted, failures %s", name, r.diagnostics().failures())
                .isEqualTo(RUNS);
        assertThat(r.logEvidence().value()).as("%s: log Z-hat", name).isZero();
    }

    @Test
    void gammaWithATinyShape() {
        exactlyOne("Gamma(1e-3, 1)", p -> p.sample("x", new Gamma(1e-3, 1)));
    }

    @Test
    void betaWithTinyShapes() {
        exactlyOne("Beta(1e-3, 1e-3)", p -> p.sample("x", new Beta(1e-3, 1e-3)));
    }

    @Test
    void dirichletWithTinyConcentrations() {
        double[] alpha = new double[50];
        Arrays.fill(alpha, 0.01);
        exactlyOne("Dirichlet(0.01 x 50)", p -> p.sample("x", new Dirichlet(alpha)));
    }
}
