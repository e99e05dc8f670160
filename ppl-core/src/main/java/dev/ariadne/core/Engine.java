package dev.ariadne.core;

import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.ValueKind;
import dev.ariadne.core.dist.VecDist;
import java.util.Arrays;
import java.util.Objects;

/**
 * Executes runs of one model: the {@link Prob} the model talks to. It records every site in a slot reused from
 * run to run (so the hot path allocates nothing per site), checks addresses for reuse in O(1) with an open-addressing
 * table, accumulates log p and log q, and ends the run at the first site after its weight has become 0.
 *
 * <p>Two paths share the slots: a fused one for real, int and boolean sites when no handler is installed
 * (sample, then guide, then accumulate), and the general one that passes a {@link Message} through the handler
 * stack. Tests check that they agree.
 */
final class Engine implements Prob {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    /** The kinds of scalar latent site, for {@link #latent}: a constant at each call, never a type test. */
    private static final int REAL = 0;
    private static final int INT = 1;
    private static final int BOOL = 2;

    private final Model<?> model;
    private final Guide givenGuide;
    private final boolean recordDistributions;
    private Engine recordingTwin;
    private final Guide guide;
    private final GuideProgram guideProgram;
    private final Handler[] handlers;
    private final boolean general;
    private final double defensiveAlpha;
    private final boolean guideMode;
    private final Engine guideEngine;
    final Rng rng;

    private long seed;
    private long runIndex;
    private Thread owner;
    private boolean active;
    private boolean inGuide;
    private boolean inHandler;
    private Address scope;

    int n;
    /** Per site of the run, reused across runs: the site's address, kinds, value, distributions and scores. */
    private Slot[] slots = newSlots(16, 0, null);
    /** Whether a slot may hold an object value (a vector, an object, a plate): begin then clears them. */
    private boolean objectValues;

    private int[] table = new int[64];
    private int[] stamps = new int[64];
    private int generation;
    /** How many sites the previous run had (all distinct): the prefix this run may repeat without the table. */
    private int replayed;
    /** Whether the table holds this run's sites 0..n-1. */
    private boolean indexed;

    double logP;
    double logQ;
    FailureCause failureCause;
    int failureSite;
    boolean continuousEvidence;
    boolean positiveFactor;
    boolean usedProposal;
    private boolean followPrior;
    /** This run's log p at its latent sites (the prior part of log p) and at its evidence sites (the likelihood). */
    double logPriorLatent;
    double logLikelihood;
    private double logGuideLatent;
    Object result;

    private final Message message = new Message();
    private final SiteView siteView = new SiteView();
    final HistoryView historyView = new HistoryView();

    /**
     * @param record whether each site's prior and proposal are kept, for traces. Keeping them costs a reference
     *               store (and its GC barrier) per site; an engine that does not keep them rebuilds a trace by
     *               running the same run again on a twin that does.
     */
    Engine(Model<?> model, Guide guide, GuideProgram guideProgram, Handler[] handlers, boolean record) {
        this(model, guide, guideProgram, handlers, false, Rng.forRun(0, 0), record);
    }

    private Engine(Model<?> model, Guide guide, GuideProgram guideProgram, Handler[] handlers, boolean guideMode,
                   Rng rng, boolean record) {
        this.model = model;
        this.givenGuide = guide;
        this.recordDistributions = record;
        this.guide = guide == Guide.prior() ? null : guide;
        this.guideProgram = guideProgram;
        this.handlers = handlers.clone();
        this.guideMode = guideMode;
        this.rng = rng;
        this.general = handlers.length > 0 || guideProgram != null || guideMode;
        this.guideEngine = guideProgram == null ? null : new Engine(null, null, null, new Handler[0], true, rng, true);
        double alpha = guide == null ? 0 : guide.wholeRunPriorShare();
        for (Handler h : handlers) {
            double share = h instanceof Handlers.GuideHandler ? ((Handlers.GuideHandler) h).guide.wholeRunPriorShare() : 0;
            if (share > 0) {
                if (alpha > 0) {
                    throw new IllegalArgumentException("only one whole-run defensive mixture may guide a run");
                }
                alpha = share;
            }
        }
        this.defensiveAlpha = alpha;
        message.engine = this;
        message.site = siteView;
        message.history = historyView;
    }

    // ---------------------------------------------------------------- running

    /** Runs the model once as run {@code index} of {@code seed}; results stay in the fields until the next run. */
    void execute(long seed, long index) {
        rng.reset(seed, index);
        begin(seed, index);
        if (guideEngine != null) {
            guideEngine.runGuideProgram(guideProgram, seed, index);
        }
        if (defensiveAlpha > 0) {
            followPrior = rng.nextDouble() < defensiveAlpha;
        }
        for (Handler h : handlers) {
            h.enterRun();
        }
        try {
            result = model.run(this);
            if (failureCause != null) {
                result = null;
            }
        } catch (RunAborted aborted) {
            result = null;
        } catch (RuntimeException | StackOverflowError e) {
            if (failureCause == null) {
                throw e instanceof ModelException ? (ModelException) e : wrap(e);
            }
            result = null; // what a run of weight 0 does after its failing site does not count
        } finally {
            active = false;
            for (Handler h : handlers) {
                h.exitRun();
            }
        }
        if (failureCause == null && defensiveAlpha > 0) {
            double a = Math.log(defensiveAlpha) + logPriorLatent;
            double b = defensiveAlpha == 1 ? NEG_INF : Math.log1p(-defensiveAlpha) + logGuideLatent;
            logQ = logAddExp(a, b);
        }
        if (guideEngine != null && failureCause == null) {
            guideEngine.requireAllConsumed(seed, index);
        }
    }

