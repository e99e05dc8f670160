package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Cauchy;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/** {@code Importance.check} on a guide program finds what it finds on a guide. */
class GuideProgramCheckTest {

    /** A rare fault b explains y = 4 with mu near 0; a scale s ~ Gamma(2, 2) widens the observation. */
    private static final Model<Boolean> FAULT = p -> {
        boolean b = p.sample("b", new Bernoulli(0.01));
        double mu = p.sample("mu", new Normal(0, 1));
        double s = p.sample("s", new Gamma(2, 2));
        p.observe("y", new Normal(mu + (b ? 4 : 0), 0.5 + s), 4.0);
        return b;
    };

    @Test
    void aSiteLeftToThePriorAndAValueNeverProposedAreNamed() {
        GuideCheck check = Importance.check(FAULT, q -> {
            q.sample("b", new Bernoulli(1e-7));
            q.sample("mu", new Normal(0, 1));
        });
        assertThat(check.isClean()).isFalse();
        assertThat(check.untouched()).containsExactly("s");
        assertThat(check.unproposedValues()).singleElement().asString()
                .startsWith("the guide proposes b = true with probability 1.00e-07");
    }

    @Test
    void aProposalThatDoesNotFitItsPriorIsAnError() {
        GuideCheck check = Importance.check(FAULT, q -> {
            q.sample("b", new Bernoulli(0.5));
            q.sample("mu", new Gamma(1, 1));
        }, 50);
        assertThat(check.errors()).singleElement().asString().startsWith("the guide program's proposal Gamma(shape=1.0, "
                + "rate=1.0) (real, support positive) does not fit the prior Normal(mean=0.0, sd=1.0)");
        assertThat(check.runs()).isEqualTo(50);
    }

    @Test
    void aGoodGuideProgramIsCleanAndALightTailIsNamed() {
        assertThat(Importance.check(FAULT, q -> {
            q.sample("b", new Bernoulli(0.5));
            q.sample("mu", new Normal(0, 1));
            q.sample("s", new Gamma(2, 2));
        }).toString()).isEqualTo("guide check over 200 runs: no problems");
        Model<Double> cauchy = p -> {
            double x = p.sample("x", new Cauchy(0, 1));
            p.observe("y", new Normal(x, 100), 0.5);
            return x;
        };
        assertThat(Importance.check(cauchy, q -> q.sample("x", new Normal(0, 4))).lightTails()).singleElement()
                .asString().startsWith("the guide's tail at x is too light");
    }
}
