package dev.ariadne.core;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.ParameterException;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.ValueKind;
import dev.ariadne.core.dist.VecDist;
import java.util.Locale;

/**
 * Executes runs of one model: the {@link Prob} the model talks to. What a site does is written once, here:
 * {@link #latent} for a random choice (proposal, draw, log p and log q) and {@link #evidence} for an observation, a
 * factor or a condition (log p). Effect handlers, when there are any, wrap that same work: they see a
 * {@link Message} before it ({@link Handler#process}) and after it ({@link Handler#postprocess}); with none, no
 * message is made and the work runs alone.
 *
 * <p>The engine's parts: {@link SiteTable} (addresses and the slot reused for each site from run to run),
 * {@link GuideProgramReplay} (a guide program run before the model and replayed into it), {@link DefensiveMixture}
 * (the whole-run mixture with the prior), {@link RunHistory} and {@link CurrentSite} (what guides and handlers
 * read), {@link RunLimits} (sites, time, interruption) and {@link ProbOverloads} (the public forms of Prob).
 */
final class Engine extends ProbOverloads {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    private static final double POS_INF = Double.POSITIVE_INFINITY;
    /** The kind of value of each kind of latent site, by {@link ProbOverloads#REAL} and the others. */
    private static final ValueKind[] KINDS = {ValueKind.REAL, ValueKind.INT, ValueKind.BOOL, ValueKind.VECTOR,
        ValueKind.OBJECT};
    /**
     * {@link Slot#kinds} of a latent site whose kind of value has ordinal 0: with {@code | kind}, a latent site's of
     * kind {@code kind}, as each kind of value's ordinal is its kind's number (checked below), so that
     * {@link #proposed} makes it from its shape without reading {@link #KINDS}.
     */
    private static final int LATENT_KINDS = SiteKind.LATENT.ordinal() << 3;

    static {
        for (int k = 0; k < KINDS.length; k++) {
            if (KINDS[k].ordinal() != k || Slot.kinds(SiteKind.LATENT, KINDS[k]) != (LATENT_KINDS | k)) {
                throw new AssertionError("the kinds of value are not in the order of the kinds of latent site");
            }
        }
    }

    private final Model<?> model;
    private final Guide guide;
    private final GuideProgram guideProgram;
    private final GuideProgramReplay replay;
    private final Handler[] handlers;
    /** The handlers around each site; null when there are none, and a site's work then runs alone. */
    private final HandlerStack stack;
    /** Whether a latent site's proposal can come only from the guide: no handlers and no guide program. */
    private final boolean plain;
    private final DefensiveMixture mixture;
    private final RunLimits limits;
    private final boolean guideMode;
    private final boolean record;
    /** Whether an evidence site's work is its scores alone: no handlers, and no distributions kept. */
    private final boolean plainEvidence;
    private Engine recordingTwin;
    /** The guide's proposal without the prior, on the direct path ({@link ProbOverloads#path}); else null. */
    private final Guide.SiteProposal siteProposal;
    /** On the direct path, in a run that follows the prior: the guide's proposal at the current site, for its log q. */
    private Dist followed;
    /** On the general path, whether {@link #latent} is drawing from a proposal: see {@link #drawingProposal}. */
    private boolean proposalDraw;
    /** On the direct path: the log q of the value {@link #proposed} drew last, for {@link #drawn}. */
    private double proposedLogQ;

    long seed;
    long runIndex;
    private Thread owner;
    private boolean active;
    /** Whether the guide is proposing: an exception now is the guide's, and the history hides the current site. */
    private boolean inGuide;
    /**
     * The last error this run's sites threw to the model ({@link #error}), or null: a model that catches it and goes
     * on ends the run with it (see {@link #execute}).
     */
    private ModelException raised;
    Address scope;
    private int nextCheck;
    private long startNanos;

    double logP;
    double logQ;
    /** This run's log p at its latent sites (the prior part of log p) and at its evidence sites (the likelihood). */
    double logPriorLatent;
    double logLikelihood;
    /** What tempering handlers took off the latent sites' log p: the mixture's prior part needs it back. */
    private double priorRescale;
    FailureCause failureCause;
    int failureSite;
    boolean usedProposal;
    private boolean followPrior;
    Object result;
    /** Whether the model's return value is dropped ({@link Runner#dropValues()}): {@link #result} then stays null. */
    boolean dropsValues;
    /** The prefix a continued run replays ({@link #continueRun}); null in every other run. */
    private RunPrefix prefix;
    /** In a continued run: how many of its prefix's values it has replayed. */
    private int cursor;
    /** In a continued run: whether it has reached its first site past the prefix. */
    private boolean resumed;
    /** In a continued run past its prefix: the sites before this one are known to be latent. */
    private int scanned;
    /** In a continued run that was stopped: its scores at the stop. */
    private double stepLogP;
    private double stepLogQ;
    private double stepLogPrior;
    private double stepLogLikelihood;
    /** Whether the last run was a continued run or a replayed one. */
    private boolean continued;
    /**
     * The distribution of the evidence site being handled, on an engine with handlers (which are handed it, so it
     * is allocated anyway): what its error names. Never written on the plain path.
     */
    private Dist handledEvidence;
    /**
     * The prefix the last continued run started from, for {@link #failedObservation} after the run (a failed run
     * leaves it as it was); null after a run that was not continued.
     */
    private RunPrefix lastPrefix;
    /** The choices a replayed run takes ({@link #replayRun}); null in every other run. */
    private RunReplay replaying;

    final CurrentSite siteView;
    final RunHistory historyView;

    /**
     * @param record whether each site's prior and proposal are kept, for traces. Keeping them costs a reference
     *               store (and its GC barrier) per site; an engine that does not keep them rebuilds a trace by
     *               running the same run again on a twin that does.
     */
    Engine(Execution<?> execution, boolean record) {
        this(execution.model(), execution.guide(), execution.guideProgram(), execution.handlers(),
                execution.limits(), record, false, Rng.forRun(0, 0));
        this.relaxedMargins = execution.marginsRelaxed();
    }

    private Engine(Model<?> model, Guide guide, GuideProgram guideProgram, Handler[] handlers, RunLimits limits,
                   boolean record, boolean guideMode, Rng rng) {
        this.model = model;
        this.guide = guide == Guide.prior() ? null : guide;
        this.guideProgram = guideProgram;
        this.handlers = handlers.clone();
        this.limits = limits;
        this.record = record;
        this.guideMode = guideMode;
        this.rng = rng;
        this.replay = guideProgram == null ? null : new GuideProgramReplay(guideProgram, limits, rng);
        this.mixture = DefensiveMixture.of(guide, handlers);
        this.siteView = new CurrentSite(sites);
        this.historyView = new RunHistory(this);
        this.stack = handlers.length == 0 ? null : new HandlerStack(this.handlers, siteView, historyView);
        this.plain = stack == null && replay == null;
        this.plainEvidence = stack == null && !record;
        Guide.SiteProposal alone = this.guide == null ? null : this.guide.withoutPrior();
        boolean direct = plain && !record && (this.guide == null || alone != null);
        this.siteProposal = direct ? alone : null;
        boolean proposing = plain && !record && this.guide != null && alone == null && mixture == null;
        this.path = proposing ? PROPOSING : !direct ? GENERAL : siteProposal != null ? GUIDED : PRIOR;
        SiteTemplate last = SiteTemplate.latest(model.getClass());
        if (last != null) {
            sites.prime(last, limits.maxSites); // so that the first run's sites take no slow path (SiteTemplate)
        }
    }

    /** The engine a guide program runs on: latent sites only, each one's distribution and value kept for replay. */
    static Engine forGuideProgram(GuideProgram program, RunLimits limits, Rng rng) {
        Model<Void> asModel = p -> {
            program.run(p);
            return null;
        };
        return new Engine(asModel, null, null, new Handler[0], limits, true, true, rng);
    }

    // ---------------------------------------------------------------- a run

