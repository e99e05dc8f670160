package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Cauchy;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Geometric;
import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.NegativeBinomial;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.HalfNormal;
import dev.ariadne.core.dist.LogNormal;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.StudentT;
import dev.ariadne.core.dist.Uniform;
import dev.ariadne.core.dist.VecDist;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-site families: closed-form scores against central differences; the initial guide is the prior. */
class SiteFamilyTest {

    static final List<Dist> PRIORS = List.of(new Normal(1, 2), new Beta(2, 3), new Gamma(2, 1.5), new Exponential(2),
            new Poisson(3.5), new Bernoulli(0.3), new Categorical(1, 2, 3), new Binomial(7, 0.4), new LogNormal(0.2, 0.7),
            new HalfNormal(1.5), new Uniform(-1, 3), new Dirichlet(1.5, 2, 3), new DiscreteUniform(2, 6), new Geometric(0.3),
            new NegativeBinomial(2.5, 0.4), new MultivariateNormal(new double[] {1, -1},
                    new double[][] {{2, 0.6}, {0.6, 1}}), new Cauchy(1, 2), new StudentT(3, -1, 0.5));

    /**
     * Widening (the cross-entropy method's way to find a plain condition): a factor of 1 keeps every family's
     * proposal; a factor of 4 multiplies a real proposal's sd by 4 where the family scales (Normal, Gamma,
     * Exponential, LogNormal's log), moves a Poisson's mean by 4, and tempers a Beta's, Bernoulli's or
     * categorical's toward uniform. Exact checks on the proposals' moments.
     */
    @Test
    void wideningKeepsAtOneAndSpreadsByTheFactor() {
        for (Dist prior : PRIORS) {
            SiteFamily f = SiteFamilies.of(prior);
            double[] p = f.initial(prior);
            double[] same = new double[p.length];
            f.widened(p, 0, prior, 1, same);
            assertThat(same).as("%s widened by 1", prior).containsExactly(p, org.assertj.core.data.Offset.offset(
                    1e-12));
        }
        double[] out = new double[2];
        NormalFamily.INSTANCE.widened(new double[] {1, Math.log(2)}, 0, new Normal(1, 2), 4, out);
        Normal n = (Normal) NormalFamily.INSTANCE.proposal(out, 0, new Normal(1, 2));
        assertThat(n.mean()).isEqualTo(1);
        assertThat(n.sd()).isCloseTo(8, org.assertj.core.data.Offset.offset(1e-12));
        GammaFamily.INSTANCE.widened(GammaFamily.INSTANCE.initial(new Exponential(2)), 0, new Exponential(2), 4, out);
        Gamma g = (Gamma) GammaFamily.INSTANCE.proposal(out, 0, new Exponential(2));
        assertThat(g.mean()).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Math.sqrt(g.variance())).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-12));
        double[] one = new double[1];
        PoissonFamily.INSTANCE.widened(new double[] {Math.log(3.5)}, 0, new Poisson(3.5), 4, one);
        assertThat(Math.exp(one[0])).isCloseTo(14, org.assertj.core.data.Offset.offset(1e-12));
        BernoulliFamily.INSTANCE.widened(new double[] {Refits.logit(0.01)}, 0, new Bernoulli(0.01), 4, one);
        assertThat(Refits.logistic(one[0])).isBetween(0.1, 0.5);
        BetaFamily.INSTANCE.widened(new double[] {Math.log(9), Math.log(3)}, 0, new Beta(9, 3), 4, out);
        assertThat(Math.exp(out[0])).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Math.exp(out[1])).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-12));
        double[] logits = new double[3];
        CategoricalFamily.INSTANCE.widened(new double[] {0, -4, -8}, 0, new Categorical(1, 2, 3), 4, logits);
        assertThat(logits).containsExactly(0, -1, -2);
    }

    @Test
    void closedFormScoresMatchCentralDifferences() {
        Rng rng = Rng.forRun(5, 0);
        for (Dist prior : PRIORS) {
            SiteFamily f = SiteFamilies.of(prior);
            double[] p = f.initial(prior);
            assertThat(p).as("%s", prior).hasSize(f.arity(prior));
            assertThat(f.parameterNames(p.length)).hasSize(p.length).doesNotHaveDuplicates();
            for (int j = 0; j < p.length; j++) {
                p[j] += 0.1 * (j + 1);
            }
            Dist q = f.proposal(p, 0, prior);
            for (int draw = 0; draw < 5; draw++) {
                double x = 0;
                double[] vec = null;
                if (q instanceof VecDist v) {
                    vec = v.sample(rng);
                } else {
                    x = sample(q, rng);
                }
                double[] g = new double[p.length];
                f.score(p, 0, prior, x, vec, g);
                for (int j = 0; j < p.length; j++) {
                    double h = 1e-6;
                    double[] a = p.clone();
                    double[] b = p.clone();
                    a[j] += h;
                    b[j] -= h;
                    double fd = (Values.logDensity(f.proposal(a, 0, prior), x, vec)
                            - Values.logDensity(f.proposal(b, 0, prior), x, vec)) / (2 * h);
                    assertThat(g[j]).as("%s param %d at %s", f, j, x).isCloseTo(fd,
                            org.assertj.core.api.Assertions.within(1e-5 * Math.max(1, Math.abs(fd))));
                }
            }
        }
    }

    private static double sample(Dist q, Rng rng) {
        if (q instanceof dev.ariadne.core.dist.RealDist r) {
            return r.sample(rng);
        }
        if (q instanceof dev.ariadne.core.dist.IntDist i) {
            return i.sample(rng);
        }
        return ((dev.ariadne.core.dist.BoolDist) q).sample(rng) ? 1 : 0;
    }

    @Test
    void priorsOwnFamiliesStartExactlyAtThePrior() {
        for (Dist prior : List.of(new Normal(1, 2), new Beta(2, 3), new Gamma(2, 1.5), new Poisson(3.5),
                new Bernoulli(0.3), new LogNormal(0.2, 0.7), new Geometric(0.3), new NegativeBinomial(2.5, 0.4),
                new Cauchy(1, 2), new StudentT(3, -1, 0.5))) {
            SiteFamily f = SiteFamilies.of(prior);
            assertThat(f.reproducesPrior(prior)).isTrue();
            Dist q = f.proposal(f.initial(prior), 0, prior);
            for (double x : new double[] {0, 1, 0.3, 2}) {
                assertThat(Values.logDensity(q, x, null)).as("%s at %s", prior, x)
                        .isCloseTo(Values.logDensity(prior, x, null), org.assertj.core.api.Assertions.within(1e-12));
            }
        }
        // Exponential is Gamma(1, rate) and Uniform(0, 1) is Beta(1, 1): same densities.
        Dist g = GammaFamily.INSTANCE.proposal(GammaFamily.INSTANCE.initial(new Exponential(2)), 0, new Exponential(2));
        assertThat(((Gamma) g).logDensity(0.7)).isCloseTo(new Exponential(2).logDensity(0.7),
                org.assertj.core.api.Assertions.within(1e-14));
    }

    @Test
    void initialMeanFieldGuideIsLikelihoodWeighting() {
        Model<Double> m = p -> {
            double a = p.sample("a", new Normal(0, 1));
            boolean b = p.sample("b", new Bernoulli(0.2));
            int k = p.sample("k", new Poisson(2));
            double c = p.sample("c", new Beta(2, 3));
            p.observe("y", new Normal(a + k + c + (b ? 1 : 0), 1), 1.5);
            return a;
        };
        FamilyGuide g = new Layout(GuideFamily.meanField()).snapshot();
        Runner<Double> guided = Execution.of(m).guide(g).runner();
        Runner<Double> prior = Execution.of(m).runner();
        for (int i = 0; i < 100; i++) {
            guided.run(3, i);
            prior.run(3, i);
            assertThat(guided.logWeight()).isEqualTo(prior.logWeight());
        }
    }

    @Test
    void transformedProposalsCountTheJacobian() {
        // The stick-breaking and logit normals integrate to 1 over their supports (checked by importance sampling
        // from a uniform proposal on the interval, and by the Dirichlet(1,1) = uniform-on-simplex identity).
        LogitNormal ln = new LogitNormal(0.3, 0.8, -1, 3);
        // a point outside the interval has no unconstrained coordinate (it was NaN, an outside tester)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ln.unconstrained(3.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.5 is outside the interval");
        assertThat(ln.unconstrained(1)).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-15));
        double s = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double x = -1 + 4 * (i + 0.5) / n;
            s += Math.exp(ln.logDensity(x)) * 4.0 / n;
        }
        assertThat(s).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
        StickBreakingNormal sb = StickBreakingNormal.of(new double[] {0.2}, new double[] {0.9});
        double t = 0;
        for (int i = 0; i < n; i++) {
            double x = (i + 0.5) / n;
            t += Math.exp(sb.logDensity(new double[] {x, 1 - x})) / n;
        }
        assertThat(t).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    }

    /**
     * A stick-breaking normal's draw is not weighed where an entry lies among the subnormals or a stick's fraction
     * within 2^20 doubles of 0 or 1 ({@code VecDist.unrepresentableAt}); elsewhere it is its density.
     */
    @Test
    void stickBreakingDrawsAtTheEdgesAreNotWeighed() {
        StickBreakingNormal q = StickBreakingNormal.of(new double[] {0, 0}, new double[] {1, 1});
        double[] inside = {0.2, 0.3, 0.5};
        assertThat(VecDist.proposalLogDensity(q, inside)).isEqualTo(q.logDensity(inside)).isFinite();
        assertThat(VecDist.proposalLogDensity(q, new double[] {1 - 0x1p-40, 0x1p-41, 0x1p-41}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(VecDist.proposalLogDensity(q, new double[] {0.5, 0.5 - 0x1p-40, 0x1p-40}))
                .as("the second stick takes all but 2^-39 of what is left").isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(VecDist.proposalLogDensity(q, new double[] {0.5, Double.MIN_VALUE, 0.5}))
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    /**
     * A stick-breaking normal's mean and variance are its own: for two coordinates, the integrals of x and x^2 against
     * its density; for three, within 5 standard errors of 200,000 draws' (the mean was the point the locations map
     * to, 0.881 against 0.845 at loc 2, scale 1, and the variance threw, an outside tester).
     */
    @Test
    void stickBreakingMeanAndVarianceAreTheDistributions() {
        StickBreakingNormal two = StickBreakingNormal.of(new double[] {2}, new double[] {1});
        int n = 400_000;
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            double x = (i + 0.5) / n;
            double d = Math.exp(two.logDensity(new double[] {x, 1 - x})) / n;
            m1 += x * d;
            m2 += x * x * d;
        }
        assertThat(two.mean()[0]).isCloseTo(m1, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(two.mean()[1]).isCloseTo(1 - m1, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(two.variance()[0]).isCloseTo(m2 - m1 * m1, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(two.variance()[1]).isCloseTo(m2 - m1 * m1, org.assertj.core.api.Assertions.within(1e-6));

        StickBreakingNormal three = StickBreakingNormal.of(new double[] {0.3, -0.5}, new double[] {1, 0.7});
        dev.ariadne.core.Rng rng = dev.ariadne.core.Rng.forRun(17, 0);
        int draws = 200_000;
        double[][] xs = new double[draws][3];
        for (double[] x : xs) {
            three.sample(rng, x);
        }
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (double[] x : xs) {
                mean += x[j] / draws;
            }
            double var = 0;
            double fourth = 0;
            for (double[] x : xs) {
                double d = (x[j] - mean) * (x[j] - mean);
                var += d / draws;
                fourth += d * d / draws;
            }
            assertThat(three.mean()[j]).as("mean %d", j)
                    .isCloseTo(mean, org.assertj.core.api.Assertions.within(5 * Math.sqrt(var / draws)));
            // the sample variance's standard error, sqrt((m4 - var^2) / n)
            assertThat(three.variance()[j]).as("variance %d", j).isCloseTo(var,
                    org.assertj.core.api.Assertions.within(5 * Math.sqrt((fourth - var * var) / draws)));
        }
    }
}
