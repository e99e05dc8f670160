package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.GuideProgram;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * A rare fault b of prior 10^-3 explains y = 4 with mu near 0; the usual b = 0 explains it with mu near 3.2. A guide
 * fitted to the second (mu from N(3.2, 0.45), b at its prior) draws b = 1 at its prior's rate, so the value is not
 * rare enough to be forced, but puts mu at 3.2 there, where b = 1 has no weight: the estimate of P(e) leaves out
 * b = 1's share, 37.6% of P(e) (60% of the estimate), with every weight healthy. An outside statistician's searches
 * read log P(e) 0.47 nats low, 1,300 standard errors, with no verdict, in 30 seeds of 30.
 */
class MisplacedValuesTest {

    static final Model<Boolean> FAULT = p -> {
        boolean b = p.sample("b", new Bernoulli(1e-3));
        double mu = p.sample("mu", new Normal(0, 1));
        p.observe("y", new Normal(mu + (b ? 4 : 0), 0.5), 4.0);
        return b;
    };

    /** log P(e): y ~ N(4 b, sqrt(1.25)) with mu summed out. */
    static final double EXACT_LOG_Z = Math.log((0.999 * Math.exp(-0.5 * 16 / 1.25) + 0.001)
            / Math.sqrt(2 * Math.PI * 1.25));

    @Test
    void aValueWhoseRunsProposeTheOtherChoicesForAnotherValueIsNamed() {
        for (long seed = 1; seed <= 5; seed++) {
            ImportanceResult<Boolean> r = Importance.of(FAULT).guide(Guide.at("mu", new Normal(3.2, 0.45)))
                    .samples(10_000).seed(seed).run();
            assertThat(r.lowerBound(0.05).logValue()).isLessThanOrEqualTo(EXACT_LOG_Z);
            List<String> verdicts = r.diagnostics().verdicts();
            assertThat(verdicts).as("seed %d", seed).anyMatch(v -> v.startsWith("the runs that draw b = true propose "
                    + "the other choices for another value: forced there in 200 runs with the prior elsewhere"));
        }
    }