    /** Runs the model once as run {@code index} of {@code seed}; results stay in the fields until the next run. */
    void execute(long seed, long index) {
        continued = prefix != null || replaying != null;
        lastPrefix = prefix;
        rng.reset(seed, index);
        begin(seed, index);
        try {
            if (replay != null) {
                replay.run(seed, index);
            }
            if (mixture != null) {
                followPrior = mixture.followsPrior(rng);
                if (path >= GUIDED) {
                    path = followPrior ? FOLLOWING : GUIDED; // a direct path's mixture: no continued runs
                }
            }
            if (stack != null) {
                stack.enterRun();
            }
            if (dropsValues) {
                model.run(this); // a value no one stores: the compiler may leave it unmade (a boxed double a run)
            } else {
                result = model.run(this);
            }
            if (failureCause == null && stopSite < 0 && (raised != null || inGuide)) {
                throw caughtAndWentOn();
            }
            if (failureCause != null) {
                result = null;
            } else if (stack != null) {
                handlersSatisfied();
            }
            int changed = sites.objectChangedInPlace();
            if (changed >= 0 && failureCause == null) {
                throw error(objectChanged(changed));
            }
        } catch (RunAborted aborted) {
            result = null;
        } catch (RunInterruptedException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw outOfHeap(e);
        } catch (Exception | Error e) {
            // Exception, not RuntimeException: a checked exception thrown sneakily (as Kotlin does) is wrapped too, and
            // an Error of the user's code (a failed assert, a helper class whose static initialiser threw, one of the
            // user's own) as the user's own failure, naming the run: an ExceptionInInitializerError came back bare (an
            // adversarial tester). The VM's own errors, but a stack overflow, pass unchanged.
            VmErrors.rethrowVms(e);
            if (e instanceof InterruptedException || failureCause == null && stopSite < 0) {
                throw e instanceof ModelException ? (ModelException) e : wrap(e);
            }
            result = null; // what a run of weight 0 (or a stopped one) does after that site does not count
        } finally {
            active = false;
            sites.stopRepeating(); // a site of this run's Prob after the run reaches enterOutOfLine, which refuses it
            if (stack != null) {
                stack.exitRun();
            }
        }
        if (limits.timed()) {
            checkTime();
        }
        if (failureCause == null && mixture != null) {
            logQ = mixture.logQ(logPriorLatent + priorRescale, logQ);
        }
        double w = logP - logQ;
        if (w - w != 0 && failureCause == null && stopSite < 0) {
            weightNotFinite(w);
        }
        if (replay != null && failureCause == null) {
            // The fields, not the parameters: a parameter read after the model is live across each of the model's
            // out-of-line calls, and C2 spills and reloads it around every one (two stores and loads a guided site).
            replay.requireAllTaken(this.seed, runIndex, sites);
        }
        if (runCount == 1) {
            SiteTemplate.publish(model.getClass(), sites.template()); // for the engines made after this one
        }
    }

    /**
     * The first latent real site of the current run whose draw is positive and at most {@link #TINY_DRAW} (an
     * underflowed draw is put at the smallest positive double), or -1: what the error of a distribution made from a
     * value too small for it names as the likely source.
     */
    private int tinyDraw() {
        for (int i = 0; i < sites.n; i++) {
            Slot s = sites.slots[i];
            if (s.kind == SiteKind.LATENT && s.valueKind == ValueKind.REAL && s.scalar > 0 && s.scalar <= TINY_DRAW) {
                return i;
            }
        }
        return -1;
    }

    /** The largest of the floors below which a distribution refuses a positive parameter (a Beta's shapes'). */
    private static final double TINY_DRAW = 1e-300;

    /**
     * A run whose every site scored finite but whose log weight is not: its sites' log p (or log q) summed past the
     * largest double (two factors of -1e308, three observations each of log density -8e307). A sum of -inf is a
     * weight of 0 within the doubles, and the run fails at the site whose score took the sum there, as a run does at
     * a site of log p -inf; a sum of +inf, or an infinite log p less an infinite log q, has no weight the doubles can
     * carry, and is an error naming that site.
     */
    private void weightNotFinite(double w) {
        double p = 0;
        double q = 0;
        int at = Math.max(0, sites.n - 1);
        for (int i = 0; i < sites.n; i++) {
            Slot s = sites.slots[i];
            p += s.logP;
            if (s.kind == SiteKind.LATENT) {
                q += s.logQ;
            }
            if (Double.isInfinite(p) || Double.isInfinite(q)) {
                at = i;
                break;
            }
        }
        if (w == NEG_INF) {
            fail(at, logLikelihood == NEG_INF ? FailureCause.ZERO_LIKELIHOOD : FailureCause.SUPPORT_VIOLATION);
            result = null;
            return;
        }
        throw error("the run's log weight is " + w + " (log p " + logP + ", log q " + logQ + "): the scores of its "
                + "sites, each finite, sum beyond the largest double at " + sites.addressAt(at));
    }

    /**
     * After a run with handlers that reached the model's end without failing: an error where a handler lacked
     * something the run should have made (a conditioned site it never reached, {@link Handler#unmetAtEnd}). Out of
     * {@link #execute}, which every run takes.
     */
    private void handlersSatisfied() {
        if (stopSite < 0) {
            String unmet = stack.unmetAtEnd();
            if (unmet != null) {
                throw error(unmet);
            }
        }
    }

    private void begin(long seed, long index) {
        this.seed = seed;
        this.runIndex = index;
        Thread current = Thread.currentThread();
        if (owner != current) {
            owner = current; // a reference store costs a GC barrier; a worker's engine keeps its thread
        }
        active = true;
        inGuide = false;
        raised = null;
        scope = null;
        sites.begin(RunLimits.CHECK_EVERY, limits.maxSites);
        nextCheck = RunLimits.CHECK_EVERY;
        runCount++;
        logP = 0;
        logQ = 0;
        failureCause = null;
        failureSite = -1;
        stopSite = -1;
        positiveFactor = false;
        usedProposal = false;
        followPrior = false;
        logPriorLatent = 0;
        logLikelihood = 0;
        priorRescale = 0;
        margin = POS_INF;
        result = null;
        if (limits.timed()) {
            startNanos = System.nanoTime();
        }
    }

    // ---------------------------------------------------------------- entering a site

    /**
     * Enters a site on its fast path, inlined into it, and returns its slot: the site's code then writes the slot it
     * has in hand, where a position would make it walk from the engine to the slot again after the fast and slow
     * paths meet.
     */
    @Override
    Slot enter(String name, int index, SiteKind kind, ValueKind valueKind) {
        requireThread();
        Slot s = sites.repeat(name, index, kind, valueKind, scope);
        if (s != null) {
            return s;
        }
        endIfFailed();
        return enterOutOfLine(name, index, kind, valueKind);
    }

    /**
     * Ends a run that has failed (weight 0) at its next site, as {@link #enterOutOfLine} does, but from the caller's
     * compiled frame: the throw unwinds one frame fewer. Unwinding costs HotSpot a runtime lookup per frame, and a
     * model whose runs mostly fail early (a hard observation at its start) spent half its time there: a run that
     * failed at an observation and met one more site took 180 to 200 ns against 56 ns for one that failed at its
     * last, and 120 ns with the throw here. Only on the owner's thread, in a run that is on (a site of an ended run
     * reaches enterOutOfLine's refusal).
     */
    private void endIfFailed() {
        if (failureCause != null && active) {
            throw RunAborted.INSTANCE;
        }
    }

    /**
     * Enters a site without being inlined into it: {@link #enter}'s checks and, for a site that does not repeat the
     * previous run's, the slow path: ends a run of weight 0, validates the site, checks the limits (every site beyond
     * the previous run's count comes here, so the cap on sites catches a model that makes sites without end; every
     * {@link RunLimits#CHECK_EVERY} sites come here too, for the clock and for interruption) and records the site.
     *
     * <p>The scalar sample sites enter here directly, except an ordinary guided run's (through {@link #proposed},
     * which takes their fast path in line and comes here for the slow one) and the int and bool ones when the prior
     * draws ({@link ProbOverloads#PRIOR}: they take {@link #enter}, whose fast path is in line). One method, above
     * C2's FreqInlineSize (325 bytes of bytecode) on purpose ({@code HotPathShapeTest} keeps it so): a sample site's
     * own code, which holds its prior, then keeps only the prior's calls and a few numbers, and stays small enough for
     * C2 to inline into the model when the site's priors come from two classes (Normal and HalfNormal, say). With this
     * entry inlined, such a site compiled to more than InlineSmallCode (2,500 bytes), the model called it, and every
     * prior made at it was allocated. It returns the site's slot, which a sample site on the direct path hands on to
     * {@link #drawn} (and a continued or defensive run's to {@link #proposedUnusually}).
     */
    @Override
    Slot enterOutOfLine(String name, int index, SiteKind kind, ValueKind valueKind) {
        // The owner's check in full, written out (as requireOwner): a site of an ended run comes here, as the run's
        // end stops the table repeating.
        if (!active || Thread.currentThread() != owner) {
            throw misuse();
        }
        Slot s = sites.repeat(name, index, kind, valueKind, scope);
        if (s != null) {
            return s;
        }
        if (failureCause != null) {
            throw RunAborted.INSTANCE;
        }
        if (name == null) {
            throw error("a site name is null");
        }
        requireName(name);
        if (valueKind == null && (kind == SiteKind.LATENT || kind == SiteKind.OBSERVED)) {
            throw error("site " + Address.of(scope, name, index) + ": the distribution is null");
        }
        if (guideMode && kind != SiteKind.LATENT) {
            throw error("a guide program may only sample and call; " + Address.of(scope, name, index) + " is "
                    + kind.name().toLowerCase(Locale.ROOT));
        }
        int i = sites.n;
        if (i >= nextCheck) {
            // Is the thread interrupted, is the run over its time?
            nextCheck = i + RunLimits.CHECK_EVERY;
            sites.repeatUpTo(nextCheck);
            if (Thread.currentThread().isInterrupted()) {
                throw new RunInterruptedException(seed, runIndex, i > 0 ? sites.addressAt(i - 1) : null);
            }
            if (limits.timed()) {
                checkTime();
            }
        }
        if (i >= limits.maxSites) {
            // a new user's series of 1,200,000 observations was pointed at a setting Importance, Mcmc and SMC do
            // not take
            throw error("the run reached " + limits.maxSites + (limits.maxSites == 1 ? " site" : " sites")
                    + ", the limit per run (Execution.maxSitesPerRun,"
                    + " a setting of Execution's own runs; importance sampling, MCMC and SMC keep this limit);"
                    + " does the model make sites without end? A series that long is better given as one site: its"
                    + " observations of one distribution as observeAll(name, dist, values), or their summed log"
                    + " likelihood as one factor(name, logLikelihood)" + heapBound());
        }
        int j = sites.add(name, index, kind, valueKind, scope);
        if (j < 0) {
            Address twice = sites.addressAt(-1 - j);
            throw error("address " + twice + " is used twice in one run" + (twice.hasIndex() ? ""
                    : " (in a loop, give each site an index: p.sample(\"" + twice.name() + "\", i, ...) or "
                    + "p.observe(\"" + twice.name() + "\", i, ...))"));
        }
        return sites.slots[j]; // after add, which may have grown the array
    }

