package dev.ariadne.search;

import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Models;
import dev.ariadne.core.Rng;
import dev.ariadne.core.SerializablePredicate;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.PriorRuns;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.stats.Bound;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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
 * <p><b>Immutable.</b> Each setter returns a new search with one setting changed, so a configured search can be
 * shared, and {@link #run()} can be called on it any number of times (each call is a new search).
 *
 * <p><b>Seeds.</b> Every search run uses the search seed s: common random numbers are run indices [0, n), fresh
 * batches start at index 2^40. Certification uses the seed s XOR {@value #CERTIFICATION_SALT} (a fixed nonzero
 * constant, so it always differs from s), or one given with {@link #certificationSeed}; either is checked, and a
 * given one refused, where the certification's runs [0, certify runs) would be any of the search's (run j of one
 * seed is run j + k of any other for one offset k, {@link Rng#runsOverlap}). The certification's runs therefore never
 * overlap the search's.
 *
 * <p><b>What a search returns.</b> After the strategy ends, the guide it ended with and the guide the search
 * started from are estimated on the same fresh runs (a quarter of the runs the search used, at least
 * {@value #MIN_COMPARISON_RUNS} and at most {@value #MAX_COMPARISON_RUNS} each; these count in
 * {@link SearchResult#runsUsed()} and may pass a run budget by that much), and the starting guide is returned when
 * the end's estimate of the objective is worse by more than two standard errors ({@link StartComparison}). When a
 * strategy diverges, the search keeps the last parameters whose estimate was good (the estimate of a step belongs to the parameters its
 * runs were drawn from) and never throws because of it: only a model that fails before the search has moved, a
 * strategy that cannot handle the family, and an exception from the {@link #onStep} listener (inside one that
 * names its step) reach the caller.
 *
 * @param <T> the model's return type
 */
public final class GuideSearch<T> {

    /** The constant the search seed is XORed with to give the default certification seed. */
    public static final long CERTIFICATION_SALT = 0x5EA2C4CE27F1CA7EL;
    /** The constant the certification seed is XORed with to seed the check by subset simulation. */
    static final long PRIOR_ROUTE_SALT = 0x2B0F7E1D5A3C9E61L;
    /** The fewest runs each guide gets in the final comparison with the starting guide. */
    public static final int MIN_COMPARISON_RUNS = 200;
    /** The most runs each guide gets in the final comparison with the starting guide. */
    public static final int MAX_COMPARISON_RUNS = 2000;

    private final Model<T> model;
    private final GuideFamily family;
    private final FamilyGuide start;
    private final Objective objective;
    private final Strategy strategy;
    private final Budget budget;
    private final long seed;
    private final Long certificationSeed;
    private final long certifyRuns;
    private final double delta;
    private final RunBackend backend;
    private final double divergenceThreshold;
    private final Consumer<SearchStep> listener;
    private final Questions<T> questions;

    private GuideSearch(Model<T> model, GuideFamily family, FamilyGuide start, Objective objective, Strategy strategy,
                        Budget budget, long seed, Long certificationSeed, long certifyRuns, double delta,
                        RunBackend backend, double divergenceThreshold, Consumer<SearchStep> listener,
                        Questions<T> questions) {
        this.model = model;
        this.family = family;
        this.start = start;
        this.objective = objective;
        this.strategy = strategy;
        this.budget = budget;
        this.seed = seed;
        this.certificationSeed = certificationSeed;
        this.certifyRuns = certifyRuns;
        this.delta = delta;
        this.backend = backend;
        this.divergenceThreshold = divergenceThreshold;
        this.listener = listener;
        this.questions = questions;
    }

    /**
     * A search over {@code family} for guides of {@code model}, with the defaults: free energy, the gradient
     * strategy, 200 steps, seed 1, certification on 100 000 fresh runs at delta 0.05, one thread of this JVM.
     */
    public static <T> GuideSearch<T> of(Model<T> model, GuideFamily family) {
        return new GuideSearch<>(Objects.requireNonNull(model, "model"), Objects.requireNonNull(family, "family"),
                null, Objective.FREE_ENERGY, Strategy.gradient(), Budget.steps(200), 1, null, 100_000, 0.05,
                RunBackend.local(1), 50,
                null, Questions.none());
    }

    /** The same search starting from this guide's parameters instead of the family's initial ones (a loaded guide). */
    public GuideSearch<T> startFrom(FamilyGuide guide) {
        java.util.Objects.requireNonNull(guide, "GuideSearch.startFrom: the starting guide must not be null");
        if (!guide.family().name().equals(family.name()) || guide.family().kind() != family.kind()) {
            throw new IllegalArgumentException("the starting guide is of family " + guide.family()
                    + ", not " + family);
        }
        if (!guide.family().ties().equals(family.ties())) {
            // the search took the start's ties and dropped the family's without a word (an adversarial tester)
            throw new IllegalArgumentException("the starting guide ties " + guide.family().ties() + " where the "
                    + "family ties " + family.ties() + ": a search keeps its start's parameters, one per tie, so "
                    + "search the family with the start's ties, or start from a guide of the family's own");
        }
        return new GuideSearch<>(model, family, guide, objective, strategy, budget, seed, certificationSeed,
                certifyRuns, delta, backend, divergenceThreshold, listener, questions);
    }

    /** The same search minimising {@code o} (default the free energy). */
    public GuideSearch<T> objective(Objective o) {
        return new GuideSearch<>(model, family, start, Objects.requireNonNull(o, "objective"), strategy, budget, seed,
                certificationSeed, certifyRuns, delta, backend, divergenceThreshold, listener, questions);
    }

    /** The same search with strategy {@code s} (default {@link Strategy#gradient()}). */
    public GuideSearch<T> strategy(Strategy s) {
        return new GuideSearch<>(model, family, start, objective, Objects.requireNonNull(s, "strategy"), budget, seed,
                certificationSeed, certifyRuns, delta, backend, divergenceThreshold, listener, questions);
    }

    /** The same search with budget {@code b} (default 200 steps). */
    public GuideSearch<T> budget(Budget b) {
        return new GuideSearch<>(model, family, start, objective, strategy, Objects.requireNonNull(b, "budget"), seed,
                certificationSeed, certifyRuns, delta, backend, divergenceThreshold, listener, questions);
    }

    /** The same search with seed {@code s} (default 1). */
    public GuideSearch<T> seed(long s) {
        return new GuideSearch<>(model, family, start, objective, strategy, budget, s, certificationSeed, certifyRuns,
                delta, backend, divergenceThreshold, listener, questions);
    }

    /**
     * The same search with certification seed {@code s}, whose certifying runs must not be the search's own: a seed
     * equal to the search seed, or one whose runs are the search's shifted (see {@link Rng#runsOverlap}), is refused
     * by {@link #run()}. Default: seed XOR {@link #CERTIFICATION_SALT}.
     */
    public GuideSearch<T> certificationSeed(long s) {
        return new GuideSearch<>(model, family, start, objective, strategy, budget, seed, s, certifyRuns, delta,
                backend, divergenceThreshold, listener, questions);
    }

    /**
     * The same search certified on {@code runs} fresh runs (0 switches certification off; default 100 000), with
     * bounds at error probability delta (default 0.05).
     */
    public GuideSearch<T> certify(long runs, double delta) {
        if (runs < 0) {
            throw new IllegalArgumentException("certify: runs must be >= 0, got " + runs);
        }
        dev.ariadne.inference.Delta.check(delta);
        return new GuideSearch<>(model, family, start, objective, strategy, budget, seed, certificationSeed, runs,
                delta, backend, divergenceThreshold, listener, questions);
    }

    /** The same search with one more hypothesis on the return value, certified as a lower bound on P(h, e). */
    public GuideSearch<T> hypothesis(String name, SerializablePredicate<? super T> holds) {
        return new GuideSearch<>(model, family, start, objective, strategy, budget, seed, certificationSeed,
                certifyRuns, delta, backend, divergenceThreshold, listener, questions.withHypothesis(name, holds));
    }

    /**
     * The same search with one more expectation of a function of the return value, E[f(x) | e], estimated
     * self-normalised on the certification's fresh runs (with its standard error, and none where it rests on too few
     * effective runs): {@link Certification#expectations()}.
     */
    public GuideSearch<T> expectation(String name, SerializableToDoubleFunction<? super T> f) {
        return new GuideSearch<>(model, family, start, objective, strategy, budget, seed, certificationSeed,
                certifyRuns, delta, backend, divergenceThreshold, listener, questions.withExpectation(name, f));
    }

    /**
     * The same search on k threads of this JVM, for the search's and the certification's runs: {@code backend(
     * RunBackend.local(k))}. Results do not depend on k.
     */
    public GuideSearch<T> parallelism(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("parallelism must be > 0, got " + k);
        }
        return backend(RunBackend.localInPlaceOf(backend, k));
    }

    /**
     * The same search making its runs, and the certification's, on {@code b} (threads of this JVM by default; a
     * cluster with the Spark backend of ppl-spark). Every batch of a step is one job of the backend, whose shards
     * merge in index order, so the search's steps, its final parameters and its certificate are the same, bit for
     * bit, on every backend. A session of the backend stays open for the whole search.
     */
    public GuideSearch<T> backend(RunBackend b) {
        return new GuideSearch<>(model, family, start, objective, strategy, budget, seed, certificationSeed,
                certifyRuns, delta, Objects.requireNonNull(b, "backend"), divergenceThreshold, listener, questions);
    }

    /**
     * The same search with this divergence threshold: how far above the best objective seen (in nats) an estimate
     * may rise for {@value SearchState#PATIENCE} steps in a row before the search is stopped as diverged (default
     * 50), beyond 5 standard errors of the difference between the two estimates (with many observations a step's
     * estimate can vary by hundreds of nats).
     */
    public GuideSearch<T> divergenceThreshold(double nats) {
        if (!(nats > 0)) {
            throw new IllegalArgumentException("divergence threshold must be > 0, got " + nats);
        }
        return new GuideSearch<>(model, family, start, objective, strategy, budget, seed, certificationSeed,
                certifyRuns, delta, backend, nats, listener, questions);
    }

    /**
     * The same search calling {@code l} after every step with its record. An exception the listener throws ends
     * the search and reaches the caller of {@link #run()} as the cause of an {@link IllegalStateException} that
     * names the step and the search seed (an {@link Error} as it is).
     */
    public GuideSearch<T> onStep(Consumer<SearchStep> l) {
        return new GuideSearch<>(model, family, start, objective, strategy, budget, seed, certificationSeed,
                certifyRuns, delta, backend, divergenceThreshold, Objects.requireNonNull(l, "listener"),
                questions);
    }

    /** The search's runs, all of its seed: common random numbers from 0, fresh batches from 2^40, below 2^41. */
    static final long SEARCH_RUN_INDICES = 2 * SearchState.FRESH_START;

    /**
     * The certification's seed: {@code given}, refused if the certification's runs ([0, runs) of it) would share a
     * stream with the search's (the certificate holds for any guide only because its runs are fresh), or the default,
     * {@code seed} XOR {@link #CERTIFICATION_SALT}, moved on in the one case in about 10^7 where it would.
     */
    static long certificationSeed(long seed, Long given, long runs) {
        if (given != null) {
            if (given == seed || Rng.runsOverlap(seed, 0, SEARCH_RUN_INDICES, given, 0, runs)) {
                throw new IllegalArgumentException("the certification seed " + given + " would make certifying runs "
                        + "of the search's own (seed " + seed + "): the certificate holds for any guide only on runs "
                        + "the search never saw; choose another seed");
            }
            return given;
        }
        long c = seed ^ CERTIFICATION_SALT;
        while (Rng.runsOverlap(seed, 0, SEARCH_RUN_INDICES, c, 0, runs)) {
            c = c * 0x9E3779B97F4A7C15L + CERTIFICATION_SALT;
        }
        return c;
    }

    /**
     * Runs the search, compares its result with the starting guide, and certifies the guide it returns.
     *
     * @throws IllegalArgumentException for a strategy that cannot handle the family (BOBYQA with fewer than 2
     *                                  parameters, cross-entropy on a program)
     * @throws ModelException           when the model fails before the search has moved from its start, or the
     *                                  model's own code throws at any step or in the comparison (named by the
     *                                  search's seed and step; a guide that fails at some parameters only makes
     *                                  those parameters bad)
     */
    public SearchResult run() {
        Models.refuseCapturedRandomStreams(model);
        long certSeed = certificationSeed(seed, certificationSeed, certifyRuns);
        Layout layout = start != null ? Layout.of(start) : new Layout(family);
        FamilyGuide startGuide = layout.snapshot();
        SearchState ctx;
        FamilyGuide guide;
        StartComparison comparison = null;
        try (SearchRuns pool = new SearchRuns(model, backend)) {
            ctx = new SearchState(layout, pool, seed, objective, budget, divergenceThreshold, listener);
            try {
                strategy.search(ctx);
            } catch (SearchState.ListenerFailure e) {
                throw rethrow(e.getCause());
            } catch (dev.ariadne.inference.run.RunCancelledException e) {
                // it said only "interrupted: the job was stopped with 0 of 4 shards merged" (an adversarial tester)
                throw new dev.ariadne.inference.run.RunCancelledException(String.format(java.util.Locale.ROOT,
                        "the guide search was interrupted at step %d (search seed %d, %,d runs made), and returns no "
                        + "guide; an onStep listener sees each step's figures as it ends: %s",
                        ctx.history.size() + 1, seed, ctx.runsUsed, e.getMessage()), e);
            } catch (ModelException | dev.ariadne.core.dist.ParameterException e) {
                if (ctx.history.isEmpty() && ctx.runsUsed == 0) {
                    throw atStart(e);
                }
                if (e instanceof ModelException m && m.thrownByModel()) {
                    // An adversarial tester's model threw 64 times under CMA-ES, which stepped away each time and
                    // stopped at its budget as if nothing had happened.
                    throw inSearch(m, "step " + (ctx.history.size() + 1));
                }
                ctx.diverge("a run failed at step " + (ctx.history.size() + 1) + ": " + e.getMessage());
            }
            ctx.noteIfStillImproving();
            if (ctx.startNote != null) {
                ctx.stopReason += "; " + ctx.startNote;
            }
            boolean comparedNothing = false;
            if (!ctx.anyAccepted && ctx.runsUsed > 0 && !ctx.diverged && !ctx.noneAcceptedSaid) {
                // BOBYQA said "converged (trust region below 1.0E-5)" with its guide at its start and no run
                // accepted, and hill climbing and cross-entropy that their step budget was reached (an adversarial
                // tester): every objective read +inf, so nothing was compared
                ctx.stopReason = String.format(java.util.Locale.ROOT, "no run of the search's %,d met the evidence, "
                        + "so every objective read +inf and the guide is where it started (the strategy's own stop: "
                        + "%s); " + meetTheEvidence(ctx), ctx.runsUsed, ctx.stopReason);
                comparedNothing = true;
            } else if (ctx.evaluations > 0 && !ctx.anyObjectiveRead && !ctx.diverged && !ctx.noneAcceptedSaid) {
                // BOBYQA said only "converged (trust region below 1.0E-5)", its guide at its start, where a few of
                // the search's 21,000 runs met x > 5 but no candidate's met it often enough to read an objective
                // (an adversarial tester)
                ctx.stopReason = String.format(java.util.Locale.ROOT, "no candidate of the %,d the search read met "
                        + "the evidence in %d or more of its runs, so no objective had a standard error, the "
                        + "strategy compared nothing and the starting guide is returned (its own stop: %s); "
                        + meetTheEvidence(ctx), ctx.evaluations, Objective.MIN_ACCEPTED, ctx.stopReason);
                comparedNothing = true;
            }
            // CMA-ES wandered to a scale of e^25 on objectives that all read +inf, and the stop said the guide was
            // where it started (an adversarial tester): nothing compared is no reason to move
            guide = comparedNothing ? startGuide : layout.snapshot(ctx.result());
            int n = (int) Math.max(MIN_COMPARISON_RUNS, Math.min(MAX_COMPARISON_RUNS, ctx.runsUsed / 4));
            if (!java.util.Arrays.equals(guide.theta(), layout.padded(startGuide.theta()))
                    || guide.specs().size() != startGuide.specs().size()) {
                try {
                    comparison = ctx.compare(startGuide, guide, n);
                } catch (ModelException e) {
                    throw inSearch(e, "the comparison of its guide with its start on " + n + " fresh runs");
                }
                if (comparison.returnedStart()) {
                    guide = startGuide;
                    // an end that read better is returned only as unproven (StartComparison.unproven)
                    boolean readBetter = comparison.end().value() <= comparison.start().value();
                    ctx.stopReason += readBetter ? String.format(java.util.Locale.ROOT, "; on %,d fresh runs the "
                            + "strategy's guide met the evidence in %,d against the start's %,d, too few for its "
                            + "reading (%s) to stand against the start's (%s), so the starting guide is returned", n,
                            comparison.endAccepted(), comparison.startAccepted(), comparison.end(), comparison.start())
                            : "; the strategy's guide was not better than the start on " + n + " fresh runs ("
                            + comparison.end() + " against " + comparison.start() + "), so the starting guide is "
                            + "returned";
                } else if (comparison.end().value() > comparison.start().value() || comparison.tooFewAccepted()) {
                    // Kept, as the rule keeps the end in doubt; but a search whose end reads worse than its start
                    // has shown no gain (CMA-ES at its default budget on a NegativeBinomial count ended 0.3 nats
                    // above the prior, and said only that its budget was reached).
                    // Kept either within two standard errors of the difference or because one estimate rests on
                    // too few accepted runs to prove anything (StartComparison.worse); the message says which (a
                    // new user read "within two standard errors" of a gap of 2.6, the start having 20 accepted runs).
                    if (comparison.tooFewAccepted()) {
                        // Said whichever reads lower: a mean-field occupancy guide whose runs met the evidence in 3
                        // of them, against the start's 289, was kept with only "step budget of 200 reached" (a new
                        // user).
                        // A rare-evidence search whose start met the evidence in 2 runs of 2,000 read "worse than the
                        // start ... the search has shown no gain", though its guide certified log P(e) within 3
                        // standard errors of the truth (a new user): such a figure compares nothing.
                        ctx.stopReason += String.format(java.util.Locale.ROOT, "; on %,d fresh runs the strategy's "
                                + "guide read %s against the start's %s, but %s, fewer than %d, too few for the "
                                + "comparison to say anything either way, so the strategy's guide is kept: judge it by "
                                + "its certification", n, comparison.end(), comparison.start(),
                                comparison.startAccepted() < StartComparison.MIN_ACCEPTED
                                        ? String.format(java.util.Locale.ROOT, "the start's runs met the evidence in "
                                        + "only %,d of them", comparison.startAccepted())
                                        : String.format(java.util.Locale.ROOT, "the guide's runs met the evidence in "
                                        + "only %,d of them", comparison.endAccepted()),
                                StartComparison.MIN_ACCEPTED);
                    } else {
                        ctx.stopReason += "; on " + n + " fresh runs the strategy's guide read worse than the start ("
                                + comparison.end() + " against " + comparison.start() + "), within two standard "
                                + "errors of the difference, so it is kept, but the search has shown no gain by this "
                                + "measure: give it a larger budget or another strategy, and compare the certified "
                                + "free energy with the start's";
                    }
                }
            }
            // The cross-entropy method minimises the weights' relative second moment, not the free energy: its end
            // is not the free energy's minimum, and is not meant to be.
            if (objective == Objective.FREE_ENERGY && !(strategy instanceof CrossEntropyStrategy)
                    && !ctx.history.isEmpty() && !ctx.saidStillImproving && !ctx.diverged) {
                int checkRuns = 2 * n;
                try {
                    StationarityCheck.note(layout, ctx.fresh(guide, checkRuns, true, null))
                            .ifPresent(note -> ctx.stopReason += note);
                } catch (ModelException e) {
                    if (e.thrownByModel()) {
                        throw inSearch(e, "the check of its guide's gradient on " + checkRuns + " fresh runs");
                    }
                    // BOBYQA and hill climbing ended beside where a program family threw, and the check, probing a
                    // step from the returned parameters, threw the guide's error and lost the search (a tester)
                    ctx.stopReason += "; the check of its guide's gradient could not be made: the guide failed "
                            + "where it was probed, a small step from the returned parameters (" + e.getMessage()
                            + ")";
                }
            }
            if (ctx.guideFailures > 0) {
                ctx.stopReason += String.format(java.util.Locale.ROOT, "; the guide failed at %,d of the parameters "
                        + "the strategy tried, which it read as +inf and stepped away from (the first: %s)",
                        ctx.guideFailures, ctx.firstGuideFailure);
            }
        }
        Duration searchTime = ctx.elapsed();
        Optional<Certification> cert;
        try {
            cert = certifyRuns == 0 ? Optional.empty() : Optional.of(certify(guide, certSeed));
        } catch (ModelException e) {
            // Its runs are the certification's own (seed and index replay them), but the seed alone did not say so.
            throw inSearch(e, String.format(java.util.Locale.ROOT, "the certification of its guide on %,d fresh runs "
                    + "(seed %d)", certifyRuns, certSeed));
        }
        return new SearchResult(guide, strategy.name(), List.copyOf(ctx.history), ctx.runsUsed, searchTime,
                ctx.stopReason, ctx.diverged, cert, layout.atPrior(), Optional.ofNullable(comparison));
    }

    /**
     * A model's error before the search moved, said to be at the starting guide: the run index it names is that of
     * a fresh batch, numbered from 2^40 in the search seed's stream, which alone would not say where the search was.
     */
    private static RuntimeException atStart(RuntimeException e) {
        if (!(e instanceof ModelException m)) {
            return e;
        }
        return new ModelException("guide search, at its starting guide before its first step (its fresh runs are "
                + "numbered from 2^40 = " + SearchState.FRESH_START + "): " + m.reason(), m.seed(), m.runIndex(),
                m.lastAddress(), m.getCause() != null ? m.getCause() : m);
    }

    /**
     * The model's error in a search's run, named by the search's phase and seed (its runs' internal seed and index
     * replay nothing the user wrote).
     */
    private ModelException inSearch(ModelException m, String phase) {
        // the run too, so that it can be made again (an adversarial tester's came without it)
        return new ModelException(m.reason(), "guide search with seed " + seed + ", at " + phase + ", in run "
                + m.runIndex() + " of seed " + m.seed(), m.seed(), m.runIndex(), m.lastAddress(),
                m.getCause() != null ? m.getCause() : m);
    }

    /** The advice to a search that compared nothing, its runs meeting the evidence too seldom. */
    private static final String MEET_THE_EVIDENCE = "state the evidence with its margin, p.condition(name, score, "
            + "threshold), which the strategies climb, or start from a guide whose runs meet it";

    /**
     * {@link #MEET_THE_EVIDENCE}, or, where the runs reached evidence already stated with its margin, more steps: a
     * search of 5 gradient steps on such a model was told to state the margin it had (an outside statistician).
     */
    private static String meetTheEvidence(SearchState ctx) {
        return ctx.anyMargin ? "the evidence is stated with its margin, which the strategies climb, but this budget "
                + "ended before any run met it: give the search more steps, Budget.steps(n), or use "
                + "Strategy.crossEntropy(), which climbs by levels, or start from a guide whose runs meet it"
                : MEET_THE_EVIDENCE;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (RuntimeException) t;
    }

    private Certification certify(FamilyGuide guide, long certSeed) {
        // a certification long enough for its own check from the prior (PriorRouteCheck) has the importance
        // diagnostics' shorter one left out, which would make the same comparison again
        ImportanceResult<T> r = questions.askedOf(Importance.of(model).guide(guide).samples(certifyRuns)
                .seed(certSeed).backend(backend)
                .priorCheck(certifyRuns >= PriorRouteCheck.MIN_CERTIFY_RUNS ? 0 : certifyRuns)).run();
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
        for (String h : questions.hypotheses().keySet()) {
            hb.put(h, r.lowerBound(h, delta));
        }
        Map<String, Estimate> ex = new LinkedHashMap<>();
        if (r.acceptedRuns() > 0) { // with none, E[f | e] is undefined and the verdicts say why
            for (String e : questions.expectations().keySet()) {
                ex.put(e, r.expectation(e));
            }
        }
        PriorRouteCheck.Finding route = PriorRouteCheck.check(model, logZ, certifyRuns, certSeed ^ PRIOR_ROUTE_SALT,
                r.acceptedRuns() == 0 ? Optional.empty() : PriorRuns.untrustedBecause(r));
        return new Certification(certSeed, certifyRuns, delta, fe, logZ, r.lowerBound(delta), hb, ex, r,
                route.missed().or(route::suspected), route.unchecked(), route.reach());
    }
}
