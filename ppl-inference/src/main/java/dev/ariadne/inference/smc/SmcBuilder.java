package dev.ariadne.inference.smc;

import dev.ariadne.core.SerializablePredicate;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.inference.run.RunBackend;
import java.io.Serializable;
import java.time.Duration;

/**
 * The settings every SMC builder shares: particles, sweeps, seed, resampling, threads, simultaneous bounds, running
 * until certified, hypotheses and expectations. Immutable: each setter returns a new builder of the same kind.
 * Serialisable, so that a distributed backend can ship it with the sweeps' job (everything the user gives it is a
 * serialisable functional interface; the backend is not shipped).
 *
 * @param <T> the type of a final particle's value (the final state, or the model's return value)
 * @param <B> the builder's own type
 */
public abstract class SmcBuilder<T, B extends SmcBuilder<T, B>> implements Serializable {

    private static final long serialVersionUID = 1L;

    final SmcSettings<T> settings;

    SmcBuilder(SmcSettings<T> settings) {
        this.settings = settings;
    }

    /** The same builder with other shared settings. */
    abstract B with(SmcSettings<T> s);

    /** The number of particles N per sweep (default 1,000). */
    public B particles(int n) {
        return with(settings.particles(n));
    }

    /**
     * The number of independent sweeps (default 20): the runs of the bounds; the maximum when running until
     * certified.
     */
    public B sweeps(int s) {
        return with(settings.sweeps(s));
    }

    /**
     * How many final particles the result keeps, in all, for {@link SmcResult#posterior} (default 100,000): the
     * first sweeps' whole, as many as fit, and the first sweep's whatever its size. Later sweeps keep their estimates
     * (of P(e), of each hypothesis's share and expectation, and per step) but not their particles, so that a long
     * call, {@link #untilCertified} with a long budget above all, runs in constant memory; the pooled posterior is
     * then that of the first sweeps, chosen by their index, never by their results.
     */
    public B keepParticles(long n) {
        return with(settings.keepParticles(n));
    }

    /** The seed: sweep k draws from streams of (seed, k) alone. */
    public B seed(long s) {
        return with(settings.seed(s));
    }

    /** The resampling scheme (default systematic), keeping the ESS rule. */
    public B resampling(Resampling r) {
        return with(settings.resampling(r, settings.essThreshold));
    }

    /** Resample when the ESS falls below {@code fraction * N} (default 0.5; 0 never resamples). */
    public B resampleBelow(double fraction) {
        return with(settings.resampling(settings.resampling, fraction));
    }

    /** Resample at every step after the first, as a bootstrap filter (and WebPPL's SMC) does. */
    public B resampleEveryStep() {
        return with(settings.resampling(settings.resampling, Double.POSITIVE_INFINITY));
    }

    /**
     * The number of threads running sweeps, {@code backend(RunBackend.local(k))}; the result does not depend on it.
     * With k > 1 the user's functions (the model or the steps, the guide, every declared function) are called from k
     * threads at once, so they must not keep state of their own (lambdas over constants and data are fine).
     */
    public B parallelism(int k) {
        return with(settings.parallelism(k));
    }

    /**
     * Where the sweeps run: threads of this JVM by default, or another run backend (each sweep a task on a cluster
     * with ppl-spark's backend). Sweep k draws only from the streams of (seed, k) and the sweeps merge in sweep order,
     * so the result is the same, bit for bit, on every backend, and so is where {@link #untilCertified} stops.
     */
    public B backend(RunBackend b) {
        return with(settings.backend(b));
    }

    /** Makes the bounds on P(e) and on every P(h, e) hold simultaneously (Bonferroni: delta / (1 + hypotheses) each). */
    public B simultaneous() {
        return with(settings.simultaneous());
    }

    /**
     * Runs sweeps until the betting lower bound at {@code delta} is at least {@code tightness} times Z-hat, the
     * budget has passed, or {@link #sweeps} sweeps are done. Sound because the betting bound is valid at any stopping
     * time and each sweep's estimate is unbiased with nothing adapted from earlier sweeps. The bound is checked after
     * each sweep is merged in sweep order, so where it stops does not depend on the threads or the backend (only a
     * stop by the budget does). When the budget runs out, sweeps under way are given up (a part of a sweep is no
     * estimate) and the sweeps before them, in sweep order, are kept; sweep 0 always runs to its end, so a budget
     * shorter than one sweep is exceeded by that sweep. An annealed call's pilot counts against the budget.
     */
    public B untilCertified(double delta, double tightness, Duration budget) {
        return with(settings.untilCertified(delta, tightness, budget));
    }

    /**
     * Declares a hypothesis on a final particle's value, for bounds on P(h, e) and estimates of P(h | e). A lambda
     * written here is serialisable, so it runs on any backend.
     */
    public B hypothesis(String name, SerializablePredicate<? super T> holds) {
        return with(settings.hypothesis(name, holds));
    }

    /** Declares a posterior expectation E[f(value) | e] over the final particles (serialisable, as a hypothesis). */
    public B expectation(String name, SerializableToDoubleFunction<? super T> f) {
        return with(settings.expectation(name, f));
    }

    /** The shared settings. */
    final SmcSettings<T> settings() {
        return settings;
    }
}
