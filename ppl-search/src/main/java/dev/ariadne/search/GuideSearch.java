package dev.ariadne.search;

import dev.ariadne.core.Model;
import dev.ariadne.core.Models;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.stats.Bound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A search for a good guide within a family, ending with a certification on fresh runs.
 *
 * <pre>{@code
 * SearchResult r = GuideSearch.of(model, GuideFamily.meanField())
 *         .objective(Objective.FREE_ENERGY).strategy(Strategy.gradient()).budget(Budget.steps(300)).seed(7)
 *         .certify(100_000, 0.05).run();
 * r.guide();                                  // the chosen guide
 * r.certified().evidenceBound();              // P(e) >= L with probability 0.95, from runs the search never saw
 * }</pre>
 *
 * <p><b>Seeds.</b> Every search run uses the search seed s: common random numbers are run indices [0, n), fresh
 * batches start at index 2^40. Certification uses the seed s XOR {@value #CERTIFICATION_SALT} (a fixed nonzero
 * constant, so it always differs from s), or one given with {@link #certificationSeed}, which must differ from s.
 * The certification's runs therefore never overlap the search's.
 *
 * @param <T> the model's return type
 */
public final class GuideSearch<T> {

    /** The constant the search seed is XORed with to give the default certification seed. */
    public static final long CERTIFICATION_SALT = 0x5EA2C4CE27F1CA7EL;

    private final Model<T> model;
    private final GuideFamily family;
    private FamilyGuide start;
    private Objective objective = Objective.FREE_ENERGY;
    private Strategy strategy = Strategy.gradient();
    private Budget budget = Budget.steps(200);
    private long seed = 1;
    private Long certificationSeed;
    private long certifyRuns = 100_000;
    private double delta = 0.05;
    private int parallelism = 1;
    private double divergenceThreshold = 50;
    private Consumer<SearchStep> listener;
    private final Map<String, Predicate<? super T>> hypotheses = new LinkedHashMap<>();

    private GuideSearch(Model<T> model, GuideFamily family) {
        this.model = Objects.requireNonNull(model, "model");
        this.family = Objects.requireNonNull(family, "family");
    }

    /** A search over {@code family} for guides of {@code model}. */
    public static <T> GuideSearch<T> of(Model<T> model, GuideFamily family) {
        return new GuideSearch<>(model, family);
    }

    /** Starts from this guide's parameters instead of the family's initial ones (a loaded guide, say). */
    public GuideSearch<T> startFrom(FamilyGuide guide) {
        if (!guide.family().name().equals(family.name()) || guide.family().kind() != family.kind()) {
            throw new IllegalArgumentException("the starting guide is of family " + guide.family()
                    + ", not " + family);
        }
        this.start = guide;
        return this;
    }

    /** What to minimise (default the free energy). */
    public GuideSearch<T> objective(Objective o) {
        this.objective = Objects.requireNonNull(o, "objective");
        return this;
    }

    /** How to search (default {@link Strategy#gradient()}). */
    public GuideSearch<T> strategy(Strategy s) {
        this.strategy = Objects.requireNonNull(s, "strategy");
        return this;
    }

    /** How much to spend (default 200 steps). */
    public GuideSearch<T> budget(Budget b) {
        this.budget = Objects.requireNonNull(b, "budget");
        return this;
    }

    /** The search seed (default 1). */
    public GuideSearch<T> seed(long s) {
        this.seed = s;
        return this;
    }

    /** The certification seed; it must differ from the search seed. Default: seed XOR {@link #CERTIFICATION_SALT}. */
    public GuideSearch<T> certificationSeed(long s) {
        this.certificationSeed = s;
        return this;
    }

    /**
     * How to certify: {@code runs} fresh runs (0 switches certification off; default 100 000) and the bounds'
     * error probability delta (default 0.05).
     */
    public GuideSearch<T> certify(long runs, double delta) {
        if (runs < 0) {
            throw new IllegalArgumentException("certify: runs must be >= 0, got " + runs);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("certify: delta must be in (0, 1), got " + delta);
        }
        this.certifyRuns = runs;
        this.delta = delta;
        return this;
    }

    /** Declares a hypothesis on the return value, certified as a lower bound on P(h, e). */
    public GuideSearch<T> hypothesis(String name, Predicate<? super T> holds) {
        if (hypotheses.putIfAbsent(Objects.requireNonNull(name, "name"), Objects.requireNonNull(holds)) != null) {
            throw new IllegalArgumentException("hypothesis '" + name + "' is already declared");
        }
        return this;
    }

    /** Threads for the search's and the certification's runs; results do not depend on it. */
    public GuideSearch<T> parallelism(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("parallelism must be > 0, got " + k);
        }
        this.parallelism = k;
        return this;
    }

    /**
     * How far above the best objective seen (in nats) an estimate may rise for {@value SearchContext#PATIENCE}
     * steps in a row before the search is stopped as diverged (default 50).
     */
    public GuideSearch<T> divergenceThreshold(double nats) {
        if (!(nats > 0)) {
            throw new IllegalArgumentException("divergence threshold must be > 0, got " + nats);
        }
        this.divergenceThreshold = nats;
        return this;
    }

    /** Called after every step with its record. */
    public GuideSearch<T> onStep(Consumer<SearchStep> l) {
        this.listener = Objects.requireNonNull(l, "listener");
        return this;
    }

    /**
     * Runs the search and the certification.
     *
     * @throws IllegalArgumentException for a strategy that cannot handle the family (BOBYQA with fewer than 2
     *                                  parameters, cross-entropy on a program)
     */
    public SearchResult run() {
        Models.requireSerializable(model);
        long certSeed = certificationSeed != null ? certificationSeed : seed ^ CERTIFICATION_SALT;
        if (certSeed == seed) {
            throw new IllegalArgumentException("the certification seed must differ from the search seed " + seed);
        }
        Layout layout = start != null ? Layout.of(start) : new Layout(family);
        SearchContext ctx;
        try (SearchRuns pool = new SearchRuns(model, RunBackend.local(parallelism))) {
            ctx = new SearchContext(layout, pool, seed, objective, budget, divergenceThreshold, listener);
            try {
                strategy.search(ctx);
            } catch (dev.ariadne.core.ModelException | IllegalStateException
                     | dev.ariadne.core.dist.ParameterException e) {
                if (ctx.history.isEmpty() && ctx.runsUsed == 0) {
                    throw e;
                }
                ctx.diverge("a run failed at step " + (ctx.history.size() + 1) + ": " + e.getMessage());
            }
        }
        FamilyGuide guide = layout.snapshot(ctx.result());
        java.time.Duration searchTime = ctx.elapsed();
        Optional<Certification> cert = certifyRuns == 0 ? Optional.empty() : Optional.of(certify(guide, certSeed));
        return new SearchResult(guide, strategy.name(), List.copyOf(ctx.history), ctx.runsUsed, searchTime,
                ctx.stopReason, ctx.diverged, cert);
    }

    private Certification certify(FamilyGuide guide, long certSeed) {
        Importance<T> imp = Importance.of(model).guide(guide).samples(certifyRuns).seed(certSeed)
                .parallelism(parallelism);
        for (Map.Entry<String, Predicate<? super T>> h : hypotheses.entrySet()) {
            imp = imp.hypothesis(h.getKey(), h.getValue());
        }
        ImportanceResult<T> r = imp.run();
        Estimate fe;
        Estimate logZ;
        if (r.acceptedRuns() == 0) {
            fe = new Estimate(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, "no fresh run was accepted");
            logZ = new Estimate(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "no fresh run was accepted");
        } else {
            fe = r.acceptedRuns() < r.runs() ? r.restartFreeEnergy() : r.freeEnergy();
            logZ = r.logEvidence();
        }
        Map<String, Bound> hb = new LinkedHashMap<>();
        for (String h : new ArrayList<>(hypotheses.keySet())) {
            hb.put(h, r.lowerBound(h, delta));
        }
        return new Certification(certSeed, certifyRuns, delta, fe, logZ, r.lowerBound(delta), hb, r);
    }
}
