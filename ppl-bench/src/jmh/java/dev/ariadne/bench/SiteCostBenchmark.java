package dev.ariadne.bench;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.HalfNormal;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one site: runs of models with {@value #SITES} sites of one kind, reported per site (the run's own
 * overhead, shown by {@link #emptyRun}, is spread over the sites). With {@code -prof gc}, {@code gc.alloc.rate.norm}
 * is the bytes allocated per site: 0 where a distribution made at the site is never allocated.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SiteCostBenchmark {

    static final int SITES = 100;
    private static final Normal PRIOR = Normal.STANDARD;
    private static final Normal PROPOSAL = new Normal(0.5, 1);

    private Runner<?> sample;
    private Runner<?> observe;
    private Runner<?> observeMadeAtTheSite;
    private Runner<?> factor;
    private Runner<?> empty;
    private Runner<?> sampleMadeAtTheSite;
    private Runner<?> sampleMadeAtTheSiteGuided;
    private Runner<?> sampleMadeAtTheSiteGuideReadsPrior;
    private Runner<?> categoricalMadeAtTheSiteGuided;
    private Runner<?> gammaMadeAtTheSiteGuided;
    private Runner<?> poissonObservedMadeAtTheSite;
    private Runner<?> halfNormalMadeAtTheSite;
    private Runner<?> betaMadeAtTheSite;
    private Runner<?> betaMadeAtTheSiteGuided;
    private Runner<?> gammaMadeAtTheSite;
    private Runner<?> binomialObservedMadeAtTheSite;
    private Runner<?> threeClassesMadeAtTheSites;
    private Runner<?> twoPriorClassesMadeAtTheSitesGuided;
    private Runner<?> normalAndHalfNormalMadeAtTheSites;
    private long run;

    @Setup
    public void setUp() {
        Model<Double> samples = p -> {
            double s = 0;
            for (int i = 0; i < SITES; i++) {
                s += p.sample("x", i, PRIOR);
            }
            return s;
        };
        Model<Void> observes = p -> {
            for (int i = 0; i < SITES; i++) {
                p.observe("y", i, PRIOR, 0.25);
            }
            return null;
        };
        Model<Void> observesOfNewNormals = p -> {
            for (int i = 0; i < SITES; i++) {
                p.observe("y", i, new Normal(0.01 * i, 1), 0.25);
            }
            return null;
        };
        Model<Void> factors = p -> {
            for (int i = 0; i < SITES; i++) {
                p.factor("f", i, -0.5);
            }
            return null;
        };
        Model<Void> nothing = p -> null;
        Model<Double> samplesOfNewNormals = p -> {
            double s = 0;
            for (int i = 0; i < SITES; i++) {
                s += p.sample("x", i, new Normal(0.01 * i, 1));
            }
            return s;
        };
        double[] weights = {0.3, 0.7};
        Model<Integer> samplesOfNewCategoricals = p -> {
            int s = 0;
            for (int i = 0; i < SITES; i++) {
                s += p.sample("z", i, new Categorical(weights));
            }
            return s;
        };
        Model<Double> samplesOfNewGammas = p -> {
            double s = 0;
            for (int i = 0; i < SITES; i++) {
                s += p.sample("r", i, new Gamma(2 + 0.01 * i, 1));
            }
            return s;
        };
        Model<Void> observesOfNewPoissons = p -> {
            for (int i = 0; i < SITES; i++) {
                p.observe("k", i, new Poisson(1 + 0.01 * i), 2);
            }
            return null;
        };
        Model<Double> samplesOfNewHalfNormals = p -> {
            double s = 0;
            for (int i = 0; i < SITES; i++) {
                s += p.sample("s", i, new HalfNormal(1 + 0.01 * i));
            }
            return s;
        };
        Model<Double> samplesOfNewBetas = p -> {
            double s = 0;
            for (int i = 0; i < SITES; i++) {
                s += p.sample("theta", i, new Beta(2 + 0.01 * i, 3));
            }
            return s;
        };
        Model<Void> observesOfNewBinomials = p -> {
            for (int i = 0; i < SITES; i++) {
                p.observe("k", i, new Binomial(10, 0.2 + 0.005 * i), 3);
            }
            return null;
        };
        // a sample site and two observations, each of its own class of distribution, all made at the sites: the
        // engine's code shared by all sites sees three classes (megamorphic), but where the model's code takes in a
        // site's code, C2 knows the class of the distribution made there
        Model<Double> threeClasses = p -> {
            double s = 0;
            for (int i = 0; i < SITES; i++) {
                switch (i % 3) {
                    case 0 -> s += p.sample("x", i, new Normal(0.01 * i, 1));
                    case 1 -> p.observe("k", i, new Poisson(1 + 0.01 * i), 2);
                    default -> p.observe("b", i, new Bernoulli(0.2 + 0.005 * i), true);
                }
            }
            return s;
        };
        // guided sample sites whose priors, made at the sites, are of two classes (Gamma and Beta, as betabin's)
        Model<Double> twoPriorClasses = p -> {
            double s = 0;
            for (int i = 0; i < SITES; i++) {
                s += i % 2 == 0 ? p.sample("r", i, new Gamma(2 + 0.01 * i, 1))
                        : p.sample("q", i, new Beta(2, 3 + 0.01 * i));
            }
            return s;
        };
        // unguided sample sites with a Normal or a HalfNormal prior made at each (a mean and a scale, as users write)
        Model<Double> normalAndHalfNormal = p -> {
            double s = 0;
            for (int i = 0; i < SITES; i++) {
                s += i % 2 == 0 ? p.sample("m", i, new Normal(0.01 * i, 1))
                        : p.sample("s", i, new HalfNormal(1 + 0.01 * i));
            }
            return s;
        };
        Guide g = (site, prior, history) -> PROPOSAL;
        Guide bySite = Guide.bySite((site, history) -> PROPOSAL);
        Categorical assignment = new Categorical(0.5, 0.5);
        Gamma rate = new Gamma(3, 1.5);
        sampleMadeAtTheSite = Execution.of(samplesOfNewNormals).leanRunner();
        sampleMadeAtTheSiteGuided = Execution.of(samplesOfNewNormals).guide(bySite).leanRunner();
        sampleMadeAtTheSiteGuideReadsPrior = Execution.of(samplesOfNewNormals).guide(g).leanRunner();
        categoricalMadeAtTheSiteGuided = Execution.of(samplesOfNewCategoricals)
                .guide(Guide.bySite((site, history) -> assignment)).leanRunner();
        gammaMadeAtTheSiteGuided = Execution.of(samplesOfNewGammas).guide(Guide.bySite((site, history) -> rate))
                .leanRunner();
        poissonObservedMadeAtTheSite = Execution.of(observesOfNewPoissons).leanRunner();
        halfNormalMadeAtTheSite = Execution.of(samplesOfNewHalfNormals).leanRunner();
        betaMadeAtTheSite = Execution.of(samplesOfNewBetas).leanRunner();
        Beta theta = new Beta(3, 4);
        betaMadeAtTheSiteGuided = Execution.of(samplesOfNewBetas).guide(Guide.bySite((site, history) -> theta))
                .leanRunner();
        gammaMadeAtTheSite = Execution.of(samplesOfNewGammas).leanRunner();
        binomialObservedMadeAtTheSite = Execution.of(observesOfNewBinomials).leanRunner();
        threeClassesMadeAtTheSites = Execution.of(threeClasses).leanRunner();
        normalAndHalfNormalMadeAtTheSites = Execution.of(normalAndHalfNormal).leanRunner();
        Gamma gammaProposal = new Gamma(3, 1.5);
        Beta betaProposal = new Beta(3, 4);
        twoPriorClassesMadeAtTheSitesGuided = Execution.of(twoPriorClasses)
                .guide(Guide.bySite((site, history) -> site.name().equals("r") ? gammaProposal : betaProposal))
                .leanRunner();
        sample = Execution.of(samples).guide(g).runner();
        observe = Execution.of(observes).runner();
        observeMadeAtTheSite = Execution.of(observesOfNewNormals).leanRunner();
        factor = Execution.of(factors).runner();
        empty = Execution.of(nothing).runner();
    }

    /** A latent site drawn from a guide's proposal, with log p and log q. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double sampleUnderGuide() {
        return sample.run(1, run++).logWeight();
    }

    /** An observed real value. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double observe() {
        return observe.run(1, run++).logWeight();
    }

    /**
     * An observed real value under a distribution made at the site, as a model with one observation per data
     * point does; with {@code -prof gc} it shows whether the distribution is allocated (it should not be).
     */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double observeMadeAtTheSite() {
        return observeMadeAtTheSite.run(1, run++).logWeight();
    }

    /**
     * A latent site whose prior is made at the site ({@code new Normal(0.01 i, 1)}) and draws the value (no
     * guide), as a lean runner (what importance sampling uses) runs it.
     */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double sampleMadeAtTheSite() {
        return sampleMadeAtTheSite.run(1, run++).logWeight();
    }

    /** The same, drawn from a {@code Guide.bySite} proposal: the prior is only scored, and not allocated. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double sampleMadeAtTheSiteGuided() {
        return sampleMadeAtTheSiteGuided.run(1, run++).logWeight();
    }

    /**
     * The same under a guide written as {@code (site, prior, history) -> ...}, which receives the prior object: the
     * prior escapes into the guide's call and is allocated.
     */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double sampleMadeAtTheSiteGuideReadsPrior() {
        return sampleMadeAtTheSiteGuideReadsPrior.run(1, run++).logWeight();
    }

    /** A mixture's assignment: {@code new Categorical(weights)} made at the site, drawn from a fixed proposal. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double categoricalMadeAtTheSiteGuided() {
        return categoricalMadeAtTheSiteGuided.run(1, run++).logWeight();
    }

    /** {@code new Gamma(2 + 0.01 i, 1)} made at the site, each with its own shape, drawn from a fixed proposal. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double gammaMadeAtTheSiteGuided() {
        return gammaMadeAtTheSiteGuided.run(1, run++).logWeight();
    }

    /** An observed count under {@code new Poisson(1 + 0.01 i)}, each with its own rate. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double poissonObservedMadeAtTheSite() {
        return poissonObservedMadeAtTheSite.run(1, run++).logWeight();
    }

    /** {@code new HalfNormal(1 + 0.01 i)} made at the site, drawn from it (no guide). */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double halfNormalMadeAtTheSite() {
        return halfNormalMadeAtTheSite.run(1, run++).logWeight();
    }

    /** {@code new Beta(2 + 0.01 i, 3)} made at the site, drawn from it (no guide). */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double betaMadeAtTheSite() {
        return betaMadeAtTheSite.run(1, run++).logWeight();
    }

    /** The same Beta, drawn from a fixed {@code Guide.bySite} proposal (a hierarchical model's group probability). */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double betaMadeAtTheSiteGuided() {
        return betaMadeAtTheSiteGuided.run(1, run++).logWeight();
    }

    /** {@code new Gamma(2 + 0.01 i, 1)} made at the site, drawn from it (no guide). */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double gammaMadeAtTheSite() {
        return gammaMadeAtTheSite.run(1, run++).logWeight();
    }

    /** An observed count under {@code new Binomial(10, 0.2 + 0.005 i)}, each with its own probability. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double binomialObservedMadeAtTheSite() {
        return binomialObservedMadeAtTheSite.run(1, run++).logWeight();
    }

    /**
     * A third of the sites each: a {@code Normal} prior drawn from (no guide), a {@code Poisson} and a
     * {@code Bernoulli} observation, all made at their sites (three classes of distribution in one model).
     */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double threeClassesMadeAtTheSites() {
        return threeClassesMadeAtTheSites.run(1, run++).logWeight();
    }

    /** Guided sample sites, half with a {@code Gamma} prior and half with a {@code Beta}, made at the sites. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double twoPriorClassesMadeAtTheSitesGuided() {
        return twoPriorClassesMadeAtTheSitesGuided.run(1, run++).logWeight();
    }

    /** Sample sites, half with a {@code Normal} prior, half with a {@code HalfNormal}, made at the sites; no guide. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double normalAndHalfNormalMadeAtTheSites() {
        return normalAndHalfNormalMadeAtTheSites.run(1, run++).logWeight();
    }

    /** A factor. */
    @Benchmark
    @OperationsPerInvocation(SITES)
    public double factor() {
        return factor.run(1, run++).logWeight();
    }

    /** A run with no site: the per-run overhead (seeding the stream, resetting the engine). */
    @Benchmark
    public double emptyRun() {
        return empty.run(1, run++).logWeight();
    }
}
