package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Guide;
import dev.ariadne.core.GuideProgram;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A discrete value the runs draw often, but almost never with the other choices that carry its share of P(e): two
 * faults a, b of prior 0.01 that explain five heads only together (7.3% of P(e), P(b | e) = 0.0826), under a guide that
 * proposes a at 0.5 and then b at {@code qb} if a holds, else 0.5.
 */
class UnseenCombinationsTest {

    private static final String NAMED = "expect to draw less than once";

    /** P(e, a, b) over the four combinations: prior 0.01 each, five heads at 0.95 under both faults, else 0.25. */
    private static final double EXACT_P_B = exactPb();

    private static double exactPb() {
        double both = 1e-4 * Math.pow(0.95, 5);
        double bOnly = 0.99 * 0.01 * Math.pow(0.25, 5);
        double neither = (1 - 1e-4 - 0.99 * 0.01) * Math.pow(0.25, 5);
        return (both + bOnly) / (both + bOnly + neither);
    }

    private static Model<Boolean> model(boolean[] flips) {
        return p -> {
            boolean a = p.sample("a", new Bernoulli(0.01));
            boolean b = p.sample("b", new Bernoulli(0.01));
            for (int i = 0; i < flips.length; i++) {
                p.observe("f", i, new Bernoulli(a && b ? 0.95 : 0.25), flips[i]);
            }
            return b;
        };
    }

    private static final boolean[] HEADS = {true, true, true, true, true};

    private static Guide guide(double qb) {
        return Guide.bySite((site, h) -> site.name().equals("a") ? new Bernoulli(0.5)
                : site.name().equals("b") ? new Bernoulli(h.bool("a") ? qb : 0.5) : null);
    }

    private static List<String> verdicts(Importance<Boolean> call, long seed) {
        return call.samples(10_000).seed(seed).keep(0).hypothesis("b", b -> b).run().diagnostics().verdicts();
    }