    /**
     * Refuses a name no site or scope can have ({@link Address#whyNotAName}), checking each String object once: the
     * check reads every character's Unicode type and the name's normal form, and a model whose runs differ in shape
     * (a zero-inflated count whose indicator makes a condition in some runs and an observation in others) met it at
     * every site where a run left the previous run's shape, 11% of its time. A name is validated by its text, which a
     * String never changes, so the object that passed once passes again; the names of a model are mostly literals,
     * the same object every run.
     */
    private void requireName(String name) {
        int at = name.hashCode() & (VALID_NAMES - 1);
        if (validNames[at] == name) {
            return;
        }
        String notAName = Address.whyNotAName(name);
        if (notAName != null) {
            throw error(notAName);
        }
        validNames[at] = name;
    }

    /** The names {@link #requireName} last passed, by their hash (a power of two of places). */
    private final String[] validNames = new String[VALID_NAMES];
    private static final int VALID_NAMES = 64;

    private void checkTime() {
        if (System.nanoTime() - startNanos > limits.maxNanos) {
            throw error("the run took longer than " + limits.describeTime()
                    + ", the limit per run (Execution.maxTimePerRun)");
        }
    }

    // ---------------------------------------------------------------- what a site does

    /**
     * What a latent site does, for every kind and on both paths, written once. Handlers, if any, see the site
     * first and may set its value (replay, enumeration), its proposal (a guide) or its scale, or make it an
     * observation (conditioning by address). Where none set the proposal, the guide program's site at the same
     * address gives proposal and value, or the guide proposes. The value is drawn from the proposal (from the
     * prior when a defensive run follows it) unless it was given, and scored under the prior (log p) and the
     * proposal (log q). Returns the value of a scalar site (an int exactly, a boolean as 1 or 0); a vector's or
     * object's is left in the slot (a vector drawn here as a copy in the slot's array, {@link SiteTable#holdVector}).
     *
     * <p>One method for every kind, with the guide's call written out in it, on purpose: at more than 325 bytes of
     * bytecode HotSpot's C2 does not inline it (FreqInlineSize; {@code HotPathShapeTest} keeps it so), so every
     * sample site of a model calls one compiled body. Inlined at each site, the samplers (a ziggurat with its
     * tails) and the bookkeeping used up the compiler's inlining budget after two or three sites, and the model's
     * own arithmetic was then left uninlined and allocating: linreg ran 3 to 5 times slower in about half of all
     * JVM starts.
     */
    @Override
    double latent(int i, Dist d, int kind) {
        if (kind == VECTOR) {
            SiteTable.forgetVector(sites.slots[i]); // an earlier run's vector is not this run's, should it fail here
        }
        if (prefix != null) {
            if (i < replayed) {
                return replayedLatent(i, d, kind);
            }
            if (stopsAt(i)) {
                throw RunAborted.INSTANCE;
            }
        }
        Slot s = sites.slots[i];
        Message m = null;
        Dist q = d;
        boolean given = false;
        double x = 0;
        Object o = null;
        if (!plain) {
            if (stack != null) {
                m = stack.process(s, SiteKind.LATENT, d, null, null);
                given = m.hasValue;
                x = m.scalar;
                o = m.object;
                if (m.proposal != null && m.kind == SiteKind.LATENT) {
                    q = m.proposal;
                }
            }
            if (replay != null && !given && (m == null || m.proposal == null)) {
                int j = replay.take(s.scope, s.name, s.index);
                if (j >= 0) {
                    q = replay.proposal(j);
                    x = replay.scalar(j);
                    o = replay.object(j);
                    given = true;
                }
            }
        } else if (replaying != null && replaying.take(s, i, kind, d)) {
            given = true;
            x = replaying.scalar;
            o = replaying.object;
        }
        if (guide != null && !given && (m == null || m.proposal == null)) {
            inGuide = true;
            q = guide.propose(siteView, d, historyView);
            inGuide = false;
        }
        if (q != d && (q == null || q.valueKind() != d.valueKind() || q.support() != s.checkedSupport
                || shape(supportAt(d, s.name, s.index), kind) != s.checkedSupportShape)) {
            checkProposal(i, q, d, kind);
        }
        if (q != d && mixture == null && !q.support().covers(d.support())) {
            throw error(narrowerMessage((replay != null ? "the guide program's proposal " : "the guide's proposal ")
                    + q.describe() + " (support " + q.support() + ")", d.support(), sites.addressAt(i)));
        }
        Dist from = followPrior ? d : q;
        double lp;
        double lq;
        proposalDraw = from != d && !given;
        if (kind == REAL) {
            if (!given) {
                x = ((RealDist) from).sample(rng);
                if (x - x != 0) { // NaN or an infinity: one test for the usual finite draw
                    requireDrawInSupport(i, from, d, x, null);
                }
            }
            lp = ((RealDist) d).logDensity(x);
            lq = q == d ? lp : RealDist.proposalLogDensity((RealDist) q, x);
        } else if (kind == INT) {
            int k = given ? (int) x : ((IntDist) from).sample(rng);
            x = k;
            lp = ((IntDist) d).logMass(k);
            lq = q == d ? lp : ((IntDist) q).logMass(k);
        } else if (kind == BOOL) {
            boolean b = given ? x != 0 : ((BoolDist) from).sample(rng);
            x = b ? 1 : 0;
            lp = ((BoolDist) d).logMass(b);
            lq = q == d ? lp : ((BoolDist) q).logMass(b);
        } else {
            if (!given) {
                o = kind == VECTOR ? ((VecDist) from).sample(rng) : ((ObjDist<?>) from).sample(rng);
                if (kind == VECTOR) {
                    requireFiniteDraw(i, from, d, (double[]) o);
                }
            } else if (kind == VECTOR) {
                requireLength(i, (VecDist) d, (double[]) o);
            }
            if (kind == VECTOR) {
                sites.holdVector(s, (double[]) o); // a copy: a reference stored in the slot pays the GC's barrier
            } else {
                sites.holdDrawnObject(sites.slots[i], o);
            }
            lp = objectLogDensity(d, kind, o);
            lq = q == d ? lp : kind == VECTOR ? VecDist.proposalLogDensity((VecDist) q, (double[]) o)
                    : objectLogDensity(q, kind, o);
        }
        proposalDraw = false;
        if (lp == NEG_INF && from == d && !given) {
            throw error(ownDrawRefused(i, d, kind, x, o));
        }
        s.scalar = x;
        if (m == null) {
            latentDone(s, i, d, q, lp, lq);
            return x;
        }
        double scaled = scaled(lp, m.scale);
        if (m.kind != SiteKind.LATENT) {
            s.setKinds(m.kind, s.valueKind); // a handler made the choice an observation: evidence, no proposal
            if (record && s.prior != d) {
                s.prior = d;
            }
            handledEvidence = d;
            evidenceDone(s, scaled);
        } else {
            if (scaled != lp) {
                priorRescale += lp - scaled;
            }
            latentDone(s, i, d, q, scaled, lq);
        }
        m.scalar = x;
        m.object = o;
        m.hasValue = true;
        m.proposal = q;
        m.logP = scaled;
        m.logQ = m.kind == SiteKind.LATENT ? lq : 0;
        stack.postprocess(m);
        return x;
    }

