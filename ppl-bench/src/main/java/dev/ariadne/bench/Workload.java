package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The workloads, each in Ariadne and as a hand-written baseline: the three reference ones of the shared benchmark
 * (linreg, rare, hmm), written as the reference WebPPL programs are, and four written as users write models, with
 * their distributions made at their sites and an {@code observe} per data point (logreg, mixture, poisson,
 * betabin). Ariadne's side is measured as a
 * user who wants speed would call it: {@code Importance.of(model).guide(g).samples(n).seed(s).parallelism(k)
 * .keep(0).siteBreakdownRuns(0).run()} (no weighted samples kept, no per-site breakdown).
 */
public enum Workload {
    /** Bayesian linear regression, 2 latents and 100 observations, guided. */
    LINREG(Linreg.NAME, Linreg.EXACT_LOG_Z, Linreg::model, Linreg::guide, Linreg::logWeight),
    /** A rare event: 10 latents and a hard condition, guided. */
    RARE(Rare.NAME, Rare.EXACT_LOG_Z, Rare::model, Rare::guide, Rare::logWeight),
    /** A 50-step HMM, 50 boolean latents and 50 observations, under the prior. */
    HMM(Hmm.NAME, Hmm.EXACT_LOG_Z, Hmm::model, () -> null, Hmm::logWeight),
    /** Logistic regression, 3 latents and 200 observations, each at its own site; guided. */
    LOGREG(LogisticRegression.NAME, LogisticRegression.EXACT_LOG_Z, LogisticRegression::model,
            LogisticRegression::guide, LogisticRegression::logWeight),
    /** A two-component Gaussian mixture: 3 latents and an assignment per point for 100 points; guided. */
    MIXTURE(Mixture.NAME, Mixture.EXACT_LOG_Z, Mixture::model, Mixture::guide, Mixture::logWeight),
    /** Poisson rates of 5 groups with gamma priors, 20 counts each; guided. */
    POISSON(PoissonGroups.NAME, PoissonGroups.EXACT_LOG_Z, PoissonGroups::model, PoissonGroups::guide,
            PoissonGroups::logWeight),
    /** A hierarchical beta-binomial: 2 hyperparameters, 10 group probabilities, 10 counts; guided. */
    BETABIN(BetaBinomial.NAME, BetaBinomial.EXACT_LOG_Z, BetaBinomial::model, BetaBinomial::guide,
            BetaBinomial::logWeight),
    /**
     * A hierarchical robust regression, 12 latents and 96 Student-t observations; guided. Written after the engine
     * was tuned on the others, as the check that any model's path is fast; no exact evidence (NaN).
     */
    GROUPS(RobustGroups.NAME, Double.NaN, RobustGroups::model, RobustGroups::guide, RobustGroups::logWeight);

    /**
     * A workload's hand-written baseline: the log weight of one run, drawn from {@code r} (reset to the run's seed
     * and index), computed by a plain loop over the same draws and densities as the model's run.
     */
    @FunctionalInterface
    interface Baseline {
        double logWeight(Rng r);
    }

    private final String label;
    private final double exactLogZ;
    private final Supplier<Model<?>> model;
    private final Supplier<Guide> guide;
    private final Baseline baseline;

    Workload(String label, double exactLogZ, Supplier<Model<?>> model, Supplier<Guide> guide, Baseline baseline) {
        this.label = label;
        this.exactLogZ = exactLogZ;
        this.model = model;
        this.guide = guide;
        this.baseline = baseline;
    }

    /** The name in the benchmark lines: linreg, rare, hmm, logreg, mixture, poisson, betabin or groups. */
    public String label() {
        return label;
    }

    /** The exact log evidence; NaN for the groups workload, which has none. */
    public double exactLogZ() {
        return exactLogZ;
    }

    /** The workload named {@code name} (case-insensitive). */
    public static Workload named(String name) {
        for (Workload w : values()) {
            if (w.label.equalsIgnoreCase(name)) {
                return w;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Workload w : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(w.label);
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; choose one of " + names);
    }

    /** The model, as its class makes it. */
    Model<?> model() {
        return model.get();
    }

    /** The guide, or null for the prior. */
    Guide guide() {
        return guide.get();
    }

    /** The hand-written baseline's log weight of one run drawn from {@code r}. */
    double handWrittenLogWeight(Rng r) {
        return baseline.logWeight(r);
    }

    /**
     * The hand-written baseline {@code b}: runs [from, to) of {@code seed} into {@code acc}. A benchmark measures one
     * workload per JVM, so the call to its log weight here sees one baseline and is inlined.
     */
    static void handWritten(Baseline b, long seed, long from, long to, LogMeanExp acc) {
        Rng r = Rng.forRun(seed, from);
        for (long i = from; i < to; i++) {
            r.reset(seed, i);
            acc.add(b.logWeight(r));
        }
    }

    /** The Ariadne importance sampler for this workload, tuned for speed (keep 0, no site breakdown). */
    public Importance<?> importance(long executions, long seed, int threads) {
        Importance<?> imp = Importance.of(model()).samples(executions).seed(seed).parallelism(threads).keep(0)
                .siteBreakdownRuns(0);
        Guide g = guide();
        if (g != null) {
            imp = imp.guide(g);
        }
        return imp;
    }

    /** Runs Ariadne's importance sampler. */
    public ImportanceResult<?> runAriadne(long executions, long seed, int threads) {
        return importance(executions, seed, threads).run();
    }

    /** Runs the hand-written baseline on {@code threads} threads (contiguous ranges) and returns log Z-hat. */
    public double runHandWritten(long executions, long seed, int threads) {
        if (threads == 1) {
            LogMeanExp acc = new LogMeanExp();
            handWritten(baseline, seed, 0, executions, acc);
            return acc.logMean();
        }
        LogMeanExp[] parts = new LogMeanExp[threads];
        Thread[] workers = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            long from = executions * k / threads;
            long to = executions * (k + 1) / threads;
            LogMeanExp acc = parts[k] = new LogMeanExp();
            workers[k] = new Thread(() -> handWritten(baseline, seed, from, to, acc), "handwritten-" + k);
            workers[k].start();
        }
        try {
            for (Thread t : workers) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        for (int k = 1; k < threads; k++) {
            parts[0].merge(parts[k]);
        }
        return parts[0].logMean();
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
