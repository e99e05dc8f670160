package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.GroundTruth;
import dev.ariadne.inference.stats.Bound;
import org.junit.jupiter.api.Test;

/**
 * Acceptance (issue 15): written as a user would, with nothing but the model and the margin form of its condition
 * and the cross-entropy method's defaults, the search climbs from the prior to the rarer gaussian sum
 * (P(e) = 1.737841e-12) by levels taken from the runs' margins, stops by itself, and its guide certifies at 99% on
 * 10^5 fresh runs a lower bound of at least 0.9 P(e). No level function is given. This is the README's snippet
 * under "Rare evidence", run as written (seed 1, the default). (Before issue 15 this search stopped at once: "no
 * run reached the evidence and no level function was given", and certified 0.)
 */
class RarerGaussianSumSearchTest {

    /** Ten standard normals whose sum must pass 22, stated with its margin. */
    static Model<Double> marginSum(int n, double threshold) {
        return p -> {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += p.sample("z", i, new Normal(0, 1));
            }
            p.condition("beyond", sum, threshold);
            return sum;
        };
    }

    @Test
    void crossEntropyClimbsByTheModelsOwnMarginsAndCertifiesNinetyPercent() {
        long t0 = System.nanoTime();
        SearchResult r = GuideSearch.of(marginSum(10, 22), GuideFamily.meanField())
                .strategy(Strategy.crossEntropy()).parallelism(2).certify(100_000, 0.01).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Bound b = r.certified().evidenceBound();
        double ratio = Math.exp(b.logValue() - GroundTruth.RARER_LOG_Z);
        System.out.printf("rarer gaussian sum, margin form: search + certification %.2f s; L/P(e) = %.4f; %s%n",
                seconds, ratio, r.summary());
        r.history().forEach(s -> System.out.println("  " + s));
        assertThat(r.history().get(0).note()).startsWith("elite margin");
        assertThat(r.history()).anySatisfy(s -> assertThat(s.note()).startsWith("target margin 0.0 reached"));
        assertThat(r.stopReason()).startsWith("converged");
        assertThat(b.delta()).isEqualTo(0.01);
        assertThat(ratio).isGreaterThanOrEqualTo(0.9);
        // The estimate, where its standard error can be trusted (ESS >= 1000), within 5 SE of the truth.
        assertThat(r.certified().result().diagnostics().ess()).isGreaterThan(1000);
        Estimate logZ = r.certified().logEvidence();
        assertThat(Math.abs(logZ.value() - GroundTruth.RARER_LOG_Z)).isLessThanOrEqualTo(5 * logZ.standardError());
    }
}
