/**
 * Distributions: small immutable values in five kinds (real, int, boolean, vector, object) that validate their
 * parameters on construction and compute log densities in closed form.
 *
 * <p>Conventions shared by the built-in distributions:
 * <ul>
 *   <li>An invalid parameter, NaN included, throws {@link dev.ariadne.core.dist.ParameterException} with a message
 *       such as {@code Normal: sd must be finite and > 0, got -1.0}.</li>
 *   <li>Log densities (log masses) are {@code -inf} outside the support and never NaN: a NaN or infinite argument
 *       gives {@code -inf}. At an end of the support where the density diverges (Beta, Gamma and Dirichlet with a
 *       shape below 1) the value is the limit, {@code +inf}.</li>
 *   <li>Scalar-parameter distributions are records (value equality, pattern matching); those with array parameters
 *       are final classes built by static factories that copy their inputs.</li>
 *   <li>{@code mean()} and {@code variance()} throw {@link java.lang.ArithmeticException} where the moment is
 *       undefined and return {@code +inf} where it is infinite.</li>
 *   <li>Samplers draw only from the run's {@link dev.ariadne.core.Rng}; Normal, LogNormal, HalfNormal, Uniform,
 *       Exponential, Laplace, Cauchy, Bernoulli, Categorical, Geometric, DiscreteUniform, Binomial with n below
 *       1024 and Poisson with rate below 30 allocate nothing per draw (the others may build small temporaries in
 *       Commons code).</li>
 * </ul>
 */
package dev.ariadne.core.dist;
