package dev.ariadne.bench;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import java.util.Locale;

/**
 * The three reference workloads, each in Ariadne and as a hand-written baseline. Ariadne's side is measured as a
 * user who wants speed would call it: {@code Importance.of(model).guide(g).samples(n).seed(s).parallelism(k)
 * .keep(0).siteBreakdownRuns(0).run()} (no weighted samples kept, no per-site breakdown).
 */
public enum Workload {
    /** Bayesian linear regression, 2 latents and 100 observations, guided. */
    LINREG(Linreg.NAME, Linreg.EXACT_LOG_Z) {
        @Override
        Model<?> model() {
            return Linreg.model();
        }

        @Override
        Guide guide() {
            return Linreg.guide();
        }

        @Override
        void handWritten(long seed, long from, long to, LogMeanExp acc) {
            Linreg.handWritten(seed, from, to, acc);
        }
    },
    /** A rare event: 10 latents and a hard condition, guided. */
    RARE(Rare.NAME, Rare.EXACT_LOG_Z) {
        @Override
        Model<?> model() {
            return Rare.model();
        }

        @Override
        Guide guide() {
            return Rare.guide();
        }

        @Override
        void handWritten(long seed, long from, long to, LogMeanExp acc) {
            Rare.handWritten(seed, from, to, acc);
        }
    },
    /** A 50-step HMM, 50 boolean latents and 50 observations, under the prior. */
    HMM(Hmm.NAME, Hmm.EXACT_LOG_Z) {
        @Override
        Model<?> model() {
            return Hmm.model();
        }

        @Override
        Guide guide() {
            return null;
        }

        @Override
        void handWritten(long seed, long from, long to, LogMeanExp acc) {
            Hmm.handWritten(seed, from, to, acc);
        }
    };

    private final String label;
    private final double exactLogZ;

    Workload(String label, double exactLogZ) {
        this.label = label;
        this.exactLogZ = exactLogZ;
    }

    /** The name in the benchmark lines: linreg, rare or hmm. */
    public String label() {
        return label;
    }

    /** The exact log evidence. */
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
        throw new IllegalArgumentException("unknown model '" + name + "'; choose linreg, rare or hmm");
    }

    abstract Model<?> model();

    /** The guide, or null for the prior. */
    abstract Guide guide();

    abstract void handWritten(long seed, long from, long to, LogMeanExp acc);

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
            handWritten(seed, 0, executions, acc);
            return acc.logMean();
        }
        LogMeanExp[] parts = new LogMeanExp[threads];
        Thread[] workers = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            long from = executions * k / threads;
            long to = executions * (k + 1) / threads;
            LogMeanExp acc = parts[k] = new LogMeanExp();
            workers[k] = new Thread(() -> handWritten(seed, from, to, acc), "handwritten-" + k);
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
