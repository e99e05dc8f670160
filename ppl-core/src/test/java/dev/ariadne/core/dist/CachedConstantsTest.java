package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import org.apache.commons.numbers.gamma.GammaRatio;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * Issue "Performance", item 2: the densities hold their parameter-only constants (log rate, log Gamma(shape),
 * log B(alpha, beta), log n!, ...) instead of recomputing them at every call. The constants are the same
 * subexpressions, evaluated in the same order, so every log density is bit for bit what the per-call formula gives:
 * here each distribution against its former formula, written out, at random parameters and points (exact).
 */
class CachedConstantsTest {

    private static final int CASES = 2000;

    private static double logUniform(Rng r, double lo, double hi) {
        return Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    private static double uniform(Rng r, double lo, double hi) {
        return lo + r.nextDouble() * (hi - lo);
    }

    /**
     * A Categorical made right after one with the same weights but one (any of the first six, which the constructor
     * compares without a loop up to four and with one above) reuses nothing of it: its probabilities are its own
     * weights over their sum, bit for bit, and so are they when the one weight differs only by the sign of a zero.
     */
    @Test
    void aCategoricalWhoseWeightsDifferInOnePlaceIsNormalisedAnew() {
        for (int k = 1; k <= 6; k++) {
            for (int j = 0; j < k; j++) {
                double[] w = new double[k];
                for (int i = 0; i < k; i++) {
                    w[i] = i + 1;
                }
                new Categorical(w);
                double[] changed = w.clone();
                changed[j] = 10;
                assertThat(new Categorical(changed).probabilities()).as("k %d, weight %d changed", k, j)
                        .containsExactly(normalised(changed));
                if (k > 1) {
                    double[] zero = w.clone();
                    zero[j] = 0.0;
                    new Categorical(zero);
                    double[] negativeZero = w.clone();
                    negativeZero[j] = -0.0;
                    double[] p = new Categorical(negativeZero).probabilities();
                    assertThat(Double.doubleToRawLongBits(p[j])).as("k %d, weight %d -0.0", k, j)
                            .isEqualTo(Double.doubleToRawLongBits(-0.0 / sum(negativeZero)));
                }
            }
        }
    }

    private static double sum(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        return s;
    }

    private static double[] normalised(double[] w) {
        double s = sum(w);
        double[] p = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            p[i] = w[i] / s;
        }
        return p;
    }

    @Test
    void continuousDensitiesAreBitForBitTheirFormulas() {
        Rng r = Rng.forRun(41, 0);
        for (int i = 0; i < CASES; i++) {
            double a = logUniform(r, 0.05, 50);
            double b = logUniform(r, 0.05, 50);
            double loc = uniform(r, -5, 5);
            double x = logUniform(r, 1e-3, 20);
            double u = r.nextDouble();
            double y = uniform(r, -1e3, 1e3);

            double gamma = a * Math.log(b) - b * x - LogGamma.value(a) + (a - 1) * Math.log(x);
            assertThat(new Gamma(a, b).logDensity(x)).as("Gamma(%s, %s) at %s", a, b, x).isEqualTo(gamma);
            double beta = -LogBeta.value(a, b) + (a - 1) * Math.log(u) + (b - 1) * LogMath.log1p(-u);
            assertThat(new Beta(a, b).logDensity(u)).as("Beta(%s, %s) at %s", a, b, u).isEqualTo(beta);
            assertThat(new Exponential(b).logDensity(x)).isEqualTo(Math.log(b) - b * x);
            double z = x / b;
            assertThat(new HalfNormal(b).logDensity(x))
                    .isEqualTo(LogMath.LOG_2 - LogMath.LOG_SQRT_2PI - Math.log(b) - 0.5 * z * z);
            assertThat(new Laplace(loc, b).logDensity(y))
                    .isEqualTo(-LogMath.LOG_2 - Math.log(b) - Math.abs(y - loc) / b);
            double zl = (Math.log(x) - loc) / b;
            assertThat(new LogNormal(loc, b).logDensity(x))
                    .isEqualTo(-0.5 * zl * zl - Math.log(b) - LogMath.LOG_SQRT_2PI - Math.log(x));
            double zc = (y - loc) / b;
            assertThat(new Cauchy(loc, b).logDensity(y))
                    .isEqualTo(-LogMath.LOG_PI - Math.log(b) - LogMath.log1p(zc * zc));
            double logNorm = -Math.log(GammaRatio.delta(0.5 * a, 0.5)) - 0.5 * (Math.log(a) + LogMath.LOG_PI);
            assertThat(new StudentT(a, loc, b).logDensity(y))
                    .isEqualTo(logNorm - Math.log(b) - 0.5 * (a + 1) * LogMath.log1p(zc * zc / a));
            assertThat(new Uniform(loc, loc + b).logDensity(loc + b * u)).isEqualTo(-Math.log(loc + b - loc));
        }
    }

    @Test
    void massFunctionsAreBitForBitTheirFormulas() {
        Rng r = Rng.forRun(42, 0);
        for (int i = 0; i < CASES; i++) {
            double rate = logUniform(r, 1e-3, 1e6);
            int k = (int) logUniform(r, 1, 3000);
            double p = r.nextDouble() * 0.98 + 0.01;
            int n = k + (int) logUniform(r, 1, 3000);
            double rr = logUniform(r, 0.05, 50);
            // From a count (or a number of trials) of 1024 on, the saddle-point expansion of Commons Statistics.
            assertThat(new Poisson(rate).logMass(k)).as("Poisson(%s) at %d", rate, k)
                    .isEqualTo(k < 1024 ? k * Math.log(rate) - rate - LogGamma.value(k + 1.0)
                            : PoissonDistribution.of(rate).logProbability(k));
            double logChoose = LogGamma.value(n + 1.0) - LogGamma.value(k + 1.0) - LogGamma.value(n - k + 1.0);
            assertThat(new Binomial(n, p).logMass(k)).as("Binomial(%d, %s) at %d", n, p, k)
                    .isEqualTo(n < 1024 ? logChoose + k * Math.log(p) + (n - k) * LogMath.log1p(-p)
                            : BinomialDistribution.of(n, p).logProbability(k));
            assertThat(new Geometric(p).logMass(k)).isEqualTo(Math.log(p) + k * LogMath.log1p(-p));
            assertThat(new NegativeBinomial(rr, p).logMass(k)).isEqualTo(rr * Math.log(p) + LogGamma.value(k + rr)
                    - LogGamma.value(k + 1.0) - LogGamma.value(rr) + k * LogMath.log1p(-p));
            assertThat(new DiscreteUniform(-k, n).logMass(0)).isEqualTo(-Math.log((long) n + k + 1));
        }
    }