    /**
     * The guide's step of a latent site on the direct path, with the site's entry and the check of its proposal
     * written out in it: an ordinary guided run's sites ({@link ProbOverloads#GUIDED}) call it with no slot
     * ({@code entered} null), and it enters the site itself (the fast path of {@link #enter} in line, the slow path
     * out of line), so that a guided site makes one call, not two, and spills the model's live values around one.
     * A continued run's and a defensive run's sites enter first and come through {@link #proposedUnusually} with
     * their slot, and a site of a run whose guide reads the prior ({@link ProbOverloads#PROPOSING}) through {@link
     * #proposedWithPrior} with its slot and its prior. Like {@link #latent}, it stays above C2's 325-byte
     * FreqInlineSize ({@code HotPathShapeTest}), so that the guide's call and the proposal's sampler are compiled once
     * here rather than inlined into every sample site of a model. Its prior is null but on that path (the prior never
     * leaves its site), so a proposal that does not fit it is explained by making the run again on the general path,
     * which names the prior.
     */
    @Override
    Slot proposed(Slot entered, String name, int index, long shape, Dist prior) {
        Slot s = entered;
        boolean follow = false;
        int kind = kindOf(shape);
        if (s == null) {
            // enter's fast path in line, the site's kinds made from its kind, no table read (see LATENT_KINDS)
            requireThread();
            s = sites.repeat(name, index, LATENT_KINDS | kind, scope);
            if (s == null) {
                endIfFailed();
                s = enterOutOfLine(name, index, SiteKind.LATENT, KINDS[kind]);
            }
        } else {
            follow = prefix == null && prior == null; // a run of a defensive mixture that follows the prior
        }
        inGuide = true;
        // the slot is the site, as CurrentSite would show it
        Dist q = prior == null ? siteProposal.propose(s, historyView) : guide.propose(s, prior, historyView);
        inGuide = false;
        if (q == null || q == prior) {
            s.scalar = Double.NaN;
            return s;
        }
        // The check is cached by the proposal's support and the prior's shape, never by the proposal itself: stored in
        // the slot, a proposal the guide makes at each site would escape and be allocated (48 B a site) where C2 can
        // otherwise keep it in registers. For the same reason the check itself, out of line, is not handed the
        // proposal: it runs at each slot's first site, too seldom for C2 to inline it, and a call that takes the
        // proposal makes it escape at every site; the error that names the proposal is thrown here, on a path no
        // run takes.
        // The commonest proposals' classes are tested first, here and at each kind's draw: in a JVM that has run
        // models whose guides propose several classes (a test suite, a notebook, a service), a call through the
        // interface is megamorphic, a virtual call at every guided site that C2 cannot inline, where a test of the
        // class binds the call and inlines it whatever else the JVM has seen (the rare workload after the other seven
        // in one JVM: 0.28 s to 0.19 s a million runs; alone 0.16 s). Written out, not in a helper: see above.
        Support qs = q instanceof Normal g ? g.support() : q instanceof Categorical c ? c.support()
                : q instanceof Bernoulli b ? b.support() : q.support();
        if (qs == null) {
            throw error(Support.nullFrom("the guide's proposal " + q.describe(), q.getClass(), s.address()));
        }
        if ((qs != s.checkedSupport || shape != s.checkedSupportShape) && !supportFits(s, qs, shape)) {
            throw misfit(s, q, shape);
        }
        if (prior != null && mixture == null && !qs.covers(prior.support())) { // the prior at hand: latent's test
            throw error(narrowerMessage("the guide's proposal " + q.describe() + " (support " + qs + ")",
                    prior.support(), s.address()));
        }
        if (follow) {
            if (q.valueKind().ordinal() != kind) {
                throw misfit(s, q, shape);
            }
            usedProposal = true;
            followed = q;
            s.scalar = Double.NaN;
            return s;
        }
        // The proposal's kind is checked, and the proposal drawn from, in one branch per kind of site: each branch's
        // type test sees the classes the guide proposes at that kind of site alone (most often one), after which C2
        // knows the proposal's class, draws and scores without a further test of it, and folds the comparison of its
        // kind of value (a constant of that class) away.
        double x;
        double lq;
        if (kind == REAL) {
            if (q instanceof Normal g) {
                usedProposal = true;
                x = g.sample(rng);
                lq = g.unrepresentableAt(x) ? POS_INF : g.logDensity(x);
            } else {
                if (!(q instanceof RealDist r) || r.valueKind() != ValueKind.REAL) {
                    throw misfit(s, q, shape);
                }
                usedProposal = true;
                x = r.sample(rng);
                if (x != x) {
                    // NaN is what a site reads as "no proposal": the run went on to draw from the prior, silently
                    // (an adversarial tester's proposal drawing NaN 1 time in 2,000)
                    throw explained("the proposal " + r.describe() + " drew NaN at " + s.address() + ": "
                            + Support.DRAW_IN_SUPPORT_RULE);
                }
                // RealDist.proposalLogDensity written out: a call that takes the proposal could keep it out of
                // registers
                lq = r.unrepresentableAt(x) ? POS_INF : r.logDensity(x);
            }
        } else if (kind == INT) {
            if (q instanceof Categorical c) {
                usedProposal = true;
                int k = c.sample(rng);
                x = k;
                lq = c.logMass(k);
            } else {
                if (!(q instanceof IntDist n) || n.valueKind() != ValueKind.INT) {
                    throw misfit(s, q, shape);
                }
                usedProposal = true;
                int k = n.sample(rng);
                x = k;
                lq = n.logMass(k);
            }
        } else {
            if (q instanceof Bernoulli c) {
                usedProposal = true;
                boolean v = c.sample(rng);
                x = v ? 1 : 0;
                lq = c.logMass(v);
            } else {
                if (!(q instanceof BoolDist b) || b.valueKind() != ValueKind.BOOL) {
                    throw misfit(s, q, shape);
                }
                usedProposal = true;
                boolean v = b.sample(rng);
                x = v ? 1 : 0;
                lq = b.logMass(v);
            }
        }
        proposedLogQ = lq;
        s.scalar = x;
        return s;
    }

    /**
     * On the general path, a real draw {@code x} that is NaN or infinite: an error naming the site, the distribution
     * that drew it and the value unless its support holds it (an infinity at the end of an interval that includes
     * it). The direct path, which must not grow, lets such a draw through; it is found when a run made again on this
     * path draws it (a trace, the diagnostics' runs, an expectation's or MCMC's check; see {@code ImportanceResult}).
     */
    private void requireDrawInSupport(int i, Dist from, Dist prior, double x, double[] vector) {
        Support support = from.support();
        if (support == null) {
            throw error(Support.nullFrom(from == prior ? "the model's distribution" : "the guide's proposal "
                    + from.describe(), from.getClass(), sites.addressAt(i)));
        }
        boolean inSupport = vector == null ? support.contains(x) : support.contains(vector);
        if (!inSupport) {
            String who = from == prior ? "the prior " + prior.describe()
                    : followPrior ? "the prior " + prior.describe() + " (a defensive run following the prior)"
                    : "the proposal " + from.describe() + " (prior " + prior.describe() + ")";
            throw error(who + " drew " + (vector == null ? Trace.show(x) : Trace.show(vector)) + " at "
                    + sites.addressAt(i) + ", outside its support " + from.support() + ": "
                    + Support.DRAW_IN_SUPPORT_RULE);
        }
    }

    /**
     * The error of a prior that drew, on the general path, a value its own density scores -inf: its sampler returns
     * values outside its support. The direct path, which must not grow, counts such a run at weight 0 (a support
     * violation); a user's prior declaring the half-line and an Exponential density but drawing N(0, 1) read log P(e)
     * 80 standard errors low with every verdict empty (an adversarial tester). A run made again on this path (a trace,
     * the diagnostics' runs) finds it.
     */
    private String ownDrawRefused(int i, Dist prior, int kind, double x, Object o) {
        String value = kind == VECTOR ? Trace.show((double[]) o) : kind == OBJECT ? String.valueOf(o)
                : kind == REAL ? Trace.show(x) : kind == BOOL ? String.valueOf(x != 0) : String.valueOf((long) x);
        return "the prior " + prior.describe() + " drew " + value + " at " + sites.addressAt(i) + ", where its own "
                + "log density is -Infinity (outside its support " + prior.support() + "): "
                + Support.DRAW_IN_SUPPORT_RULE;
    }

