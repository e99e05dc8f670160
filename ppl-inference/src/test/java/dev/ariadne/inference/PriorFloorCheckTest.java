package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.enumerate.Enumerate;
import dev.ariadne.inference.smc.Smc;
import dev.ariadne.inference.smc.SmcResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A guide that never proposes the combination holding most of P(e), where the prior's runs meet the evidence too
 * seldom for their estimate to be trusted: their lower bound, which holds whatever their tail, still lies far above
 * the guide's estimate, and that is named. A new user's searched pedigree guide read log P(e) 3 nats low, about 100
 * of its standard errors, with "nothing looks wrong" in 5 calls of 10, the prior's runs (ESS 11) not trusted.
 */
class PriorFloorCheckTest {

    @Test
    void aGuideBelowThePriorsProvenFloorIsNamedThoughThePriorsEstimateIsNotTrusted() {
        double exact = Enumerate.of(GroundTruth.PEDIGREE).run().logEvidence();
        Guide neverAffected = GroundTruth.pedigreeGuide(new double[] {0.9, 0.09, 0.01}, new double[] {0.6, 0.4, 0});
        for (long seed = 1; seed <= 3; seed++) {
            ImportanceResult<int[]> r = Importance.of(GroundTruth.PEDIGREE).guide(neverAffected).samples(20_000)
                    .seed(seed).run();
            Estimate z = r.logEvidence();
            assertThat(exact - z.value()).as("the premise: far low").isGreaterThan(10 * z.standardError());
            List<String> v = r.diagnostics().verdicts();
            // 20,000 prior runs, or more where they read above the guide (made longer to be trusted, and still not)
            assertThat(v).as("seed %d: %s", seed, v).anyMatch(line -> line.startsWith("importance sampling from the "
                    + "prior (") && line.contains(" runs), which needs no guide, gives no estimate to trust here")
                    && line.contains("with confidence 1 - 1e-06 whatever their tail")
                    && line.contains("the guide misses at least"));
        }
    }

    /**
     * x ~ N(0, 1) under 20 observations of x^2 and one of x: two modes, +3 holding 18% of P(e) and -3 the rest. A guide
     * on +3 reads log P(e) 1.7 nats low; the prior's 10,000 runs are not trusted, and their bound first read below the
     * guide's estimate in 9 calls of 10. Their estimate, untrusted as it is, reads above the guide's by a suspect gap,
     * so they are made ten times as long, and then the bound names it (a false-alarm hunt).
     */
    @Test
    void aSuspectGapMakesThePriorsRunsLongerBeforeTheirBoundIsRead() {
        Model<Double> twoModes = p -> {
            double x = p.sample("x", new Normal(0, 1));
            for (int i = 0; i < 20; i++) {
                p.observe("y", i, new Normal(x * x, 1), 9.0);
            }
            p.observe("w", new Normal(x, 2), -1.0);
            return x;
        };
        for (long seed = 1; seed <= 3; seed++) {
            ImportanceResult<Double> r = Importance.of(twoModes).guide(Guide.at("x", new Normal(3, 0.04)))
                    .samples(10_000).seed(seed).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).anyMatch(line -> line.startsWith("importance "
                    + "sampling from the prior (100,000 runs), which needs no guide, gives no estimate to trust here")
                    && line.contains("the guide misses at least"));
        }
    }

    @Test
    void sweepsOfThatGuideAreNamedAlike() {
        Guide neverAffected = GroundTruth.pedigreeGuide(new double[] {0.9, 0.09, 0.01}, new double[] {0.6, 0.4, 0});
        SmcResult<int[]> r = Smc.of(GroundTruth.PEDIGREE).guide(neverAffected).particles(1_000).sweeps(20).seed(2)
                .run();
        assertThat(r.diagnostics().verdicts()).anyMatch(line -> line.startsWith("importance sampling from the prior "
                + "(20,000 runs), which needs no guide, gives no estimate to trust here")
                && line.contains("which resampling and moves cannot bring back"));
    }

    @Test
    void aGuideThatCoversEveryCombinationIsNotNamed() {
        double exact = Enumerate.of(GroundTruth.PEDIGREE).run().logEvidence();
        Guide covering = GroundTruth.pedigreeGuide(new double[] {0.5, 0.4, 0.1}, new double[] {0.3, 0.3, 0.4});
        for (long seed = 1; seed <= 10; seed++) {
            ImportanceResult<int[]> r = Importance.of(GroundTruth.PEDIGREE).guide(covering).samples(20_000).seed(seed)
                    .run();
            Estimate z = r.logEvidence();
            assertThat(Math.abs(z.value() - exact)).as("seed %d", seed).isLessThan(5 * z.standardError());
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).noneMatch(line -> line.contains("prove P(e)"));
        }
    }
}
