package dev.ariadne.inference.smc;

import dev.ariadne.core.SerializablePredicate;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.inference.QuestionName;
import dev.ariadne.inference.run.RunBackend;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings both SMC forms share, immutable: each {@code with} method returns a new object. The builders
 * {@link StateSpaceSmc} and {@link ModelSmc} hold one and forward their setters to it. Serialisable, as part of
 * the sweeps' job on a distributed backend; the backend itself stays where the job was made.
 *
 * @param <T> the type of a final particle's value (the final state, or the model's return value)
 */
final class SmcSettings<T> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A named function declared by the user (a hypothesis, an expectation, a tracked quantity). */
    record Declared<F extends Serializable>(String name, F function) implements Serializable {
    }

    final int particles;
    final int sweeps;
    final long seed;
    final Resampling resampling;
    final double essThreshold;
    /** Where the sweeps run; not shipped with the job. */
    final transient RunBackend backend;
    final boolean simultaneous;
    final double certifyDelta;
    final double certifyTightness;
    final Duration certifyBudget;
    final List<Declared<SerializablePredicate<? super T>>> hypotheses;
    final List<Declared<SerializableToDoubleFunction<? super T>>> expectations;
    /**
     * The final particles kept for {@link SmcResult#posterior}, in all: the first sweeps' whole, as many as fit (the
     * first sweep's always); later sweeps keep their estimates only, so that memory does not grow with the sweeps.
     */
    final long keptParticles;

    /** The default of {@link #keptParticles}: a few megabytes of particles. */
    static final long KEPT_PARTICLES = 100_000;

    private SmcSettings(int particles, int sweeps, long seed, Resampling resampling, double essThreshold,
                        RunBackend backend, boolean simultaneous, double certifyDelta, double certifyTightness,
                        Duration certifyBudget, List<Declared<SerializablePredicate<? super T>>> hypotheses,
                        List<Declared<SerializableToDoubleFunction<? super T>>> expectations, long keptParticles) {
        this.particles = particles;
        this.sweeps = sweeps;
        this.seed = seed;
        this.resampling = resampling;
        this.essThreshold = essThreshold;
        this.backend = backend;
        this.simultaneous = simultaneous;
        this.certifyDelta = certifyDelta;
        this.certifyTightness = certifyTightness;
        this.certifyBudget = certifyBudget;
        this.hypotheses = hypotheses;
        this.expectations = expectations;
        this.keptParticles = keptParticles;
    }

    /**
     * The delta each bound is computed at for a requested {@code delta}: split among the bound on P(e) and every
     * P(h, e) when they hold simultaneously (Bonferroni), else itself.
     */
    double boundDelta(double delta) {
        return simultaneous ? delta / (1 + hypotheses.size()) : delta;
    }

    /** The defaults: 1,000 particles, 20 sweeps, seed 1, systematic resampling when the ESS falls below N/2. */
    static <T> SmcSettings<T> defaults() {
        return new SmcSettings<>(1000, 20, 1, Resampling.SYSTEMATIC, 0.5, RunBackend.local(1), false, 0, 0, null,
                List.of(), List.of(), KEPT_PARTICLES);
    }

    /**
     * A copy read back from its serialised form runs its sweeps on this JVM's threads: the backend is not shipped,
     * and a builder serialised and read back ran into a null backend (an adversarial tester). The result is the same
     * on any backend, so only where the sweeps run is lost; {@code backend(b)} sets it again.
     */
    private Object readResolve() {
        return new SmcSettings<>(particles, sweeps, seed, resampling, essThreshold, RunBackend.local(1), simultaneous,
                certifyDelta, certifyTightness, certifyBudget, hypotheses, expectations, keptParticles);
    }

    SmcSettings<T> particles(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("particles must be >= 1, got " + n);
        }
        return new SmcSettings<>(n, sweeps, seed, resampling, essThreshold, backend, simultaneous, certifyDelta,
                certifyTightness, certifyBudget, hypotheses, expectations, keptParticles);
    }

    SmcSettings<T> sweeps(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("sweeps must be >= 1, got " + s);
        }
        return new SmcSettings<>(particles, s, seed, resampling, essThreshold, backend, simultaneous,
                certifyDelta, certifyTightness, certifyBudget, hypotheses, expectations, keptParticles);
    }

    SmcSettings<T> seed(long s) {
        return new SmcSettings<>(particles, sweeps, s, resampling, essThreshold, backend, simultaneous,
                certifyDelta, certifyTightness, certifyBudget, hypotheses, expectations, keptParticles);
    }

    SmcSettings<T> resampling(Resampling r, double threshold) {
        Objects.requireNonNull(r, "resampling");
        if (!(threshold >= 0 && threshold <= 1) && threshold != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("the ESS threshold must be in [0, 1] (a fraction of the particles), got "
                    + threshold);
        }
        return new SmcSettings<>(particles, sweeps, seed, r, threshold, backend, simultaneous, certifyDelta,
                certifyTightness, certifyBudget, hypotheses, expectations, keptParticles);
    }

    SmcSettings<T> parallelism(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + k);
        }
        return backend(RunBackend.localInPlaceOf(backend, k));
    }

    SmcSettings<T> backend(RunBackend b) {
        Objects.requireNonNull(b, "backend");
        return new SmcSettings<>(particles, sweeps, seed, resampling, essThreshold, b, simultaneous, certifyDelta,
                certifyTightness, certifyBudget, hypotheses, expectations, keptParticles);
    }

    SmcSettings<T> simultaneous() {
        return new SmcSettings<>(particles, sweeps, seed, resampling, essThreshold, backend, true, certifyDelta,
                certifyTightness, certifyBudget, hypotheses, expectations, keptParticles);
    }

    SmcSettings<T> untilCertified(double delta, double tightness, Duration budget) {
        dev.ariadne.inference.Delta.check(delta);
        if (!(tightness > 0 && tightness < 1)) {
            throw new IllegalArgumentException("tightness must be in (0, 1), got " + tightness);
        }
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            // as importance sampling refuses it; a budget of -1 s ran one sweep and stopped (an adversarial tester)
            throw new IllegalArgumentException("the time budget must be positive, got " + budget);
        }
        return new SmcSettings<>(particles, sweeps, seed, resampling, essThreshold, backend, simultaneous, delta,
                tightness, budget, hypotheses, expectations, keptParticles);
    }

    /**
     * The same settings with {@code spent} taken off the budget of {@link #untilCertified} (a pilot's time: the budget
     * is the call's), at least a nanosecond (sweep 0 runs whatever the budget); unchanged without a budget.
     */
    SmcSettings<T> budgetLess(Duration spent) {
        if (certifyBudget == null) {
            return this;
        }
        Duration left = certifyBudget.minus(spent);
        return new SmcSettings<>(particles, sweeps, seed, resampling, essThreshold, backend, simultaneous,
                certifyDelta, certifyTightness, left.compareTo(Duration.ofNanos(1)) < 0 ? Duration.ofNanos(1) : left,
                hypotheses, expectations, keptParticles);
    }

    SmcSettings<T> hypothesis(String name, SerializablePredicate<? super T> holds) {
        Objects.requireNonNull(holds, "hypothesis");
        requireNew(name);
        return new SmcSettings<>(particles, sweeps, seed, resampling, essThreshold, backend, simultaneous,
                certifyDelta, certifyTightness, certifyBudget, append(hypotheses, new Declared<>(name, holds)),
                expectations, keptParticles);
    }

    SmcSettings<T> expectation(String name, SerializableToDoubleFunction<? super T> f) {
        Objects.requireNonNull(f, "expectation");
        requireNew(name);
        return new SmcSettings<>(particles, sweeps, seed, resampling, essThreshold, backend, simultaneous,
                certifyDelta, certifyTightness, certifyBudget, hypotheses, append(expectations, new Declared<>(name, f)),
                keptParticles);
    }

    SmcSettings<T> keepParticles(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("the particles kept must be >= 0, got " + n);
        }
        return new SmcSettings<>(particles, sweeps, seed, resampling, essThreshold, backend, simultaneous,
                certifyDelta, certifyTightness, certifyBudget, hypotheses, expectations, n);
    }

    /** Whether the name is taken by a hypothesis or an expectation. */
    boolean declares(String name) {
        return hypotheses.stream().anyMatch(d -> d.name().equals(name))
                || expectations.stream().anyMatch(d -> d.name().equals(name));
    }

    private void requireNew(String name) {
        QuestionName.check("hypothesis or expectation", name);
        if (declares(name)) {
            throw new IllegalArgumentException("the name '" + name + "' is already declared");
        }
    }

    static <E> List<E> append(List<E> list, E e) {
        List<E> copy = new ArrayList<>(list);
        copy.add(e);
        return List.copyOf(copy);
    }

    /** The ESS rule in words, for summaries. */
    String resamplingDescription() {
        String when = essThreshold == Double.POSITIVE_INFINITY ? "at every step"
                : essThreshold == 0 ? "never" : "when the ESS falls below " + essThreshold + " N";
        return resampling.name().toLowerCase(java.util.Locale.ROOT) + " resampling " + when;
    }
}
