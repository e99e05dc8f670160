package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Estimate;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/** The README's SMC snippet, as written there, against the forward algorithm. */
class ReadmeSmcExampleTest {

    @Test
    void theReadmeSmcExampleWorks() {
        List<Double> ys = List.of(1.0, 1.0, -1.0, 1.0, -1.0, -1.0);
        SmcResult<Boolean> f = Smc.stateSpace(
                (Particle p, Double y) -> {
                    boolean s = p.sample("s", new Bernoulli(0.5));
                    p.observe(new Normal(s ? 1 : -1, 1), y);
                    return s;
                },
                (p, prev, t, y) -> {
                    boolean s = p.sample("s", new Bernoulli(prev ? 0.9 : 0.1));
                    p.observe(new Normal(s ? 1 : -1, 1), y);
                    return s;
                }, ys)
            .particles(10_000).sweeps(100).seed(2).track("s=1", s -> s ? 1 : 0).run();
        Model<Boolean> model = p -> {
            boolean s = false;
            for (int t = 0; t < ys.size(); t++) {
                s = p.sample("s", t, new Bernoulli(t == 0 ? 0.5 : s ? 0.9 : 0.1));
                p.observe("y", t, new Normal(s ? 1 : -1, 1), ys.get(t));
            }
            return s;
        };
        SmcResult<Boolean> g = Smc.of(model).particles(2_000).sweeps(50).seed(4).run();

        double exact = forward(ys);
        Estimate zf = f.logEvidence();
        Estimate zg = g.logEvidence();
        assertThat(Math.abs(zf.value() - exact)).as("%s vs %s", zf, exact)
                .isLessThanOrEqualTo(TDistribution.of(99).inverseSurvivalProbability(5e-7) * zf.standardError());
        assertThat(Math.abs(zg.value() - exact)).as("%s vs %s", zg, exact)
                .isLessThanOrEqualTo(TDistribution.of(49).inverseSurvivalProbability(5e-7) * zg.standardError());
        assertThat(f.lowerBound(1e-6).logValue()).isLessThanOrEqualTo(exact);
        assertThat(f.filtered("s=1")).hasSize(ys.size());
        assertThat(f.diagnostics().verdicts()).isEmpty();
    }

    private static double forward(List<Double> ys) {
        Normal up = new Normal(1, 1);
        Normal down = new Normal(-1, 1);
        double f1 = 0.5;
        double logZ = 0;
        for (int t = 0; t < ys.size(); t++) {
            double p1 = t == 0 ? 0.5 : 0.9 * f1 + 0.1 * (1 - f1);
            double a = p1 * Math.exp(up.logDensity(ys.get(t)));
            double b = (1 - p1) * Math.exp(down.logDensity(ys.get(t)));
            logZ += Math.log(a + b);
            f1 = a / (a + b);
        }
        return logZ;
    }
}