    /**
     * The same under the remedy the verdict suggests, a whole-run defensive mixture of prior share 0.01: its runs
     * that follow the prior weigh b = 1 where its mass lies, but 10,000 runs expect 0.1 of them that draw it, and the
     * estimate read hundreds of standard errors low with nothing said in 93 seeds of 100; and a rarer fault, of prior
     * 5e-5 holding 96% of P(e), which a floor of 1e-4 on the values looked at left unnamed in 100 of 100 (an outside
     * statistician).
     */
    @Test
    void aDefensiveMixtureAndARarerFaultAreNamedToo() {
        Model<Boolean> rarer = p -> {
            boolean b = p.sample("b", new Bernoulli(5e-5));
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu + (b ? 4 : 0), 0.5), 4.0);
            return b;
        };
        for (long seed = 1; seed <= 3; seed++) {
            ImportanceResult<Boolean> mixed = Importance.of(FAULT)
                    .guide(Guide.defensive(0.01, Guide.at("mu", new Normal(3.2, 0.45)))).samples(10_000).seed(seed)
                    .run();
            assertThat(mixed.diagnostics().verdicts()).as("seed %d", seed).anyMatch(v -> v.startsWith("the runs "
                    + "that draw b = true propose the other choices")
                    && v.contains("10,000 runs expect 0.100 such runs"));
            ImportanceResult<Boolean> r = Importance.of(rarer).guide(Guide.at("mu", new Normal(3.2, 0.45)))
                    .samples(10_000).seed(seed).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .anyMatch(v -> v.startsWith("the runs that draw b = true propose the other choices"));
        }
    }

    /**
     * k ~ Poisson(3), x ~ N(k, 1), x >= 7, under a defensive mixture of prior share 0.3 whose guide puts x at N(7.3,
     * 0.3) whatever k: the guide misses where k = 9 (8% of P(e)) puts x, but 10,000 runs expect 8 of the mixture's
     * runs that follow the prior to draw k = 9 and weigh it, an error of 8% / sqrt(8), within the call's standard
     * error of about 0.066. The value was named in 164 calls of 300 while no estimate was 3 standard errors off (an
     * outside statistician; the lead's replicates); now in none of 300, and at a share of 0.01, where the estimate is
     * more than 5 standard errors low in 53 calls of 300, the value is named in 37 of those 53, as before.
     */
    @Test
    void aMixtureWhosePriorRunsWeighTheValueWithinTheCallsErrorIsNotNamed() {
        Model<Integer> tail = GroundTruth.POISSON_NORMAL_TAIL;
        Guide mixture = Guide.defensive(0.3, Guide.at("x", new Normal(7.3, 0.3)));
        for (long seed = 1; seed <= 10; seed++) {
            assertThat(Importance.of(tail).guide(mixture).samples(10_000).seed(seed).run().diagnostics().verdicts())
                    .as("seed %d", seed).noneMatch(v -> v.contains("propose the other choices"));
        }
    }

    /** A guide whose mu follows b reads P(e, b = 1) as the prior's runs do: nothing to name (0 of 300 seeds). */
    @Test
    void aGuideThatFollowsTheValueIsNotNamed() {
        Normal atFault = new Normal(0, 0.5);
        Normal usual = new Normal(3.2, 0.5);
        Bernoulli faultOften = new Bernoulli(0.4);
        Guide follows = Guide.bySite((site, h) -> site.name().equals("mu") ? (h.bool(0) ? atFault : usual)
                : faultOften);
        for (long seed = 1; seed <= 20; seed++) {
            ImportanceResult<Boolean> r = Importance.of(FAULT).guide(follows).samples(10_000).seed(seed).run();
            Estimate z = r.logEvidence();
            assertThat(Math.abs(z.value() - EXACT_LOG_Z)).isLessThan(5 * z.standardError());
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.contains("propose the other choices"));
        }
    }

    /**
     * The same three cases with guide programs, whose forced runs run the guide program with the value forced (its
     * later choices see it). Before, a guide program's rare value made {@code diagnostics()} throw ("a run has either
     * a guide or a guide program, not both"), and a misplaced one was never looked at. Measured over 200 seeds each at
     * 10,000 runs: the misplaced value named in 197 (a lucky heavy run among the guide program's 200 confirming ones
     * can lift its estimate within reach of the prior's), the rare one in 200, and the guide program that follows the
     * value named in none, its estimate within 5 standard errors in all.
     */
    @Test
    void guideProgramsAreCheckedAsGuidesAre() {
        GuideProgram misplaced = q -> q.sample("mu", new Normal(3.2, 0.45));
        GuideProgram rare = q -> {
            boolean b = q.sample("b", new Bernoulli(1e-7));
            q.sample("mu", b ? new Normal(0, 0.5) : new Normal(3.2, 0.5));
        };
        GuideProgram follows = q -> {
            boolean b = q.sample("b", new Bernoulli(0.4));
            q.sample("mu", b ? new Normal(0, 0.5) : new Normal(3.2, 0.5));
        };
        int named = 0;
        for (long seed = 1; seed <= 20; seed++) {
            named += Importance.of(FAULT).guideProgram(misplaced).samples(10_000).seed(seed).run().diagnostics()
                    .verdicts().stream().anyMatch(v -> v.startsWith("the runs that draw b = true propose the other "
                    + "choices for another value")) ? 1 : 0;
            assertThat(Importance.of(FAULT).guideProgram(rare).samples(10_000).seed(seed).run().diagnostics()
                    .verdicts()).as("seed %d", seed).anyMatch(v -> v.startsWith("the estimate hangs on b = true")
                    && v.contains("(the other choices drawn as the call draws them)"));
            ImportanceResult<Boolean> r = Importance.of(FAULT).guideProgram(follows).samples(10_000).seed(seed).run();
            Estimate z = r.logEvidence();
            assertThat(Math.abs(z.value() - EXACT_LOG_Z)).isLessThan(5 * z.standardError());
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).noneMatch(v -> v.contains("b = true"));
        }
        // 0.985 a seed: 18 or more of 20 but with probability 0.0035 (seed 1 is one of the three misses in 200)
        assertThat(named).isGreaterThanOrEqualTo(18);
    }

    /**
     * A guide program's value forced inside the scopes it was sampled in, and a value the guide program leaves to
     * the prior forced after the guide program's own choices: the forced runs' estimate of P(e, S[2]/b = true) is
     * unbiased either way, and names the value the estimate hangs on.
     */
    @Test
    void aGuideProgramsValueIsForcedInsideItsScope() {
        Model<Boolean> scoped = p -> {
            boolean[] b = new boolean[1];
            p.scoped("S", 2, q -> b[0] = q.sample("b", new Bernoulli(1e-3)));
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu + (b[0] ? 4 : 0), 0.5), 4.0);
            return b[0];
        };
        GuideProgram inScope = q -> {
            boolean[] b = new boolean[1];
            q.scoped("S", 2, r -> b[0] = r.sample("b", new Bernoulli(1e-7)));
            q.sample("mu", b[0] ? new Normal(0, 0.5) : new Normal(3.2, 0.5));
        };
        List<String> verdicts = Importance.of(scoped).guideProgram(inScope).samples(10_000).seed(3).run()
                .diagnostics().verdicts();
        assertThat(verdicts).anyMatch(v -> v.startsWith("the estimate hangs on S[2]/b = true"));
        GuideProgram leavesIt = q -> q.sample("mu", new Normal(3.2, 0.45));
        assertThat(Importance.of(scoped).guideProgram(leavesIt).samples(10_000).seed(3).run().diagnostics()
                .verdicts()).anyMatch(v -> v.startsWith("the runs that draw S[2]/b = true propose the other choices"));
    }

    /** Observations of a sticky two-state chain, one a step, each N(+1 or -1, 1.5). */
    private static final double[] CHAIN_Y = {0.3, 1.1, -0.2, 0.9, 1.4, 0.2, 0.8, -0.5, 0.6, 1.2, 0.1, 0.7, -0.3, 1.0,
        0.4, 0.9};
    private static final double SWITCH = 1e-5;

    private static final Model<Boolean> STICKY_CHAIN = p -> {
        boolean z = p.sample("z", 0, new Bernoulli(0.5));
        boolean first = z;
        p.observe("y", 0, new Normal(z ? 1 : -1, 1.5), CHAIN_Y[0]);
        for (int t = 1; t < CHAIN_Y.length; t++) {
            z = p.sample("z", t, new Bernoulli(z ? 1 - SWITCH : SWITCH));
            p.observe("y", t, new Normal(z ? 1 : -1, 1.5), CHAIN_Y[t]);
        }
        return first;
    };

    /**
     * The exact guide of a sticky chain, P(z_t | z_{t-1}, y) from backward messages, draws z[1] = false after z[0] =
     * false (one run in about 2,000) and all but never after z[0] = true; every run weighs P(e) exactly. Forced after
     * the guide's own z[0], the runs read P(e, z[1] = false) e^-11 times the prior's, and the value was named in 20
     * calls of 20 as one whose runs propose the other choices for another value (an outside hunt).
     */
    @Test
    void anExactGuideWhoseProposalOfTheValueFollowsTheChoicesBeforeItIsNotNamed() {
        int n = CHAIN_Y.length;
        double[][] backward = new double[n][2];
        backward[n - 1][0] = 1;
        backward[n - 1][1] = 1;
        for (int t = n - 2; t >= 0; t--) {
            for (int z = 0; z < 2; z++) {
                for (int next = 0; next < 2; next++) {
                    backward[t][z] += move(z, next) * chainLikelihood(t + 1, next) * backward[t + 1][next];
                }
            }
        }
        double exactLogZ = Math.log(0.5 * chainLikelihood(0, 0) * backward[0][0]
                + 0.5 * chainLikelihood(0, 1) * backward[0][1]);
        Guide exact = Guide.bySite((site, h) -> {
            int t = site.index();
            double one = t == 0 ? 0.5 : move(h.bool("z", t - 1) ? 1 : 0, 1);
            double w1 = one * chainLikelihood(t, 1) * backward[t][1];
            double w0 = (1 - one) * chainLikelihood(t, 0) * backward[t][0];
            return new Bernoulli(w1 / (w1 + w0));
        });
        for (long seed = 1; seed <= 4; seed++) {
            ImportanceResult<Boolean> r = Importance.of(STICKY_CHAIN).guide(exact).samples(10_000).seed(seed).run();
            assertThat(r.logEvidence().value()).isCloseTo(exactLogZ, Offset.offset(1e-9));
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.contains("propose the other choices"));
        }
    }

    private static double move(int from, int to) {
        double one = from == 1 ? 1 - SWITCH : SWITCH;
        return to == 1 ? one : 1 - one;
    }

    private static double chainLikelihood(int t, int z) {
        double d = (CHAIN_Y[t] - (z == 1 ? 1 : -1)) / 1.5;
        return Math.exp(-0.5 * d * d) / (1.5 * Math.sqrt(2 * Math.PI));
    }
}
