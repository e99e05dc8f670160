package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.GuideProgram;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import org.junit.jupiter.api.Test;

/**
 * A proposal whose parameters leave out values of its prior's support in some runs: k ~ Poisson(3) proposed as
 * Poisson(a < 0 ? 0 : 4), a ~ N(0, 1) drawn first, under 100 observations y ~ N(mu + k, 1) of a mu ~ N(0, 1000)
 * proposed from its exact conditional. Runs with a < 0 never draw k >= 1, and log Z-hat read about
 * log(0.5 + 0.5 P(k = 0 | e)), 0.65 nats and 55 of its standard errors low, in 20 calls of 20 with every verdict empty,
 * both as a guide program and as a guide (an adversarial tester).
 */
class BlockedValuesTest {

    private static final int N = 100;
    private static final double[] Y = new double[N];

    static {
        java.util.Random g = new java.util.Random(7);
        for (int i = 0; i < N; i++) {
            Y[i] = 0.3 + 2 + g.nextGaussian();
        }
    }

    private static final Model<Integer> MODEL = p -> {
        p.sample("a", new Normal(0, 1));
        int k = p.sample("k", new Poisson(3));
        double mu = p.sample("mu", new Normal(0, 1000));
        p.observeAll("y", new Normal(mu + k, 1), Y);
        return k;
    };

    /** mu's exact conditional given k: the normal-normal posterior of 100 observations of sd 1. */
    private static Normal muGiven(int k) {
        double sum = 0;
        for (double y : Y) {
            sum += y - k;
        }
        double precision = N + 1e-6;
        return new Normal(sum / precision, Math.sqrt(1 / precision));
    }

    private static final Guide GUIDE = Guide.bySite((site, h) -> switch (site.name()) {
        case "k" -> new Poisson(h.real("a") < 0 ? 0 : 4);
        case "mu" -> muGiven(h.integer("k"));
        default -> null;
    });

    private static final GuideProgram PROGRAM = q -> {
        double a = q.sample("a", new Normal(0, 1));
        int k = q.sample("k", new Poisson(a < 0 ? 0 : 4));
        q.sample("mu", muGiven(k));
    };

    @Test
    void aValueTheProposalLeavesOutInSomeRunsIsNamed() {
        for (long seed = 1; seed <= 3; seed++) {
            ImportanceResult<Integer> byGuide = Importance.of(MODEL).guide(GUIDE).samples(10_000).seed(seed).run();
            ImportanceResult<Integer> byProgram = Importance.of(MODEL).guideProgram(PROGRAM).samples(10_000)
                    .seed(seed).run();
            for (ImportanceResult<Integer> r : java.util.List.of(byGuide, byProgram)) {
                assertThat(r.diagnostics().verdicts()).as("seed %d", seed).anySatisfy(v -> assertThat(v)
                        .startsWith("the guide's proposal gives k = ").contains("probability 0 in"));
            }
        }
    }

    /** A proposal that gives every value some probability wherever a falls is not named. */
    @Test
    void aProposalThatCoversThePriorIsNotNamed() {
        Guide covering = Guide.bySite((site, h) -> switch (site.name()) {
            case "k" -> new Poisson(h.real("a") < 0 ? 2 : 4);
            case "mu" -> muGiven(h.integer("k"));
            default -> null;
        });
        for (long seed = 1; seed <= 3; seed++) {
            ImportanceResult<Integer> r = Importance.of(MODEL).guide(covering).samples(10_000).seed(seed).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneSatisfy(v -> assertThat(v).startsWith("the guide's proposal gives"));
        }
    }
}