    /**
     * A point's two logs, kept per thread for the next Bernoulli, Binomial or Beta density at the same point
     * ({@code UnitLogs}), are bit for bit those taken afresh: at a Beta density, then a Bernoulli and a Binomial of the
     * same probability, then another; at 0 after -0.0 and the other way round (whose {@code log1p(-x)} differ in the
     * sign of zero); and at 1.
     */
    @Test
    void aProbabilitysLogsTakenOnceAreItsOwn() {
        Rng r = Rng.forRun(43, 0);
        for (int i = 0; i < CASES; i++) {
            double u = r.nextDouble();
            double a = logUniform(r, 1.05, 50);
            double b = logUniform(r, 1.05, 50);
            double beta = -LogBeta.value(a, b) + (a - 1) * Math.log(u) + (b - 1) * LogMath.log1p(-u);
            assertThat(new Beta(a, b).logDensity(u)).as("Beta(%s, %s) at %s", a, b, u).isEqualTo(beta);
            assertThat(new Beta(b, a).logDensity(u)).as("Beta(%s, %s) at %s", b, a, u)
                    .isEqualTo(-LogBeta.value(b, a) + (b - 1) * Math.log(u) + (a - 1) * LogMath.log1p(-u));
            Bernoulli flip = new Bernoulli(u);
            assertThat(flip.logMass(true)).isEqualTo(Math.log(u));
            assertThat(flip.logMass(false)).isEqualTo(LogMath.log1p(-u));
            int n = 1 + i % 40;
            int k = i % (n + 1);
            double logChoose = LogGamma.value(n + 1.0) - LogGamma.value(k + 1.0) - LogGamma.value(n - k + 1.0);
            assertThat(new Binomial(n, u).logMass(k)).as("Binomial(%d, %s) at %d", n, u, k)
                    .isEqualTo(logChoose + k * Math.log(u) + (n - k) * LogMath.log1p(-u));
        }
        for (double[] pair : new double[][] {{0.0, -0.0}, {-0.0, 0.0}, {1.0, 1.0}}) {
            for (double p : pair) {
                Bernoulli flip = new Bernoulli(p);
                assertThat(Double.doubleToRawLongBits(flip.logMass(true))).as("log of %s", p)
                        .isEqualTo(Double.doubleToRawLongBits(Math.log(p)));
                assertThat(Double.doubleToRawLongBits(flip.logMass(false))).as("log(1 - %s)", p)
                        .isEqualTo(Double.doubleToRawLongBits(LogMath.log1p(-p)));
            }
        }
    }

    /**
     * The log of a positive real, kept per thread for the next Gamma or LogNormal density or Poisson at the same
     * point ({@code KeptLog}), is bit for bit the one taken afresh: two Gamma densities and a LogNormal's at one
     * point, then a Poisson of that rate, then a density at another point between two Poissons of one rate.
     */
    @Test
    void aPositiveRealsLogTakenOnceIsItsOwn() {
        Rng r = Rng.forRun(44, 0);
        for (int i = 0; i < CASES; i++) {
            double x = logUniform(r, 1e-3, 1e3);
            double a = logUniform(r, 0.05, 50);
            double b = logUniform(r, 0.05, 50);
            double other = logUniform(r, 1e-3, 1e3);
            int k = i % 30;
            assertThat(new Gamma(a, b).logDensity(x))
                    .isEqualTo(a * Math.log(b) - b * x - LogGamma.value(a) + (a - 1) * Math.log(x));
            assertThat(new Gamma(b, a).logDensity(x))
                    .isEqualTo(b * Math.log(a) - a * x - LogGamma.value(b) + (b - 1) * Math.log(x));
            double zl = (Math.log(x) - a) / b;
            assertThat(new LogNormal(a, b).logDensity(x))
                    .isEqualTo(-0.5 * zl * zl - Math.log(b) - LogMath.LOG_SQRT_2PI - Math.log(x));
            double poisson = k * Math.log(x) - x - LogGamma.value(k + 1.0);
            assertThat(new Poisson(x).logMass(k)).as("Poisson(%s) at %d", x, k).isEqualTo(poisson);
            assertThat(new Gamma(a, b).logDensity(other))
                    .isEqualTo(a * Math.log(b) - b * other - LogGamma.value(a) + (a - 1) * Math.log(other));
            assertThat(new Poisson(x).logMass(k)).isEqualTo(poisson);
            assertThat(new Poisson(other).logMass(k)).isEqualTo(k * Math.log(other) - other - LogGamma.value(k + 1.0));
        }
    }

