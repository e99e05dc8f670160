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
 * Executes runs of one model: the {@link Prob} the model talks to. It records every site in reusable columns
 * (so the hot path allocates nothing per site), checks addresses for reuse in O(1) with an open-addressing
 * table, accumulates log p and log q, and stops the run at the first zero weight.
 *
 * <p>Two paths share the columns: a fused one for real, int and boolean sites when no handler is installed
 * (sample, then guide, then accumulate), and the general one that passes a {@link Message} through the handler
 * stack. Tests check that they agree.
 */
final class Engine implements Prob {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

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
    private String[] names = new String[16];
    private int[] indices = new int[16];
    private Address[] scopes = new Address[16];
    private SiteKind[] kinds = new SiteKind[16];
    private ValueKind[] valueKinds = new ValueKind[16];
    private double[] scalars = new double[16];
    private Object[] objects = new Object[16];
    private Dist[] priors = new Dist[16];
    private Dist[] proposals = new Dist[16];
    private double[] logPs = new double[16];
    private double[] logQs = new double[16];
    private int[] hashes = new int[16];
    private boolean[] consumed = new boolean[16];
    /** Per site, the last (proposal, prior) pair whose kind and support were checked: a guide's check is cached. */
    private Dist[] checkedProposals = new Dist[16];
    private Dist[] checkedPriors = new Dist[16];

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
    private double logPriorLatent;
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
        double alpha = 0;
        if (guide instanceof DefensiveGuide) {
            alpha = ((DefensiveGuide) guide).alpha();
        }
        for (Handler h : handlers) {
            if (h instanceof Handlers.GuideHandler && ((Handlers.GuideHandler) h).guide instanceof DefensiveGuide) {
                if (alpha > 0) {
                    throw new IllegalArgumentException("only one whole-run defensive mixture may guide a run");
                }
                alpha = ((DefensiveGuide) ((Handlers.GuideHandler) h).guide).alpha();
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
        } catch (RunAborted aborted) {
            result = null;
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw wrap(e);
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
            throw new ModelException("the guide program's own run failed (" + failureCause + ")", seed, index,
                    n > 0 ? addressAt(n - 1) : null, null);
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new ModelException("the guide program threw " + e, seed, index, n > 0 ? addressAt(n - 1) : null, e);
        } finally {
            active = false;
        }
    }

    private void requireAllConsumed(long seed, long index) {
        for (int i = 0; i < n; i++) {
            if (!consumed[i]) {
                throw new ModelException("the guide program sampled " + addressAt(i)
                        + ", which the model never samples", seed, index, addressAt(i), null);
            }
        }
    }

