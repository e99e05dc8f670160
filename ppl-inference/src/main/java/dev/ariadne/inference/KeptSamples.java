package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Handlers;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.RunRecord;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.Trace;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.UserText;
import dev.ariadne.inference.stats.PrioritySample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The weighted runs kept by priority sampling: each kept run's estimated weight max(w, tau) makes subset sums
 * unbiased, so weighted means are ratio estimates of posterior expectations. Draws with equal weights come from
 * resampling; posterior predictive draws replay kept runs.
 *
 * @param <T> the model's return type
 */
public final class KeptSamples<T> {

    private final Plan<T> plan;
    private final PrioritySample<Kept<T>> sample;

    KeptSamples(Plan<T> plan, PrioritySample<Kept<T>> sample) {
        this.plan = plan;
        this.sample = sample;
    }

    /** The kept runs with their estimated weights (log scale). */
    public List<PrioritySample.Weighted<Kept<T>>> runs() {
        return sample.sample();
    }

    /** The number of kept runs. */
    public int size() {
        return sample.sample().size();
    }

    /**
     * The weighted posterior mean of f over the kept runs.
     *
     * @throws IllegalStateException if f is NaN for a kept run (naming the run), as a declared expectation is, or
     *                               +inf for one and -inf for another
     */
    public double mean(ToDoubleFunction<? super T> f) {
        requireSome();
        return defined(sample.weightedMean(notNaN(f)));
    }

    /** The mean, unless f took both infinities (or one where a weight rounds to 0), where it has none. */
    private static double defined(double mean) {
        if (mean != mean) {
            throw new IllegalStateException("the function is +inf for some kept runs and -inf for others (or infinite "
                    + "where a run's normalised weight rounds to 0): its mean is undefined");
        }
        return mean;
    }

    /**
     * The Monte Carlo standard error of {@link #mean}, by the delta method over the kept runs' weights; infinite
     * below an effective number of 10 kept runs ({@link #effectiveRuns()}), where the delta method reads a spread
     * the few runs cannot show (one kept run gives 0), and where f took one value in all but kept runs of an effective
     * number under 10, as an expectation's is (an indicator of an event no kept run reached read 0 +- 0; an
     * adversarial tester).
     *
     * @throws IllegalStateException if f is NaN for a kept run (naming the run)
     */
    public double meanStandardError(ToDoubleFunction<? super T> f) {
        requireSome();
        double se = sample.weightedMeanStandardError(notNaN(f));
        if (se != se) {
            // f was infinite for some kept run (inf - inf in the deviations): an infinite mean, whose standard error
            // is infinite too, or none if f took both infinities, which mean refuses
            defined(mean(f));
            return Double.POSITIVE_INFINITY;
        }
        return effectiveRuns() < FewEffectiveRuns.MINIMUM
                || sample.effectiveSizeOffMostCommon(notNaN(f)) < FewEffectiveRuns.MINIMUM ? Double.POSITIVE_INFINITY
                : se;
    }

    /**
     * Kish's effective number of the kept runs, 1 / sum p^2 over their normalised estimated weights: how many equally
     * weighted runs their means and quantiles are worth. Means and quantiles over fewer than about 10 are rough.
     */
    public double effectiveRuns() {
        return sample.effectiveSize();
    }

