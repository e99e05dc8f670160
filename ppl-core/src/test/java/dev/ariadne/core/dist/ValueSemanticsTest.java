package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every distribution is made one way, with {@code new} and its natural parameters (issue "Soundness", item 7:
 * {@code new Dirichlet(1, 1, 1)} used to fail with "Dirichlet(double[]) has private access in Dirichlet"). A
 * named factory exists only for a second parameterisation ({@code Categorical.ofLogits},
 * {@code MultivariateNormal.diagonal}, {@code Bernoulli.ofLogit}). Distributions holding derived constants behave
 * as values: equal, hashed and printed by their parameters, and serialised by their parameters alone (the
 * constants are recomputed, so a deserialised copy scores every value bit for bit as the original).
 */
class ValueSemanticsTest {

    @Test
    void arrayDistributionsAreMadeWithNewAndCopyTheirInput() {
        double[] alpha = {1, 2, 3};
        Dirichlet d = new Dirichlet(alpha);
        alpha[0] = 100;
        assertThat(d.alpha()).containsExactly(1, 2, 3);
        assertThat(new Dirichlet(1, 1, 1).logDensity(new double[] {0.2, 0.3, 0.5})).isCloseTo(Math.log(2),
                org.assertj.core.api.Assertions.offset(1e-15));

        double[] w = {1, 2, 1};
        Categorical c = new Categorical(w);
        w[1] = 0;
        assertThat(c.probabilities()).containsExactly(0.25, 0.5, 0.25);

        double[] mean = {1, -1};
        double[][] cov = {{4, 1}, {1, 2}};
        MultivariateNormal m = new MultivariateNormal(mean, cov);
        mean[0] = 0;
        cov[0][0] = 1;
        assertThat(m.mean()).containsExactly(1, -1);
        assertThat(m.covariance()[0]).containsExactly(4, 1);
    }

    @Test
    @SuppressWarnings("deprecation")
    void theOldFactoriesStillWorkAndAgree() {
        assertThat(Dirichlet.of(1, 2)).isEqualTo(new Dirichlet(1, 2));
        assertThat(Categorical.of(1, 3)).isEqualTo(new Categorical(1, 3));
        assertThat(MultivariateNormal.of(new double[] {0}, new double[][] {{1}}))
                .isEqualTo(new MultivariateNormal(new double[] {0}, new double[][] {{1}}));
    }

    /** One instance of every distribution, with parameters away from 0 and 1. */
    static List<Dist> everyDistribution() {
        return List.of(new Normal(0.5, 2), new LogNormal(0.5, 0.7), new Uniform(-1, 3), new Beta(2.5, 0.7),
                new Gamma(0.7, 2.5), new Exponential(1.5), new StudentT(3.5, 1, 2), new Cauchy(-1, 0.5),
                new Laplace(2, 0.3), new HalfNormal(1.7), new HalfCauchy(2.2), new Weibull(1.4, 3),
                new Bernoulli(0.3), new Categorical(1, 2, 3, 4),
                new DiscreteUniform(-3, 8), new Binomial(12, 0.35), new Poisson(3.7), new Geometric(0.15),
                new NegativeBinomial(2.5, 0.4), new Dirichlet(0.5, 1, 2),
                new MultivariateNormal(new double[] {1, 2}, new double[][] {{2, 0.5}, {0.5, 1}}));
    }

    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    /** The log density (mass) of 50 draws, for comparing two instances bit for bit. */
    private static double[] scores(Dist d) {
        Rng rng = Rng.forRun(31, 0);
        double[] s = new double[50];
        for (int i = 0; i < s.length; i++) {
            if (d instanceof RealDist r) {
                s[i] = r.logDensity(r.sample(rng));
            } else if (d instanceof IntDist k) {
                s[i] = k.logMass(k.sample(rng));
            } else if (d instanceof BoolDist b) {
                s[i] = b.logMass(b.sample(rng));
            } else {
                VecDist v = (VecDist) d;
                double[] x = new double[v.dim()];
                v.sample(rng, x);
                s[i] = v.logDensity(x);
            }
        }
        return s;
    }

    @Test
    void distributionsAreValuesThatSerialiseByTheirParameters() throws Exception {
        List<Dist> all = everyDistribution();
        List<Dist> again = everyDistribution();
        for (int i = 0; i < all.size(); i++) {
            Dist d = all.get(i);
            assertThat(d).isEqualTo(again.get(i)).hasSameHashCodeAs(again.get(i))
                    .hasToString(again.get(i).toString());
            for (int j = 0; j < all.size(); j++) {
                if (j != i) {
                    assertThat(d).isNotEqualTo(all.get(j));
                }
            }
            Object copy = roundTrip(d);
            assertThat(copy).as("%s after serialisation", d).isEqualTo(d);
            assertThat(scores((Dist) copy)).as("%s after serialisation", d).containsExactly(scores(d));
        }
    }
}