    /**
     * A {@code Geometric(p)} takes its two logs from the thread's entry for a probability ({@code UnitLogs}), so
     * that one made at each observation of one latent p (a discrete-time survival model) takes them once a run, as a
     * loop hoists them: after it is made, the entry holds p's logs, and 1,000 more of the same p take none. Each log
     * mass is still its formula, bit for bit, also beside a Bernoulli of another probability and after -0.0's logs.
     * Before, each construction took {@code log p} and {@code log1p(-p)} itself, and the entry did not hold p.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aGeometricsLogsAreTakenOncePerProbability() throws Exception {
        java.lang.reflect.Field last = UnitLogs.class.getDeclaredField("LAST");
        last.setAccessible(true);
        UnitLogs entry = ((PerThreadSlot<UnitLogs>) last.get(null)).get();
        Rng r = Rng.forRun(46, 0);
        for (int i = 0; i < 200; i++) {
            double p = i == 0 ? 1.0 : r.nextDouble() * 0.98 + 0.01;
            new Geometric(p);
            long before = entry.logsTaken();
            UnitLogs.of(p);
            assertThat(entry.logsTaken()).as("logs of %s taken again after its Geometric", p).isEqualTo(before);
            for (int j = 0; j < 1000; j++) {
                int k = j % 40;
                Geometric g = new Geometric(p);
                check(g.logMass(k), k == 0 ? Math.log(p) : Math.log(p) + k * LogMath.log1p(-p), "Geometric(" + p
                        + ") at " + k);
            }
            assertThat(entry.logsTaken()).as("logs taken by 1,000 Geometric(%s)", p).isEqualTo(before);
            new Bernoulli(1 - p);
            new Bernoulli(-0.0);
            check(new Geometric(p).logMass(3), Math.log(p) + 3 * LogMath.log1p(-p), "Geometric(" + p + ") again");
        }
    }

    /**
     * An {@code Exponential(rate)} takes {@code log(rate)} from the thread's last log of a positive real
     * ({@code KeptLog}): a rate drawn at a Gamma site, whose density took its log, and an Exponential made with it
     * at each observation (a survival model) take it once a run. After one is made the entry holds its rate's log;
     * each density is its formula, bit for bit, with rates in runs, in turns and new at each construction (a
     * regression's {@code exp(a + b x)}). Before, each construction took the log itself.
     */
    @Test
    void anExponentialsLogRateIsTheThreadsLastLog() throws Exception {
        java.lang.reflect.Field bits = KeptLog.class.getDeclaredField("bits");
        bits.setAccessible(true);
        java.lang.reflect.Field last = KeptLog.class.getDeclaredField("LAST");
        last.setAccessible(true);
        Rng r = Rng.forRun(47, 0);
        for (int i = 0; i < CASES; i++) {
            double rate = logUniform(r, 1e-3, 1e3);
            double other = i % 2 == 0 ? rate : logUniform(r, 1e-3, 1e3);
            double x = logUniform(r, 1e-3, 1e2);
            new Exponential(rate);
            @SuppressWarnings("unchecked")
            KeptLog entry = ((PerThreadSlot<KeptLog>) last.get(null)).get();
            assertThat(bits.getLong(entry)).as("the thread's last log is of %s", rate)
                    .isEqualTo(Double.doubleToRawLongBits(rate));
            for (int rep = 0; rep < 3; rep++) {
                double b = rep == 1 ? other : rate;
                check(new Exponential(b).logDensity(x), Math.log(b) - b * x, "Exponential(" + b + ") at " + x);
                check(new Gamma(2, 1).logDensity(x), 2 * Math.log(1) - x - LogGamma.value(2) + Math.log(x),
                        "Gamma(2, 1) at " + x);
            }
        }
    }

    /**
     * A {@code Uniform(lower, upper)} takes {@code log(upper - lower)} from the thread's last width's log
     * ({@code ScaleLog.ofWidth}, an entry apart from the scales'), so that one made at each observation of one latent
     * width ({@code new Uniform(0, theta)}) takes it once a run: after one is made, the entry holds its width, and a
     * Laplace's scale made between two Uniforms does not displace it. Each density is its formula, bit for bit, with
     * widths in runs, in turns and new at each construction. Before, each construction took the log itself.
     */
    @Test
    void aUniformsLogWidthIsTheThreadsLastWidthsLog() throws Exception {
        java.lang.reflect.Field widths = ScaleLog.class.getDeclaredField("WIDTH");
        widths.setAccessible(true);
        java.lang.reflect.Field held = ScaleLog.class.getDeclaredField("scale");
        held.setAccessible(true);
        Rng r = Rng.forRun(48, 0);
        for (int i = 0; i < CASES; i++) {
            double lower = uniform(r, -5, 5);
            double upper = lower + logUniform(r, 1e-3, 1e3);
            double other = i % 2 == 0 ? upper : lower + logUniform(r, 1e-3, 1e3);
            new Uniform(lower, upper);
            new Laplace(0, logUniform(r, 1e-3, 1e3));
            @SuppressWarnings("unchecked")
            ScaleLog entry = ((PerThreadSlot<ScaleLog>) widths.get(null)).get();
            assertThat(held.getDouble(entry)).as("the thread's last width").isEqualTo(upper - lower);
            for (int rep = 0; rep < 3; rep++) {
                double u = rep == 1 ? other : upper;
                double x = lower + (u - lower) * r.nextDouble();
                check(new Uniform(lower, u).logDensity(x), -Math.log(u - lower), "Uniform(" + lower + ", " + u + ")");
            }
        }
    }

    /**
     * The log of a scale, kept per thread for the next Laplace, Cauchy, LogNormal or HalfNormal made with it
     * ({@code ScaleLog}), is bit for bit the one taken afresh: runs of one scale (as at a run's observations), scales
     * taking turns between the four classes, and a new scale at every construction, on two threads at once.
     */
    @Test
    void aScalesLogTakenOnceIsItsOwn() throws Exception {
        Runnable check = () -> {
            Rng r = Rng.forRun(45, Thread.currentThread().getId());
            for (int i = 0; i < CASES; i++) {
                double s = logUniform(r, 1e-3, 1e3);
                double t = i % 3 == 0 ? s : logUniform(r, 1e-3, 1e3);
                double loc = uniform(r, -5, 5);
                double x = logUniform(r, 1e-2, 1e2);
                for (int rep = 0; rep < 3; rep++) {
                    double scale = rep == 1 ? t : s;
                    assertThat(new Laplace(loc, scale).logDensity(x)).as("Laplace(%s, %s) at %s", loc, scale, x)
                            .isEqualTo(-LogMath.LOG_2 - Math.log(scale) - Math.abs(x - loc) / scale);
                    double zc = Math.abs((x - loc) / scale);
                    assertThat(new Cauchy(loc, scale).logDensity(x))
                            .isEqualTo(-LogMath.LOG_PI - Math.log(scale) - LogMath.log1p(zc * zc));
                    double zl = (Math.log(x) - loc) / scale;
                    assertThat(new LogNormal(loc, scale).logDensity(x))
                            .isEqualTo(-0.5 * zl * zl - Math.log(scale) - LogMath.LOG_SQRT_2PI - Math.log(x));
                    double zh = x / scale;
                    assertThat(new HalfNormal(scale).logDensity(x))
                            .isEqualTo(LogMath.LOG_2 - LogMath.LOG_SQRT_2PI - Math.log(scale) - 0.5 * zh * zh);
                }
            }
        };
        Thread other = new Thread(check);
        Throwable[] failure = new Throwable[1];
        other.setUncaughtExceptionHandler((th, e) -> failure[0] = e);
        other.start();
        check.run();
        other.join();
        assertThat(failure[0]).isNull();
    }