    /** The error of a run whose model changed in place the object that latent site {@code i} gave it. */
    private String objectChanged(int i) {
        Object o = sites.slots[i].object;
        String now = Trace.show(o);
        return "the model changed in place the value it drew at " + sites.addressAt(i) + " (a "
                + o.getClass().getSimpleName() + ", now " + (now.length() <= 80 ? now : now.substring(0, 79) + "~")
                + "), which the run keeps as that "
                + "site's value: a trace, MCMC and SMC give it back as drawn, so they would move from a value the "
                + "model never drew. Copy the value before changing it";
    }

    /** {@link #requireDrawInSupport} for a vector draw with an element that is NaN or infinite. */
    private void requireFiniteDraw(int i, Dist from, Dist prior, double[] v) {
        if (v == null) {
            return; // the length check and the density name a missing vector
        }
        for (double e : v) {
            if (e - e != 0) {
                requireDrawInSupport(i, from, prior, Double.NaN, v);
                return;
            }
        }
    }

    /**
     * The support's half of the proposal's check at a slot of the direct path, where its cache missed: whether the
     * proposal's support {@code qs} has the type and dimension of the prior's (shape {@code shape}); if so it is
     * remembered with that shape. Its kind of value is checked by {@link #proposed} at every site.
     */
    private static boolean supportFits(Slot s, Support qs, long shape) {
        if (qs.type() != typeOf(shape) || qs.dim() != dimOf(shape)) {
            return false;
        }
        s.checkedSupport = qs;
        s.checkedSupportShape = shape;
        return true;
    }

    /** The error of a proposal ({@code what}) whose support leaves out values of the prior's {@code prior}. */
    private static String narrowerMessage(String what, Support prior, Address at) {
        // a Beta for a Uniform(0.8, 1.5) was refused with no proposal a user could write to concentrate there (a new
        // user)
        return what + " does not cover its prior's support " + prior + " at " + at + ": "
                + Support.SAME_SUPPORT_RULE + " (only a whole-run defensive mixture's guide, Guide.defensive, may be "
                + "narrower, since its prior share reaches the rest)" + (prior.type() == Support.Type.INTERVAL
                ? "; to concentrate inside an interval, propose a dev.ariadne.search.LogitNormal(loc, scale, "
                + prior.lower() + ", " + prior.upper() + ")" : "");
    }

    /** The error of a proposal whose kind of value or support does not fit the prior of shape {@code shape}. */
    private ModelException misfit(Slot s, Dist q, long shape) {
        return explained("the guide's proposal " + q.describe() + " (" + kindName(q) + ", support " + q.support()
                + ") does not fit the prior (" + KINDS[kindOf(shape)].name().toLowerCase(Locale.ROOT) + ", support "
                + typeOf(shape).name().toLowerCase(Locale.ROOT) + ") at " + s.address()
                + (q.valueKind() != KINDS[kindOf(shape)] ? ": " + Support.sameKindRule(KINDS[kindOf(shape)])
                : q.support().type() == Support.Type.REAL && typeOf(shape) != Support.Type.REAL
                ? ": " + Support.SAME_TYPE_RULE : ": " + Support.SAME_SUPPORT_RULE));
    }

    @Override
    double proposedWithPrior(Slot s, Dist prior, long shape) {
        return proposed(s, null, 0, shape, prior).scalar;
    }

    @Override
    double proposedUnusually(Slot s, long shape) {
        if (prefix != null && (stopsAt(sites.positionOf(s)) || siteProposal == null)) {
            return Double.NaN;
        }
        return proposed(s, null, 0, shape, null).scalar;
    }

    @Override
    double drawn(Slot s, int kind, double x, double lp, boolean proposal) {
        double lq = proposal ? proposedLogQ : followed == null ? lp : followedLogQ(kind, x);
        s.scalar = x;
        s.logP = lp;
        s.logQ = lq;
        logPriorLatent += lp;
        logP += lp;
        logQ += lq;
        // One test for the usual case, finite scores: a finite sum minus itself is 0, and an infinite or NaN score
        // makes it NaN (a finite sum that overflows goes out of line too, where nothing is wrong with it).
        double sum = lp + lq;
        if (sum - sum != 0) {
            drawnUnusually(sites.positionOf(s), lp, lq);
        }
        return x;
    }

    /** On the direct path, in a run that follows the prior: the log density of the guide's proposal at x. */
    private double followedLogQ(int kind, double x) {
        Dist q = followed;
        followed = null;
        return scalarLogDensity(q, kind, x);
    }

    /** A latent site on the direct path whose log p or log q is not finite: an error if NaN, else maybe a failure. */
    private void drawnUnusually(int i, double lp, double lq) {
        if (lp != lp || lq != lq) {
            throw explained("log density is NaN at " + sites.addressAt(i) + " (value "
                    + Trace.show(historyView.valueAt(i)) + ")");
        }
        failIfWeightless(i, lp, lq);
    }

    /**
     * Fails the run at latent site {@code i} if its scores give it weight 0: a log q of +inf (a draw the doubles
     * cannot carry, {@link dev.ariadne.core.dist.RealDist#unrepresentableAt}), a log p of -inf or +inf, or a log q of
     * -inf outside a run that follows the prior. A proposal's density of 0 at its own draw, where the prior's is
     * positive, is a draw rounded onto an end of the proposal's support (a logit-normal on [1e17, 1e17 + 16], whose
     * interval holds two doubles, drew its ends), which the doubles cannot carry either: it was named "prior density 0"
     * (an outside statistician).
     */
    private void failIfWeightless(int i, double lp, double lq) {
        if (lq == POS_INF || lq == NEG_INF && !followPrior && lp > NEG_INF && lp < POS_INF) {
            fail(i, FailureCause.UNREPRESENTABLE_DRAW);
        } else if (lp == NEG_INF || lp == POS_INF || (lq == NEG_INF && !followPrior)) {
            fail(i, FailureCause.at(SiteKind.LATENT));
        }
    }

    private static double scalarLogDensity(Dist d, int kind, double x) {
        return kind == REAL ? RealDist.proposalLogDensity((RealDist) d, x)
                : kind == INT ? ((IntDist) d).logMass((int) x) : ((BoolDist) d).logMass(x != 0);
    }

    /**
     * The error of a site on the direct path, where the site's prior is not kept: the same run made again by a
     * recording twin (runs are deterministic in their seed and index), whose general path throws it naming the
     * prior; {@code message} if the twin's run does not fail.
     */
    private ModelException explained(String message) {
        try {
            sameRunOnTwin(prefix);
        } catch (ModelException e) {
            raised = e;
            return e;
        }
        return error(message);
    }

    /**
     * Makes the last run again on the recording twin and returns the twin: continued from a copy of {@code from}, the
     * prefix the run continued (which its caller may change after the run), or made whole ({@link #recorded}) where
     * {@code from} is null.
     */
    private Engine sameRunOnTwin(RunPrefix from) {
        if (from == null) {
            return recorded();
        }
        RunPrefix same = new RunPrefix();
        same.copyFrom(from);
        Engine twin = twin();
        twin.continueRun(seed, runIndex, same);
        return twin;
    }

    @SuppressWarnings("unchecked")
    private static double objectLogDensity(Dist d, int kind, Object value) {
        return kind == VECTOR ? ((VecDist) d).logDensity((double[]) value) : ((ObjDist<Object>) d).logDensity(value);
    }

    /** Records latent site {@code i}'s scores and distributions in its slot {@code s}; adds the scores to the run's. */
    private void latentDone(Slot s, int i, Dist prior, Dist q, double lp, double lq) {
        if (record) {
            if (s.prior != prior) {
                s.prior = prior;
            }
            if (s.proposal != q) {
                s.proposal = q;
            }
        }
        s.logP = lp;
        s.logQ = lq;
        if (q != prior) {
            usedProposal = true;
        }
        if (lp != lp || lq != lq) {
            throw error("log density is NaN at " + sites.addressAt(i) + " (prior " + prior.describe()
                    + ", proposal " + q.describe() + ", value " + Trace.show(historyView.valueAt(i)) + ")");
        }
        logPriorLatent += lp;
        logP += lp;
        logQ += lq;
        failIfWeightless(i, lp, lq);
    }

    /**
     * What an evidence site does, on both paths: handlers, if any, see it (and may scale its log p); a recording
     * engine keeps its distribution; then its log p {@code lp}, already computed from the value the model gave, counts
     * in the run's. One test of one field for the usual case, neither.
     */
    @Override
    void evidence(Slot s, Dist d, double lp) {
        if (plainEvidence) {
            evidenceDone(s, lp);
        } else {
            evidenceAround(s, d == null ? null : d.detached(), lp);
        }
    }

    private void evidenceAround(Slot s, Dist d, double lp) {
        if (record && s.prior != d) {
            s.prior = d;
        }
        if (stack == null) {
            evidenceDone(s, lp);
            return;
        }
        handledEvidence = d;
        Message m = stack.process(s, s.kind, d, sites.objectAt(s),
                s.kind == SiteKind.CONDITION ? marginOf(s) : null);
        double scaled = scaled(lp, m.scale);
        evidenceDone(s, scaled);
        m.logP = scaled;
        stack.postprocess(m);
    }