    private void runGuideProgram(GuideProgram program, long seed, long index) {
        begin(seed, index);
        try {
            program.run(this);
        } catch (RunAborted aborted) {
            // reported below
        } catch (ModelException e) {
            if (failureCause == null) {
                throw e;
            }
        } catch (RuntimeException | StackOverflowError e) {
            if (failureCause == null) {
                throw new ModelException("the guide program threw " + e, seed, index,
                        n > 0 ? addressAt(n - 1) : null, e);
            }
        } finally {
            active = false;
        }
        if (failureCause != null) {
            throw new ModelException("the guide program's own run failed (" + failureCause + ")", seed, index,
                    addressAt(failureSite), null);
        }
    }

    private void requireAllConsumed(long seed, long index) {
        for (int i = 0; i < n; i++) {
            if (!slots[i].consumed) {
                throw new ModelException("the guide program sampled " + addressAt(i)
                        + ", which the model never samples", seed, index, addressAt(i), null);
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
        this.active = true;
        this.inGuide = false;
        this.inHandler = false;
        this.scope = null;
        // Only the value objects are cleared: a non-null entry marks a site whose value is an object. Priors and
        // proposals are overwritten when a site is reached and never read beyond n, and a model usually revisits
        // the same sites with the same distributions, so the conditional stores below rarely write at all.
        if (objectValues || guideMode) {
            Slot[] ss = slots;
            for (int i = 0; i < n; i++) {
                Slot t = ss[i];
                if (t.object != null) {
                    t.object = null;
                }
                t.consumed = false; // the model marks the guide program's sites it consumes
            }
            objectValues = false;
        }
        this.replayed = n;
        this.indexed = false;
        this.n = 0;
        if (++generation == 0) {
            Arrays.fill(stamps, 0);
            generation = 1;
        }
        this.logP = 0;
        this.logQ = 0;
        this.failureCause = null;
        this.failureSite = -1;
        this.continuousEvidence = false;
        this.positiveFactor = false;
        this.usedProposal = false;
        this.followPrior = false;
        this.logPriorLatent = 0;
        this.logLikelihood = 0;
        this.logGuideLatent = 0;
        this.result = null;
    }

    private ModelException wrap(Throwable e) {
        Address last = n > 0 ? addressAt(n - 1) : null;
        String what = inGuide ? "the guide threw " + e + " while proposing at " + last
                : inHandler ? "a handler threw " + e + " at " + last : "the model threw " + e;
        return new ModelException(what, seed, runIndex, last, e);
    }

    private ModelException error(String message) {
        return new ModelException(message, seed, runIndex, n > 0 ? addressAt(n - 1) : null, null);
    }

    // ---------------------------------------------------------------- sites

    private int enter(String name, int index, SiteKind kind, Dist d) {
        if (!active || Thread.currentThread() != owner) {
            throw misuse();
        }
        int i = n;
        // The hot path, kept small enough to inline: this run repeats the previous run's site i exactly (same
        // address, kind and kind of value), so the address is known to be fresh and the slot holds all but the
        // value and scores already.
        if (i < replayed && !indexed) {
            Slot s = slots[i];
            // A factor's or condition's kind of value follows from its kind; other sites must have a distribution.
            if (s.index == index && s.kind == kind && s.name.equals(name) && sameScope(s.scope, scope)
                    && (d != null ? s.valueKind == d.valueKind()
                            : kind == SiteKind.FACTOR || kind == SiteKind.CONDITION)) {
                n = i + 1;
                return i;
            }
        }
        // Only the distribution's kind of value goes on: an observation's distribution, often made at the site,
        // then does not escape into this call and C2 can leave it unallocated.
        return enterSlowly(name, index, kind, d == null ? null : d.valueKind());
    }

    /**
     * Validates a site that does not repeat the previous run's, checks its address for reuse and records it.
     * {@code valueKind} is the distribution's, null for a site without one.
     */
    private int enterSlowly(String name, int index, SiteKind kind, ValueKind valueKind) {
        if (failureCause != null) {
            throw RunAborted.INSTANCE;
        }
        if (name == null) {
            throw error("a site name is null");
        }
        if (index < Address.NO_INDEX) {
            throw error("site " + name + ": index must be >= 0, got " + index);
        }
        if (valueKind == null && (kind == SiteKind.LATENT || kind == SiteKind.OBSERVED)) {
            throw error("site " + Address.of(scope, name, index) + ": the distribution is null");
        }
        int i = n;
        if (!indexed) {
            // Runs of one model usually visit the same addresses in the same order. While this run repeats the
            // previous one site for site, its sites are distinct because the previous run's were: no hashing and
            // no table. The table is built from the stored hashes at the first divergence or lookup.
            Slot s = i < replayed ? slots[i] : null;
            if (s != null && s.index == index && s.name.equals(name) && sameScope(s.scope, scope)) {
                if (s.kind != kind) {
                    s.kind = kind;
                }
                ValueKind vk = valueKindOf(kind, valueKind);
                if (s.valueKind != vk) {
                    s.valueKind = vk;
                }
                n = i + 1;
                return i;
            }
            index();
        }
        int h = Address.hash(scope, name, index);
        if (i == slots.length) {
            grow();
        }
        if (2 * (i + 1) > table.length) {
            rehash(table.length * 2);
        }
        int mask = table.length - 1;
        int slot = h & mask;
        while (stamps[slot] == generation) {
            Slot t = slots[table[slot]];
            if (t.isAt(h, scope, name, index)) {
                throw error("address " + t.address() + " is used twice in one run");
            }
            slot = (slot + 1) & mask;
        }
        stamps[slot] = generation;
        table[slot] = i;
        // Reference stores cost a GC write barrier each; runs of one model revisit the same sites in the same
        // order, so the slots usually already hold these values and a compare replaces the store.
        Slot s = slots[i];
        if (s.name != name) {
            s.name = name;
        }
        s.index = index;
        if (s.scope != scope) {
            s.scope = scope;
        }
        if (s.kind != kind) {
            s.kind = kind;
        }
        ValueKind vk = valueKindOf(kind, valueKind);
        if (s.valueKind != vk) {
            s.valueKind = vk;
        }
        s.hash = h;
        n = i + 1;
        return i;
    }

    /** A site's kind of value: its distribution's, or for a factor a real (its log weight), for a condition a bool. */
    private static ValueKind valueKindOf(SiteKind kind, ValueKind ofDistribution) {
        if (ofDistribution != null) {
            return ofDistribution;
        }
        return kind == SiteKind.CONDITION ? ValueKind.BOOL : ValueKind.REAL;
    }

    private IllegalStateException misuse() {
        if (!active) {
            return new IllegalStateException("this Prob belongs to a run that has ended (run " + runIndex + " of seed "
                    + seed + "); a model must not keep its Prob after returning");
        }
        return new IllegalStateException("this Prob belongs to a run on thread " + owner.getName()
                + " and was used from thread " + Thread.currentThread().getName());
    }

    private static boolean sameScope(Address a, Address b) {
        return a == b || (a != null && a.equals(b));
    }

    /** Puts this run's sites so far into the address table, which the fast path of {@link #enter} leaves empty. */
    private void index() {
        indexed = true;
        int capacity = table.length;
        while (2 * (n + 1) > capacity) {
            capacity *= 2;
        }
        if (capacity != table.length) {
            rehash(capacity);
        } else {
            insertSites();
        }
    }

    /** Puts sites 0..n-1 into the address table of the current generation, by their stored hashes. */
    private void insertSites() {
        int mask = table.length - 1;
        for (int j = 0; j < n; j++) {
            int slot = slots[j].hash & mask;
            while (stamps[slot] == generation) {
                slot = (slot + 1) & mask;
            }
            stamps[slot] = generation;
            table[slot] = j;
        }
    }

    private int lookup(Address inScope, String name, int index) {
        if (!indexed) {
            index();
        }
        int h = Address.hash(inScope, name, index);
        int mask = table.length - 1;
        int slot = h & mask;
        while (stamps[slot] == generation) {
            int j = table[slot];
            if (slots[j].isAt(h, inScope, name, index)) {
                return j;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        slots = newSlots(slots.length * 2, slots.length, slots);
    }

    private static Slot[] newSlots(int capacity, int keep, Slot[] old) {
        Slot[] a = old == null ? new Slot[capacity] : Arrays.copyOf(old, capacity);
        for (int i = keep; i < capacity; i++) {
            a[i] = new Slot();
        }
        return a;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        stamps = new int[capacity];
        generation = 1;
        insertSites();
    }

    Address addressAt(int i) {
        return slots[i].address();
    }

    /** Asks the guide for the proposal at the current site and checks that it fits the prior. */
    private Dist callGuide(Guide g, Dist prior) {
        inGuide = true;
        Dist q = g.propose(siteView, prior, historyView);
        inGuide = false;
        if (q == prior) {
            return q;
        }
        int i = n - 1;
        Slot s = slots[i];
        if (q == null || s.checkedProposal != q || s.checkedPrior != prior) {
            checkProposal(i, q, prior);
        }
        return q;
    }

    /**
     * Checks that the guide's proposal {@code q} at site {@code i} is a distribution of the prior's kind on a
     * compatible support, and remembers the pair so that later runs skip the check.
     */
    private void checkProposal(int i, Dist q, Dist prior) {
        if (q == null) {
            throw error("the guide returned null at " + addressAt(i) + "; return the prior to leave a site alone");
        }
        if (q.valueKind() != prior.valueKind() || !q.support().compatibleWith(prior.support())) {
            throw error("the guide's proposal " + q.describe() + " (" + kindName(q) + ", support " + q.support()
                    + ") does not fit the prior " + prior.describe() + " (" + kindName(prior) + ", support "
                    + prior.support() + ") at " + addressAt(i));
        }
        Slot s = slots[i];
        s.checkedProposal = q;
        s.checkedPrior = prior;
    }

    private static String kindName(Dist d) {
        return d.valueKind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Used by the guide handler: sets the message's proposal from {@code g}. */
    void propose(Message m, Guide g) {
        m.proposal = callGuide(g, m.prior);
    }

    // ---------------------------------------------------------------- the fused path

    /** Records the latent site {@code i}'s scores and distributions, and adds its scores to the run's. */
    private void latentDone(int i, Dist prior, Dist q, double lp, double lq) {
        Slot s = slots[i];
        if (recordDistributions) {
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
            throw nanDensity(i, prior, q);
        }
        logPriorLatent += lp;
        if (defensiveAlpha > 0) {
            logGuideLatent += lq;
        }
        logP += lp;
        logQ += lq;
        if (lp == NEG_INF || lp == Double.POSITIVE_INFINITY || lq == Double.POSITIVE_INFINITY
                || (lq == NEG_INF && !followPrior)) {
            fail(i, FailureCause.SUPPORT_VIOLATION);
        }
    }

    /**
     * The fused path at the latent scalar site {@code i} (real, int or boolean) with prior {@code d}: asks the
     * guide, draws, scores the value under prior and proposal, and records it. Returns the value (an int
     * exactly, a boolean as 1 or 0).
     *
     * <p>One method for the three kinds, with the guide's call written out in it, on purpose: at more than 325
     * bytes of bytecode HotSpot's C2 does not inline it (FreqInlineSize; a test keeps it so), so every sample site
     * of a model calls one compiled body. Inlined at each site, the samplers (a ziggurat with its tails) and the
     * bookkeeping used up the compiler's inlining budget after two or three sites, and the model's own arithmetic
     * was then left uninlined and allocating: linreg ran 3 to 5 times slower in about half of all JVM starts.
     */
    private double latent(int i, Dist d, int kind) {
        Slot s = slots[i];
        Dist q = d;
        if (guide != null) {
            inGuide = true;
            q = guide.propose(siteView, d, historyView);
            inGuide = false;
            if (q != d && (q == null || s.checkedProposal != q || s.checkedPrior != d)) {
                checkProposal(i, q, d);
            }
        }
        Dist from = followPrior ? d : q;
        double x;
        double lp;
        double lq;
        if (kind == REAL) {
            RealDist p = (RealDist) d;
            x = ((RealDist) from).sample(rng);
            lp = p.logDensity(x);
            lq = q == d ? lp : ((RealDist) q).logDensity(x);
        } else if (kind == INT) {
            IntDist p = (IntDist) d;
            int k = ((IntDist) from).sample(rng);
            x = k;
            lp = p.logMass(k);
            lq = q == d ? lp : ((IntDist) q).logMass(k);
        } else {
            BoolDist p = (BoolDist) d;
            boolean b = ((BoolDist) from).sample(rng);
            x = b ? 1 : 0;
            lp = p.logMass(b);
            lq = q == d ? lp : ((BoolDist) q).logMass(b);
        }
        s.scalar = x;
        latentDone(i, d, q, lp, lq);
        return x;
    }

    private ModelException nanDensity(int i, Dist prior, Dist q) {
        return error("log density is NaN at " + addressAt(i) + " (prior " + prior.describe() + ", proposal "
                + q.describe() + ", value " + Trace.show(valueAt(i)) + ")");
    }

    private void evidenceDone(int i, Dist d, double lp, boolean continuous) {
        Slot s = slots[i];
        if (recordDistributions && s.prior != d) {
            s.prior = d;
        }
        s.logP = lp;
        s.logQ = 0;
        if (continuous) {
            continuousEvidence = true;
        }
        if (lp != lp) {
            throw error("log density is NaN at " + addressAt(i) + " (" + (d == null ? "factor" : d.describe())
                    + ", value " + Trace.show(valueAt(i)) + ")");
        }
        if (lp == Double.POSITIVE_INFINITY) {
            throw error("infinite log density at " + addressAt(i) + " (" + (d == null ? "factor" : d.describe())
                    + ", value " + Trace.show(valueAt(i)) + ")");
        }
        logP += lp;
        logLikelihood += lp;
        if (lp == NEG_INF) {
            fail(i, s.kind == SiteKind.CONDITION ? FailureCause.CONDITION_FALSE : FailureCause.ZERO_LIKELIHOOD);
        }
    }

    /**
     * Marks the run as failed at site {@code i}: its weight is 0. The run is not unwound here but at its next
     * site, which {@link #enterSlowly} refuses; a model whose failing site is its last (a final condition, as
     * in rejection-style models) thus returns normally, without the cost of unwinding an exception through the
     * model's frames (measured at 100 to 150 ns a run).
     */
    private void fail(int i, FailureCause cause) {
        failureCause = cause;
        failureSite = i;
        logP = NEG_INF;
        replayed = 0; // sends the next site to enterSlowly
    }

    @Override
    public double sample(String name, RealDist d) {
        return sample(name, Address.NO_INDEX, d);
    }

    @Override
    public double sample(String name, int index, RealDist d) {
        int i = enter(name, index, SiteKind.LATENT, d);
        if (general) {
            return dispatch(i, SiteKind.LATENT, d).scalar;
        }
        return latent(i, d, REAL);
    }

    @Override
    public int sample(String name, IntDist d) {
        return sample(name, Address.NO_INDEX, d);
    }

    @Override
    public int sample(String name, int index, IntDist d) {
        int i = enter(name, index, SiteKind.LATENT, d);
        if (general) {
            return (int) dispatch(i, SiteKind.LATENT, d).scalar;
        }
        return (int) latent(i, d, INT);
    }

    @Override
    public boolean sample(String name, BoolDist d) {
        return sample(name, Address.NO_INDEX, d);
    }

    @Override
    public boolean sample(String name, int index, BoolDist d) {
        int i = enter(name, index, SiteKind.LATENT, d);
        if (general) {
            return dispatch(i, SiteKind.LATENT, d).scalar != 0;
        }
        return latent(i, d, BOOL) != 0;
    }

    @Override
    public double[] sample(String name, VecDist d) {
        return sample(name, Address.NO_INDEX, d);
    }

    @Override
    public double[] sample(String name, int index, VecDist d) {
        int i = enter(name, index, SiteKind.LATENT, d);
        return ((double[]) dispatch(i, SiteKind.LATENT, d).object).clone();
    }

    @Override
    public <T> T sample(String name, ObjDist<T> d) {
        return sample(name, Address.NO_INDEX, d);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T sample(String name, int index, ObjDist<T> d) {
        int i = enter(name, index, SiteKind.LATENT, d);
        return (T) dispatch(i, SiteKind.LATENT, d).object;
    }

    @Override
    public void observe(String name, RealDist d, double value) {
        observe(name, Address.NO_INDEX, d, value);
    }

    @Override
    public void observe(String name, int index, RealDist d, double value) {
        int i = enter(name, index, SiteKind.OBSERVED, d);
        if (value != value) {
            throw error("observed value is NaN at " + addressAt(i) + " (" + d.describe() + ")");
        }
        slots[i].scalar = value;
        if (general) {
            dispatchObserved(i, d, false);
            return;
        }
        evidenceDone(i, d, d.logDensity(value), true);
    }

    @Override
    public void observe(String name, IntDist d, int value) {
        observe(name, Address.NO_INDEX, d, value);
    }

    @Override
    public void observe(String name, int index, IntDist d, int value) {
        int i = enter(name, index, SiteKind.OBSERVED, d);
        slots[i].scalar = value;
        if (general) {
            dispatchObserved(i, d, false);
            return;
        }
        evidenceDone(i, d, d.logMass(value), false);
    }

    @Override
    public void observe(String name, BoolDist d, boolean value) {
        observe(name, Address.NO_INDEX, d, value);
    }

    @Override
    public void observe(String name, int index, BoolDist d, boolean value) {
        int i = enter(name, index, SiteKind.OBSERVED, d);
        slots[i].scalar = value ? 1 : 0;
        if (general) {
            dispatchObserved(i, d, false);
            return;
        }
        evidenceDone(i, d, d.logMass(value), false);
    }

    @Override
    public void observe(String name, VecDist d, double[] value) {
        observe(name, Address.NO_INDEX, d, value);
    }

    @Override
    public void observe(String name, int index, VecDist d, double[] value) {
        int i = enter(name, index, SiteKind.OBSERVED, d);
        if (value == null) {
            throw error("observed value is null at " + addressAt(i));
        }
        holdObject(i, value.clone());
        dispatchObserved(i, d, false);
    }

    @Override
    public <T> void observe(String name, ObjDist<T> d, T value) {
        observe(name, Address.NO_INDEX, d, value);
    }

    @Override
    public <T> void observe(String name, int index, ObjDist<T> d, T value) {
        int i = enter(name, index, SiteKind.OBSERVED, d);
        if (value == null) {
            throw error("observed value is null at " + addressAt(i));
        }
        holdObject(i, value);
        dispatchObserved(i, d, false);
    }

    @Override
    public void observeAll(String name, RealDist d, double[] values) {
        observeAll(name, Address.NO_INDEX, d, values);
    }

    @Override
    public void observeAll(String name, int index, RealDist d, double[] values) {
        int i = enter(name, index, SiteKind.OBSERVED, d);
        for (double v : Objects.requireNonNull(values, "observed values")) {
            if (v != v) {
                throw error("an observed value is NaN in the plate " + addressAt(i) + " (" + d.describe() + ")");
            }
        }
        holdObject(i, values);
        if (general) {
            dispatchObserved(i, d, true);
            return;
        }
        evidenceDone(i, d, plateLogDensity(d, values), true);
    }

    @Override
    public void observeAll(String name, IntDist d, int[] values) {
        observeAll(name, Address.NO_INDEX, d, values);
    }

    @Override
    public void observeAll(String name, int index, IntDist d, int[] values) {
        int i = enter(name, index, SiteKind.OBSERVED, d);
        holdObject(i, Objects.requireNonNull(values, "observed values"));
        if (general) {
            dispatchObserved(i, d, true);
            return;
        }
        evidenceDone(i, d, plateLogDensity(d, values), false);
    }

    @Override
    public void observeAll(String name, BoolDist d, boolean[] values) {
        observeAll(name, Address.NO_INDEX, d, values);
    }

    @Override
    public void observeAll(String name, int index, BoolDist d, boolean[] values) {
        int i = enter(name, index, SiteKind.OBSERVED, d);
        holdObject(i, Objects.requireNonNull(values, "observed values"));
        if (general) {
            dispatchObserved(i, d, true);
            return;
        }
        evidenceDone(i, d, plateLogDensity(d, values), false);
    }

    private static double plateLogDensity(RealDist d, double[] values) {
        double s = 0;
        for (double v : values) {
            s += d.logDensity(v);
        }
        return s;
    }

    private static double plateLogDensity(IntDist d, int[] values) {
        double s = 0;
        for (int v : values) {
            s += d.logMass(v);
        }
        return s;
    }

    private static double plateLogDensity(BoolDist d, boolean[] values) {
        double s = 0;
        for (boolean v : values) {
            s += d.logMass(v);
        }
        return s;
    }

    @Override
    public void factor(String name, double logWeight) {
        factor(name, Address.NO_INDEX, logWeight);
    }

    @Override
    public void factor(String name, int index, double logWeight) {
        int i = enter(name, index, SiteKind.FACTOR, null);
        if (logWeight != logWeight || logWeight == Double.POSITIVE_INFINITY) {
            throw error("factor " + addressAt(i) + ": the log weight must be finite or -inf, got " + logWeight);
        }
        slots[i].scalar = logWeight;
        if (logWeight > 0) {
            positiveFactor = true;
        }
        if (general) {
            dispatchObserved(i, null, false);
            return;
        }
        evidenceDone(i, null, logWeight, false);
    }

    @Override
    public void condition(String name, boolean holds) {
        condition(name, Address.NO_INDEX, holds);
    }

    @Override
    public void condition(String name, int index, boolean holds) {
        int i = enter(name, index, SiteKind.CONDITION, null);
        slots[i].scalar = holds ? 1 : 0;
        if (general) {
            dispatchObserved(i, null, false);
            return;
        }
        evidenceDone(i, null, holds ? 0 : NEG_INF, false);
    }

    @Override
    public <U> U call(String scopeName, Model<U> sub) {
        return call(scopeName, Address.NO_INDEX, sub);
    }

    @Override
    public <U> U call(String scopeName, int index, Model<U> sub) {
        Address outer = enterScope(scopeName, index);
        try {
            return sub.run(this);
        } finally {
            scope = outer;
        }
    }

    @Override
    public void scoped(String scopeName, Block block) {
        scoped(scopeName, Address.NO_INDEX, block);
    }

    @Override
    public void scoped(String scopeName, int index, Block block) {
        Address outer = enterScope(scopeName, index);
        try {
            block.run(this);
        } finally {
            scope = outer;
        }
    }

    private Address enterScope(String scopeName, int index) {
        if (!active || Thread.currentThread() != owner) {
            throw misuse();
        }
        if (scopeName == null) {
            throw error("a scope name is null");
        }
        if (index < Address.NO_INDEX) {
            throw error("scope " + scopeName + ": index must be >= 0, got " + index);
        }
        Address outer = scope;
        scope = Address.of(outer, scopeName, index);
        return outer;
    }

    // ---------------------------------------------------------------- the general path

    /** Puts an object value (a vector, an object, a plate, or null) in site i's slot. */
    private void holdObject(int i, Object value) {
        slots[i].object = value;
        objectValues = true;
    }

    private void guardGuideMode(int i) {
        if (guideMode) {
            throw error("a guide program may only sample and call; " + addressAt(i) + " is "
                    + slots[i].kind.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void dispatchObserved(int i, Dist d, boolean plate) {
        guardGuideMode(i);
        Message m = message;
        Slot s = slots[i];
        m.reset(s.kind, s.name, s.index, s.scope, d);
        m.hasValue = true;
        m.scalar = s.scalar;
        m.object = s.object;
        m.plate = plate;
        dispatchFrom(i, m);
    }

    private Message dispatch(int i, SiteKind kind, Dist prior) {
        Message m = message;
        Slot s = slots[i];
        m.reset(kind, s.name, s.index, s.scope, prior);
        return dispatchFrom(i, m);
    }

    private Message dispatchFrom(int i, Message m) {
        int processed = 0;
        inHandler = true;
        for (Handler h : handlers) {
            processed++;
            h.process(m);
            if (m.stop) {
                break;
            }
        }
        inHandler = false;
        if (!m.stop && m.kind == SiteKind.LATENT && !m.hasValue && m.proposal == null) {
            if (guideEngine != null) {
                replayGuideProgram(m);
            } else if (guide != null) {
                m.proposal = callGuide(guide, m.prior);
            }
        }
        slots[i].kind = m.kind;
        if (m.kind == SiteKind.LATENT) {
            Dist q = m.proposal == null ? m.prior : m.proposal;
            if (!m.hasValue) {
                draw(m, followPrior ? m.prior : q);
            }
            slots[i].scalar = m.scalar;
            holdObject(i, m.object);
            double lpu = density(m.prior, m);
            double lq = q == m.prior ? lpu : density(q, m);
            m.logP = scaled(lpu, m.scale);
            m.logQ = lq;
            latentDone(i, m.prior, q, m.logP, lq);
        } else {
            slots[i].scalar = m.scalar;
            holdObject(i, m.object);
            double lp;
            if (m.kind == SiteKind.FACTOR) {
                lp = m.scalar;
            } else if (m.kind == SiteKind.CONDITION) {
                lp = m.scalar != 0 ? 0 : NEG_INF;
            } else {
                lp = m.plate ? plateDensity(m.prior, m.object) : density(m.prior, m);
            }
            m.logP = scaled(lp, m.scale);
            boolean continuous = m.kind == SiteKind.OBSERVED && m.prior.valueKind() != ValueKind.INT
                    && m.prior.valueKind() != ValueKind.BOOL;
            evidenceDone(i, m.prior, m.logP, continuous);
        }
        postprocess(m, processed);
        return m;
    }

    private void postprocess(Message m, int processed) {
        inHandler = true;
        for (int k = processed - 1; k >= 0; k--) {
            handlers[k].postprocess(m);
        }
        inHandler = false;
    }

    private void replayGuideProgram(Message m) {
        Engine g = guideEngine;
        int j = g.lookup(m.scope, m.name, m.index);
        if (j < 0) {
            return;
        }
        Slot s = g.slots[j];
        s.consumed = true;
        Dist q = s.prior;
        if (q.valueKind() != m.prior.valueKind() || !q.support().compatibleWith(m.prior.support())) {
            throw error("the guide program's " + q.describe() + " does not fit the prior " + m.prior.describe()
                    + " at " + m.address());
        }
        m.proposal = q;
        m.scalar = s.scalar;
        m.object = s.object;
        m.hasValue = true;
    }

    private static double scaled(double lp, double scale) {
        if (scale == 1 || lp == NEG_INF) {
            return lp;
        }
        return scale * lp;
    }

    private void draw(Message m, Dist source) {
        switch (source.valueKind()) {
            case REAL:
                m.scalar = ((RealDist) source).sample(rng);
                break;
            case INT:
                m.scalar = ((IntDist) source).sample(rng);
                break;
            case BOOL:
                m.scalar = ((BoolDist) source).sample(rng) ? 1 : 0;
                break;
            case VECTOR:
                m.object = ((VecDist) source).sample(rng);
                break;
            default:
                m.object = ((ObjDist<?>) source).sample(rng);
        }
        m.hasValue = true;
    }

    @SuppressWarnings("unchecked")
    static double density(Dist d, Message m) {
        switch (d.valueKind()) {
            case REAL:
                return ((RealDist) d).logDensity(m.scalar);
            case INT:
                return ((IntDist) d).logMass((int) m.scalar);
            case BOOL:
                return ((BoolDist) d).logMass(m.scalar != 0);
            case VECTOR:
                return ((VecDist) d).logDensity((double[]) m.object);
            default:
                return ((ObjDist<Object>) d).logDensity(m.object);
        }
    }

    private static double plateDensity(Dist d, Object values) {
        if (values instanceof double[]) {
            return plateLogDensity((RealDist) d, (double[]) values);
        }
        if (values instanceof int[]) {
            return plateLogDensity((IntDist) d, (int[]) values);
        }
        return plateLogDensity((BoolDist) d, (boolean[]) values);
    }

    static FailureCause causeOf(SiteKind kind) {
        switch (kind) {
            case LATENT:
                return FailureCause.SUPPORT_VIOLATION;
            case CONDITION:
                return FailureCause.CONDITION_FALSE;
            default:
                return FailureCause.ZERO_LIKELIHOOD;
        }
    }

    static double logAddExp(double a, double b) {
        if (a == NEG_INF) {
            return b;
        }
        if (b == NEG_INF) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    // ---------------------------------------------------------------- reading the last run

    /**
     * An engine that holds the last run's distributions: this one if it records them, else a recording twin that
     * has just made the same run again (runs are deterministic in their seed and index).
     */
    Engine recorded() {
        if (recordDistributions) {
            return this;
        }
        if (recordingTwin == null) {
            recordingTwin = new Engine(model, givenGuide, guideProgram, handlers, true);
        }
        recordingTwin.execute(seed, runIndex);
        return recordingTwin;
    }

    Object valueAt(int i) {
        Slot s = slots[i];
        Object o = s.object;
        return o instanceof double[] ? ((double[]) o).clone() : boxed(s.kind, s.valueKind, s.scalar, o);
    }

    /**
     * A site's value, boxed: the object when there is one, a factor's log weight, whether a condition held, or
     * the scalar as Integer, Boolean or Double by the value kind.
     */
    static Object boxed(SiteKind kind, ValueKind valueKind, double scalar, Object object) {
        if (object != null) {
            return object;
        }
        if (kind == SiteKind.FACTOR) {
            return scalar;
        }
        if (kind == SiteKind.CONDITION) {
            return scalar != 0;
        }
        switch (valueKind) {
            case INT:
                return (int) scalar;
            case BOOL:
                return scalar != 0;
            default:
                return scalar;
        }
    }

    SiteKind kindAt(int i) {
        return slots[i].kind;
    }

    double logPAt(int i) {
        return slots[i].logP;
    }

    double logQAt(int i) {
        return slots[i].logQ;
    }

    Dist priorAt(int i) {
        return slots[i].prior;
    }

    Dist proposalAt(int i) {
        return slots[i].proposal;
    }

    String nameAt(int i) {
        return slots[i].name;
    }

    int indexAt(int i) {
        return slots[i].index;
    }

    Address scopeAt(int i) {
        return slots[i].scope;
    }

    long seed() {
        return seed;
    }

    long runIndex() {
        return runIndex;
    }

    double defensiveAlpha() {
        return defensiveAlpha;
    }

    /**
     * One site of the run, kept across runs: a run that repeats the previous run's sites finds each slot already
     * holding its address and kinds, and overwrites only the value and scores. One object per site rather than
     * one array per field, so that a site costs one array access and one bounds check, not one per field.
     */
    private static final class Slot {
        String name;
        int index;
        Address scope;
        SiteKind kind;
        ValueKind valueKind;
        double scalar;
        Object object;
        Dist prior;
        Dist proposal;
        double logP;
        double logQ;
        int hash;
        boolean consumed;
        /** The last (proposal, prior) pair whose kinds and supports were checked here: a guide's check is cached. */
        Dist checkedProposal;
        Dist checkedPrior;

        Address address() {
            return Address.of(scope, name, index);
        }

        /** Whether this slot holds the address with this hash, scope, name and index. */
        boolean isAt(int addressHash, Address inScope, String siteName, int siteIndex) {
            return hash == addressHash && index == siteIndex && name.equals(siteName) && Objects.equals(scope, inScope);
        }
    }

    /** The site being processed, for guides. */
    private final class SiteView implements Site {
        @Override
        public String name() {
            return slots[n - 1].name;
        }

        @Override
        public int index() {
            return slots[n - 1].index;
        }

        @Override
        public Address scope() {
            return slots[n - 1].scope;
        }

        @Override
        public SiteKind kind() {
            return slots[n - 1].kind;
        }

        @Override
        public Address address() {
            return addressAt(n - 1);
        }

        @Override
        public String toString() {
            return address().toString();
        }
    }

    /** The read-only view of the run so far. */
    final class HistoryView implements History {
        @Override
        public int size() {
            return active && n > 0 && slots[n - 1].kind == SiteKind.LATENT && inGuide ? n - 1 : n;
        }

        private int check(int i) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("history position " + i + " outside 0.." + (size() - 1));
            }
            return i;
        }

        private int checkKind(int i, ValueKind vk) {
            Slot s = slots[check(i)];
            boolean plate = s.object != null && vk != ValueKind.VECTOR;
            if (s.valueKind != vk || plate) {
                throw new IllegalArgumentException("site " + addressAt(i) + " holds " + (plate ? "a plate of " : "")
                        + s.valueKind.name().toLowerCase(java.util.Locale.ROOT) + " values, not "
                        + vk.name().toLowerCase(java.util.Locale.ROOT));
            }
            return i;
        }

        @Override
        public Address address(int i) {
            return addressAt(check(i));
        }

        @Override
        public String name(int i) {
            return slots[check(i)].name;
        }

        @Override
        public int index(int i) {
            return slots[check(i)].index;
        }

        @Override
        public SiteKind kind(int i) {
            return slots[check(i)].kind;
        }

        @Override
        public ValueKind valueKind(int i) {
            return slots[check(i)].valueKind;
        }

        @Override
        public double real(int i) {
            return slots[checkKind(i, ValueKind.REAL)].scalar;
        }

        @Override
        public int integer(int i) {
            return (int) slots[checkKind(i, ValueKind.INT)].scalar;
        }

        @Override
        public boolean bool(int i) {
            return slots[checkKind(i, ValueKind.BOOL)].scalar != 0;
        }

        @Override
        public double[] vector(int i) {
            return ((double[]) slots[checkKind(i, ValueKind.VECTOR)].object).clone();
        }

        @Override
        public Object value(int i) {
            return valueAt(check(i));
        }

        @Override
        public int find(String name, int index) {
            int j = lookup(scope, name, index);
            return j < size() ? j : -1;
        }

        @Override
        public int find(Address address) {
            int j = lookup(address.scope(), address.name(), address.index());
            return j < size() ? j : -1;
        }
    }
}
