package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * Weights that pile up just under their bound (three Normal sites proposed 1.03 times as wide as their posteriors)
 * beside a branch drawn at 0.01 (posterior 0.2) whose weights have an infinite variance: its one unobserved site u is
 * proposed from N(-3 x_0', 1), x_0' the branch's first site in posterior sds, a misfit along the pair that no
 * single site's tail probe sees. Fitted with the pile, k-hat reads the tail heavy, and must: a rule that judged such
 * a pile by the ESS, where the 100 or more weights above it read light, left 51 calls of 150 more than 4 standard
 * errors off (the worst 12) with no verdict at all (a hunt), and was withdrawn the round it was written.
 */
class HeavyBranchAboveAPileTest {

    private static final double Y = 0.3;
    private static final double NOISE = 0.05;
    private static final double POSTERIOR_SD = 1 / Math.sqrt(1 + 1 / (NOISE * NOISE));
    private static final double POSTERIOR_MEAN = Y / (NOISE * NOISE) * POSTERIOR_SD * POSTERIOR_SD;

    private static final Model<Boolean> MODEL = p -> {
        boolean z = p.sample("z", new Bernoulli(0.2));
        String name = z ? "x1" : "x0";
        for (int j = 0; j < 3; j++) {
            double x = p.sample(name, j, new Normal(0, 1));
            p.observe("y", j, new Normal(x, NOISE), Y);
        }
        if (z) {
            p.sample("u", new Normal(0, 1));
        }
        return z;
    };

    private static final Guide GUIDE = Guide.bySite((site, h) -> switch (site.name()) {
        case "z" -> new Bernoulli(0.01);
        case "x0" -> new Normal(POSTERIOR_MEAN, 1.03 * POSTERIOR_SD);
        case "x1" -> new Normal(POSTERIOR_MEAN, POSTERIOR_SD);
        case "u" -> new Normal(-3 * (h.real("x1", 0) - POSTERIOR_MEAN) / POSTERIOR_SD, 1);
        default -> null;
    });

    /** Seed 3 reads log Z-hat 9 standard errors low; the weights' tail is named. */
    @Test
    void aHeavyBranchAboveAPileIsNamed() {
        ImportanceResult<Boolean> r = Importance.of(MODEL).guide(GUIDE).samples(20_000).seed(3)
                .hypothesis("z", z -> z).run();
        double exact = 3 * new Normal(0, Math.sqrt(1 + NOISE * NOISE)).logDensity(Y);
        Estimate e = r.logEvidence();
        assertThat((e.value() - exact) / e.standardError()).isLessThan(-5);
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("the weights are heavy-tailed"));
    }
}
