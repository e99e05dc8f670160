package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.ariadne.core.Rng;
import dev.ariadne.core.testing.StatTests;
import java.lang.management.ManagementFactory;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/** Boundary values, extreme parameters, descriptions and the allocation-free hot paths. */
class EdgeCasesTest {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    private static final double POS_INF = Double.POSITIVE_INFINITY;

    @Test
    void betaAndGammaAtTheirEndsTakeTheLimit() {
        assertThat(new Beta(0.5, 2).logDensity(0)).isEqualTo(POS_INF);
        assertThat(new Beta(2, 0.5).logDensity(1)).isEqualTo(POS_INF);
        assertThat(new Beta(2, 3).logDensity(0)).isEqualTo(NEG_INF);
        assertThat(new Beta(2, 3).logDensity(1)).isEqualTo(NEG_INF);
        // Beta(1, b) at 0 is b: the shape-1 term contributes nothing (not 0 * -inf = NaN).
        assertThat(new Beta(1, 3).logDensity(0)).isCloseTo(Math.log(3), offset(1e-15));
        assertThat(new Beta(3, 1).logDensity(1)).isCloseTo(Math.log(3), offset(1e-15));
        assertThat(new Beta(1, 1).logDensity(0)).isZero();
        assertThat(new Gamma(0.5, 1).logDensity(0)).isEqualTo(POS_INF);
        assertThat(new Gamma(1, 2.5).logDensity(0)).isCloseTo(Math.log(2.5), offset(1e-15));
        assertThat(new Gamma(2, 1).logDensity(0)).isEqualTo(NEG_INF);
        assertThat(new Gamma(2, 1).logDensity(POS_INF)).isEqualTo(NEG_INF);
        assertThat(new Gamma(2, 1).logDensity(1e300)).isCloseTo(Math.log(1e300) - 1e300, offset(1e288));
        assertThat(new Exponential(2).logDensity(0)).isCloseTo(Math.log(2), offset(1e-15));
        assertThat(new LogNormal(0, 1).logDensity(0)).isEqualTo(NEG_INF);
        assertThat(new HalfNormal(2).logDensity(0)).isCloseTo(Math.log(2) - Math.log(2 * Math.sqrt(2 * Math.PI)),
                offset(1e-15));
        assertThat(new Uniform(-1, 2).logDensity(-1)).isCloseTo(-Math.log(3), offset(1e-15));
        assertThat(new Uniform(-1, 2).logDensity(2)).isCloseTo(-Math.log(3), offset(1e-15));
    }

    @Test
    void heavyTailsStayFiniteFarOut() {
        // Where z^2 would overflow, the density is still positive and its log finite.
        double x = 1e200;
        double t = new StudentT(3, 0, 1).logDensity(x);
        // df = 3: log f(x) = log(Gamma(2) / (Gamma(3/2) sqrt(3 pi))) - 2 log(1 + x^2/3), and for this x
        // log(1 + x^2/3) = 2 log x - log 3 to double precision. (Commons Statistics gives -inf here.)
        double logC = -Math.log(Math.sqrt(Math.PI) / 2) - 0.5 * Math.log(3 * Math.PI);
        assertThat(t).isFinite().isCloseTo(logC - 2 * (2 * Math.log(x) - Math.log(3)), offset(1e-12 * Math.abs(t)));
        double c = new Cauchy(0, 1).logDensity(-x);
        // log f(x) = -log pi - log(1 + x^2) = -log pi - 2 log|x| here (Commons Statistics gives -inf).
        assertThat(c).isFinite().isCloseTo(-Math.log(Math.PI) - 2 * Math.log(x), offset(1e-12 * Math.abs(c)));
        assertThat(new Normal(0, 1).logDensity(1e200)).isEqualTo(NEG_INF);
    }

    @Test
    void tinyShapesSampleWithoutNaN() {
        Rng rng = Rng.forRun(11, 0);
        Beta beta = new Beta(0.01, 0.01);
        Gamma gamma = new Gamma(0.01, 1);
        Dirichlet dirichlet = new Dirichlet(0.01, 0.01, 0.01);
        StudentT t = new StudentT(0.05, 0, 1);
        NegativeBinomial nb = new NegativeBinomial(0.01, 0.5);
        double[] v = new double[3];
        for (int i = 0; i < 10_000; i++) {
            assertThat(beta.sample(rng)).isBetween(0.0, 1.0);
            assertThat(gamma.sample(rng)).isNotNaN().isGreaterThanOrEqualTo(0);
            dirichlet.sample(rng, v);
            assertThat(dirichlet.support().contains(v)).isTrue();
            assertThat(t.sample(rng)).isNotNaN();
            assertThat(nb.sample(rng)).isGreaterThanOrEqualTo(0);
        }
    }

