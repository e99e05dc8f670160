package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Cauchy;
import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.LogNormal;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.StudentT;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.Uniform;
import dev.ariadne.core.dist.Weibull;
import org.junit.jupiter.api.Test;

/**
 * A distribution of the user's own whose density is wrong only in its tails: the intervals between quantiles of its
 * draws stop short of them, and a proposal of N(m, s) draws whose density read log 2 too low beyond 2 sds passed every
 * check, read log P(e) 70 standard errors high, its lower bound above the truth, in every call (an adversarial
 * tester). Each tail is now read against a normal reference.
 */
class UserDensityTailsTest {

    /** N(m, s) draws; the density shifted by {@code logOff} beyond 2 sds. */
    record TailOff(double m, double s, double logOff) implements RealDist {
        @Override
        public double sample(Rng r) {
            return m + s * r.standardNormal();
        }

        @Override
        public double logDensity(double x) {
            double z = (x - m) / s;
            double l = -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
            return Math.abs(z) > 2 ? l + logOff : l;
        }

        @Override
        public double mean() {
            return m;
        }

        @Override
        public double variance() {
            return s * s;
        }

        @Override
        public Support support() {
            return Support.REAL;
        }
    }

    /** A distribution Ariadne ships, as if the user's own: its sampler and density agree. */
    record Honest(RealDist inner) implements RealDist {
        @Override
        public double sample(Rng r) {
            return inner.sample(r);
        }

        @Override
        public double logDensity(double x) {
            return inner.logDensity(x);
        }

        @Override
        public double mean() {
            return inner.mean();
        }

        @Override
        public double variance() {
            return inner.variance();
        }

        @Override
        public Support support() {
            return inner.support();
        }
    }

    @Test
    void aDensityWrongOnlyInItsTailsIsNamed() {
        for (double off : new double[] {-Math.log(2), Math.log(2)}) {
            for (long seed = 1; seed <= 10; seed++) {
                assertThat(UserDistributionCheck.disagreement(new TailOff(0.3, 0.07, off), Rng.forRun(seed, 0)))
                        .as("off %s, seed %d", off, seed).contains("disagrees with its density there");
            }
        }
    }

    /** The tester's model: mu ~ N(0, 10), 200 observations y_i ~ N(mu, 1); the posterior as a proposal. */
    @Test
    void aCallWithSuchAProposalIsTold() {
        double[] y = new double[200];
        Rng data = Rng.forRun(7, 0);
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.4 + data.standardNormal();
            sum += y[i];
        }
        Model<Double> model = p -> {
            double mu = p.sample("mu", new Normal(0, 10));
            for (int i = 0; i < y.length; i++) {
                p.observe("y", i, new Normal(mu, 1), y[i]);
            }
            return mu;
        };
        double precision = 1 / 100.0 + y.length;
        Guide tailOff = Guide.at("mu", new TailOff(sum / precision, Math.sqrt(1 / precision), -Math.log(2)));
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(Importance.of(model).guide(tailOff).samples(10_000).seed(seed).keep(0).run().diagnostics()
                    .verdicts()).as("seed %d", seed).anySatisfy(v -> assertThat(v)
                    .contains("a distribution of your own", "disagrees with its density there"));
        }
    }

    /** Honest densities of every kind of tail and end: none is named in 20 seeds each. */
    @Test
    void honestDensitiesAreNotNamed() {
        RealDist[] honest = {new Normal(1, 2), new Cauchy(0, 1), new StudentT(2.2, 0, 1), new Exponential(3),
            new Uniform(-1, 2), new Gamma(0.5, 1), new Beta(0.5, 0.5), new LogNormal(0, 2), new Weibull(0.7, 1),
            new Weibull(5, 1), new Beta(8, 2)};
        for (RealDist d : honest) {
            for (long seed = 1; seed <= 20; seed++) {
                assertThat(UserDistributionCheck.disagreement(new Honest(d), Rng.forRun(seed, 1)))
                        .as("%s, seed %d", d.describe(), seed).isNull();
            }
        }
    }
}