    /**
     * The guide that rules b out after a: P(b | e) reads about 0.010, far from 0.083, with every weight healthy. Named
     * in every call, with the value, its proposal after those choices, and the share of P(e) left out.
     */
    @Test
    void aValueRuledOutAfterTheChoicesThatCarryItsWeightIsNamed() {
        for (long seed = 1; seed <= 10; seed++) {
            ImportanceResult<Boolean> r = Importance.of(model(HEADS)).guide(guide(1e-5)).samples(10_000).seed(seed)
                    .keep(0).hypothesis("b", b -> b).run();
            assertThat(r.conditional("b").selfNormalised().orElseThrow().value()).isLessThan(EXACT_P_B / 4);
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).anySatisfy(v -> assertThat(v)
                    .contains("b = true", "gives it only 1.00e-05", NAMED, "times the estimate of P(e)"));
        }
    }

    /**
     * Under a whole-run defensive mixture of prior share 0.1, whose prior runs reach the pair once in 10^5 runs. A call
     * that happens to draw it (one in ten) rests on that run, and says so with its effective sample size; the others
     * are named.
     */
    @Test
    void aDefensiveMixtureThatStillMissesThePairIsNamed() {
        int named = 0;
        for (long seed = 1; seed <= 10; seed++) {
            List<String> said = verdicts(Importance.of(model(HEADS)).guide(Guide.defensive(0.1, guide(1e-5))), seed);
            if (said.stream().anyMatch(v -> v.contains("b = true") && v.contains(NAMED))) {
                named++;
            } else {
                assertThat(said).as("seed %d", seed).anySatisfy(v -> assertThat(v).contains("carry all the weight"));
            }
        }
        assertThat(named).isGreaterThanOrEqualTo(8);
    }

    /** The same guide written as a guide program, whose proposal at b the forced runs read from its sample call. */
    @Test
    void aGuideProgramIsReadToo() {
        GuideProgram program = q -> {
            boolean a = q.sample("a", new Bernoulli(0.5));
            q.sample("b", new Bernoulli(a ? 1e-5 : 0.5));
        };
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(verdicts(Importance.of(model(HEADS)).guideProgram(program), seed)).as("seed %d", seed)
                    .anySatisfy(v -> assertThat(v).contains("b = true", NAMED));
        }
    }

    /**
     * A guide that is the posterior weighs every run alike, so the runs it draws stand in for those it all but never
     * draws, and nothing is left out: a and b of prior 0.5, a factor of 10^-5 on the pair, and b proposed after a at
     * its posterior 10^-5. The pair's share, 3.3e-6 of P(e), is above the least error named beside a standard error of
     * 0, and was named in 20 calls of 20 before the call's probability of drawing such runs was taken from it.
     */
    @Test
    void aGuideThatIsThePosteriorIsNotNamed() {
        double eps = 1e-5;
        Model<Boolean> model = p -> {
            boolean a = p.sample("a", new Bernoulli(0.5));
            boolean b = p.sample("b", new Bernoulli(0.5));
            p.factor("pair", a && b ? Math.log(eps) : 0);
            return b;
        };
        double pa = (1 + eps) / (3 + eps);
        double pb = eps / (1 + eps);
        Guide exact = Guide.bySite((site, h) -> site.name().equals("a") ? new Bernoulli(pa)
                : site.name().equals("b") ? new Bernoulli(h.bool("a") ? pb : 0.5) : null);
        for (long seed = 1; seed <= 20; seed++) {
            ImportanceResult<Boolean> r = Importance.of(model).guide(exact).samples(10_000).seed(seed).keep(0)
                    .hypothesis("b", b -> b).run();
            assertThat(r.logEvidence().value()).isCloseTo(Math.log(0.25 * (3 + eps)), within(1e-12));
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).noneMatch(v -> v.contains(NAMED));
        }
    }

    /**
     * A guide that is the posterior, with a hypothesis that holds in few runs: a and b of prior 0.5, a factor 9e-5
     * unless they differ, a signal favouring a, and h = (a and b) or a rare d. The pair holds 6.1% of P(h, e), and the
     * runs expect to draw it less than once, but h holds in only about 11 runs, so the estimate of P(h, e) has a
     * standard error near 30% and leaves nothing out beyond it. Named in 12 calls of 20 when a share of 5% was enough
     * (a false-alarm hunt).
     */
    @Test
    void aRareHypothesisUnderThePosteriorIsNotNamed() {
        double eps = 9e-5;
        Model<Boolean> model = p -> {
            boolean a = p.sample("a", new Bernoulli(0.5));
            boolean b = p.sample("b", new Bernoulli(0.5));
            p.observe("s", new Bernoulli(a ? 0.8 : 0.3), true);
            p.factor("x", a != b ? 0 : Math.log(eps));
            boolean d = p.sample("d", new Bernoulli(1e-3));
            return a && b || d;
        };
        double both = 0.8 * eps;
        double aOnly = 0.8;
        double bOnly = 0.3;
        double neither = 0.3 * eps;
        double pa = (both + aOnly) / (both + aOnly + bOnly + neither);
        double bAfterA = both / (both + aOnly);
        double bAfterNotA = bOnly / (bOnly + neither);
        Guide exact = Guide.bySite((site, h) -> switch (site.name()) {
            case "a" -> new Bernoulli(pa);
            case "b" -> new Bernoulli(h.bool("a") ? bAfterA : bAfterNotA);
            default -> new Bernoulli(1e-3);
        });
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(Importance.of(model).guide(exact).samples(10_000).seed(seed).keep(0).hypothesis("h", v -> v)
                    .run().diagnostics().verdicts()).as("seed %d", seed).noneMatch(v -> v.contains(NAMED));
        }
    }

    /**
     * Not named: a guide that proposes b at 0.9 after a (its estimates right), and the same rare proposal where the
     * evidence (five tails) gives the pair next to nothing.
     */
    @Test
    void aGuideThatFollowsThePairOrAPairOfNoWeightIsNotNamed() {
        boolean[] tails = {false, false, false, false, false};
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(verdicts(Importance.of(model(HEADS)).guide(guide(0.9)), seed)).as("seed %d", seed)
                    .noneMatch(v -> v.contains(NAMED));
            assertThat(verdicts(Importance.of(model(tails)).guide(guide(1e-5)), seed)).as("seed %d", seed)
                    .noneMatch(v -> v.contains(NAMED));
        }
    }
}