    /**
     * An evidence site's scores: its log p kept in its slot and added to the run's; a NaN or +inf log p is an error.
     * Its log q is 0 and not stored: the slot's {@link Slot#logQ} is read at latent sites only.
     *
     * <p>It is not handed the site's distribution, nor is its error's branch: a call that takes the distribution
     * makes one made at the site escape, and it is then allocated at every site. The error's branch was meant to be
     * compiled as a trap, which it is only while C2's profile says it is never reached: once a run had failed at an
     * observation (a log p of -inf), the branch inside was compiled with too few counts to be trusted, as a call, and
     * a {@code new Uniform(0, theta)} observed at each point was allocated at each (40 B a site) from then on.
     */
    private void evidenceDone(Slot s, double lp) {
        s.logP = lp;
        // One test for the usual case, a finite log p: a finite number minus itself is 0, and -inf, +inf or NaN
        // minus itself is NaN.
        if (lp - lp != 0) {
            if (lp != lp || lp == POS_INF) {
                throw evidenceError(s, lp);
            }
            evidenceFails(s, lp);
            return;
        }
        logP += lp;
        logLikelihood += lp;
    }

    @Override
    void positiveFactorAdded(Slot s) {
        positiveFactor = true;
        if (logP == POS_INF) {
            throw error("factor " + s.address() + ": the run's log weight overflowed to +inf (the factors' sum is "
                    + "beyond the largest double; this one added " + s.logP + ")");
        }
    }

    /**
     * The error of a NaN or +inf log p at an evidence site, naming its distribution ({@link #atEvidence}); an infinite
     * one says what it means and what to observe instead, where it had said nothing a user could act on (a new user's
     * failure time of 0 under a Weibull of shape 0.8).
     */
    private ModelException evidenceError(Slot s, double lp) {
        String at = (lp == POS_INF ? "infinite" : "NaN") + " log density at " + s.address() + " (";
        String value = "value " + Trace.show(historyView.valueAt(sites.positionOf(s))) + ")" + (lp != POS_INF ? ""
                : ": the density is unbounded at that value (a Gamma or Weibull of shape below 1 at 0, a Beta of a "
                + "parameter below 1 at 0 or 1), so the likelihood of an exact observation there is infinite and no "
                + "posterior follows; a datum recorded there is a measurement rounded to it: observe the probability "
                + "of its rounding interval instead, p.factor(name, log P(X < r)) with r the resolution (a Weibull's: "
                + "log(1 - exp(-(r / scale)^shape))), or record the value the measurement most likely had");
        return atEvidence(s, described -> at + described + ", " + value, at + value);
    }

    /**
     * An error at evidence site {@code s} naming its distribution ({@code named} applied to its description, "factor"
     * for a site without one) where this engine can: a recording engine keeps it in the slot, an engine with handlers
     * has handed it to them (and keeps it in {@link #handledEvidence}), and any other makes the same run again on its
     * recording twin, whose error this is (as a direct latent site's is, see {@link #explained}); a replayed run,
     * which its twin would not make again, and a run its twin does not make fail (a model whose runs are not
     * determined by their choices) have the message {@code bare}, which names the site and the value alone.
     */
    private ModelException atEvidence(Slot s, java.util.function.UnaryOperator<String> named, String bare) {
        if (record || stack != null) {
            Dist d = record ? s.prior : handledEvidence;
            return error(named.apply(d == null ? "factor" : d.describe()));
        }
        if (continued && prefix == null) {
            return error(bare);
        }
        return explained(bare);
    }

    /**
     * An evidence site with log p -inf: it counts, and the run fails there; unless it observed an infinity (a
     * number, a vector's entry or a plate's value), which is an error as an observed NaN is, naming the site and the
     * distribution: no distribution of real numbers has an infinity in its support, so such a datum is a fault in the
     * data (a division by zero upstream), not an observation the model finds impossible.
     */
    private void evidenceFails(Slot s, double lp) {
        if (s.kind == SiteKind.OBSERVED && observedInfinity(s)) {
            throw infiniteObservation(s);
        }
        logP += lp;
        logLikelihood += lp;
        fail(sites.positionOf(s), FailureCause.at(s.kind));
    }

