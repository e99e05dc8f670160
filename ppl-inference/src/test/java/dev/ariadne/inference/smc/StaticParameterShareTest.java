package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.inference.Estimate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A static parameter drawn at the first step and carried in the state loses its rarer values in most sweeps' particles:
 * a Reed-Frost epidemic (40 people, 10 reported counts) whose transmission rate is one of three, P(beta = 0.03 | y)
 * = 0.984796 by the forward algorithm, read 0.9988 +- 0.0012 at 100 particles and 20 sweeps (seed 110, z 11.5), with
 * no verdict; 3 calls of 150 were more than 5 standard errors off (a new user). Where the rarer side of a hypothesis
 * shows in the final particles of fewer than 10 sweeps and fewer than half, P(h | e) has no standard error now, and a
 * verdict says why.
 */
class StaticParameterShareTest {

    private static final int N = 40;
    private static final double[] BETAS = {0.03, 0.05, 0.08};
    private static final List<Integer> REPORTED = List.of(1, 1, 2, 3, 4, 3, 3, 2, 1, 1);

    /** The transmission rate's index, the susceptible and the infected. */
    record Epidemic(int beta, int susceptible, int infected) implements java.io.Serializable {
    }

    private static Epidemic step(Particle p, Epidemic prev, int reported) {
        double infection = 1 - Math.pow(1 - BETAS[prev.beta()], prev.infected());
        int infected = p.sample("newI", new Binomial(prev.susceptible(), infection));
        int recovered = p.sample("rec", new Binomial(prev.infected(), 0.3));
        p.observe(new Binomial(infected, 0.5), reported);
        return new Epidemic(prev.beta(), prev.susceptible() - infected, prev.infected() + infected - recovered);
    }

    private static SmcResult<Epidemic> filter(int particles) {
        return Smc.stateSpace((Particle p, Integer y) -> step(p, new Epidemic(p.sample("b", new Categorical(1, 1, 1)),
                        N - 2, 2), y), (Particle p, Epidemic prev, int t, Integer y) -> step(p, prev, y), REPORTED)
                .particles(particles).sweeps(20).seed(110).hypothesis("b=0.03", s -> s.beta() == 0).run();
    }

    @Test
    void aShareTheRarerSideOfWhichFewSweepsKeepHasNoStandardError() {
        SmcResult<Epidemic> r = filter(100);
        Estimate share = r.conditional("b=0.03", 0.05).selfNormalised().orElseThrow();
        assertThat(share.standardError()).as("%s", share).isInfinite();
        assertThat(r.diagnostics().verdicts()).anySatisfy(v -> assertThat(v)
                .startsWith("hypothesis 'b=0.03' failed in the final particles of ").contains("rests on too few sweeps"));
    }

    @Test
    void enoughParticlesKeepTheStandardError() {
        SmcResult<Epidemic> r = filter(1000);
        Estimate share = r.conditional("b=0.03", 0.05).selfNormalised().orElseThrow();
        assertThat(share.standardError()).as("%s", share).isFinite();
        assertThat(Math.abs(share.value() - 0.984796)).isLessThan(5 * share.standardError());
        assertThat(r.diagnostics().verdicts()).noneSatisfy(v -> assertThat(v).startsWith("hypothesis 'b=0.03'"));
    }
}
