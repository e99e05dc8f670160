/**
 * Distributions: small immutable values in five kinds (real, int, boolean, vector, object) that validate their
 * parameters on construction and compute log densities in closed form.
 *
 * <p>Conventions shared by the built-in distributions:
 * <ul>
 *   <li>One way to make each: {@code new} with its natural parameters ({@code new Normal(0, 1)},
 *       {@code new Dirichlet(1, 1, 1)}, {@code new Categorical(0.2, 0.8)},
 *       {@code new MultivariateNormal(mean, covariance)}); array parameters are copied. A named factory exists
 *       only for a second parameterisation: {@code Categorical.ofLogits}, {@code Bernoulli.ofLogit},
 *       {@code MultivariateNormal.diagonal}.</li>
 *   <li>An invalid parameter, NaN included, throws {@link dev.ariadne.core.dist.ParameterException} with a message
 *       such as {@code Normal: sd must be finite and > 0, got -1.0}. {@link dev.ariadne.core.dist.Check} has the
 *       same checks for distributions written outside the package, and {@link dev.ariadne.core.dist.LogMath} the
 *       log-space special functions.</li>
 *   <li>Each distribution computes its parameter-only constants (log rate, log Gamma(shape), log B(alpha, beta),
 *       log n!, ...) once, when it is made, so a constant prior pays nothing per call; they are the same
 *       subexpressions as the per-call formula, so the log densities are bit for bit the same. They are final
 *       classes that compare, hash and print like records of their parameters, and serialise by their parameters
 *       alone.</li>
 *   <li>Log densities (log masses) are {@code -inf} outside the support and never NaN: a NaN or infinite argument
 *       gives {@code -inf}. At an end of the support where the density diverges (Beta, Gamma and Dirichlet with a
 *       shape below 1) the value is the limit, {@code +inf}.</li>
 *   <li>Samplers and densities agree at the edges of the doubles: a draw that underflows is put at the nearest
 *       double inside the support (the smallest positive double, or the largest double below 1), never where its
 *       density is infinite; a draw that cannot be represented at all (beyond the largest double, or beyond
 *       {@code int} range) is an {@link java.lang.ArithmeticException} naming the distribution.</li>
 *   <li>{@code mean()} and {@code variance()} throw {@link java.lang.ArithmeticException} where the moment is
 *       undefined and return {@code +inf} where it is infinite.</li>
 *   <li>Samplers draw only from the run's {@link dev.ariadne.core.Rng}, and allocate nothing per draw, except
 *       Poisson with a rate of 30 or more and NegativeBinomial with a large mean (Commons RNG's large-mean
 *       sampler is built per draw).</li>
 * </ul>
 */
package dev.ariadne.core.dist;
