package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Normal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step guide that gives a value of a discrete latent probability 0 where its prior does not: its particles never
 * take it, and no weight shows what it holds. A new user's Categorical(0.5, 0.5, 0) for a 3-state HMM of 40 steps
 * read log P(e) -67.86 +- 0.04 against the forward algorithm's -63.58, 107 standard errors low, with nothing said.
 */
class StepGuideUnproposedTest {

    private static final double[][] A = {{0.8, 0.15, 0.05}, {0.1, 0.8, 0.1}, {0.05, 0.15, 0.8}};
    private static final double[] PI0 = {0.5, 0.3, 0.2};
    private static final double[] MU = {-1.5, 0.0, 1.5};

    private static List<Double> observations() {
        Rng r = Rng.forRun(7, 0);
        List<Double> ys = new ArrayList<>();
        int s = 0;
        for (int t = 0; t < 40; t++) {
            double[] w = t == 0 ? PI0 : A[s];
            double u = r.nextDouble();
            s = u < w[0] ? 0 : u < w[0] + w[1] ? 1 : 2;
            ys.add(MU[s] + r.standardNormal());
        }
        return ys;
    }

    private static SmcResult<Integer> run(StepGuide<Integer, Double> guide) {
        return run(guide, 200);
    }

    private static SmcResult<Integer> run(StepGuide<Integer, Double> guide, int particles) {
        StateSpaceSmc<Integer, Double> smc = Smc.<Integer, Double>stateSpace(
                (Particle p, Double y) -> {
                    int k = p.sample("s", new Categorical(PI0));
                    p.observe(new Normal(MU[k], 1), y);
                    return k;
                },
                (p, prev, t, y) -> {
                    int k = p.sample("s", new Categorical(A[prev]));
                    p.observe(new Normal(MU[k], 1), y);
                    return k;
                }, observations()).particles(particles).sweeps(5).seed(1);
        return (guide == null ? smc : smc.guide(guide)).run();
    }

