package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A choice left at its prior whose value the proposals after it follow has no term of its own, so no share of the
 * spread of log w: a new user's rates, guided exactly given an unguided shape k, took 3% to 14% each while k read 0%,
 * and no verdict named any site. Its value's share names it.
 */
class ValueDrivenSpreadTest {

    private static final int[] Y = new int[30];

    static {
        for (int i = 0; i < Y.length; i++) {
            Y[i] = 20 + (i * 7) % 11;
        }
    }

    private static final Model<Double> RATES = p -> {
        double k = p.sample("k", new Gamma(2, 1));
        for (int i = 0; i < Y.length; i++) {
            double lam = p.sample("lam", i, new Gamma(k, 1));
            p.observe("y", i, new Poisson(lam), Y[i]);
        }
        return k;
    };

    /** Each rate from its exact conditional given k: log w is log p(y | k), a function of k alone. */
    private static final Guide GIVEN_K = Guide.bySite((site, h) -> site.name().equals("lam")
            ? new Gamma(h.real("k") + Y[site.index()], 2) : null);

    @Test
    void anUnguidedChoiceWhoseValueTheProposalsFollowIsNamed() {
        ImportanceResult<Double> r = Importance.of(RATES).guide(GIVEN_K).samples(20_000).seed(1).run();
        SiteBreakdown k = r.diagnostics().sites().stream().filter(s -> s.address().toString().equals("k"))
                .findFirst().orElseThrow();
        assertThat(k.varianceShare()).isEqualTo(0.0);
        assertThat(k.valueShare()).isGreaterThan(0.9);
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the value of site k explains"));
        assertThat(r.diagnostics().report()).contains("by value");
    }

    /**
     * Under a defensive mixture the exactly guided rates track the shape k, and read 97% by value beside k's 94%: the
     * verdict named a rate, whose proposal is exact, in 20 calls of 20 (a hunter). It names the first site in the run.
     */
    @Test
    void theFirstOfTheSitesWhoseValuesTrackTheSpreadIsNamed() {
        int[] y = {48, 52, 55, 47, 50, 53, 49, 51, 46, 54};
        Model<Double> m = p -> {
            double k = p.sample("k", new dev.ariadne.core.dist.Uniform(0.5, 2000));
            for (int i = 0; i < y.length; i++) {
                double rate = p.sample("rate", i, new Gamma(k, 1));
                p.observe("y", i, new Poisson(rate), y[i]);
            }
            return k;
        };
        Guide exactGivenK = Guide.bySite((site, h) -> site.name().equals("rate")
                ? new Gamma(h.real("k") + y[site.index()], 2) : null);
        ImportanceResult<Double> r = Importance.of(m).guide(Guide.defensive(0.1, exactGivenK)).samples(10_000)
                .seed(1).run();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("the value of site k explains"))
                .noneMatch(v -> v.contains("the value of site rate"));
    }

    /**
     * A branch of prior probability 0.001 that holds 45% of P(e): the variance of log w weighs it little, and the
     * verdict named a common choice c, whose value splits log w, in 30 calls of 30 (a hunter). The rare value that
     * carries the weight is named.
     */
    @Test
    void aRareValueThatCarriesTheWeightIsNamed() {
        Model<Boolean> m = p -> {
            boolean c = p.sample("c", new dev.ariadne.core.dist.Bernoulli(0.5));
            boolean rare = p.sample("r", new dev.ariadne.core.dist.Bernoulli(0.001));
            p.observe("y", new Normal(rare ? 6 : c ? 1 : -1, 0.5), 3.8);
            return rare;
        };
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(Importance.of(m).samples(10_000).seed(seed).run().diagnostics().verdicts())
                    .as("seed %d", seed).anyMatch(v -> v.startsWith("the value r = true, drawn in "))
                    .noneMatch(v -> v.contains("the value of site c"));
        }
    }

    @Test
    void aSiteWhoseOwnProposalMisfitsIsNotNamedByItsValue() {
        Model<Double> m = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 0.5), 1.2);
            return x;
        };
        ImportanceResult<Double> r = Importance.of(m).guide(Guide.bySite((s, h) -> new Normal(2, 0.05)))
                .samples(20_000).seed(1).run();
        List<String> verdicts = r.diagnostics().verdicts();
        assertThat(verdicts).anyMatch(v -> v.contains("site x carries"));
        assertThat(verdicts).noneMatch(v -> v.contains("the value of site"));
        SiteBreakdown x = r.diagnostics().sites().get(0);
        assertThat(x.valueDrivesSpread()).isFalse();
    }
}
