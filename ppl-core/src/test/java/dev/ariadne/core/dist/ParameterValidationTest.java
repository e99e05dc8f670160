package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every distribution rejects invalid parameters, NaN included, with the exact message format. */
class ParameterValidationTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Arguments reject(ThrowingCallable build, String message, String param, double value) {
        return Arguments.of(Named.of(message, build), message, param, value);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                reject(() -> new Normal(0, -1), "Normal: sd must be finite and > 0, got -1.0", "sd", -1),
                reject(() -> new Normal(0, 0), "Normal: sd must be finite and > 0, got 0.0", "sd", 0),
                reject(() -> new Normal(0, NAN), "Normal: sd must be finite and > 0, got NaN", "sd", NAN),
                reject(() -> new Normal(0, INF), "Normal: sd must be finite and > 0, got Infinity", "sd", INF),
                reject(() -> new Normal(NAN, 1), "Normal: mean must be finite, got NaN", "mean", NAN),
                reject(() -> new Normal(-INF, 1), "Normal: mean must be finite, got -Infinity", "mean", -INF),
                reject(() -> new LogNormal(NAN, 1), "LogNormal: mu must be finite, got NaN", "mu", NAN),
                reject(() -> new LogNormal(0, -2), "LogNormal: sigma must be finite and > 0, got -2.0", "sigma", -2),
                reject(() -> new LogNormal(0, NAN), "LogNormal: sigma must be finite and > 0, got NaN", "sigma", NAN),
                reject(() -> new Uniform(NAN, 1), "Uniform: lower must be finite, got NaN", "lower", NAN),
                reject(() -> new Uniform(0, NAN), "Uniform: upper must be finite, got NaN", "upper", NAN),
                reject(() -> new Uniform(0, INF), "Uniform: upper must be finite, got Infinity", "upper", INF),
                reject(() -> new Uniform(1, 1), "Uniform: upper must be > lower (1.0), got 1.0", "upper", 1),
                reject(() -> new Uniform(2, 1), "Uniform: upper must be > lower (2.0), got 1.0", "upper", 1),
                reject(() -> new Uniform(-1e308, 1e308),
                        "Uniform: upper must be within a finite distance of lower (-1.0E308), got 1.0E308", "upper",
                        1e308),
                reject(() -> new Beta(0, 1), "Beta: alpha must be finite and > 0, got 0.0", "alpha", 0),
                reject(() -> new Beta(NAN, 1), "Beta: alpha must be finite and > 0, got NaN", "alpha", NAN),
                reject(() -> new Beta(1, -1), "Beta: beta must be finite and > 0, got -1.0", "beta", -1),
                reject(() -> new Beta(1, NAN), "Beta: beta must be finite and > 0, got NaN", "beta", NAN),
                // the sum overflowed: mean 0 and a NaN density (an adversarial tester)
                reject(() -> new Beta(1e308, 1e308), "Beta: beta must be small enough that alpha + beta is a finite "
                        + "double (alpha is 1.0E308), got 1.0E308", "beta", 1e308),
                reject(() -> new Dirichlet(1e308, 1e308), "Dirichlet: alpha must be small enough that its sum is a "
                        + "finite double, got [1.0E308, 1.0E308]", "alpha", INF),
                reject(() -> new Gamma(-1, 1), "Gamma: shape must be finite and > 0, got -1.0", "shape", -1),
                reject(() -> new Gamma(NAN, 1), "Gamma: shape must be finite and > 0, got NaN", "shape", NAN),
                reject(() -> new Gamma(1, 0), "Gamma: rate must be finite and > 0, got 0.0", "rate", 0),
                reject(() -> new Gamma(1, NAN), "Gamma: rate must be finite and > 0, got NaN", "rate", NAN),
                reject(() -> new Exponential(0), "Exponential: rate must be finite and > 0, got 0.0", "rate", 0),
                reject(() -> new Exponential(NAN), "Exponential: rate must be finite and > 0, got NaN", "rate", NAN),
                reject(() -> new StudentT(0, 0, 1), "StudentT: df must be finite and > 0, got 0.0", "df", 0),
                reject(() -> new StudentT(NAN, 0, 1), "StudentT: df must be finite and > 0, got NaN", "df", NAN),
                reject(() -> new StudentT(INF, 0, 1), "StudentT: df must be finite and > 0, got Infinity", "df", INF),
                reject(() -> new StudentT(3, NAN, 1), "StudentT: location must be finite, got NaN", "location", NAN),
                reject(() -> new StudentT(3, 0, -1), "StudentT: scale must be finite and > 0, got -1.0", "scale", -1),
                reject(() -> new StudentT(3, 0, NAN), "StudentT: scale must be finite and > 0, got NaN", "scale", NAN),
                reject(() -> new Cauchy(NAN, 1), "Cauchy: location must be finite, got NaN", "location", NAN),
                reject(() -> new Cauchy(0, 0), "Cauchy: scale must be finite and > 0, got 0.0", "scale", 0),
                reject(() -> new Cauchy(0, NAN), "Cauchy: scale must be finite and > 0, got NaN", "scale", NAN),
                reject(() -> new Laplace(INF, 1), "Laplace: location must be finite, got Infinity", "location", INF),
                reject(() -> new Laplace(0, -3), "Laplace: scale must be finite and > 0, got -3.0", "scale", -3),
                reject(() -> new Laplace(0, NAN), "Laplace: scale must be finite and > 0, got NaN", "scale", NAN),
                reject(() -> new HalfNormal(0), "HalfNormal: scale must be finite and > 0, got 0.0", "scale", 0),
                reject(() -> new HalfNormal(NAN), "HalfNormal: scale must be finite and > 0, got NaN", "scale", NAN),
                reject(() -> new HalfCauchy(-2), "HalfCauchy: scale must be finite and > 0, got -2.0", "scale", -2),
                reject(() -> new Weibull(0, 1), "Weibull: shape must be finite and > 0, got 0.0", "shape", 0),
                reject(() -> new Weibull(1.5, INF), "Weibull: scale must be finite and > 0, got Infinity", "scale", INF),
                reject(() -> new Bernoulli(1.5), "Bernoulli: p must be in [0, 1], got 1.5", "p", 1.5),
                reject(() -> new Bernoulli(-0.1), "Bernoulli: p must be in [0, 1], got -0.1", "p", -0.1),
                reject(() -> new Bernoulli(NAN), "Bernoulli: p must be in [0, 1], got NaN", "p", NAN),
                reject(() -> new Categorical(1, -1), "Categorical: weights[1] must be finite and >= 0, got -1.0",
                        "weights[1]", -1),
                reject(() -> new Categorical(1, NAN), "Categorical: weights[1] must be finite and >= 0, got NaN",
                        "weights[1]", NAN),
                reject(() -> new Categorical(INF, 1), "Categorical: weights[0] must be finite and >= 0, got Infinity",
                        "weights[0]", INF),
                reject(() -> new Categorical(0, 0), "Categorical: weights must be of finite positive sum, got sum 0.0",
                        "weights", 0),
                reject(() -> new Categorical(), "Categorical: weights.length must be >= 1, got 0", "weights.length", 0),
                reject(() -> new Categorical((double[]) null), "Categorical: weights must be a non-null array, got null",
                        "weights", NAN),
                reject(() -> Categorical.ofLogits(0, NAN), "Categorical: logits[1] must be finite or -Infinity, got NaN",
                        "logits[1]", NAN),
                reject(() -> Categorical.ofLogits(INF, 0),
                        "Categorical: logits[0] must be finite or -Infinity, got Infinity", "logits[0]", INF),
                reject(() -> Categorical.ofLogits(-INF, -INF),
                        "Categorical: logits must be not all -Infinity, got all -Infinity", "logits", -INF),
                reject(() -> new DiscreteUniform(3, 2), "DiscreteUniform: upper must be >= lower (3), got 2", "upper", 2),
                reject(() -> new Binomial(-1, 0.5), "Binomial: n must be >= 0, got -1", "n", -1),
                reject(() -> new Binomial(3, 1.01), "Binomial: p must be in [0, 1], got 1.01", "p", 1.01),
                reject(() -> new Binomial(3, NAN), "Binomial: p must be in [0, 1], got NaN", "p", NAN),
                reject(() -> new Poisson(-1), "Poisson: rate must be finite and >= 0, got -1.0", "rate", -1),
                reject(() -> new Poisson(NAN), "Poisson: rate must be finite and >= 0, got NaN", "rate", NAN),
                reject(() -> new Poisson(INF), "Poisson: rate must be finite and >= 0, got Infinity", "rate",
                        INF),
                reject(() -> new Geometric(0), "Geometric: p must be in (0, 1], got 0.0", "p", 0),
                reject(() -> new Geometric(NAN), "Geometric: p must be in (0, 1], got NaN", "p", NAN),
                reject(() -> new NegativeBinomial(0, 0.5), "NegativeBinomial: r must be finite and > 0, got 0.0", "r", 0),
                reject(() -> new NegativeBinomial(NAN, 0.5), "NegativeBinomial: r must be finite and > 0, got NaN", "r",
                        NAN),
                reject(() -> new NegativeBinomial(2, 0), "NegativeBinomial: p must be in (0, 1], got 0.0", "p", 0),
                reject(() -> new NegativeBinomial(2, NAN), "NegativeBinomial: p must be in (0, 1], got NaN", "p", NAN),
                reject(() -> new Dirichlet(1), "Dirichlet: alpha.length must be >= 2, got 1", "alpha.length", 1),
                reject(() -> new Dirichlet(1, 0), "Dirichlet: alpha[1] must be finite and > 0, got 0.0", "alpha[1]", 0),
                reject(() -> new Dirichlet(NAN, 1), "Dirichlet: alpha[0] must be finite and > 0, got NaN", "alpha[0]",
                        NAN),
                reject(() -> MultivariateNormal.diagonal(new double[] {0, NAN}, new double[] {1, 1}),
                        "MultivariateNormal: mean[1] must be finite, got NaN", "mean[1]", NAN),
                reject(() -> MultivariateNormal.diagonal(new double[] {0, 0}, new double[] {1, -1}),
                        "MultivariateNormal: sd[1] must be finite and > 0, got -1.0", "sd[1]", -1),
                reject(() -> MultivariateNormal.diagonal(new double[] {0, 0}, new double[] {1, NAN}),
                        "MultivariateNormal: sd[1] must be finite and > 0, got NaN", "sd[1]", NAN),
                reject(() -> MultivariateNormal.diagonal(new double[] {0, 0}, new double[] {1}),
                        "MultivariateNormal: sd.length must be mean.length (2), got 1", "sd.length", 1),
                reject(() -> new MultivariateNormal(new double[] {0, 0}, new double[][] {{1, 0.5}, {0.4, 1}}),
                        "MultivariateNormal: covariance must be symmetric positive definite, got covariance[1][0] = "
                                + "0.4 but covariance[0][1] = 0.5", "covariance", 0.4),
                reject(() -> new MultivariateNormal(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}),
                        "MultivariateNormal: covariance must be symmetric positive definite, got a non-positive "
                                + "Cholesky pivot -3.0 at row 1 of [[1.0, 2.0], [2.0, 1.0]]", "covariance", -3),
                reject(() -> new MultivariateNormal(new double[] {0, 0}, new double[][] {{1, 1}, {1, 1}}),
                        "MultivariateNormal: covariance must be symmetric positive definite, got a non-positive "
                                + "Cholesky pivot 0.0 at row 1 of [[1.0, 1.0], [1.0, 1.0]]", "covariance", 0),
                reject(() -> new MultivariateNormal(new double[] {0, 0}, new double[][] {{1, 0}, {0, NAN}}),
                        "MultivariateNormal: covariance must be finite, got covariance[1][1] = NaN", "covariance", NAN),
                reject(() -> new MultivariateNormal(new double[] {0, 0}, new double[][] {{1, 0}}),
                        "MultivariateNormal: covariance must be a 2x2 matrix, got 1 rows", "covariance", 1));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWithExactMessage(ThrowingCallable build, String message, String param, double value) {
        assertThatThrownBy(build).isExactlyInstanceOf(ParameterException.class).hasMessage(message)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    ParameterException p = (ParameterException) e;
                    org.assertj.core.api.Assertions.assertThat(p.distribution()).isEqualTo(message.split(":")[0]);
                    org.assertj.core.api.Assertions.assertThat(p.parameter()).isEqualTo(param);
                    org.assertj.core.api.Assertions.assertThat(Double.valueOf(p.value())).isEqualTo(Double.valueOf(value));
                });
    }
}
