package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.Uniform;
import org.junit.jupiter.api.Test;

/**
 * A guide searched for x ~ Beta(2, 2), the start of a search of x ~ Uniform(0, 2): the site's parameters are of the
 * BETA family, this model's of the LOGIT_NORMAL. The search said the site's "prior changes between runs", which it
 * never does, and CMA-ES spent its steps on parameters no run read (an adversarial tester). It now says the start
 * does not fit the site.
 */
class StartOfAnotherModelTest {

    @Test
    void aStartingSiteOfAnotherFamilyIsNamedAsTheStartsMisfit() {
        Model<Double> beta = p -> {
            double x = p.sample("x", new Beta(2, 2));
            p.observe("y", new Normal(x, 0.3), 0.7);
            return x;
        };
        FamilyGuide start = GuideSearch.of(beta, GuideFamily.meanField()).budget(Budget.steps(3)).seed(1)
                .certify(0, 0.05).run().guide();
        Model<Double> wider = p -> {
            double x = p.sample("x", new Uniform(0, 2));
            p.observe("y", new Normal(x, 0.3), 1.5);
            return x;
        };
        SearchResult r = GuideSearch.of(wider, GuideFamily.meanField()).startFrom(start).budget(Budget.steps(3))
                .seed(1).certify(0, 0.05).run();
        assertThat(r.sitesAtPrior().get("x")).startsWith("the starting guide gives it 2 parameters of the BETA family,"
                + " but this model's runs give it 2 of the LOGIT_NORMAL family").doesNotContain("changes between runs");
    }

    /**
     * A guide of mu ~ Normal and k ~ Poisson, the start of a search of mu ~ Beta and k ~ Binomial beside a new site z:
     * the result said mu and k stay at their prior and are not searched, yet CMA-ES moved their parameters, which no
     * run reads, and the guide came back with them changed, differently for each seed (an adversarial tester). They
     * keep the start's values now, while z is searched.
     */
    @Test
    void aStartsMisfitSitesKeepTheirValuesInTheGuideReturned() {
        Model<Double> first = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            int k = p.sample("k", new Poisson(3));
            p.observe("y", new Normal(mu, 0.5), 0.7);
            p.observe("c", new Poisson(k + 0.5), 5);
            return mu;
        };
        FamilyGuide start = GuideSearch.of(first, GuideFamily.meanField()).budget(Budget.steps(5)).seed(1)
                .certify(0, 0.05).run().guide();
        Model<Double> other = p -> {
            double mu = p.sample("mu", new Beta(2, 2));
            int k = p.sample("k", new Binomial(10, 0.3));
            double z = p.sample("z", new Normal(0, 1));
            p.observe("y", new Normal(mu + z, 0.5), 0.7);
            p.observe("c", new Poisson(k + 0.5), 5);
            return mu;
        };
        for (long seed = 1; seed <= 3; seed++) {
            SearchResult r = GuideSearch.of(other, GuideFamily.meanField()).startFrom(start)
                    .strategy(Strategy.cmaes()).budget(Budget.steps(30)).seed(seed).certify(0, 0.05).run();
            assertThat(r.sitesAtPrior()).containsKeys("mu", "k");
            for (String name : new String[] {"mu.loc", "mu.logScale", "k.logRate"}) {
                assertThat(r.guide().parameters().get(name)).as("%s, seed %d", name, seed)
                        .isEqualTo(start.parameters().get(name));
            }
            assertThat(r.guide().parameters().get("z.loc")).as("z is searched").isNotEqualTo(0.0);
        }
    }
}
