package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Poisson;
import org.junit.jupiter.api.Test;

/**
 * {@link Importance#check}, past a proposal it refuses, goes on with the prior at that site: what it then says of the
 * runs' draws is of the prior's, and says so.
 */
class GuideCheckPastARefusalTest {

    /**
     * A Binomial(5, 0.5) for a Poisson(3) count, with y = 9 ~ Poisson(k + 0.5), so counts above 5 hold 44% of P(e).
     * After the refusal, "the estimate hangs on k = 6, which the runs draw with probability 0.0504" read as the guide's
     * probability of a value it can never draw; 0.0504 is the prior's (an adversarial statistician).
     */
    @Test
    void whatItSaysOfTheRunsPastARefusedProposalIsSaidOfThePriorsRuns() {
        Model<Integer> m = p -> {
            int k = p.sample("k", new Poisson(3));
            p.observe("y", new Poisson(k + 0.5), 9);
            return k;
        };
        GuideCheck check = Importance.check(m, Guide.at("k", new Binomial(5, 0.5)));
        String text = check.toString();
        assertThat(text).contains("does not cover its prior's support");
        assertThat(text).contains("with the prior in place of the refused proposal at k, the estimate hangs on k = 6");
    }
}
