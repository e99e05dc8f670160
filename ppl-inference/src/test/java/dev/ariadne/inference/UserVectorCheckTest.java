package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.VecDist;
import org.junit.jupiter.api.Test;

/**
 * A vector distribution of the user's own is checked against its declared moments as a scalar one is: an adversarial
 * tester's sampler of two standard normals beside a declared variance of 0.36 read log P(e) 88 standard errors off in
 * 5 calls of 5 with no verdict. Honest ones, correlated ones among them, are not named.
 */
class UserVectorCheckTest {

    /**
     * Two independent standard normals drawn, their density times {@code factor}, their declared variance
     * {@code declaredVariance} (1 where honest).
     */
    record TwoNormals(double factor, double declaredVariance) implements VecDist {
        @Override
        public Support support() {
            return Support.realVector(2);
        }

        @Override
        public int dim() {
            return 2;
        }

        @Override
        public void sample(Rng rng, double[] out) {
            out[0] = rng.standardNormal();
            out[1] = rng.standardNormal();
        }

        @Override
        public double logDensity(double[] x) {
            return -0.5 * (x[0] * x[0] + x[1] * x[1]) - Math.log(2 * Math.PI) + Math.log(factor);
        }

        @Override
        public double[] mean() {
            return new double[] {0, 0};
        }

        @Override
        public double[] variance() {
            return new double[] {declaredVariance, declaredVariance};
        }
    }

    private static Model<double[]> model(VecDist prior) {
        return p -> {
            double[] v = p.sample("v", prior);
            p.observe("y", 0, new Normal(v[0], 1), 0.5);
            p.observe("y", 1, new Normal(v[1], 1), -0.5);
            return v;
        };
    }

    private static final Guide MVN = Guide.at("v", MultivariateNormal.diagonal(new double[] {0.25, -0.25},
            new double[] {0.8, 0.8}));

    @Test
    void aDeclaredVarianceTheSamplerDoesNotHaveIsNamed() {
        ImportanceResult<double[]> r = Importance.of(model(new TwoNormals(1, 0.36))).guide(MVN).samples(4000).run();
        assertThat(r.diagnostics().verdicts()).anyMatch(v -> v.contains("a distribution of your own, in component 0 "
                + "drew 20,000 values of variance") && v.contains("against the declared variance() 0.360000"));
    }

    /** A correlated bivariate normal of correlation rho, drawn and scored honestly. */
    record Correlated(double rho) implements VecDist {
        @Override
        public Support support() {
            return Support.realVector(2);
        }

        @Override
        public int dim() {
            return 2;
        }

        @Override
        public void sample(Rng rng, double[] out) {
            double a = rng.standardNormal();
            out[0] = a;
            out[1] = rho * a + Math.sqrt(1 - rho * rho) * rng.standardNormal();
        }

        @Override
        public double logDensity(double[] x) {
            double q = (x[0] * x[0] - 2 * rho * x[0] * x[1] + x[1] * x[1]) / (1 - rho * rho);
            return -0.5 * q - Math.log(2 * Math.PI) - 0.5 * Math.log(1 - rho * rho);
        }

        @Override
        public double[] mean() {
            return new double[] {0, 0};
        }

        @Override
        public double[] variance() {
            return new double[] {1, 1};
        }
    }

    /** A normal of correlation 0.99 was named by a box check since taken out, in 27 calls of 40 (a false-alarm hunt). */
    @Test
    void aStronglyCorrelatedHonestDistributionIsNotNamed() {
        for (long seed = 1; seed <= 10; seed++) {
            ImportanceResult<double[]> r = Importance.of(model(new Correlated(0.99))).guide(MVN).samples(2000)
                    .seed(seed).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.contains("a distribution of your own"));
        }
    }

    @Test
    void anHonestVectorDistributionIsNotNamed() {
        for (long seed = 1; seed <= 20; seed++) {
            ImportanceResult<double[]> r = Importance.of(model(new TwoNormals(1, 1))).guide(MVN).samples(2000)
                    .seed(seed).run();
            assertThat(r.diagnostics().verdicts()).as("seed %d", seed)
                    .noneMatch(v -> v.contains("a distribution of your own"));
        }
    }
}