    private boolean observedInfinity(Slot s) {
        if (s.valueKind != ValueKind.REAL && s.valueKind != ValueKind.VECTOR) {
            return false;
        }
        Object o = sites.objectAt(s);
        if (o == null) {
            return Double.isInfinite(s.scalar);
        }
        if (o instanceof double[] values) {
            for (double v : values) {
                if (Double.isInfinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The error of an observed infinity, naming the distribution ({@link #atEvidence}). */
    private ModelException infiniteObservation(Slot s) {
        Object value = historyView.valueAt(sites.positionOf(s));
        String at = "observed value " + Trace.show(value) + firstInfinity(value) + " at " + s.address();
        String why = ": an infinity is no value of any real distribution (refused as NaN is, not scored as an"
                + " impossible observation: a fault in the data)";
        return atEvidence(s, described -> at + " (" + described + ")" + why, at + why);
    }

    /**
     * Where the site limit is the default and the heap set it below 1,000,000 (one site per KB of the heap), that the
     * heap did and how to raise it: with -Xmx128m a model of 200,000 latent choices was told of observeAll and factor,
     * which no latent choice can use (an adversarial tester).
     */
    private String heapBound() {
        if (limits.maxSites != RunLimits.DEFAULT_MAX_SITES || RunLimits.DEFAULT_MAX_SITES >= 1_000_000) {
            return "";
        }
        return String.format(Locale.ROOT, "; for choices (latent sites), the limit is the default's, one site per KB "
                + "of the JVM's maximum heap (%,d MB here; 1,000,000 sites from about 1 GB): raise it with -Xmx",
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** For an observed array too long to show whole, which entry is the first infinity; "" otherwise. */
    private static String firstInfinity(Object value) {
        if (value instanceof double[] values && values.length > dev.ariadne.core.dist.ShownArrays.MOST) {
            for (int i = 0; i < values.length; i++) {
                if (Double.isInfinite(values[i])) {
                    return String.format(java.util.Locale.ROOT, " (entry %,d of %,d is %s)", i, values.length,
                            values[i]);
                }
            }
        }
        return "";
    }

    /**
     * Marks the run as failed at site {@code i}: its weight is 0. The run is not unwound here but at its next
     * site, which {@link #enterOutOfLine} refuses; a model whose failing site is its last (a final condition, as
     * in rejection-style models) thus returns normally, without the cost of unwinding an exception through the
     * model's frames (measured at 100 to 150 ns a run).
     */
    private void fail(int i, FailureCause cause) {
        failureCause = cause;
        failureSite = i;
        logP = NEG_INF;
        sites.stopRepeating(); // sends the next site to enterOutOfLine
    }

    private static double scaled(double lp, double scale) {
        return scale == 1 || lp == NEG_INF ? lp : scale * lp;
    }

    /**
     * Checks that the proposal {@code q} at site {@code i} is a distribution of the prior's kind on a compatible
     * support, and remembers the proposal's support and the prior's shape, so that later sites skip the check while
     * they repeat (the kind of value is compared at every site). Not the proposal itself, as before: a guide that
     * makes its proposal at each site (Guide.real's lambda returning a new Normal) stored a new object in the
     * long-lived slot at every site, behind the GC's write barrier, the most sampled frame of such a run.
     */
    private void checkProposal(int i, Dist q, Dist prior, int kind) {
        if (q == null) {
            throw error("the guide returned null at " + sites.addressAt(i)
                    + "; return the prior to leave a site alone (a guide made with Guide.bySite, real, integer or bool "
                    + "may return null for that)");
        }
        if (prior.support() == null) {
            throw error(Support.nullFrom("the model's distribution", prior.getClass(), sites.addressAt(i)));
        }
        if (q.support() == null) {
            throw error(Support.nullFrom((replay != null ? "the guide program's proposal " : "the guide's proposal ")
                    + q.describe(), q.getClass(), sites.addressAt(i)));
        }
        if (q.valueKind() != prior.valueKind() || !q.support().compatibleWith(prior.support())) {
            throw error((replay != null ? "the guide program's proposal " : "the guide's proposal ") + q.describe()
                    + " (" + kindName(q) + ", support " + q.support() + ") does not fit the prior "
                    + prior.describe() + " (" + kindName(prior) + ", support " + prior.support() + ") at "
                    + sites.addressAt(i)
                    + ": " + (q.valueKind() != prior.valueKind() ? Support.sameKindRule(prior.valueKind())
                    : q.support().ruleBrokenAgainst(prior.support())));
        }
        Slot s = sites.slots[i];
        s.checkedSupport = q.support();
        s.checkedSupportShape = shape(prior.support(), kind);
    }

    private static String kindName(Dist d) {
        return d.valueKind().name().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- continued runs

    /**
     * Makes run {@code index} of {@code seed} again as far as {@code p} and continues it ({@link RunPrefix}): the
     * prefix's latent sites take their recorded values; past the prefix, values are drawn as in any run, and the run
     * is stopped at the first latent site after an evidence site there. The run's scores count the sites past the
     * prefix only. Returns whether the run was stopped; {@code p} has then grown to the stopping site.
     */
    boolean continueRun(long seed, long index, RunPrefix p) {
        if (stack != null || replay != null || mixture != null) {
            throw new IllegalStateException("a run can be continued only without effect handlers, a guide program "
                    + "or a whole-run defensive mixture");
        }
        prefix = p;
        replayed = p.sites;
        cursor = 0;
        resumed = false;
        int wasPath = path;
        if (path == PROPOSING) {
            path = GENERAL; // its sites would not stop at proposedUnusually, which asks a guide without the prior
        } else if (path != GENERAL) {
            path = CONTINUED; // so that a direct site past the prefix reaches proposed(), where the run may stop
        }
        try {
            execute(seed, index);
        } finally {
            path = wasPath;
            replayed = 0;
            prefix = null;
        }
        if (stopSite >= 0) {
            // What the run scored after its stop (a model that catches the engine's signal and goes on) does not count.
            logP = stepLogP;
            logQ = stepLogQ;
            logPriorLatent = stepLogPrior;
            logLikelihood = stepLogLikelihood;
            failureCause = null;
            result = null;
            p.extend(sites, stopSite);
            return true;
        }
        if (!resumed && p.sites > 0) {
            throw new ModelException("the continued run " + (failureCause != null ? "failed" : "returned") + " after "
                    + sites.n + " sites, before reaching its prefix's end at site " + p.sites + NOT_REPLAYABLE, seed,
                    index, lastAddress(), null);
        }
        return false;
    }

    /**
     * Makes run {@code index} of {@code seed} with the choices of {@code r} ({@link RunReplay}) on the general path
     * ({@link #latent}), each site scored as in any run. Returns whether the run's latent sites were {@code r}'s, in
     * order, and it did not fail; if not, the run counts for nothing and the caller makes it another way.
     */
    boolean replayRun(long seed, long index, RunReplay r) {
        if (stack != null || replay != null || mixture != null) {
            throw new IllegalStateException("a run can be replayed only without effect handlers, a guide program or a"
                    + " whole-run defensive mixture");
        }
        replaying = r;
        r.start();
        int wasPath = path;
        path = GENERAL; // every latent site reaches latent(), where the replay gives its value
        try {
            execute(seed, index);
        } finally {
            path = wasPath;
            replaying = null;
            r.object = null;
        }
        return r.matched() && failureCause == null;
    }

    private static final String NOT_REPLAYABLE = "; the model's run must be determined by its random choices to be "
            + "made again";

    /** A latent site inside a continued run's prefix: its recorded value, the next in order, scored 0. */
    @Override
    double replayedValue(int i, int kind) {
        double x = prefix.scalars[replayedAt(i, kind)];
        sites.slots[i].scalar = x;
        return x;
    }

    /** {@link #replayedValue} for every kind of site, on the general path: a vector or object goes in the slot. */
    private double replayedLatent(int i, Dist d, int kind) {
        if (kind < VECTOR) {
            return replayedValue(i, kind);
        }
        Object o = prefix.objects[replayedAt(i, kind)];
        if (kind == VECTOR) {
            requireLength(i, (VecDist) d, (double[]) o);
            sites.holdObject(sites.slots[i], o);
        } else {
            sites.holdDrawnObject(sites.slots[i], o);
        }
        return 0;
    }

    /**
     * Takes the prefix's next recorded value for latent site {@code i} of kind {@code kind}, which must be of that
     * kind, scores the site 0, and returns the value's place in the prefix.
     */
    private int replayedAt(int i, int kind) {
        RunPrefix p = prefix;
        int c = cursor;
        if (c >= p.latents || p.kinds[c] != kind + 1) {
            throw notReplayed(i, c, kind);
        }
        cursor = c + 1;
        Slot s = sites.slots[i];
        s.logP = 0;
        s.logQ = 0;
        return c;
    }

    private ModelException notReplayed(int i, int c, int kind) {
        dev.ariadne.core.dist.ValueKind recorded = prefix.kindAt(c);
        return error("the continued run's latent site " + (c + 1) + ", at " + sites.addressAt(i) + ", takes "
                + KINDS[kind].name().toLowerCase(Locale.ROOT) + " values, where its prefix recorded "
                + (recorded == null ? "no more values (it has " + prefix.latents + ")"
                : "a " + recorded.name().toLowerCase(Locale.ROOT) + " value") + NOT_REPLAYABLE);
    }

    /**
     * A latent site past a continued run's prefix: whether the run stops here. The first such site must be the site
     * at which the prefix's run was stopped (any latent site, when the prefix is empty); the scores of the replayed
     * sites are dropped there, so that the run's count only what is past the prefix. A later one stops the run if an
     * evidence site came between them.
     */
    private boolean stopsAt(int i) {
        if (stopSite >= 0) {
            return true; // the model caught the stop and went on: stop it again, and keep the first stopping site
        }
        if (!resumed) {
            if (replayed > 0) {
                if (i != replayed || cursor != prefix.latents) {
                    throw error("the continued run's first latent site past its prefix is site " + i + ", after "
                            + cursor + " replayed values, not site " + replayed + " after " + prefix.latents
                            + " where the prefix's run was stopped" + NOT_REPLAYABLE);
                }
                logP = 0;
                logQ = 0;
                logPriorLatent = 0;
                logLikelihood = 0;
            }
            resumed = true;
            scanned = i + 1;
            return false;
        }
        Slot[] slots = sites.slots;
        for (int j = scanned; j < i; j++) {
            if (slots[j].kind != SiteKind.LATENT) {
                stopSite = i;
                stepLogP = logP;
                stepLogQ = logQ;
                stepLogPrior = logPriorLatent;
                stepLogLikelihood = logLikelihood;
                return true;
            }
        }
        scanned = i + 1;
        return false;
    }

    // ---------------------------------------------------------------- scopes

    @Override
    <U> U callAt(String scopeName, int index, Model<U> sub) {
        Address outer = enterScope(scopeName, index);
        try {
            return sub.run(this);
        } finally {
            scope = outer;
        }
    }

    @Override
    void scopedAt(String scopeName, int index, Block block) {
        Address outer = enterScope(scopeName, index);
        try {
            block.run(this);
        } finally {
            scope = outer;
        }
    }

    private Address enterScope(String scopeName, int index) {
        requireOwner();
        if (scopeName == null) {
            throw error("a scope name is null");
        }
        Address outer = scope;
        Address known = sites.knownScope(outer, scopeName, index);
        if (known == null) {
            requireName(scopeName);
        }
        scope = known != null ? known : Address.of(outer, scopeName, index);
        return outer;
    }

    // ---------------------------------------------------------------- errors

    @Override
    ModelException error(String text) {
        ModelException e = new ModelException(text, seed, runIndex, lastAddress(), null);
        raised = e;
        return e;
    }

    /**
     * The error of a run whose model caught what a site threw (an invalid factor or observation, a reused address, a
     * guide that failed) and returned normally: the run went on as if the site had not been there, and read a wrong
     * answer with nothing said (an adversarial tester: factor(NaN) in half the runs caught, log P(e) off by 0.3, no
     * verdict; enumeration and MCMC the same). Nothing a site throws may be caught in a model.
     */
    private ModelException caughtAndWentOn() {
        String what = raised != null ? "the model caught the error \"" + raised.reason() + "\""
                : "the model caught what the guide threw while proposing at a site (at or before " + lastAddress() + ")";
        ModelException e = new ModelException(what + " and returned normally: a run cannot go on past a site that "
                + "failed, as if the site had not been there; let the model's sites' exceptions through (catch none "
                + "of them in the model)", seed, runIndex, lastAddress(), raised);
        raised = null;
        return e;
    }

    private Address lastAddress() {
        return sites.n > 0 ? sites.addressAt(sites.n - 1) : null;
    }

    /**
     * The heap ran out while the run was under way: an error naming the run and the last site it entered, the VM's
     * error as its cause, where the bare "Java heap space" named neither (an adversarial tester's model that grew a
     * list without end). The run's own allocations are unreachable once it has unwound, so the message can be made.
     * Who filled the heap cannot be told: the model, or the call's own arrays beside it.
     */
    private ModelException outOfHeap(OutOfMemoryError e) {
        return new ModelException("the heap ran out during the run (" + e.getMessage() + "): the " + whoseCode()
                + " may build something without end (a list or a string that grows with each site), or the call's own "
                + "arrays (particles, kept runs, draws) and the run together need more than the heap holds; cap what "
                + "the run builds, or give the JVM more heap (-Xmx)", seed, runIndex, lastAddress(), e);
    }

    /**
     * Whose code the run was in when it threw: a guide program's, a guide's (both run on the model's thread), or the
     * model's.
     */
    private String whoseCode() {
        return guideMode ? "guide program" : inGuide ? "guide" : "model";
    }

    private RuntimeException wrap(Throwable e) {
        Address last = lastAddress();
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt(); // thrown sneakily by the model: keep the thread's interruption
            return new RunInterruptedException(seed, runIndex, last, (InterruptedException) e);
        }
        if (e instanceof StackOverflowError) {
            // Whoever's frame it struck (a handler's, deep in the model's own recursion), the recursion is the model's,
            // unless a guide or a guide program was running: theirs run on the model's thread too.
            return new ModelException("the run's recursion overflowed the thread's stack: a " + whoseCode()
                    + " that recurses without end, or deeper than the stack holds; cap the recursion (a path's depth, "
                    + "a grammar's size), or run the call on a thread with a larger stack", seed, runIndex, last, e);
        }
        String shown = UserText.of(e);
        String what = guideMode ? "the guide program threw " + shown + (!(e instanceof ParameterException) ? ""
                : " (making a distribution" + ((ParameterException) e).madeAt() + " for the guide program's "
                + (last == null ? "first site)" : "site after " + last + ")"))
                : inGuide ? "the guide threw " + shown + " while proposing at " + last
                : drawingProposal(e) ? "the guide's proposal threw " + shown + " while drawing or scoring at " + last
                + " (the model's own distribution there is not at fault)"
                : stack != null && stack.running() ? "a handler threw " + shown + " at " + last
                : ModelException.MODEL_THREW + shown + (!(e instanceof ParameterException) ? ""
                        : last == null ? " (making a distribution" + ((ParameterException) e).madeAt()
                        + " for the run's first site)"
                        : " (making a distribution" + ((ParameterException) e).madeAt() + " for the site after " + last
                        + ", the last one the run entered)" + underflowedDraw((ParameterException) e));
        return new ModelException(what, seed, runIndex, last, e);
    }

    /**
     * Where a distribution refused a positive value below its floor in a run that drew a value at or below 1e-300,
     * what that draw likely is and what to do; else "". A Gamma(0.001, 0.001) sd draws there about half the time, and
     * the call ended at its first run with a message that named only the Normal's floor (an adversarial tester).
     * Failing such runs with weight 0 instead hid wrong answers where runs fail inside subset simulation's and
     * annealed SMC's moves, which count no such failure, and blamed a constant sd of 1e-320 on the draw (a hunt).
     */
    private String underflowedDraw(ParameterException e) {
        int tiny = e.belowTheFloor() ? tinyDraw() : -1;
        return tiny < 0 ? "" : String.format(Locale.ROOT, "; this run drew %s at %s: if the value came from that "
                + "draw, its prior puts mass where the doubles end (Gamma(0.001, 0.001) draws below 1e-308 about half "
                + "the time, and a draw below the doubles is put at the smallest positive double), which no "
                + "distribution made from it can take: give that choice a prior whose mass the doubles hold (for a "
                + "scale, a Gamma of shape 0.1 or more, a HalfNormal or a LogNormal), or sample its log and take exp",
                sites.slots[tiny].scalar, sites.addressAt(tiny));
    }

    /**
     * Whether {@code e} came from the guide's proposal, drawing or scoring a value after the guide returned it: thrown
     * under {@link #proposed} (which draws from proposals only), or under {@link #latent} while it drew from a
     * proposal ({@link #proposalDraw}). A Poisson(2e9) proposal, which cannot draw, was said to be the model's throw
     * (an adversarial tester). Read from the trace so that the direct path keeps no flag.
     */
    private boolean drawingProposal(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().equals(Engine.class.getName())) {
                return f.getMethodName().equals("proposed") || f.getMethodName().equals("latent") && proposalDraw;
            }
        }
        return false;
    }

    /** A Prob belongs to its run and to the thread that runs it. */
    private void requireOwner() {
        if (!active || Thread.currentThread() != owner) {
            throw misuse();
        }
    }

    /**
     * {@link #requireOwner} at a site: only the thread is tested there. A site of a run that has ended never repeats
     * a site (the run's end stops the site table repeating), so it reaches {@link #enterOutOfLine}, which tests both.
     */
    private void requireThread() {
        if (Thread.currentThread() != owner) {
            throw misuse();
        }
    }

    private IllegalStateException misuse() {
        if (!active) {
            return new IllegalStateException("this Prob belongs to a run that has ended (run " + runIndex + " of seed "
                    + seed + "); a model must not keep its Prob after returning");
        }
        return new IllegalStateException("this Prob belongs to a run on thread " + owner.getName()
                + " and was used from thread " + Thread.currentThread().getName());
    }

    // ---------------------------------------------------------------- reading the last run

    /**
     * How many sites the last run (or the current one) has reached: all of its sites, except that a stopped continued
     * run ends before the latent site at which it was stopped, which it entered but did not take.
     */
    int reached() {
        return stopSite >= 0 ? stopSite : sites.n;
    }

    /**
     * Whether the last run observed a continuous value (a real, a vector or an object): read from its sites' slots,
     * where each of its evidence sites keeps its kind and its kind of value, rather than kept by a store at each such
     * site.
     */
    boolean hadContinuousEvidence() {
        Slot[] slots = sites.slots;
        for (int i = 0, n = sites.n; i < n; i++) {
            Slot s = slots[i];
            if (s.kind == SiteKind.OBSERVED && s.valueKind != ValueKind.INT && s.valueKind != ValueKind.BOOL) {
                return true;
            }
        }
        return false;
    }

    /** Whether guides and handlers deciding the current site should not see it in the history yet. */
    boolean deciding() {
        return active && (inGuide || stack != null && stack.processing());
    }

    /** Whether the run failed at a margin condition (its margin is then that condition's, not -inf). */
    boolean failedAtMargin() {
        return failureCause == FailureCause.CONDITION_FALSE && sites.slots[failureSite].marginRun == runCount;
    }

    /** The margin condition at slot {@code s} in this run, or null if the site is not one. */
    Margin marginOf(Slot s) {
        return s.marginRun == runCount && s.kind == SiteKind.CONDITION ? new Margin(s.score, s.threshold) : null;
    }

    /**
     * An engine that holds the last run's distributions: this one if it records them, else a recording twin that
     * has just made the same run again (runs are deterministic in their seed and index).
     */
    Engine recorded() {
        if (record) {
            return this;
        }
        if (continued) {
            throw new IllegalStateException("a lean runner does not keep the distributions of a continued or replayed"
                    + " run, and its prefix or choices may have changed since: continue or replay runs on"
                    + " Execution.runner() to read their traces");
        }
        Engine twin = twin();
        twin.execute(seed, runIndex);
        return twin;
    }

    /**
     * The distribution of the observation at which the last run failed: the slot's where this engine records, the
     * one its handlers saw last (the run stops at the site that failed), else the one its recording twin kept when it
     * made the same run again (from the same prefix, for a continued run, as {@link #explained} does) and failed at
     * the same site; null if none of these has it (a replayed run, or a model whose run came out otherwise).
     */
    Dist failedObservation() {
        if (stack != null) {
            return record ? sites.slots[failureSite].prior : handledEvidence;
        }
        return failedSitesDistribution();
    }

    /**
     * The prior of the latent choice at which the last run failed, read as {@link #failedObservation} reads an
     * observation's distribution (without handlers, which see evidence only); null where none of those has it.
     */
    Dist failedLatentPrior() {
        return stack != null && !record ? null : failedSitesDistribution();
    }

    /** The distribution the failed site's slot kept, here or on the recording twin that made the same run again. */
    private Dist failedSitesDistribution() {
        if (record) {
            return sites.slots[failureSite].prior;
        }
        if (continued && lastPrefix == null) {
            return null; // a replayed run
        }
        try {
            Engine twin = sameRunOnTwin(lastPrefix);
            return twin.failureCause != null && twin.failureSite == failureSite
                    ? twin.sites.slots[failureSite].prior : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Engine twin() {
        if (recordingTwin == null) {
            recordingTwin = new Engine(model, guide, guideProgram, handlers, limits, true, false, Rng.forRun(0, 0));
            recordingTwin.relaxedMargins = relaxedMargins;
        }
        return recordingTwin;
    }

    double defensiveAlpha() {
        return mixture == null ? 0 : mixture.alpha;
    }
}
