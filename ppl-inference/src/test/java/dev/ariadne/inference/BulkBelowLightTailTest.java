package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A k-hat above 1 read on the bounded bulk of the weights packed below a light power tail is no heavy tail
 * ({@code ParetoKHat.lightAboveBulk}).
 *
 * <p>The model (a new user's): a student is a guesser with prior probability 0.15, answering each of 12 items right
 * with probability 0.25, or else answers by a Rasch model of ability theta ~ N(0, 1) and item difficulties evenly
 * from -2 to 2. The guide, from a search: guesser with probability 0.842, theta from N(-0.0986, 0.895), a little
 * narrower than its prior, so the guesser branch's weights, exp(theta^2 (1 / (2 0.895^2) - 1 / 2)) times constants,
 * have a tail of shape 1 - 0.895^2 = 0.2, while the Rasch branch's are bounded and pile up near their bound at the
 * bottom of the tail's window.
 */
class BulkBelowLightTailTest {

    private static final boolean[] Y = {false, true, false, false, true, false, true, false, false, true, false, true};
    /** log P(e) and P(guesser | e) by Simpson's rule over theta (the new user's, checked here to 5 standard errors). */
    private static final double LOG_Z = -10.633862;
    private static final double P_GUESSER = 0.811798;

    private static final Model<Boolean> MODEL = p -> {
        boolean guesser = p.sample("guesser", new Bernoulli(0.15));
        double theta = p.sample("theta", new Normal(0, 1));
        for (int j = 0; j < Y.length; j++) {
            double difficulty = -2 + 4.0 * j / (Y.length - 1);
            p.observe("y", j, guesser ? new Bernoulli(0.25) : Bernoulli.ofLogit(theta - difficulty), Y[j]);
        }
        return guesser;
    };

    private static ImportanceResult<Boolean> run(Guide guide, long seed) {
        return Importance.of(MODEL).guide(guide).samples(100_000).seed(seed).hypothesis("guesser", g -> g).run();
    }

    /**
     * The new user's searched guide was told "heavy-tailed, unreliable" (k-hat 3.4 to 3.8) in 8 calls of 20, every
     * estimate right (mean z^2 0.65); seed 1 was one of them.
     */
    @Test
    void aBoundedBulkBelowALightTailIsNotCalledHeavy() {
        Guide guide = Guide.at("guesser", new Bernoulli(1 / (1 + Math.exp(-1.6740110621926643))))
                .orElse(Guide.at("theta", new Normal(-0.09864193030252151, Math.exp(-0.11128460530936944))));
        for (long seed = 1; seed <= 3; seed++) {
            ImportanceResult<Boolean> r = run(guide, seed);
            Diagnostics d = r.diagnostics();
            assertThat(d.paretoK()).as("seed " + seed).isGreaterThan(1);
            assertThat(d.verdicts()).as("seed " + seed).noneMatch(v -> v.contains("Pareto k-hat"));
            assertThat(d.tailOk()).isTrue();
            Estimate z = r.logEvidence();
            assertThat(z.value()).isCloseTo(LOG_Z, org.assertj.core.data.Offset.offset(5 * z.standardError()));
            Estimate share = r.conditional("guesser").selfNormalised().orElseThrow();
            assertThat(share.value()).isCloseTo(P_GUESSER,
                    org.assertj.core.data.Offset.offset(5 * share.standardError()));
        }
    }

    /**
     * A guide a third as wide as the prior on the same model: the guesser branch's weights have a tail of shape
     * 1 - 0.3^2 = 0.91, whose variance is infinite, and it is still named in every seed.
     */
    @Test
    void aHeavyTailIsStillNamed() {
        Guide guide = Guide.at("guesser", new Bernoulli(0.84)).orElse(Guide.at("theta", new Normal(0, 0.3)));
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(run(guide, seed).diagnostics().verdicts()).as("seed " + seed)
                    .anyMatch(v -> v.contains("Pareto k-hat"));
        }
    }
}
