package org.example.extension;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.Importance;
import dev.ariadne.search.Budget;
import dev.ariadne.search.FamilyGuide;
import dev.ariadne.search.GuideFamily;
import dev.ariadne.search.GuideFile;
import dev.ariadne.search.GuideSearch;
import dev.ariadne.search.SearchResult;
import dev.ariadne.search.Strategy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue "Architecture" 3, proved from outside the library's packages: a strategy ({@link RandomSearch}) and a
 * distribution with its own guide family ({@link Kumaraswamy}, {@link KumaraswamyFamily}), each one file, work
 * end to end in a certified {@link GuideSearch}, and the family's guides survive a guide file.
 */
class ExtensionTest {

    /** A Kumaraswamy(2, 3) bias, seven heads then three tails. */
    static final Model<Double> COIN = p -> {
        double bias = p.sample("bias", new Kumaraswamy(2, 3));
        for (int i = 0; i < 10; i++) {
            p.observe("flip", i, new Bernoulli(bias), i < 7);
        }
        return bias;
    };

    /** log P(e) = log of the integral of the prior density times bias^7 (1 - bias)^3, by Simpson's rule. */
    static double exactLogEvidence() {
        Kumaraswamy prior = new Kumaraswamy(2, 3);
        int n = 20_000;
        double h = 1.0 / n;
        double s = 0;
        for (int i = 1; i < n; i++) {
            double x = i * h;
            double f = Math.exp(prior.logDensity(x) + 7 * Math.log(x) + 3 * Math.log1p(-x));
            s += (i % 2 == 1 ? 4 : 2) * f;
        }
        return Math.log(s * h / 3);
    }

    @Test
    void randomSearchFromOutsideFindsTheNormalPosterior() {
        SearchResult r = GuideSearch.of(GroundTruth.NORMAL_NORMAL, GuideFamily.meanField())
                .strategy(new RandomSearch(100, 2, 1000)).budget(Budget.steps(6)).seed(3).certify(20_000, 0.05).run();
        Estimate f = r.certified().freeEnergy();
        double kl = f.value() + GroundTruth.NORMAL_NORMAL_LOG_Z;
        System.out.printf("random search: %s; KL %.5f%n", r.parameters(), kl);
        assertThat(r.history()).hasSize(6);
        assertThat(kl).isLessThan(0.02);
    }

    @Test
    void aDistributionBringsItsFamilyToEveryStrategy(@TempDir Path dir) throws Exception {
        double logZ = exactLogEvidence();
        Estimate prior = Importance.of(COIN).samples(20_000).seed(9).run().freeEnergy();
        for (Strategy s : new Strategy[] {Strategy.crossEntropy().runs(2000), Strategy.gradient(),
                new RandomSearch(50, 1, 1000)}) {
            SearchResult r = GuideSearch.of(COIN, GuideFamily.meanField()).strategy(s).budget(Budget.steps(5))
                    .seed(4).certify(20_000, 0.05).run();
            assertThat(r.parameters().asMap()).as(s.name()).containsOnlyKeys("bias.logA", "bias.logB");
            assertThat(r.sitesAtPrior()).isEmpty();
            Estimate f = r.certified().freeEnergy();
            Estimate z = r.certified().logEvidence();
            System.out.printf("%s: %s, free energy %s (prior %s, -log P(e) = %.5f), log Z-hat %s%n", s.name(),
                    r.parameters(), f, prior, -logZ, z);
            assertThat(f.value()).as(s.name())
                    .isLessThan(prior.value() - 5 * Math.hypot(f.standardError(), prior.standardError()));
            assertThat(z.within(logZ, 5)).as("%s: %s against %s", s.name(), z, logZ).isTrue();
        }
        FamilyGuide g = GuideSearch.of(COIN, GuideFamily.meanField()).strategy(Strategy.crossEntropy().runs(4000))
                .budget(Budget.steps(3)).seed(5).certify(0, 0.05).run().guide();
        Path file = dir.resolve("kumaraswamy.json");
        GuideFile.save(g, file);
        FamilyGuide back = GuideFile.load(file);
        assertThat(GuideFile.toJson(back)).contains("org.example.KUMARASWAMY");
        assertThat(back.parameters().asMap()).isEqualTo(g.parameters().asMap());
        Runner<Double> a = Execution.of(COIN).guide(g).runner();
        Runner<Double> b = Execution.of(COIN).guide(back).runner();
        for (int i = 0; i < 100; i++) {
            a.run(7, i);
            b.run(7, i);
            assertThat(b.logWeight()).isEqualTo(a.logWeight());
        }
    }
}