    @Test
    void aValueTheStepGuideNeverProposesIsNamed() {
        SmcResult<Integer> r = run((site, prior) -> new Categorical(0.5, 0.5, 0));
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the step guide never proposes a value its "
                + "latent's prior allows: s = 2, which the prior Categorical") && v.contains("in 5 of 5 sweeps"));
        for (StepGuide<Integer, Double> fine : List.<StepGuide<Integer, Double>>of((site, prior) -> prior,
                (site, prior) -> new Categorical(0.4, 0.4, 0.2))) {
            assertThat(run(fine).diagnostics().verdicts()).noneMatch(v -> v.startsWith("the step guide never proposes"));
        }
    }

    /** Ten readings, every third false, of a three-state chain whose state 0 never reads true. */
    private static final List<Boolean> READINGS = java.util.stream.IntStream.range(0, 10).mapToObj(t -> t % 3 != 0)
            .toList();
    private static final double[][] TRANSITIONS = {{0.6, 0.2, 0.2}, {0.2, 0.2, 0.6}, {0.2, 0.2, 0.6}};
    private static final double[] EMIT_TRUE = {0, 0.7, 0.7};

    /**
     * A step guide that looks at the observation and gives 0 to the state it cannot come from (state 0 never shows
     * true) was told its particles "never take it"; the state is forced into the step and its evidence's weight read:
     * 0 there, so nothing is said, and the estimate is the forward algorithm's. A guide that gives state 0 nothing at
     * the steps where it could have shown false is still named, as one whose state the evidence allows.
     */
    @Test
    void aValueTheEvidenceRulesOutIsNotNamedOneItAllowsIs() {
        List<Boolean> ys = READINGS;
        double[][] a = TRANSITIONS;
        double[] emitTrue = EMIT_TRUE;
        SmcResult<Integer> exactGuide = threeStates(ys, a, emitTrue,
                (site, prior) -> site.observation() ? new Categorical(0, 1, 1) : null);
        assertThat(exactGuide.diagnostics().verdicts()).noneMatch(v -> v.startsWith("the step guide never proposes"));
        double exact = forward(ys, a, emitTrue);
        assertThat(exactGuide.logEvidence().value()).isCloseTo(exact,
                org.assertj.core.data.Offset.offset(5 * exactGuide.logEvidence().standardError()));
        SmcResult<Integer> blind = threeStates(ys, a, emitTrue, (site, prior) -> new Categorical(0, 1, 1));
        assertThat(blind.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the step guide never proposes a value "
                + "its latent's prior allows: s = 0") && v.contains("at step 0,") && v.contains("that step's evidence "
                + "does not rule it out"));
        SmcResult<Integer> blindLate = threeStates(ys, a, emitTrue, (site, prior) -> site.step() < 5
                ? (site.observation() ? new Categorical(0, 1, 1) : null) : new Categorical(0, 1, 1));
        assertThat(blindLate.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the step guide never proposes a "
                + "value its latent's prior allows: s = 0") && v.contains("at step 6,"));
    }

    /**
     * Passed over only where the evidence rules the value out for certain (a hunt found each of these hidden by a first
     * version): a second value the guide gives 0 at the same step, which the evidence allows though it rules out the
     * first; a step that throws when given the value, which says nothing of its evidence; and a step that draws another
     * latent, whose rare draw may be the one with which the evidence allows the value.
     */
    @Test
    void aValueIsPassedOverOnlyWhereTheEvidenceRulesItOutForCertain() {
        List<Boolean> ys = READINGS;
        double[][] a = TRANSITIONS;
        double[] emitTrue = EMIT_TRUE;
        SmcResult<Integer> twoValues = threeStates(ys, a, emitTrue,
                (site, prior) -> site.observation() ? new Categorical(0, 0, 1) : null);
        assertThat(twoValues.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the step guide never proposes a "
                + "value its latent's prior allows: s = 1") && v.contains("evidence does not rule it out"));
        SmcResult<Integer> throwing = Smc.<Integer, Boolean>stateSpace(
                (Particle p, Boolean y) -> p.sample("s", new Categorical(1, 1, 1)),
                (p, prev, t, y) -> {
                    int s = p.sample("s", new Categorical(a[prev]));
                    if (s == 0 && y) {
                        throw new IllegalStateException("no emission table for state 0 at true");
                    }
                    p.observe(new dev.ariadne.core.dist.Bernoulli(emitTrue[s]), y);
                    return s;
                }, ys).guide((site, prior) -> site.observation() ? new Categorical(0, 1, 1) : null)
                .particles(200).sweeps(5).seed(3).run();
        assertThat(throwing.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the step guide never proposes a "
                + "value its latent's prior allows: s = 0") && v.contains("unless the evidence rules it out"));
        SmcResult<Integer> another = Smc.<Integer, Boolean>stateSpace(
                (Particle p, Boolean y) -> p.sample("s", new Categorical(1, 1, 1)),
                (p, prev, t, y) -> {
                    int s = p.sample("s", new Categorical(a[prev]));
                    boolean glitch = p.sample("glitch", new dev.ariadne.core.dist.Bernoulli(0.01));
                    p.observe(new dev.ariadne.core.dist.Bernoulli(glitch ? 0.5 : emitTrue[s]), y);
                    return s;
                }, ys).guide((site, prior) -> site.name().equals("s") && site.observation()
                        ? new Categorical(0, 1, 1) : null)
                .particles(200).sweeps(5).seed(3).run();
        assertThat(another.diagnostics().verdicts()).anyMatch(v -> v.startsWith("the step guide never proposes a "
                + "value its latent's prior allows: s = 0"));
    }

    /** The same for a boolean latent: a guide of Bernoulli(1) where an observation of true cannot come from false. */
    @Test
    void aBooleanTheEvidenceRulesOutIsNotNamed() {
        List<Boolean> ys = List.of(true, false, true, true, false, true);
        StepGuide<Boolean, Boolean> exact = (site, prior) -> site.observation()
                ? new dev.ariadne.core.dist.Bernoulli(1.0) : null;
        StepGuide<Boolean, Boolean> blind = (site, prior) -> new dev.ariadne.core.dist.Bernoulli(1.0);
        assertThat(onOff(ys, exact).diagnostics().verdicts()).noneMatch(v -> v.startsWith("the step guide never"));
        assertThat(onOff(ys, blind).diagnostics().verdicts()).anyMatch(v -> v.startsWith("the step guide never "
                + "proposes a value its latent's prior allows: on = false") && v.contains("at step 1,"));
    }

    private static SmcResult<Boolean> onOff(List<Boolean> ys, StepGuide<Boolean, Boolean> guide) {
        return Smc.<Boolean, Boolean>stateSpace(
                (Particle p, Boolean y) -> {
                    boolean on = p.sample("on", new dev.ariadne.core.dist.Bernoulli(0.5));
                    p.observe(new dev.ariadne.core.dist.Bernoulli(on ? 0.8 : 0), y);
                    return on;
                },
                (p, prev, t, y) -> {
                    boolean on = p.sample("on", new dev.ariadne.core.dist.Bernoulli(prev ? 0.7 : 0.4));
                    p.observe(new dev.ariadne.core.dist.Bernoulli(on ? 0.8 : 0), y);
                    return on;
                }, ys).guide(guide).particles(200).sweeps(5).seed(2).run();
    }

    private static SmcResult<Integer> threeStates(List<Boolean> ys, double[][] a, double[] emitTrue,
                                                  StepGuide<Integer, Boolean> guide) {
        return Smc.<Integer, Boolean>stateSpace(
                (Particle p, Boolean y) -> {
                    int s = p.sample("s", new Categorical(1, 1, 1));
                    p.observe(new dev.ariadne.core.dist.Bernoulli(emitTrue[s]), y);
                    return s;
                },
                (p, prev, t, y) -> {
                    int s = p.sample("s", new Categorical(a[prev]));
                    p.observe(new dev.ariadne.core.dist.Bernoulli(emitTrue[s]), y);
                    return s;
                }, ys).guide(guide).particles(500).sweeps(10).seed(3).run();
    }

    /** log P(y) of the three-state chain by the forward algorithm. */
    private static double forward(List<Boolean> ys, double[][] a, double[] emitTrue) {
        double[] f = new double[3];
        double logZ = 0;
        for (int t = 0; t < ys.size(); t++) {
            double[] next = new double[3];
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                double prior = 0;
                for (int i = 0; i < 3; i++) {
                    prior += t == 0 ? 1.0 / 3 / 3 : f[i] * a[i][j];
                }
                next[j] = prior * (ys.get(t) ? emitTrue[j] : 1 - emitTrue[j]);
                sum += next[j];
            }
            for (int j = 0; j < 3; j++) {
                f[j] = next[j] / sum;
            }
            logZ += Math.log(sum);
        }
        return logZ;
    }

    /**
     * A state given 1e-3 by the step guide, where the posterior puts far more, collapses a step's ESS to one particle:
     * the verdict on it could not be given under 200 particles (its floor of 1 is one no ESS falls below), and at 100
     * particles log P(e) read 9 nats low with nothing said in 6% to 8% of seeds (a third outside statistician).
     */
    @Test
    void aStepWhoseEssFallsToOneParticleIsNamedAtAHundredParticles() {
        SmcResult<Integer> r = run((site, prior) -> new Categorical(0.4995, 0.4995, 0.001), 100);
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("the ESS fell to")
                && v.contains("of 100 particles in some sweep"));
        assertThat(run((site, prior) -> prior, 100).diagnostics().verdicts())
                .noneMatch(v -> v.contains("the ESS fell to"));
    }

    /** One particle's ESS is 1 of 1 at every step: it was told "the ESS fell to 1.0 of 1 particles" (a new user). */
    @Test
    void oneParticleIsToldWhatItsEssCannotShow() {
        assertThat(run((site, prior) -> prior, 1).diagnostics().verdicts())
                .noneMatch(v -> v.contains("the ESS fell to"))
                .anyMatch(v -> v.startsWith("with 1 particle no ESS can show a proposal that misses a step's evidence"));
    }
}
