package dev.ariadne.core;

import dev.ariadne.core.dist.LogMath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A whole-run defensive mixture stays one when it is combined with other guides, and is recognised by its prior
 * share alone (guides and handlers), never by its class. Each run is checked exactly: its log q must be the log of
 * the mixture density alpha prior(x) + (1 - alpha) guide(x) of the combined guide.
 */
class DefensiveCompositionTest {

    /** mu ~ N(0, 1), nu ~ N(mu, 1), y ~ N(nu, 1) observed at 1.2. */
    private static final Model<double[]> TWO = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        double nu = p.sample("nu", new Normal(mu, 1));
        p.observe("y", new Normal(nu, 1), 1.2);
        return new double[] {mu, nu};
    };
    private static final Normal G_MU = new Normal(0.8, 0.5);
    private static final Normal H_NU = new Normal(1.0, 0.6);

    /** Checks every run's log q against the mixture of the prior and the guide "G_MU at mu, H_NU at nu". */
    private static void isTheMixture(Execution<double[]> e, double alpha, boolean guidesNu) {
        Runner<double[]> r = e.runner();
        assertThat(r.defensiveAlpha()).isEqualTo(alpha);
        int fromPrior = 0;
        for (int i = 0; i < 300; i++) {
            r.run(11, i);
            double mu = r.value()[0];
            double nu = r.value()[1];
            double logPrior = new Normal(0, 1).logDensity(mu) + new Normal(mu, 1).logDensity(nu);
            double logGuide = G_MU.logDensity(mu) + (guidesNu ? H_NU : new Normal(mu, 1)).logDensity(nu);
            double expected = LogMath.logAddExp(Math.log(alpha) + logPrior, Math.log1p(-alpha) + logGuide);
            assertThat(r.logQ()).isCloseTo(expected, within(1e-12));
            if (r.trace().site("mu").get().proposal() == r.trace().site("mu").get().prior()) {
                fromPrior++;
            }
        }
        assertThat(fromPrior).isZero(); // the recorded proposal is the guide's; the coin only picks where to draw
    }

    @Test
    void orElseKeepsTheMixtureWholeRunOnEitherSide() {
        Guide g = Guide.at("mu", G_MU);
        Guide h = Guide.at("nu", H_NU);
        assertThat(Guide.defensive(0.2, g).orElse(h).wholeRunPriorShare()).isEqualTo(0.2);
        assertThat(h.orElse(Guide.defensive(0.3, g)).wholeRunPriorShare()).isEqualTo(0.3);
        isTheMixture(Execution.of(TWO).guide(Guide.defensive(0.2, g).orElse(h)), 0.2, true);
        isTheMixture(Execution.of(TWO).guide(h.orElse(Guide.defensive(0.3, g))), 0.3, true);
        assertThatThrownBy(() -> Guide.defensive(0.2, g).orElse(Guide.defensive(0.3, h)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both guides are whole-run defensive mixtures (prior shares 0.2 and 0.3)");
    }

    @Test
    void atKeepsTheMixtureAndAMixtureOfAMixtureIsOne() {
        Guide everywhere = (site, prior, history) -> site.name().equals("mu") ? G_MU : H_NU;
        Guide onlyMu = Guide.at("mu", Guide.defensive(0.25, everywhere));
        assertThat(onlyMu.wholeRunPriorShare()).isEqualTo(0.25);
        isTheMixture(Execution.of(TWO).guide(onlyMu), 0.25, false);
        Guide nested = Guide.defensive(0.5, Guide.defensive(0.2, Guide.at("mu", G_MU)));
        assertThat(nested.wholeRunPriorShare()).isCloseTo(0.6, within(1e-15));
        isTheMixture(Execution.of(TWO).guide(nested), nested.wholeRunPriorShare(), false);
    }

    @Test
    void aHandlerSaysItsPriorShareWithoutBeingRecognisedByClass() {
        Guide g = Guide.at("mu", G_MU).orElse(Guide.at("nu", H_NU));
        isTheMixture(Execution.of(TWO).with(Handlers.guide(Guide.defensive(0.4, g))), 0.4, true);
        Handler own = new Handler() {
            @Override
            protected void process(Message m) {
                if (m.kind() == SiteKind.LATENT && m.proposal() == null) {
                    m.setProposal(m.site().name().equals("mu") ? G_MU : H_NU);
                }
            }

            @Override
            protected double wholeRunPriorShare() {
                return 0.1;
            }
        };
        isTheMixture(Execution.of(TWO).with(own), 0.1, true);
        assertThatThrownBy(() -> Execution.of(TWO).guide(Guide.defensive(0.2, g)).with(own).runner())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only one whole-run defensive mixture may guide a run");
    }
}