    private void begin(long seed, long index) {
        this.seed = seed;
        this.runIndex = index;
        this.owner = Thread.currentThread();
        this.active = true;
        this.inGuide = false;
        this.inHandler = false;
        this.scope = null;
        // Only the value objects are cleared: a non-null entry marks a site whose value is an object. Priors and
        // proposals are overwritten when a site is reached and never read beyond n, and a model usually revisits
        // the same sites with the same distributions, so the conditional stores below rarely write at all.
        Object[] objs = objects;
        for (int i = 0; i < n; i++) {
            if (objs[i] != null) {
                objs[i] = null;
            }
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
        // address, kind and kind of value), so the address is known to be fresh and every column but the
        // values already holds what it should.
        if (i < replayed && !indexed && d != null && indices[i] == index && kinds[i] == kind
                && names[i].equals(name) && sameScope(scopes[i], scope) && valueKinds[i] == d.valueKind()) {
            consumed[i] = false;
            logQs[i] = 0;
            n = i + 1;
            return i;
        }
        return enterSlowly(name, index, kind, d);
    }

    /** Validates a site that does not repeat the previous run's, checks its address for reuse and records it. */
    private int enterSlowly(String name, int index, SiteKind kind, Dist d) {
        if (name == null) {
            throw error("a site name is null");
        }
        if (index < Address.NO_INDEX) {
            throw error("site " + name + ": index must be >= 0, got " + index);
        }
        if (d == null && (kind == SiteKind.LATENT || kind == SiteKind.OBSERVED)) {
            throw error("site " + Address.of(scope, name, index) + ": the distribution is null");
        }
        int i = n;
        if (!indexed) {
            // Runs of one model usually visit the same addresses in the same order. While this run repeats the
            // previous one site for site, its sites are distinct because the previous run's were: no hashing and
            // no table. The table is built from the stored hashes at the first divergence or lookup.
            if (i < replayed && indices[i] == index && names[i].equals(name) && sameScope(scopes[i], scope)) {
                if (kinds[i] != kind) {
                    kinds[i] = kind;
                }
                ValueKind vk = d == null ? (kind == SiteKind.CONDITION ? ValueKind.BOOL : ValueKind.REAL)
                        : d.valueKind();
                if (valueKinds[i] != vk) {
                    valueKinds[i] = vk;
                }
                consumed[i] = false;
                logQs[i] = 0;
                n = i + 1;
                return i;
            }
            index();
        }
        int h = Address.hash(scope, name, index);
        if (i == names.length) {
            grow();
        }
        if (2 * (i + 1) > table.length) {
            rehash(table.length * 2);
        }
        int mask = table.length - 1;
        int slot = h & mask;
        while (stamps[slot] == generation) {
            int j = table[slot];
            if (hashes[j] == h && indices[j] == index && names[j].equals(name) && Objects.equals(scopes[j], scope)) {
                throw error("address " + addressAt(j) + " is used twice in one run");
            }
            slot = (slot + 1) & mask;
        }
        stamps[slot] = generation;
        table[slot] = i;
        // Reference stores cost a GC write barrier each; runs of one model revisit the same sites in the same
        // order, so the columns usually already hold these values and a compare replaces the store.
        if (names[i] != name) {
            names[i] = name;
        }
        indices[i] = index;
        if (scopes[i] != scope) {
            scopes[i] = scope;
        }
        if (kinds[i] != kind) {
            kinds[i] = kind;
        }
        ValueKind vk = d == null ? (kind == SiteKind.CONDITION ? ValueKind.BOOL : ValueKind.REAL) : d.valueKind();
        if (valueKinds[i] != vk) {
            valueKinds[i] = vk;
        }
        hashes[i] = h;
        consumed[i] = false;
        logQs[i] = 0;
        n = i + 1;
        return i;
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
            return;
        }
        int mask = capacity - 1;
        for (int j = 0; j < n; j++) {
            int slot = hashes[j] & mask;
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
            if (hashes[j] == h && indices[j] == index && names[j].equals(name) && Objects.equals(scopes[j], inScope)) {
                return j;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private void grow() {
        int c = names.length * 2;
        names = Arrays.copyOf(names, c);
        indices = Arrays.copyOf(indices, c);
        scopes = Arrays.copyOf(scopes, c);
        kinds = Arrays.copyOf(kinds, c);
        valueKinds = Arrays.copyOf(valueKinds, c);
        scalars = Arrays.copyOf(scalars, c);
        objects = Arrays.copyOf(objects, c);
        priors = Arrays.copyOf(priors, c);
        proposals = Arrays.copyOf(proposals, c);
        logPs = Arrays.copyOf(logPs, c);
        logQs = Arrays.copyOf(logQs, c);
        hashes = Arrays.copyOf(hashes, c);
        consumed = Arrays.copyOf(consumed, c);
        checkedProposals = Arrays.copyOf(checkedProposals, c);
        checkedPriors = Arrays.copyOf(checkedPriors, c);
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        stamps = new int[capacity];
        generation = 1;
        int mask = capacity - 1;
        for (int j = 0; j < n; j++) {
            int slot = hashes[j] & mask;
            while (stamps[slot] == generation) {
                slot = (slot + 1) & mask;
            }
            stamps[slot] = generation;
            table[slot] = j;
        }
    }

    Address addressAt(int i) {
        return Address.of(scopes[i], names[i], indices[i]);
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
        if (q != null && checkedProposals[i] == q && checkedPriors[i] == prior) {
            return q; // this site checked the same pair in an earlier run
        }
        if (q == null) {
            throw error("the guide returned null at " + addressAt(n - 1) + "; return the prior to leave a site alone");
        }
        if (q.valueKind() != prior.valueKind() || !q.support().compatibleWith(prior.support())) {
            throw error("the guide's proposal " + q.describe() + " (" + kindName(q) + ", support " + q.support()
                    + ") does not fit the prior " + prior.describe() + " (" + kindName(prior) + ", support "
                    + prior.support() + ") at " + addressAt(n - 1));
        }
        checkedProposals[i] = q;
        checkedPriors[i] = prior;
        return q;
    }

    private static String kindName(Dist d) {
        return d.valueKind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Used by the guide handler: sets the message's proposal from {@code g}. */
    void propose(Message m, Guide g) {
        m.proposal = callGuide(g, m.prior);
    }

    // ---------------------------------------------------------------- the fused path

    private void latentDone(int i, Dist prior, Dist q, double lp, double lq) {
        if (recordDistributions) {
            if (priors[i] != prior) {
                priors[i] = prior;
            }
            if (proposals[i] != q) {
                proposals[i] = q;
            }
        }
        logPs[i] = lp;
        logQs[i] = lq;
        if (q != prior) {
            usedProposal = true;
        }
        if (lp != lp || lq != lq) {
            throw error("log density is NaN at " + addressAt(i) + " (prior " + prior.describe() + ", proposal "
                    + q.describe() + ", value " + Trace.show(valueAt(i)) + ")");
        }
        if (defensiveAlpha > 0) {
            logPriorLatent += lp;
            logGuideLatent += lq;
        }
        logP += lp;
        logQ += lq;
        if (lp == NEG_INF || lp == Double.POSITIVE_INFINITY || lq == Double.POSITIVE_INFINITY
                || (lq == NEG_INF && !followPrior)) {
            fail(i, FailureCause.SUPPORT_VIOLATION);
        }
    }

    private void evidenceDone(int i, Dist d, double lp, boolean continuous) {
        if (recordDistributions && priors[i] != d) {
            priors[i] = d;
        }
        logPs[i] = lp;
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
        if (lp == NEG_INF) {
            fail(i, kinds[i] == SiteKind.CONDITION ? FailureCause.CONDITION_FALSE : FailureCause.ZERO_LIKELIHOOD);
        }
    }

    private void fail(int i, FailureCause cause) {
        failureCause = cause;
        failureSite = i;
        logP = NEG_INF;
        throw RunAborted.INSTANCE;
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
        RealDist q = guide == null ? d : (RealDist) callGuide(guide, d);
        double x = followPrior ? d.sample(rng) : q.sample(rng);
        scalars[i] = x;
        double lp = d.logDensity(x);
        latentDone(i, d, q, lp, q == d ? lp : q.logDensity(x));
        return x;
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
        IntDist q = guide == null ? d : (IntDist) callGuide(guide, d);
        int x = followPrior ? d.sample(rng) : q.sample(rng);
        scalars[i] = x;
        double lp = d.logMass(x);
        latentDone(i, d, q, lp, q == d ? lp : q.logMass(x));
        return x;
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
        BoolDist q = guide == null ? d : (BoolDist) callGuide(guide, d);
        boolean x = followPrior ? d.sample(rng) : q.sample(rng);
        scalars[i] = x ? 1 : 0;
        double lp = d.logMass(x);
        latentDone(i, d, q, lp, q == d ? lp : q.logMass(x));
        return x;
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
        scalars[i] = value;
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
        scalars[i] = value;
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
        scalars[i] = value ? 1 : 0;
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
        objects[i] = value.clone();
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
        objects[i] = value;
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
        objects[i] = values;
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
        objects[i] = Objects.requireNonNull(values, "observed values");
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
        objects[i] = Objects.requireNonNull(values, "observed values");
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
        scalars[i] = logWeight;
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
        scalars[i] = holds ? 1 : 0;
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

    private void guardGuideMode(int i) {
        if (guideMode) {
            throw error("a guide program may only sample and call; " + addressAt(i) + " is "
                    + kinds[i].name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private void dispatchObserved(int i, Dist d, boolean plate) {
        guardGuideMode(i);
        Message m = message;
        m.reset(kinds[i], names[i], indices[i], scopes[i], d);
        m.hasValue = true;
        m.scalar = scalars[i];
        m.object = objects[i];
        m.plate = plate;
        dispatchFrom(i, m);
    }

    private Message dispatch(int i, SiteKind kind, Dist prior) {
        Message m = message;
        m.reset(kind, names[i], indices[i], scopes[i], prior);
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
        kinds[i] = m.kind;
        if (m.kind == SiteKind.LATENT) {
            Dist q = m.proposal == null ? m.prior : m.proposal;
            if (!m.hasValue) {
                draw(m, followPrior ? m.prior : q);
            }
            scalars[i] = m.scalar;
            objects[i] = m.object;
            double lpu = density(m.prior, m);
            double lq = q == m.prior ? lpu : density(q, m);
            m.logP = scaled(lpu, m.scale);
            m.logQ = lq;
            latentDone(i, m.prior, q, m.logP, lq);
        } else {
            scalars[i] = m.scalar;
            objects[i] = m.object;
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
            try {
                evidenceDone(i, m.prior, m.logP, continuous);
            } catch (RunAborted aborted) {
                postprocess(m, processed);
                throw aborted;
            }
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
        g.consumed[j] = true;
        Dist q = g.priors[j];
        if (q.valueKind() != m.prior.valueKind() || !q.support().compatibleWith(m.prior.support())) {
            throw error("the guide program's " + q.describe() + " does not fit the prior " + m.prior.describe()
                    + " at " + m.address());
        }
        m.proposal = q;
        m.scalar = g.scalars[j];
        m.object = g.objects[j];
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
        Object o = objects[i];
        return o instanceof double[] ? ((double[]) o).clone() : boxed(kinds[i], valueKinds[i], scalars[i], o);
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
        return kinds[i];
    }

    double logPAt(int i) {
        return logPs[i];
    }

    double logQAt(int i) {
        return logQs[i];
    }

    Dist priorAt(int i) {
        return priors[i];
    }

    Dist proposalAt(int i) {
        return proposals[i];
    }

    String nameAt(int i) {
        return names[i];
    }

    int indexAt(int i) {
        return indices[i];
    }

    Address scopeAt(int i) {
        return scopes[i];
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

    /** The site being processed, for guides. */
    private final class SiteView implements Site {
        @Override
        public String name() {
            return names[n - 1];
        }

        @Override
        public int index() {
            return indices[n - 1];
        }

        @Override
        public Address scope() {
            return scopes[n - 1];
        }

        @Override
        public SiteKind kind() {
            return kinds[n - 1];
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
            return active && n > 0 && kinds[n - 1] == SiteKind.LATENT && inGuide ? n - 1 : n;
        }

        private int check(int i) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("history position " + i + " outside 0.." + (size() - 1));
            }
            return i;
        }

        private int checkKind(int i, ValueKind vk) {
            check(i);
            if (valueKinds[i] != vk || (objects[i] != null && vk != ValueKind.VECTOR)) {
                throw new IllegalArgumentException("site " + addressAt(i) + " holds "
                        + (objects[i] != null && vk != ValueKind.VECTOR ? "a plate of " : "")
                        + valueKinds[i].name().toLowerCase(java.util.Locale.ROOT) + " values, not "
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
            return names[check(i)];
        }

        @Override
        public int index(int i) {
            return indices[check(i)];
        }

        @Override
        public SiteKind kind(int i) {
            return kinds[check(i)];
        }

        @Override
        public ValueKind valueKind(int i) {
            return valueKinds[check(i)];
        }

        @Override
        public double real(int i) {
            return scalars[checkKind(i, ValueKind.REAL)];
        }

        @Override
        public int integer(int i) {
            return (int) scalars[checkKind(i, ValueKind.INT)];
        }

        @Override
        public boolean bool(int i) {
            return scalars[checkKind(i, ValueKind.BOOL)] != 0;
        }

        @Override
        public double[] vector(int i) {
            return ((double[]) objects[checkKind(i, ValueKind.VECTOR)]).clone();
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