    /**
     * A thread that makes distributions with the parameters of the previous one reuses its constants (a one-entry
     * cache per thread): cycling through a few parameter sets, from two threads at once, every density is still
     * bit for bit its formula.
     */
    @Test
    void reusedConstantsAreExactAcrossParametersAndThreads() throws Exception {
        Runnable check = () -> {
            double[] rates = {0.5, 0.5, 3, 0.5, 3, 3, 7.25};
            for (int i = 0; i < 20_000; i++) {
                double rate = rates[i % rates.length];
                double shape = rates[(i + 3) % rates.length];
                int k = i % 17;
                assertThat(new Poisson(rate).logMass(k))
                        .isEqualTo(k * Math.log(rate) - rate - LogGamma.value(k + 1.0));
                assertThat(new Gamma(shape, rate).logDensity(1.5)).isEqualTo(shape * Math.log(rate) - rate * 1.5
                        - LogGamma.value(shape) + (shape - 1) * Math.log(1.5));
                assertThat(new Beta(shape, rate).logDensity(0.25)).isEqualTo(-LogBeta.value(shape, rate)
                        + (shape - 1) * Math.log(0.25) + (rate - 1) * LogMath.log1p(-0.25));
                double nb = k == 0 ? shape * Math.log(0.3) : shape * Math.log(0.3) + LogGamma.value(k + shape)
                        - LogGamma.value(k + 1.0) - LogGamma.value(shape) + k * LogMath.log1p(-0.3);
                assertThat(new NegativeBinomial(shape, 0.3).logMass(k)).isEqualTo(nb);
                double q = 1 / (1 + rate); // p taking turns under one r, as in a regression on the mean
                double nbOfP = k == 0 ? 2.5 * Math.log(q) : 2.5 * Math.log(q) + LogGamma.value(k + 2.5)
                        - LogGamma.value(k + 1.0) - LogGamma.value(2.5) + k * LogMath.log1p(-q);
                assertThat(new NegativeBinomial(2.5, q).logMass(k)).isEqualTo(nbOfP);
                double z = 1 / rate;
                assertThat(new StudentT(shape, 0, rate).logDensity(1)).isEqualTo(-Math.log(GammaRatio.delta(
                        0.5 * shape, 0.5)) - 0.5 * (Math.log(shape) + LogMath.LOG_PI) - Math.log(rate)
                        - 0.5 * (shape + 1) * LogMath.log1p(z * z / shape));
                assertThat(new Dirichlet(shape, rate).logDensity(new double[] {0.25, 0.75})).isEqualTo(
                        LogGamma.value(shape + rate) - (LogGamma.value(shape) + LogGamma.value(rate))
                                + (shape - 1) * Math.log(0.25) + (rate - 1) * Math.log(0.75));
                Categorical c = new Categorical(shape, rate);
                assertThat(c.logMass(1)).isEqualTo(Math.log(rate) - Math.log(shape + rate));
                assertThat(c.probabilities()).containsExactly(shape / (shape + rate), rate / (shape + rate));
            }
        };
        Thread other = new Thread(check);
        Throwable[] failure = new Throwable[1];
        other.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        other.start();
        check.run();
        other.join();
        assertThat(failure[0]).isNull();
    }

    /**
     * Each thread's entry is its own and is overwritten in place: two threads whose ids share one of the 64
     * stripes make distributions with parameters of their own at the same time, and every density is still bit
     * for bit its formula. Were the entry shared, one thread would sooner or later read the other's constants
     * between its own check of the key and its read of the value (with the owner check removed, this test failed in
     * two of three runs).
     */
    @Test
    void threadsSharingAStripeNeverUseEachOthersConstants() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.List<Thread> made = new java.util.ArrayList<>();
        Thread[] pair = new Thread[2];
        while (pair[1] == null) {
            double base = 1 + made.size();
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 1_000_000 && failure.get() == null; i++) {
                        double rate = base + (i & 1) * 0.125;
                        double sd = base + (i & 2);
                        int k = i % 11;
                        if (new Poisson(rate).logMass(k) != k * Math.log(rate) - rate - LogGamma.value(k + 1.0)) {
                            throw new AssertionError("Poisson(" + rate + ") on the thread of base " + base);
                        }
                        double p = 1 / (base + 1 + (i & 1));
                        Bernoulli flip = new Bernoulli(p);
                        if (flip.logMass(true) != Math.log(p) || flip.logMass(false) != LogMath.log1p(-p)
                                || new Beta(base + 1, 2.5).logDensity(p) != -LogBeta.value(base + 1, 2.5)
                                + base * Math.log(p) + 1.5 * LogMath.log1p(-p)) {
                            throw new AssertionError("Bernoulli or Beta at " + p + " on the thread of base " + base);
                        }
                        double z = (0.5 - base) * (1 / sd);
                        if (new Normal(base, sd).logDensity(0.5)
                                != -0.5 * z * z - Math.log(sd) - Numerics.LN_SQRT_2PI) {
                            throw new AssertionError("Normal(" + base + ", " + sd + ")");
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            made.add(t);
            if (pair[0] == null) {
                pair[0] = t;
            } else if ((t.getId() & 63) == (pair[0].getId() & 63)) {
                pair[1] = t;
            }
        }
        pair[0].start();
        pair[1].start();
        pair[0].join();
        pair[1].join();
        assertThat(failure.get()).isNull();
    }

    /**
     * Normal's table of sds for every thread (which each thread writes when it meets an sd again) never gives a
     * normal another sd's constants: two threads, each with sds of its own in streaks and taking turns, every
     * density bit for bit its formula.
     */
    @Test
    void normalsSharedSdIsAlwaysTheirOwn() throws Exception {
        onTwoThreads((thread, otherFailed) -> {
            double base = 0.5 + thread;
            for (int i = 0; i < 400_000 && !otherFailed.getAsBoolean(); i++) {
                double sd = base + 0.25 * ((i / 100) % 3);
                double z = (0.75 - 0.1) * (1 / sd);
                if (new Normal(0.1, sd).logDensity(0.75) != -0.5 * z * z - Math.log(sd) - Numerics.LN_SQRT_2PI) {
                    throw new AssertionError("Normal(0.1, " + sd + ") at construction " + i);
                }
            }
        });
    }

