package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Normal;
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
}