    /**
     * Poisson draws on both sides of the switch from inversion to the large-mean sampler, and at a huge rate,
     * against the Commons Statistics mass function by pooled chi-square.
     */
    @Test
    void poissonSamplerAcrossItsRegimes() {
        int n = 20_000;
        int index = 0;
        for (double rate : new double[] {29.999, 30, 1e6}) {
            Poisson p = new Poisson(rate);
            PoissonDistribution ref = PoissonDistribution.of(rate);
            Rng rng = Rng.forRun(12, index++);
            int[] xs = new int[n];
            for (int i = 0; i < n; i++) {
                xs[i] = p.sample(rng);
            }
            StatTests.Bins bins = StatTests.pool(xs, ref::probability, 0, Integer.MAX_VALUE);
            assertThat(StatTests.chiSquarePValue(bins)).as("rate %s", rate).isGreaterThan(StatTests.ALPHA);
        }
    }

    @Test
    void undefinedMomentsThrowAndInfiniteVarianceIsInfinite() {
        assertThatThrownBy(() -> new Cauchy(0, 1).mean()).isInstanceOf(ArithmeticException.class)
                .hasMessage("Cauchy(location=0.0, scale=1.0): the mean is undefined");
        assertThatThrownBy(() -> new StudentT(1, 0, 1).variance()).isInstanceOf(ArithmeticException.class)
                .hasMessage("StudentT(df=1.0, location=0.0, scale=1.0): the variance is undefined for df <= 1");
        assertThat(new StudentT(2, 0, 1).variance()).isEqualTo(POS_INF);
        assertThat(new StudentT(2, 4, 1).mean()).isEqualTo(4);
    }

    @Test
    void descriptionsNameTheParameters() {
        assertThat(new Normal(0, 1)).hasToString("Normal(mean=0.0, sd=1.0)");
        assertThat(new LogNormal(0, 1)).hasToString("LogNormal(mu=0.0, sigma=1.0)");
        assertThat(new Uniform(0, 1)).hasToString("Uniform(lower=0.0, upper=1.0)");
        assertThat(new Beta(2, 3)).hasToString("Beta(alpha=2.0, beta=3.0)");
        assertThat(new Gamma(2, 3)).hasToString("Gamma(shape=2.0, rate=3.0)");
        assertThat(new Exponential(2)).hasToString("Exponential(rate=2.0)");
        assertThat(new StudentT(3, 0, 1)).hasToString("StudentT(df=3.0, location=0.0, scale=1.0)");
        assertThat(new Cauchy(0, 1)).hasToString("Cauchy(location=0.0, scale=1.0)");
        assertThat(new Laplace(0, 1)).hasToString("Laplace(location=0.0, scale=1.0)");
        assertThat(new HalfNormal(1)).hasToString("HalfNormal(scale=1.0)");
        assertThat(new Bernoulli(0.5)).hasToString("Bernoulli(p=0.5)");
        assertThat(new DiscreteUniform(1, 6)).hasToString("DiscreteUniform(lower=1, upper=6)");
        assertThat(new Binomial(10, 0.5)).hasToString("Binomial(n=10, p=0.5)");
        assertThat(new Poisson(2)).hasToString("Poisson(rate=2.0)");
        assertThat(new Geometric(0.5)).hasToString("Geometric(p=0.5)");
        assertThat(new NegativeBinomial(2.5, 0.5)).hasToString("NegativeBinomial(r=2.5, p=0.5)");
        assertThat(MultivariateNormal.diagonal(new double[] {0, 1}, new double[] {1, 2}))
                .hasToString("MultivariateNormal(mean=[0.0, 1.0], covariance=[[1.0, 0.0], [0.0, 4.0]])");
        assertThat(new Normal(0, 1).describe()).isEqualTo("Normal(mean=0.0, sd=1.0)");
        assertThat(new Normal(0, 1)).isEqualTo(Normal.STANDARD);
    }

    @Test
    void supportsHaveTheDocumentedShape() {
        assertThat(new Normal(0, 1).support()).isEqualTo(Support.REAL);
        assertThat(new StudentT(3, 0, 1).support()).isEqualTo(Support.REAL);
        assertThat(new Cauchy(0, 1).support()).isEqualTo(Support.REAL);
        assertThat(new Laplace(0, 1).support()).isEqualTo(Support.REAL);
        assertThat(new LogNormal(0, 1).support()).isEqualTo(Support.POSITIVE);
        assertThat(new Gamma(1, 1).support()).isEqualTo(Support.POSITIVE);
        assertThat(new Exponential(1).support()).isEqualTo(Support.POSITIVE);
        assertThat(new HalfNormal(1).support()).isEqualTo(Support.POSITIVE);
        assertThat(new Uniform(-1, 2).support()).isEqualTo(Support.interval(-1, 2));
        assertThat(new Beta(1, 2).support()).isEqualTo(Support.UNIT_INTERVAL);
        assertThat(new Bernoulli(0.2).support()).isEqualTo(Support.BOOLEAN);
        assertThat(new Categorical(1, 1, 1).support()).isEqualTo(Support.integers(0, 2));
        assertThat(new DiscreteUniform(-2, 5).support()).isEqualTo(Support.integers(-2, 5));
        assertThat(new Binomial(9, 0.2).support()).isEqualTo(Support.integers(0, 9));
        assertThat(new Poisson(1).support()).isEqualTo(Support.COUNTS);
        assertThat(new Geometric(0.5).support()).isEqualTo(Support.COUNTS);
        assertThat(new NegativeBinomial(1, 0.5).support()).isEqualTo(Support.COUNTS);
        assertThat(new Dirichlet(1, 1).support()).isEqualTo(Support.simplex(2));
        assertThat(MultivariateNormal.diagonal(new double[] {0}, new double[] {1}).support())
                .isEqualTo(Support.realVector(1));
    }