    /** What one of two threads does, told whether the other has failed already. */
    private interface ThreadBody {
        void run(int thread, java.util.function.BooleanSupplier otherFailed) throws Exception;
    }

    /** Runs the body on threads 0 and 1 at once, and fails with the first failure either of them met. */
    private static void onTwoThreads(ThreadBody body) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int thread = t;
            threads[t] = new Thread(() -> {
                try {
                    body.run(thread, () -> failure.get() != null);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
    }

    /**
     * Normal's table of sds for every thread ({@code KNOWN}): an sd drawn in a run and observed at many points is put
     * there at its 17th construction (its 16th find in the thread's table), so the others find it with one load and
     * no lookup of the thread's entry; two sds that share its slot and take turns (100,000 turns each) are put there
     * at powers of two of their finds from 16 only, not at every turn (each a 32-byte holder); sds new at every
     * construction are never put there. Every density is its formula's, bit for bit.
     */
    @Test
    void normalsTableForEveryThreadTakesRepeatedSdsAndRarelyChangesHands() throws Exception {
        java.lang.reflect.Field knownField = Normal.class.getDeclaredField("KNOWN");
        knownField.setAccessible(true);
        Object[] known = (Object[]) knownField.get(null);
        java.lang.reflect.Method slotOf = Normal.class.getDeclaredMethod("knownSlot", double.class);
        slotOf.setAccessible(true);

        double sigma = 0.8125 + Math.ulp(0.8125) * 17;
        int at = (int) slotOf.invoke(null, sigma);
        for (int i = 0; i < 16; i++) {
            new Normal(0, sigma);
        }
        assertThat(holding(known[at], sigma)).as("an sd met 16 times is not put in the table").isFalse();
        new Normal(0, sigma);
        assertThat(holding(known[at], sigma)).as("an sd met 17 times (found 16 times in the thread's table) is")
                .isTrue();

        // Two sds that share a slot of that table but not of the thread's own (whose hash is another).
        Class<?> ofSd = Class.forName(Normal.class.getName() + "$OfSd");
        java.lang.reflect.Method ownSlotOf = ofSd.getDeclaredMethod("slot", double.class);
        ownSlotOf.setAccessible(true);
        double a = 1.375;
        double b = a;
        int slot = (int) slotOf.invoke(null, a);
        do {
            b = Math.nextUp(b);
        } while ((int) slotOf.invoke(null, b) != slot || (int) ownSlotOf.invoke(null, b) == (int) ownSlotOf.invoke(null, a));
        Object last = known[slot];
        int changes = 0;
        for (int i = 0; i < 100_000; i++) {
            for (double sd : new double[] {a, b}) {
                assertThat(new Normal(0.5, sd).logDensity(2))
                        .isEqualTo(-0.5 * (1.5 * (1 / sd)) * (1.5 * (1 / sd)) - Math.log(sd) - Numerics.LN_SQRT_2PI);
                if (known[slot] != last) {
                    changes++;
                    last = known[slot];
                }
            }
        }
        // Each is put there at its finds 16, 32, ..., 65,536: 13 times each, 26 in all, where every turn was 200,000.
        assertThat(changes).as("times two sds sharing a slot took it from each other").isBetween(2, 26);

        Object[] before = known.clone();
        for (int i = 0; i < 100_000; i++) {
            double sd = 3 + i * 1e-6;
            assertThat(new Normal(0, sd).logDensity(0)).isEqualTo(-Math.log(sd) - Numerics.LN_SQRT_2PI);
        }
        for (int i = 0; i < known.length; i++) {
            assertThat(known[i]).as("slot %d after 100,000 sds met once each", i).isSameAs(before[i]);
        }
    }

    /** Whether a holder of Normal's table for every thread holds {@code sd}. */
    private static boolean holding(Object holder, double sd) throws ReflectiveOperationException {
        java.lang.reflect.Method of = holder.getClass().getDeclaredMethod("sd");
        of.setAccessible(true);
        return (double) of.invoke(holder) == sd;
    }

    /**
     * A model with three sds in a loop (a prior's, an observation's and a guide's proposal's) has one shared and two
     * taking turns in the thread's entry: before, each of their constructions computed a logarithm and a division.
     * Now a miss finds them among the entry's earlier sds: 30,000 constructions of four sds taking turns (none of
     * them the shared one, which this test never replaces: they never reach a streak of 64 alternations of two)
     * compute the four logarithms once each, and every density is the formula's, bit for bit.
     */
    @Test
    void fourSdsTakingTurnsComputeTheirLogarithmsOnce() throws Exception {
        double[] sds = {0.4375, 1.6875, 2.8125, 0.0625};
        for (double sd : sds) {
            new Normal(0, sd); // the shared one is not among them after this, unless a long streak made it so
        }
        java.lang.reflect.Field last = Normal.class.getDeclaredField("LAST");
        last.setAccessible(true);
        Object entry = ((PerThreadSlot<?>) last.get(null)).get();
        java.lang.reflect.Field computed = entry.getClass().getDeclaredField("computed");
        computed.setAccessible(true);
        long before = computed.getLong(entry);
        for (int i = 0; i < 30_000; i++) {
            double sd = sds[i % sds.length];
            assertThat(new Normal(1, sd).logDensity(0.5))
                    .isEqualTo(-0.5 * (-0.5 * (1 / sd)) * (-0.5 * (1 / sd)) - Math.log(sd) - Numerics.LN_SQRT_2PI);
        }
        assertThat(computed.getLong(entry) - before).as("logarithms computed").isEqualTo(0);
        // A fifth sd, then the five taking turns (the held one and four earlier ones): one logarithm more, for it.
        double[] five = {sds[0], sds[1], sds[2], sds[3], 5.5};
        for (int i = 0; i < 30_000; i++) {
            double sd = five[i % five.length];
            assertThat(new Normal(1, sd).logDensity(0.5))
                    .isEqualTo(-0.5 * (-0.5 * (1 / sd)) * (-0.5 * (1 / sd)) - Math.log(sd) - Numerics.LN_SQRT_2PI);
        }
        assertThat(computed.getLong(entry) - before).as("logarithms computed with a fifth sd").isEqualTo(1);
    }

    /**
     * A meta-analysis's 24 standard errors, one per study, in the same order in every run: before, the thread's
     * entry held one sd and four earlier ones, so each observation computed a logarithm and a division (24 a run).
     * Now the entry's table holds them by a hash of their bits, and two that share a slot change places with the
     * table of displaced sds: past the first runs, no run computes any. (A thread that met sds new at every
     * construction before, as this test class's threads do, stops looking among the displaced sds for up to 4,096
     * misses, about 400 of these runs, hence the 500 runs first.) Every density is the formula's, bit for bit.
     */
    @Test
    void manySdsInTheSameOrderEveryRunComputeTheirLogarithmsOnce() throws Exception {
        double[] se = new double[24];
        for (int j = 0; j < se.length; j++) {
            se[j] = 0.5 + 0.07 * j;
        }
        java.lang.reflect.Field last = Normal.class.getDeclaredField("LAST");
        last.setAccessible(true);
        Object entry = ((PerThreadSlot<?>) last.get(null)).get();
        java.lang.reflect.Field computed = entry.getClass().getDeclaredField("computed");
        computed.setAccessible(true);
        long before = 0;
        for (int run = 0; run < 1_000; run++) {
            if (run == 500) {
                before = computed.getLong(entry);
            }
            for (double sd : se) {
                double z = (0.25 - 1) * (1 / sd);
                check(new Normal(1, sd).logDensity(0.25), -0.5 * z * z - Math.log(sd) - Numerics.LN_SQRT_2PI,
                        "Normal(1, " + sd + ")");
            }
        }
        assertThat(computed.getLong(entry) - before).as("logarithms computed in the last 500 runs of 24 sds")
                .isZero();
    }

    /**
     * A bool site whose prior and proposal are both made there ({@code Bernoulli(w)} in the model, {@code Bernoulli(p)}
     * from the guide, p taking one of two values) takes turns between three points: the thread's entry keeps the
     * logs of the points it held before, so the three points' logs are taken once each, and every log mass (and a
     * Beta's density, a Binomial's mass, which share them) is the formula's, bit for bit. From two threads at once,
     * each with points of its own: no thread is given another's logs.
     */
    @Test
    @SuppressWarnings("unchecked")
    void threePointsTakingTurnsTakeTheirLogsOnceEach() throws Exception {
        java.lang.reflect.Field last = UnitLogs.class.getDeclaredField("LAST");
        last.setAccessible(true);
        long[] taken = new long[2];
        onTwoThreads((thread, otherFailed) -> {
            double w = 0.375 + 0.25 * thread;
            double[] proposals = {0.0625 + 0.5 * thread, -0.0};
            UnitLogs entry = ((PerThreadSlot<UnitLogs>) last.get(null)).get();
            new Bernoulli(w);
            new Bernoulli(proposals[0]);
            new Bernoulli(proposals[1]);
            long before = entry.logsTaken();
            for (int i = 0; i < 30_000; i++) {
                Bernoulli prior = new Bernoulli(w);
                double p = proposals[(i / 3) % 2];
                Bernoulli proposal = new Bernoulli(p);
                boolean b = i % 5 == 0;
                check(prior.logMass(b), b ? Math.log(w) : LogMath.log1p(-w), "Bernoulli(" + w + ")");
                check(proposal.logMass(b), b ? Math.log(p) : LogMath.log1p(-p), "Bernoulli(" + p + ")");
                double logChoose = LogGamma.value(5.0) - LogGamma.value(2.0) - LogGamma.value(4.0);
                check(new Binomial(4, w).logMass(1), logChoose + 1 * Math.log(w) + 3 * LogMath.log1p(-w),
                        "Binomial(4, " + w + ")");
                check(new Beta(2, 3).logDensity(w), -LogBeta.value(2, 3) + Math.log(w)
                        + 2 * LogMath.log1p(-w), "Beta(2, 3) at " + w);
            }
            taken[thread] = entry.logsTaken() - before;
        });
        assertThat(taken).as("points whose logs were taken again, per thread").containsExactly(0, 0);
    }

    /**
     * Twenty arms' Bernoulli probabilities with their events in the order they came (an A/B test's click log): the
     * three points an entry holds miss at every event, and each took two logs, 80% of such a model's time (a new
     * user's model, 11x its loop). The entry's table now holds the points met before: after the first round of the
     * arms, no logs are taken (fails on the former code, which took them at every event), and every mass is its
     * formula's, bit for bit.
     */
    @Test
    @SuppressWarnings("unchecked")
    void twentyArmsInterleavedTakeEachArmsLogsOnce() throws Exception {
        java.lang.reflect.Field last = UnitLogs.class.getDeclaredField("LAST");
        last.setAccessible(true);
        onTwoThreads((thread, otherFailed) -> {
            double[] arms = new double[20];
            for (int a = 0; a < arms.length; a++) {
                arms[a] = 0.02 + 0.01 * a + 0.001 * thread;
            }
            UnitLogs entry = ((PerThreadSlot<UnitLogs>) last.get(null)).get();
            for (double p : arms) {
                new Bernoulli(p);
            }
            long before = entry.logsTaken();
            for (int i = 0; i < 5_000; i++) {
                double p = arms[(i * 7) % arms.length];
                boolean click = i % 3 == 0;
                check(new Bernoulli(p).logMass(click), click ? Math.log(p) : LogMath.log1p(-p),
                        "Bernoulli(" + p + ")");
            }
            assertThat(entry.logsTaken() - before).as("points whose logs were taken again").isZero();
        });
    }

    private static void check(double actual, double expected, String what) {
        if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
            throw new AssertionError(what + ": " + actual + " where the formula gives " + expected);
        }
    }

    /**
     * Two Dirichlet priors of different concentrations made in turn (a topic model's document-topic and topic-word
     * priors) share their constants: each Dirichlet made with concentrations the thread met among its last four holds
     * the same private copy (with the last alone, each change made a new copy and its log Gammas). Fails on that
     * code. Then equivalence guards: six concentrations in turn, more than are kept, and a caller's array changed
     * in place, give each density bit for bit as made afresh.
     */
    @Test
    void dirichletConcentrationsTakingTurnsShareTheirConstants() throws Exception {
        java.lang.reflect.Field alpha = Dirichlet.class.getDeclaredField("alpha");
        alpha.setAccessible(true);
        double[] topics = {1, 1, 1};
        double[] words = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        Object topicsHeld = alpha.get(new Dirichlet(topics));
        Object wordsHeld = alpha.get(new Dirichlet(words));
        for (int run = 0; run < 10; run++) {
            assertThat(alpha.get(new Dirichlet(topics))).isSameAs(topicsHeld);
            for (int k = 0; k < 3; k++) {
                assertThat(alpha.get(new Dirichlet(words))).isSameAs(wordsHeld);
            }
        }
        double[][] many = new double[6][];
        for (int i = 0; i < many.length; i++) {
            many[i] = new double[] {1 + 0.5 * i, 2, 0.5 + i};
        }
        double[] x = {0.2, 0.3, 0.5};
        for (int round = 0; round < 4; round++) {
            for (double[] a : many) {
                double expected = LogGamma.value(a[0] + a[1] + a[2])
                        - (LogGamma.value(a[0]) + LogGamma.value(a[1]) + LogGamma.value(a[2]))
                        + (a[0] - 1) * Math.log(0.2) + (a[1] - 1) * Math.log(0.3) + (a[2] - 1) * Math.log(0.5);
                assertThat(new Dirichlet(a).logDensity(x)).isEqualTo(expected);
            }
        }
        double[] changing = {2, 3, 4};
        double before = new Dirichlet(changing).logDensity(x);
        new Dirichlet(1, 1, 1);
        changing[0] = 5; // changed in place: never taken for the copy held
        assertThat(new Dirichlet(changing).logDensity(x)).isNotEqualTo(before);
        assertThat(new Dirichlet(changing).logDensity(x)).isEqualTo(LogGamma.value(12.0)
                - (LogGamma.value(5.0) + LogGamma.value(3.0) + LogGamma.value(4.0))
                + 4 * Math.log(0.2) + 2 * Math.log(0.3) + 3 * Math.log(0.5));
    }

    /** The value of a private field of an object (or of a class, for a null object). */
    private static Object field(Class<?> c, Object o, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    /** This thread's entry of a distribution's per-thread slot {@code LAST}. */
    private static Object entryOf(Class<?> c) throws ReflectiveOperationException {
        return ((PerThreadSlot<?>) field(c, null, "LAST")).get();
    }

    private static long logsTaken(Object entry) throws ReflectiveOperationException {
        return (long) field(LogMemo.class, field(entry.getClass(), entry, "memo"), "taken");
    }

    /**
     * A scale per group with the groups' data interleaved ({@code Laplace(u[g], s[g])} at each point, six groups):
     * the thread's last scale misses at every construction, and before, each took the log of its scale. Now the
     * logs of the scales met before are found in the entry's table: over 100 rounds of the six scales (and a
     * {@code HalfNormal} prior of its own scale before each round, as a model's), no log is taken after the first
     * round (fails on the old code, which has no table), and every density is its formula's, bit for bit.
     */
    @Test
    void scalesTakingTurnsTakeTheirLogsOncePerThread() throws Exception {
        double[] scales = {0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 2};
        long[] slotsSeen = java.util.Arrays.stream(scales).mapToLong(s -> LogMemo.slot(Double.doubleToRawLongBits(s)))
                .distinct().toArray();
        assertThat(slotsSeen).as("the scales' slots, all different").hasSize(scales.length);
        Object laplace = entryOf(ScaleLog.class);
        long laplaceFirst = 0;
        for (int round = 0; round < 100; round++) {
            assertThat(new HalfNormal(2).logDensity(1.5))
                    .isEqualTo(LogMath.LOG_2 - LogMath.LOG_SQRT_2PI - Math.log(2) - 0.5 * 0.75 * 0.75);
            for (int i = 0; i < 6; i++) {
                double s = scales[i];
                assertThat(new Laplace(0.5, s).logDensity(-0.25))
                        .isEqualTo(-LogMath.LOG_2 - Math.log(s) - Math.abs(-0.25 - 0.5) / s);
            }
            if (round == 0) {
                laplaceFirst = logsTaken(laplace);
            }
        }
        assertThat(logsTaken(laplace)).as("scales' logs taken after the first round").isEqualTo(laplaceFirst);
    }

    /**
     * A two-component Poisson mixture's rates take turns at its observations, new rates in every run: the thread's
     * last rate misses at most observations, and each took the rate's log again (a helper's untuned mixture took 38
     * logs a run where its loop takes 2). The thread's table of rates met before now holds them: at most one log per
     * rate per run, and every mass its formula's, bit for bit.
     */
    @Test
    void ratesTakingTurnsTakeTheirLogsOncePerRun() throws Exception {
        Object poisson = entryOf(Poisson.class);
        // Earlier tests on this thread made Poissons of a new rate at every call, after which the table rests.
        java.lang.reflect.Field fruitless = LogMemo.class.getDeclaredField("fruitless");
        fruitless.setAccessible(true);
        fruitless.setInt(field(poisson.getClass(), poisson, "memo"), 0);
        long before = logsTaken(poisson);
        int runs = 50;
        for (int run = 0; run < runs; run++) {
            double[] rates = {1.5 + 0.013 * run, 6.25 + 0.029 * run};
            assertThat(LogMemo.slot(Double.doubleToRawLongBits(rates[0])))
                    .isNotEqualTo(LogMemo.slot(Double.doubleToRawLongBits(rates[1])));
            for (int i = 0; i < 80; i++) {
                double rate = rates[(i * 7 + run) % 3 == 0 ? 0 : 1];
                int k = i % 9;
                assertThat(new Poisson(rate).logMass(k)).isEqualTo(k * Math.log(rate) - rate - LogGamma.value(k + 1.0));
            }
        }
        // Each run's two rates are new: the table takes their logs, once each.
        assertThat(logsTaken(poisson) - before).as("rates' logs taken").isBetween((long) runs, 2L * runs);
    }

    /**
     * LogNormal observations of data (incomes at 150 points, the same in every run) missed the one point a thread
     * keeps at every site and took each point's log again in every run, where a loop takes the data's logs once. The
     * thread's table of points met before now holds them: after the first run no log is taken (fails on the former
     * code, which has no table), and every density is its formula's, bit for bit. The data are picked to fall in
     * distinct slots of the table, as most of a data set does.
     */
    @Test
    void observedDataTakeTheirLogsOncePerThread() throws Exception {
        double[] data = java.util.stream.IntStream.range(0, 400).mapToDouble(i -> 20_000 + 137.5 * i)
                .toArray();
        java.util.Map<Long, Double> bySlot = new java.util.LinkedHashMap<>();
        for (double y : data) {
            bySlot.putIfAbsent((long) LogMemo.slot(Double.doubleToRawLongBits(y)), y);
        }
        double[] points = bySlot.values().stream().mapToDouble(Double::doubleValue).limit(60).toArray();
        assertThat(points).hasSize(60);
        KeptLog entry = (KeptLog) entryOf(KeptLog.class);
        long first = 0;
        for (int run = 0; run < 50; run++) {
            double mu = 10 + 0.01 * run;
            for (double y : points) {
                double z = (Math.log(y) - mu) / 0.5;
                assertThat(new LogNormal(mu, 0.5).logDensity(y))
                        .isEqualTo(-0.5 * z * z - Math.log(0.5) - LogMath.LOG_SQRT_2PI - Math.log(y));
            }
            if (run == 0) {
                first = (long) field(LogMemo.class, field(KeptLog.class, entry, "data"), "taken");
            }
        }
        assertThat((long) field(LogMemo.class, field(KeptLog.class, entry, "data"), "taken"))
                .as("data's logs taken after the first run").isEqualTo(first);
    }

    /**
     * What the table of logs gives back is the log of its argument, bit for bit, whatever it holds: arguments that
     * share a slot taking turns, runs of new arguments long enough that it stops looking (and then starts again),
     * on two threads at once, each with its own table.
     */
    @Test
    void theTableOfLogsGivesBackOnlyTheLogOfItsArgument() throws Exception {
        double a = 0.75;
        double b = Double.NaN;
        for (int j = 1; b != b; j++) {
            double x = 0.75 + j * 0x1p-40;
            if (LogMemo.slot(Double.doubleToRawLongBits(x)) == LogMemo.slot(Double.doubleToRawLongBits(a))) {
                b = x;
            }
        }
        double shared = b;
        Runnable check = () -> {
            Rng r = Rng.forRun(47, Thread.currentThread().getId());
            for (int i = 0; i < 20_000; i++) {
                double s = switch (i % 4) {
                    case 0 -> a;
                    case 1 -> shared;
                    case 2 -> logUniform(r, 1e-3, 1e3); // new at each, in runs long enough to stop the lookups
                    default -> i % 3000 < 1500 ? 1 + (i % 7) : logUniform(r, 1e-3, 1e3);
                };
                assertThat(new Laplace(0, s).logDensity(1)).as("scale %s", s)
                        .isEqualTo(-LogMath.LOG_2 - Math.log(s) - 1 / s);
                double z = 1 / s;
                assertThat(new Cauchy(0, s).logDensity(1)).as("scale %s", s)
                        .isEqualTo(-LogMath.LOG_PI - Math.log(s) - LogMath.log1p(z * z));
            }
        };
        Thread other = new Thread(check);
        Throwable[] failure = new Throwable[1];
        other.setUncaughtExceptionHandler((th, e) -> failure[0] = e);
        other.start();
        check.run();
        other.join();
        assertThat(failure[0]).isNull();
    }

    /**
     * A Binomial's draw keeps the mode and its mass of the last (n, p) its thread drew from: draws that take turns
     * between distributions of one p and different n, or one n and the next p up, are those of inversion outward from
     * each one's own mode (Commons Statistics' masses), one uniform a draw. Keyed by p alone, Binomial(3, 0.3) drew
     * with Binomial(4, 0.3)'s mass at their common mode 1.
     */
    @Test
    void aBinomialDrawUsesTheModeMassOfItsOwnTrialsAndProbability() {
        int[] ns = {3, 4, 3, 40};
        double[] ps = {0.3, 0.3, Math.nextUp(0.3), 0.3};
        for (int i = 0; i < 4000; i++) {
            int n = ns[i % 4];
            double p = ps[i % 4];
            int k = new Binomial(n, p).sample(Rng.forRun(5, i));
            double u = Rng.forRun(5, i).nextDouble();
            assertThat(k).as("draw %d, Binomial(%d, %s), u %s", i, n, p, u).isEqualTo(outwardFromMode(n, p, u));
        }
    }

    private static int outwardFromMode(int n, double p, double u) {
        BinomialDistribution d = BinomialDistribution.of(n, p);
        int mode = (int) Math.min(n, Math.floor((n + 1.0) * p));
        double cdf = d.probability(mode);
        if (u < cdf) {
            return mode;
        }
        for (int step = 1; step <= n; step++) {
            if (mode + step <= n && u < (cdf += d.probability(mode + step))) {
                return mode + step;
            }
            if (mode - step >= 0 && u < (cdf += d.probability(mode - step))) {
                return mode - step;
            }
        }
        return mode;
    }

    /**
     * A Poisson's draw below a rate of 30 keeps exp(-rate), its inversion's start, for the last rate its thread drew
     * at: draws that take turns between rates are those of inversion from each one's own mass at 0.
     */
    @Test
    void aPoissonDrawStartsFromTheMassAtZeroOfItsOwnRate() {
        double[] rates = {3.7, 2.1, Math.nextUp(3.7), 0.0, 29.5};
        for (int i = 0; i < 5000; i++) {
            double rate = rates[i % rates.length];
            int k = new Poisson(rate).sample(Rng.forRun(6, i));
            double u = Rng.forRun(6, i).nextDouble();
            double mass = Math.exp(-rate);
            double cdf = mass;
            int expected = 0;
            while (u >= cdf && mass > 0) {
                expected++;
                mass *= rate / expected;
                cdf += mass;
            }
            assertThat(k).as("draw %d, Poisson(%s)", i, rate).isEqualTo(expected);
        }
    }
}