    /**
     * The weighted posterior p-quantile of f over the kept runs.
     *
     * @throws IllegalStateException if f is NaN for a kept run (naming the run)
     */
    public double quantile(ToDoubleFunction<? super T> f, double p) {
        requireSome();
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + p);
        }
        return sample.weightedQuantile(notNaN(f), p);
    }

    /** f on a kept run's value, refusing NaN as {@link Importance#expectation} does: no NaN may reach a user. */
    private static <T> ToDoubleFunction<Kept<T>> notNaN(ToDoubleFunction<? super T> f) {
        return k -> {
            double v;
            try {
                v = f.applyAsDouble(k.value());
            } catch (RuntimeException e) {
                // the user's function: its exception kept as the cause, with the run it was given (an adversarial
                // tester's came back bare)
                throw new IllegalStateException("the function threw " + UserText.of(e) + " on the kept run "
                        + k.runIndex() + " of seed " + k.seed() + " (value " + UserText.of(k.value()) + ")", e);
            }
            if (v != v) {
                throw new IllegalStateException("the function is NaN for the kept run " + k.runIndex() + " of seed "
                        + k.seed());
            }
            return v;
        };
    }

    /** {@code m} equally weighted posterior draws by systematic resampling of the kept runs. */
    public List<T> resample(int m, long seed) {
        requireSome();
        if (m <= 0) {
            throw new IllegalArgumentException("draws must be > 0, got " + m);
        }
        dev.ariadne.inference.run.Heap.requireRoom("resampled draws", m, 16, "ask for fewer draws, or read "
                + "weighted figures (mean, quantile) from the kept runs themselves");
        List<T> out = new ArrayList<>(m);
        for (Kept<T> k : sample.resampleSystematic(m, Rng.forRun(seed, 0))) {
            out.add(k.value());
        }
        return out;
    }

    /**
     * Posterior predictive draws: {@code m} kept runs are resampled, each is replayed exactly (same seed, run
     * index and guide) to recover its choices, and {@code predictive} is run with those choices fixed by address;
     * its other choices (new data, say) are drawn afresh from run i of {@code seed}.
     *
     * @throws IllegalStateException when a predictive run fails (evidence in the predictive model that the kept
     *                               choices do not meet, or a kept value its prior there cannot give), naming the run
     */
    public <U> List<U> predictive(Model<U> predictive, int m, long seed) {
        requireSome();
        if (m <= 0) {
            throw new IllegalArgumentException("draws must be > 0, got " + m);
        }
        // a draw list as resample's, and the resampled runs beside it (a raw OutOfMemoryError before; an adversarial
        // tester)
        dev.ariadne.inference.run.Heap.requireRoom("predictive draws", m, 32, "ask for fewer draws, in batches of "
                + "other seeds if need be");
        List<U> out = new ArrayList<>(m);
        List<Kept<T>> draws = sample.resampleSystematic(m, Rng.forRun(seed, 0));
        for (int i = 0; i < draws.size(); i++) {
            Kept<T> k = draws.get(i);
            Trace t = plan.execution.run(k.seed(), k.runIndex()).trace();
            RunRecord<U> r;
            try {
                r = Execution.of(predictive).with(Handlers.replay(t)).run(seed, i + 1L);
            } catch (dev.ariadne.core.ModelException e) {
                // it named the predictive run, not the kept run it replayed (an adversarial tester)
                throw (dev.ariadne.core.ModelException) dev.ariadne.core.ModelException.withRun(e, String.format(
                        java.util.Locale.ROOT, "the predictive model's run %d of seed %d, replaying the kept run %d "
                        + "of seed %d", i + 1, seed, k.runIndex(), k.seed()));
            }
            if (i == 0) {
                requireShared(t, r.trace());
            }
            if (r.failed()) {
                // a failed run has no value: it came back as null among the draws, silently (an adversarial tester)
                throw new IllegalStateException("the predictive model's run " + (i + 1) + " of seed " + seed
                        + ", replaying the kept run " + k.runIndex() + " of seed " + k.seed() + ", failed: "
                        + r.failure() + ". A predictive draw is the model run again with the posterior's choices, so "
                        + "it has none where the run fails: leave out of the predictive model any evidence those "
                        + "choices can fail, and give each choice it shares with the model the same distribution (a "
                        + "kept value outside its prior there is a zero likelihood)");
            }
            out.add(dev.ariadne.core.ReturnValues.kept(r.value()));
        }
        return out;
    }

    /**
     * Refuses a predictive model that shares no choice with the kept runs: its draws would come from the prior, not
     * the posterior, and a misspelt name is the likely cause (a new user's "bais" for "bias" drew a mean of 0.506
     * against the posterior's 0.667, silently).
     */
    private static void requireShared(Trace kept, Trace predicted) {
        List<String> keptLatents = new ArrayList<>();
        for (TraceSite s : kept.sites()) {
            if (s.kind() == SiteKind.LATENT) {
                keptLatents.add(s.address().toString());
            }
        }
        List<String> predictedLatents = new ArrayList<>();
        for (TraceSite s : predicted.sites()) {
            if (s.kind() == SiteKind.LATENT) {
                if (kept.site(s.address()).isPresent()) {
                    return;
                }
                predictedLatents.add(s.address().toString());
            }
        }
        if (keptLatents.isEmpty()) {
            return;
        }
        throw new IllegalArgumentException("the predictive model shares no choice with the kept runs, so its draws "
                + "would come from the prior, not the posterior: its choices are " + firstTen(predictedLatents)
                + ", the kept runs' are " + firstTen(keptLatents) + "; name the choices it should take from the "
                + "posterior as the model does");
    }

    private static String firstTen(List<String> names) {
        return names.size() <= 10 ? names.toString()
                : names.subList(0, 10).toString().replace("]", ", ... (" + names.size() + " in all)]");
    }

    /** How many runs are kept, and how many equally weighted runs they are worth; not the runs themselves. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d kept runs of seed %d, worth %.1f equally weighted ones",
                size(), plan.seed, size() == 0 ? 0.0 : effectiveRuns());
    }

    private void requireSome() {
        if (sample.sample().isEmpty()) {
            throw new IllegalStateException("no run with positive weight was kept: no run satisfied the evidence");
        }
    }
}
