package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.inference.Estimate;
import java.util.List;
import org.apache.commons.numbers.gamma.LogGamma;
import org.junit.jupiter.api.Test;

/**
 * A filtered figure of a state that few particles take has no standard error in the sweeps' spread: a flaring star's
 * two states (quiet, counts Poisson(2); flaring, Poisson(8)), a flare starting with probability 0.05 and lasting with
 * 0.8, under the locally optimal step guide, which puts the flaring state at about 1e-4 at quiet steps. With 100
 * particles and 20 sweeps, 180 of 1,200 filtered figures read 0 +- 0 against 1e-4 to 5e-4, and the others' z-scores
 * had mean square 5.5, with no verdict (a new user).
 */
class FilteredRareStateTest {

    /** 60 counts: quiet, a flare at steps 20 to 25, quiet again, a short flare at 44. */
    private static final List<Integer> COUNTS = List.of(2, 1, 3, 2, 0, 2, 4, 1, 2, 2, 3, 1, 2, 0, 1, 2, 3, 2, 1, 2,
            9, 7, 8, 10, 6, 8, 2, 1, 3, 2, 2, 1, 0, 2, 3, 2, 1, 2, 2, 1, 3, 2, 1, 2, 7, 2, 1, 3, 2, 2, 1, 2, 0, 3, 2, 1,
            2, 2, 1, 3);

    private static double logPoisson(int k, double rate) {
        return k * Math.log(rate) - rate - LogGamma.value(k + 1.0);
    }

    /** The exact filtered P(flaring at t | counts up to t), by the forward recursion. */
    private static double[] exactFiltered() {
        double[] f = new double[COUNTS.size()];
        double previous = 0;
        for (int t = 0; t < f.length; t++) {
            double prior = t == 0 ? 0.1 : previous * 0.8 + (1 - previous) * 0.05;
            double flaring = prior * Math.exp(logPoisson(COUNTS.get(t), 8));
            double quiet = (1 - prior) * Math.exp(logPoisson(COUNTS.get(t), 2));
            previous = flaring / (flaring + quiet);
            f[t] = previous;
        }
        return f;
    }

    private static SmcResult<Boolean> filter(int particles, long seed, boolean guided) {
        StateSpaceSmc<Boolean, Integer> smc = Smc.stateSpace((Particle p, Integer y) -> {
            boolean flaring = p.sample("s", new Bernoulli(0.1));
            p.observe(new Poisson(flaring ? 8 : 2), y);
            return flaring;
        }, (p, previous, t, y) -> {
            boolean flaring = p.sample("s", new Bernoulli(previous ? 0.8 : 0.05));
            p.observe(new Poisson(flaring ? 8 : 2), y);
            return flaring;
        }, COUNTS);
        StateSpaceSmc<Boolean, Integer> built = smc.particles(particles).sweeps(20).seed(seed)
                .track("flaring", s -> s ? 1 : 0);
        if (guided) {
            built = built.guide((site, prior) -> {
                double before = site.step() == 0 ? 0.1 : (Boolean) site.previous() ? 0.8 : 0.05;
                int y = (Integer) site.observation();
                double flaring = before * Math.exp(logPoisson(y, 8));
                double quiet = (1 - before) * Math.exp(logPoisson(y, 2));
                return new Bernoulli(flaring / (flaring + quiet));
            });
        }
        return built.run();
    }

    /**
     * Under the guide, a filtered figure with a standard error is within 5 of them of the exact value in 20 calls
     * (1,200 figures), and no figure reads a standard error of 0; those left without one are named.
     */
    @Test
    void aRareStatesFiguresHaveNoStandardErrorAndAreNamed() {
        double[] exact = exactFiltered();
        int without = 0;
        for (long seed = 1; seed <= 20; seed++) {
            SmcResult<Boolean> r = filter(100, seed, true);
            List<Estimate> f = r.filtered("flaring");
            for (int t = 0; t < f.size(); t++) {
                Estimate e = f.get(t);
                assertThat(e.standardError()).as("seed %d step %d", seed, t).isPositive();
                if (e.standardError() == Double.POSITIVE_INFINITY) {
                    without++;
                    assertThat(e.label()).containsAnyOf("effective particles over all the sweeps",
                            "every particle of every sweep gave it the value");
                } else {
                    assertThat(Math.abs(e.value() - exact[t])).as("seed %d step %d: %s", seed, t, e)
                            .isLessThanOrEqualTo(5 * e.standardError());
                }
            }
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed).anySatisfy(v -> assertThat(v)
                    .startsWith("filtered figures with no standard error").contains("'flaring' at "));
        }
        assertThat(without).isPositive();
    }

    /**
     * A state impossible by construction (an emission of mass 0) and a tracked step index agree in every particle:
     * their figures have no standard error, and say why, but no verdict names them, since no number of particles or
     * guide can help (they were named in 20 calls of 20; a false-alarm hunt).
     */
    @Test
    void figuresEveryParticleAgreesOnAreNotAVerdict() {
        SmcResult<Integer> r = Smc.stateSpace((Particle p, Integer y) -> {
            int s = p.sample("s", new dev.ariadne.core.dist.Categorical(1, 1));
            p.observe(new dev.ariadne.core.dist.Categorical(s == 0 ? new double[] {0.7, 0.3, 0}
                    : new double[] {0, 0.3, 0.7}), y);
            return s;
        }, (p, previous, t, y) -> {
            int s = p.sample("s", new dev.ariadne.core.dist.Categorical(previous == 0 ? 0.8 : 0.2,
                    previous == 0 ? 0.2 : 0.8));
            p.observe(new dev.ariadne.core.dist.Categorical(s == 0 ? new double[] {0.7, 0.3, 0}
                    : new double[] {0, 0.3, 0.7}), y);
            return s;
        }, List.of(0, 1, 2, 2, 1, 0, 0, 1)).particles(500).sweeps(20).seed(1).track("s1", s -> s).run();
        List<Estimate> f = r.filtered("s1");
        assertThat(f.get(0).value()).isZero();
        assertThat(f.get(0).standardError()).isInfinite();
        assertThat(f.get(0).label()).contains("every particle of every sweep gave it the value 0.0");
        assertThat(r.diagnostics().verdicts()).noneMatch(v -> v.startsWith("filtered figures"));
    }

    /** The bootstrap filter, whose particles take the flaring state often enough at every step: none is left out. */
    @Test
    void aStateTheParticlesTakeOftenKeepsItsStandardErrors() {
        for (long seed = 1; seed <= 5; seed++) {
            SmcResult<Boolean> r = filter(100, seed, false);
            assertThat(r.filtered("flaring")).allSatisfy(e -> assertThat(e.standardError()).isFinite());
            assertThat(r.diagnostics().verdicts()).noneMatch(v -> v.startsWith("filtered figures"));
        }
    }
}
