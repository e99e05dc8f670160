package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * {@code record("x")} of choices x[0], x[1] recorded nothing, and its verdict asked "did you mean x?", the pattern
 * itself (a false-alarm hunt). It says now that the choices are indexed and names the pattern that records them.
 */
class RecordPatternAdviceTest {

    @Test
    void aPatternWithoutAnIndexForIndexedChoicesIsToldTheOneThatNamesThem() {
        Model<Double> m = p -> {
            double s = 0;
            for (int i = 0; i < 2; i++) {
                s += p.sample("x", i, new Normal(0, 1));
            }
            p.observe("y", new Normal(s, 1), 0.5);
            return s;
        };
        McmcResult<Double> r = Mcmc.of(m).warmup(20).draws(20).record("x").seed(1).run();
        assertThat(r.verdicts()).anySatisfy(v -> assertThat(v).startsWith("record's pattern 'x' matched no")
                .contains("record(\"x[*]\") names them all").doesNotContain("did you mean x?"));
        // a misspelt or out-of-range pattern of indexed choices was asked "did you mean x?", which matches nothing
        // either (an adversarial tester)
        for (String wrong : new String[] {"xx[*]", "x[7]"}) {
            McmcResult<Double> typo = Mcmc.of(m).warmup(20).draws(20).record(wrong).seed(1).run();
            assertThat(typo.verdicts()).anySatisfy(v -> assertThat(v).startsWith("record's pattern '" + wrong + "'")
                    .contains("choices seen: x[*]").contains("did you mean x[*]?"));
        }
    }
}