    @Test
    void discreteUniformOverTheWholeIntRange() {
        DiscreteUniform u = new DiscreteUniform(Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertThat(u.logMass(0)).isCloseTo(-32 * Math.log(2), offset(1e-12));
        assertThat(u.mean()).isEqualTo(-0.5);
        Rng rng = Rng.forRun(13, 0);
        u.sample(rng); // any int is valid; it must not throw
    }

    @Test
    void betaNormaliserUsesTheLogBetaFunction() {
        // A direct check of the constant at a point where x^(a-1) (1-x)^(b-1) = 1.
        assertThat(new Beta(1, 1).logDensity(0.3)).isZero();
        assertThat(new Beta(2.5, 1).logDensity(1)).isCloseTo(-LogBeta.value(2.5, 1), offset(1e-15));
    }

    /**
     * The hot paths allocate nothing: a million log densities and draws from Normal, Bernoulli, Uniform,
     * Exponential, Poisson (small rate) and Categorical allocate (almost) no heap. The bound of 64 KiB is far
     * below the ~16 MB that even one small object per call would cost, and leaves room for unrelated JVM
     * bookkeeping on this thread. None of these paths relies on the JIT's escape analysis: the same holds in the
     * interpreter.
     */
    @Test
    void hotPathsDoNotAllocate() {
        var bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        Normal normal = new Normal(1, 2);
        Bernoulli coin = new Bernoulli(0.3);
        Uniform uniform = new Uniform(-1, 1);
        Exponential exponential = new Exponential(2);
        Poisson poisson = new Poisson(4);
        Categorical categorical = new Categorical(1, 2, 3, 4, 5);
        Rng rng = Rng.forRun(14, 0);
        double sink = run(rng, normal, coin, uniform, exponential, poisson, categorical, 10_000); // warm up
        long before = sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        sink += run(rng, normal, coin, uniform, exponential, poisson, categorical, 1_000_000);
        long allocated = sun.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(sink).isNotNaN();
        assertThat(allocated).as("bytes allocated").isLessThan(64 * 1024);
    }

    /**
     * The same for the distributions with shapes and scales: Beta (whose Commons sampler was built per draw),
     * Gamma on both sides of shape 1, Binomial, Geometric, Laplace, HalfNormal, LogNormal, Cauchy and StudentT.
     */
    @Test
    void shapeAndScaleFamiliesDoNotAllocateEither() {
        var bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return;
        }
        RealDist[] reals = {new Beta(2.5, 3), new Beta(0.5, 0.7), new Gamma(3, 2), new Gamma(0.4, 2),
            new Laplace(0, 2), new HalfNormal(2), new LogNormal(0, 1), new Cauchy(0, 1), new StudentT(4, 0, 1)};
        IntDist[] ints = {new Binomial(20, 0.3), new Geometric(0.2)};
        Rng rng = Rng.forRun(15, 0);
        double sink = runAll(rng, reals, ints, 10_000); // warm up
        long before = sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        sink += runAll(rng, reals, ints, 200_000);
        long allocated = sun.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(sink).isNotNaN();
        assertThat(allocated).as("bytes allocated").isLessThan(64 * 1024);
    }

    private static double runAll(Rng rng, RealDist[] reals, IntDist[] ints, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (RealDist d : reals) {
                s += d.logDensity(d.sample(rng));
            }
            for (IntDist d : ints) {
                s += d.logMass(d.sample(rng));
            }
        }
        return s;
    }

    private static double run(Rng rng, Normal normal, Bernoulli coin, Uniform uniform, Exponential exponential,
            Poisson poisson, Categorical categorical, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double x = normal.sample(rng);
            s += normal.logDensity(x);
            boolean b = coin.sample(rng);
            s += coin.logMass(b);
            s += uniform.logDensity(uniform.sample(rng));
            s += exponential.logDensity(exponential.sample(rng));
            s += poisson.logMass(poisson.sample(rng));
            s += categorical.logMass(categorical.sample(rng));
        }
        return s;
    }
}
