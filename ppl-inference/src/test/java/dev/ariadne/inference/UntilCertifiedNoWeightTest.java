package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.smc.Smc;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A call run until certified whose runs never had weight: Z-hat is 0, and its note says so rather than giving the
 * bound as "0.0000 of Z-hat", a ratio of two zeros (an adversarial tester, on a model whose condition never holds).
 */
class UntilCertifiedNoWeightTest {

    private static final Model<Double> NEVER = p -> {
        double x = p.sample("x", new Normal(0, 1));
        p.condition("c", false);
        return x;
    };

    @Test
    void importanceSamplingSaysZHatIsZero() {
        ImportanceResult<Double> r = Importance.of(NEVER).samples(20_000).seed(3)
                .untilCertified(0.05, 0.5, Duration.ofSeconds(60)).run();
        assertThat(r.untilCertifiedStop()).hasValueSatisfying(v -> assertThat(v)
                .startsWith("stopped short of its target 0.5: Z-hat is 0 after 20,000 runs (no run had weight)")
                .doesNotContain("of Z-hat after").endsWith("when the samples asked for were done"));
    }

    @Test
    void smcSaysZHatIsZero() {
        var r = Smc.of(NEVER).untilCertified(0.05, 0.5, Duration.ofSeconds(60)).sweeps(30).run();
        assertThat(r.untilCertifiedStop()).hasValueSatisfying(v -> assertThat(v)
                .startsWith("stopped short of its target 0.5: Z-hat is 0 after 30 sweeps (no run had weight)")
                .doesNotContain("of Z-hat after").endsWith("when the sweeps asked for were done"));
    }

    /** An annealed call none of whose particles had weight was also told that one or two particles carried a step. */
    @Test
    void annealedSmcDoesNotSayAParticleCarriedAStep() {
        var r = Smc.annealed(NEVER).untilCertified(0.05, 0.5, Duration.ofSeconds(60)).sweeps(5).run();
        assertThat(r.untilCertifiedStop()).hasValueSatisfying(v -> assertThat(v).contains("Z-hat is 0 after"));
        assertThat(r.diagnostics().verdicts()).isNotEmpty()
                .noneMatch(v -> v.contains("one or two particles carried that step's evidence"));
    }
}
