package dev.ariadne.core;

import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.ValueKind;
import dev.ariadne.core.dist.VecDist;
import java.util.Objects;

/**
 * The public forms of {@link Prob}, and the part of each site that depends on its kind of value. Each
 * un-indexed form passes {@link Address#NO_INDEX}; each indexed form passes its index after checking that it is not
 * negative (so that {@code p.sample("x", -1, d)} is refused like {@code -2}, and is never the un-indexed {@code x}).
 * A sample site is entered and handed to {@link #latent} with its kind as a constant; an observation's value is
 * checked, kept in the site's slot and scored by its distribution's own method, then handed to {@link #evidence}.
 * Factors and conditions keep their value and what they say of the run (a positive factor, the least margin).
 * What every site does is the engine's ({@link Engine}), as are scopes.
 *
 * <p>The engine is the only subclass, so HotSpot binds and inlines these calls.
 */
abstract class ProbOverloads implements Prob {

    /** The kinds of latent site, for {@link #latent}: a constant at each call, never a type test. */
    static final int REAL = 0;
    static final int INT = 1;
    static final int BOOL = 2;
    static final int VECTOR = 3;
    static final int OBJECT = 4;

    /** The run's sites: addresses, values and scores, one slot per site, reused from run to run. */
    final SiteTable sites = new SiteTable();
    /** How many runs have begun: marks the slots written by this run's margin conditions. */
    long runCount;
    /** The least score - threshold of this run's margin conditions; +inf before the first. */
    double margin;
    /** Whether a margin condition that does not hold leaves the weight alone (set once, for rare-event runs). */
    boolean relaxedMargins;
    /** Whether this run had a factor with a positive log weight (its weight can exceed 1). */
    boolean positiveFactor;

    /**
     * How a real, int or bool latent site is taken, read once per site: {@link #GENERAL} ({@link #latent}), or the
     * direct path, where its distribution never leaves the site's own code: no handlers, no guide program, a runner
     * that keeps no distributions, and no guide ({@link #PRIOR}) or one that proposes without the prior
     * ({@link #GUIDED}, {@link Guide#withoutPrior()}). A distribution made at such a site is then never allocated once
     * the model is compiled. A guide that reads the prior takes {@link #PROPOSING}, where the prior is handed to it. Set by the engine: once, to {@link #CONTINUED} for a continued run on the direct path,
     * and to {@link #FOLLOWING} or back to {@link #GUIDED} at each run of a whole-run defensive mixture. A guided site
     * of an ordinary run thus tests this one field once and makes one call ({@link #proposed}, which enters the site),
     * and a site on the prior's path tests it once before its entry.
     */
    int path;
    static final int GENERAL = 0;
    /** The direct path without a guide: the prior draws. */
    static final int PRIOR = 1;
    /** The direct path with a guide, asked at each site ({@link #proposed}). */
    static final int GUIDED = 2;
    /** A continued run on the direct path: its prefix's sites replayed, each later one at {@link #proposedUnusually}. */
    static final int CONTINUED = 3;
    /**
     * A run on the direct path with a guide that follows the prior, as a whole-run defensive mixture's runs do with
     * the prior's share: the guide is asked at each site for its log q ({@link #proposedUnusually}), the prior draws.
     */
    static final int FOLLOWING = 4;
    /**
     * The direct path with a guide that reads the prior ({@code Guide.real}, {@code integer}, {@code bool}, or any
     * guide with no {@link Guide#withoutPrior()}): a real, int or bool site enters out of line and hands its prior to
     * {@link #proposedWithPrior}, where the guide is asked. The prior then leaves the site (it is allocated); the rest
     * of the site is the direct path's. A whole-run defensive mixture of such a guide, and continued runs, take
     * {@link #GENERAL}.
     */
    static final int PROPOSING = 5;
    /** The run's random stream. */
    Rng rng;
    /**
     * In a continued run ({@link Runner#continueRun}): the number of sites its prefix replays; 0 in every other run,
     * so the test at a latent site's start never holds there.
     */
    int replayed;
    /**
     * The latent site at which a continued run was stopped, or -1 (in every other run, and before the stop). Set by
     * {@link #proposedUnusually} (which then returns NaN), and unwound by the site from its own code: one compiled
     * frame fewer to unwind than a throw from inside it.
     */
    int stopSite = -1;

    /** Enters a site: checks and records its address; returns its slot, whose position is the site's in the run. */
    abstract Slot enter(String name, int index, SiteKind kind, ValueKind valueKind);

    /**
     * {@link #enter}, never inlined into the site, returning the site's slot: what the scalar sample sites call (see
     * the engine's javadoc), except an ordinary guided run's, which {@link #proposed} enters. A sample site on the
     * direct path then hands the slot itself to {@link #drawn}, which would otherwise fetch it again.
     */
    abstract Slot enterOutOfLine(String name, int index, SiteKind kind, ValueKind valueKind);

    /** What a latent site does (proposal, draw, scores); returns a scalar value, leaves an object in the slot. */
    abstract double latent(int i, Dist d, int kind);

    /**
     * The direct path's guide step at a latent site whose kind of site and prior's type and dimension of support are
     * {@code shape} ({@link #shape}): enters the site if {@code entered} is null (an ordinary
     * guided run's site, {@link #GUIDED}, which thus makes one call for its entry and its guide), asks the guide,
     * checks its proposal against the prior's kind and support (once per slot and proposal), and, unless the run
     * follows the prior (a defensive run's site, which comes with its slot: the proposal is kept for its log q),
     * draws from the proposal and keeps its log q. Returns the site's slot, whose {@link Slot#scalar} holds that
     * draw (an int exactly, a boolean as 1 or 0), or NaN where the prior draws instead: the guide left the site at
     * its prior, or the run follows the prior. A draw is never NaN, so one test of that value in the site's own
     * code replaces the reads of a flag. An ordinary guided site passes no distribution ({@code prior} null), so that
     * the prior does not escape; a site on {@link #PROPOSING} passes its prior, which the guide is then handed (a
     * proposal that is the prior itself leaves the site at its prior, as null does).
     */
    abstract Slot proposed(Slot entered, String name, int index, long shape, Dist prior);

    /**
     * {@link #proposed} for a site of a continued run ({@link #CONTINUED}), which returns NaN also where the run
     * stops ({@link #stopSite}), or of a defensive run that follows the prior ({@link #FOLLOWING}).
     */
    abstract double proposedUnusually(Slot s, long shape);

    /**
     * {@link #proposed} for an entered site of a run on {@link #PROPOSING}, whose guide is handed the prior: the
     * proposal's draw, or NaN where the guide left the site at its prior.
     */
    abstract double proposedWithPrior(Slot s, Dist prior, long shape);

    /**
     * The support of the model's distribution {@code d} at site {@code name[index]}, refusing null: a distribution a
     * user wrote with a stub's {@code return null} was a bare NullPointerException blamed on the model (an adversarial
     * tester). The error names the class, never {@code d} itself, which must not escape the site.
     */
    final Support supportAt(Dist d, String name, int index) {
        Support support = d.support();
        if (support == null) {
            String site = index < 0 ? name : name + "[" + index + "]";
            throw error(Support.nullFrom("the model's distribution", d.getClass(), site));
        }
        return support;
    }

    /** The types of support, by their ordinal in a {@link #shape}. */
    private static final Support.Type[] TYPES = Support.Type.values();

    /**
     * The kind of a scalar latent site and its support's type and dimension in one number: what a proposal is checked
     * for. A constant at a site whose prior's support is one (a record's fields and an enum constant's ordinal fold).
     */
    static long shape(Support support, int kind) {
        return (long) support.dim() << 7 | support.type().ordinal() << 3 | kind;
    }

    static int kindOf(long shape) {
        return (int) shape & 7;
    }

    static Support.Type typeOf(long shape) {
        return TYPES[(int) (shape >> 3) & 15];
    }

    static int dimOf(long shape) {
        return (int) (shape >> 7);
    }

    /**
     * The end of latent site {@code i} of kind {@code kind} on the direct path: its value {@code x} and log p
     * {@code lp} under the prior; log q is the proposal's, kept by {@link #proposed}, if {@code proposal} (the proposal
     * drew x), else log p or, in a defensive run that follows the prior, the guide's proposal's log density at x.
     * Records the site and adds to the run's totals; returns x.
     */
    abstract double drawn(Slot s, int kind, double x, double lp, boolean proposal);

    /**
     * A latent site of kind {@code kind} at position {@code i} inside a continued run's prefix: its recorded value
     * (an int exactly, a boolean as 1 or 0), neither drawn nor scored.
     */
    abstract double replayedValue(int i, int kind);


    /**
     * Marks the run as one whose weight can exceed 1 after the positive factor at slot {@code s} was added, and refuses
     * a run whose log p that factor took to +inf (finite factors whose sum overflows a double).
     */
    abstract void positiveFactorAdded(Slot s);

    /** What an evidence site does, once its value is in its slot {@code s} and its log p is {@code lp}. */
    abstract void evidence(Slot s, Dist d, double lp);

    /** An error of the current run, naming it and its last site. */
    abstract ModelException error(String text);

    abstract <U> U callAt(String scope, int index, Model<U> sub);

    abstract void scopedAt(String scope, int index, Block block);

    // The scalar sample sites: on the direct path the prior is only drawn from and scored here, where C2 inlines
    // its methods into the model; everything out of line (the guide, the proposal, the bookkeeping) takes numbers
    // and the site's slot.
    //
    // A real site enters out of line on every path (enterOutOfLine: see its javadoc; a guided one in its one call,
    // proposed, which takes the fast path in line there and calls enterOutOfLine for the slow one). An int or bool
    // site drawn from its prior (PRIOR) enters in line (enter), where a site repeating the previous run's pays no
    // call: the hmm's 50 boolean sites ran 1.11 times as fast [1.08-1.20]. Not so for real sites: with the in-line
    // entry behind the test of the path, a guided real site's compiled loop kept its values in registers across it
    // and spilled them at each site (rare 5 to 9% slower), and a real site whose priors come from two classes
    // (Normal and HalfNormal) compiled to 2,240 to 2,370 bytes, near InlineSmallCode (2,500), over which it would be
    // called and its priors allocated. HotPathShapeTest keeps both shapes.
    //
    // A site calls its prior's draw and log density or mass through ProfileFreeCalls: these bodies are shared by
    // every site and compiled on their own too, and a direct call's type profile, with priors of two classes, had
    // C2 inline both classes there, over InlineSmallCode (see ProfileFreeCalls): an int site with Poisson and
    // Binomial priors, and a real site with Gamma and Beta ones (5,296 bytes, and the betabin workload's priors
    // allocated at every site).

    private double sampleReal(String name, int index, RealDist d) {
        Slot s;
        double x = Double.NaN;
        int how = path;
        if (how == PRIOR) {
            s = enterOutOfLine(name, index, SiteKind.LATENT, d == null ? null : ValueKind.REAL);
        } else if (how == GUIDED && d != null) {
            Support support = supportAt(d, name, index);
            s = proposed(null, name, index, shape(support, REAL), null);
            x = s.scalar;
        } else {
            // a guided site with a null distribution comes here too, and is refused there; the branches below hand on
            // a copy of d, never d itself (see Dist.detached)
            s = enterOutOfLine(name, index, SiteKind.LATENT, d == null ? null : ValueKind.REAL);
            int i = sites.positionOf(s);
            if (how == GENERAL) {
                return latent(i, d.detached(), REAL);
            }
            if (how == PROPOSING) {
                x = proposedWithPrior(s, d.detached(), shape(supportAt(d, name, index), REAL));
            } else {
                if (i < replayed) {
                    return replayedValue(i, REAL);
                }
                Support support = supportAt(d, name, index);
                x = proposedUnusually(s, shape(support, REAL));
            }
        }
        boolean proposal = x == x;
        if (!proposal) {
            if (stopSite >= 0) {
                throw RunAborted.INSTANCE;
            }
            x = ProfileFreeCalls.draw(d, rng);
        }
        return drawn(s, REAL, x, ProfileFreeCalls.logDensity(d, x), proposal);
    }

    private int sampleInt(String name, int index, IntDist d) {
        Slot s;
        double x = Double.NaN;
        int how = path;
        if (how == PRIOR) {
            s = enter(name, index, SiteKind.LATENT, d == null ? null : ValueKind.INT);
        } else if (how == GUIDED && d != null) {
            Support support = supportAt(d, name, index);
            s = proposed(null, name, index, shape(support, INT), null);
            x = s.scalar;
        } else {
            // a guided site with a null distribution comes here too, and is refused there; the branches below hand on
            // a copy of d, never d itself (see Dist.detached)
            s = enterOutOfLine(name, index, SiteKind.LATENT, d == null ? null : ValueKind.INT);
            int i = sites.positionOf(s);
            if (how == GENERAL) {
                return (int) latent(i, d.detached(), INT);
            }
            if (how == PROPOSING) {
                x = proposedWithPrior(s, d.detached(), shape(supportAt(d, name, index), INT));
            } else {
                if (i < replayed) {
                    return (int) replayedValue(i, INT);
                }
                Support support = supportAt(d, name, index);
                x = proposedUnusually(s, shape(support, INT));
            }
        }
        boolean proposal = x == x;
        int k;
        if (proposal) {
            k = (int) x; // x is the int exactly; drawn takes x itself, not k turned back into a double
        } else {
            if (stopSite >= 0) {
                throw RunAborted.INSTANCE;
            }
            k = ProfileFreeCalls.draw(d, rng);
            x = k;
        }
        drawn(s, INT, x, ProfileFreeCalls.logMass(d, k), proposal);
        return k;
    }

    private boolean sampleBool(String name, int index, BoolDist d) {
        Slot s;
        double x = Double.NaN;
        int how = path;
        if (how == PRIOR) {
            s = enter(name, index, SiteKind.LATENT, d == null ? null : ValueKind.BOOL);
        } else if (how == GUIDED && d != null) {
            Support support = supportAt(d, name, index);
            s = proposed(null, name, index, shape(support, BOOL), null);
            x = s.scalar;
        } else {
            // a guided site with a null distribution comes here too, and is refused there; the branches below hand on
            // a copy of d, never d itself (see Dist.detached)
            s = enterOutOfLine(name, index, SiteKind.LATENT, d == null ? null : ValueKind.BOOL);
            int i = sites.positionOf(s);
            if (how == GENERAL) {
                return latent(i, d.detached(), BOOL) != 0;
            }
            if (how == PROPOSING) {
                x = proposedWithPrior(s, d.detached(), shape(supportAt(d, name, index), BOOL));
            } else {
                if (i < replayed) {
                    return replayedValue(i, BOOL) != 0;
                }
                Support support = supportAt(d, name, index);
                x = proposedUnusually(s, shape(support, BOOL));
            }
        }
        boolean proposal = x == x;
        boolean b;
        if (proposal) {
            b = x != 0; // x is 1 or 0 exactly; drawn takes x itself
        } else {
            if (stopSite >= 0) {
                throw RunAborted.INSTANCE;
            }
            b = ProfileFreeCalls.draw(d, rng);
            x = b ? 1 : 0;
        }
        drawn(s, BOOL, x, ProfileFreeCalls.logMass(d, b), proposal);
        return b;
    }

    private double[] sampleVector(String name, int index, VecDist d) {
        int i = sites.positionOf(enter(name, index, SiteKind.LATENT, d == null ? null : d.valueKind()));
        latent(i, d, VECTOR);
        return sites.vectorAt(sites.slots[i]);
    }

    @SuppressWarnings("unchecked")
    private <T> T sampleObject(String name, int index, ObjDist<T> d) {
        int i = sites.positionOf(enter(name, index, SiteKind.LATENT, d == null ? null : d.valueKind()));
        latent(i, d, OBJECT);
        return (T) sites.slots[i].object;
    }

    private void observeReal(String name, int index, RealDist d, double value) {
        Slot s = enter(name, index, SiteKind.OBSERVED, d == null ? null : ValueKind.REAL);
        if (value != value) {
            throw error("observed value is NaN at " + s.address() + " (" + d.describe() + ")");
        }
        s.scalar = value;
        evidence(s, d, d.logDensity(value));
    }

    private void observeInt(String name, int index, IntDist d, int value) {
        Slot s = enter(name, index, SiteKind.OBSERVED, d == null ? null : ValueKind.INT);
        s.scalar = value;
        evidence(s, d, d.logMass(value));
    }

    private void observeBool(String name, int index, BoolDist d, boolean value) {
        Slot s = enter(name, index, SiteKind.OBSERVED, d == null ? null : ValueKind.BOOL);
        s.scalar = value ? 1 : 0;
        evidence(s, d, d.logMass(value));
    }

    private void observeVector(String name, int index, VecDist d, double[] value) {
        Slot s = enter(name, index, SiteKind.OBSERVED, d == null ? null : d.valueKind());
        if (value == null || value.length != d.dim()) {
            SiteTable.forgetVector(s);
            if (value == null) {
                throw error("observed value is null at " + s.address());
            }
            requireLength(sites.positionOf(s), d, value);
        }
        if (!sites.holdVector(s, value)) {
            refuseNaN(s, d, value);
        }
        evidence(s, d, d.logDensity(value));
    }

    /**
     * Refuses an observed vector with a NaN entry, as an observed NaN number is (an infinite entry where its density
     * is 0: see Engine's evidenceFails).
     */
    private void refuseNaN(Slot s, VecDist d, double[] value) {
        for (int j = 0; j < value.length; j++) {
            if (value[j] != value[j]) {
                SiteTable.forgetVector(s);
                throw error("observed vector has NaN at entry " + j + " at " + s.address() + " (" + d.describe()
                        + ")");
            }
        }
    }

    private <T> void observeObject(String name, int index, ObjDist<T> d, T value) {
        Slot s = enter(name, index, SiteKind.OBSERVED, d == null ? null : d.valueKind());
        if (value == null) {
            throw error("observed value is null at " + s.address());
        }
        sites.holdObject(s, value);
        evidence(s, d, d.logDensity(value));
    }

    /**
     * A plate's values, refused when null as a single observation's are: it came out as "the model threw
     * NullPointerException: observed values", naming no site (an adversarial tester).
     */
    private <A> A observedValues(A values, Slot s) {
        if (values == null) {
            throw error("observed values are null in the plate " + s.address());
        }
        return values;
    }

    private void plateReal(String name, int index, RealDist d, double[] values) {
        Slot s = enter(name, index, SiteKind.OBSERVED, d == null ? null : ValueKind.REAL);
        double lp = 0;
        double[] observed = observedValues(values, s);
        for (int i = 0; i < observed.length; i++) {
            double v = observed[i];
            if (v != v) {
                throw error(String.format(java.util.Locale.ROOT, "an observed value is NaN in the plate %s (%s): "
                        + "entry %,d of %,d", s.address(), d.describe(), i, observed.length));
            }
            lp += d.logDensity(v);
        }
        sites.holdObject(s, values);
        evidence(s, d, lp);
    }

    private void plateInt(String name, int index, IntDist d, int[] values) {
        Slot s = enter(name, index, SiteKind.OBSERVED, d == null ? null : ValueKind.INT);
        double lp = 0;
        for (int v : observedValues(values, s)) {
            lp += d.logMass(v);
        }
        sites.holdObject(s, values);
        evidence(s, d, lp);
    }

    private void plateBool(String name, int index, BoolDist d, boolean[] values) {
        Slot s = enter(name, index, SiteKind.OBSERVED, d == null ? null : ValueKind.BOOL);
        double lp = 0;
        for (boolean v : observedValues(values, s)) {
            lp += d.logMass(v);
        }
        sites.holdObject(s, values);
        evidence(s, d, lp);
    }

    private void factorAt(String name, int index, double logWeight) {
        Slot s = enter(name, index, SiteKind.FACTOR, null);
        if (logWeight != logWeight || logWeight == Double.POSITIVE_INFINITY) {
            throw error("factor " + s.address() + ": the log weight must be finite or -inf, got " + logWeight);
        }
        s.scalar = logWeight;
        evidence(s, null, logWeight);
        if (logWeight > 0) {
            positiveFactorAdded(s);
        }
    }

    private void conditionAt(String name, int index, boolean holds) {
        Slot s = enter(name, index, SiteKind.CONDITION, null);
        s.scalar = holds ? 1 : 0;
        evidence(s, null, holds ? 0 : Double.NEGATIVE_INFINITY);
    }

    private void marginAt(String name, int index, double score, double threshold) {
        Slot s = enter(name, index, SiteKind.CONDITION, null);
        if (score != score || !(Math.abs(threshold) < Double.POSITIVE_INFINITY)) {
            throw error("condition " + s.address() + ": the score must not be NaN and the threshold must be"
                    + " finite, got score " + score + " and threshold " + threshold);
        }
        boolean holds = score >= threshold;
        s.scalar = holds ? 1 : 0;
        s.score = score;
        s.threshold = threshold;
        s.marginRun = runCount;
        double m = score - threshold;
        if (m < margin) {
            margin = m;
        }
        evidence(s, null, holds || relaxedMargins ? 0 : Double.NEGATIVE_INFINITY);
    }

    /** Refuses a vector whose length is not the distribution's dimension, naming the site and both lengths. */
    void requireLength(int i, VecDist d, double[] value) {
        if (value.length != d.dim()) {
            throw error("site " + sites.addressAt(i) + ": the vector has length " + value.length + ", but "
                    + d.describe() + " has dimension " + d.dim());
        }
    }

    private int indexed(String name, int index) {
        if (index < 0) {
            throw negativeIndex("site", name, index);
        }
        return index;
    }

    private ModelException negativeIndex(String what, String name, int index) {
        return error(what + " " + name + ": index must be >= 0, got " + index
                + (index == Address.NO_INDEX ? " (leave the index out for a site without one)" : ""));
    }

    @Override
    public final double sample(String name, RealDist d) {
        return sampleReal(name, Address.NO_INDEX, d);
    }

    @Override
    public final double sample(String name, int index, RealDist d) {
        return sampleReal(name, indexed(name, index), d);
    }

    @Override
    public final int sample(String name, IntDist d) {
        return sampleInt(name, Address.NO_INDEX, d);
    }

    @Override
    public final int sample(String name, int index, IntDist d) {
        return sampleInt(name, indexed(name, index), d);
    }

    @Override
    public final boolean sample(String name, BoolDist d) {
        return sampleBool(name, Address.NO_INDEX, d);
    }

    @Override
    public final boolean sample(String name, int index, BoolDist d) {
        return sampleBool(name, indexed(name, index), d);
    }

    @Override
    public final double[] sample(String name, VecDist d) {
        return sampleVector(name, Address.NO_INDEX, d);
    }

    @Override
    public final double[] sample(String name, int index, VecDist d) {
        return sampleVector(name, indexed(name, index), d);
    }

    @Override
    public final <T> T sample(String name, ObjDist<T> d) {
        return sampleObject(name, Address.NO_INDEX, d);
    }

    @Override
    public final <T> T sample(String name, int index, ObjDist<T> d) {
        return sampleObject(name, indexed(name, index), d);
    }

    @Override
    public final void observe(String name, RealDist d, double value) {
        observeReal(name, Address.NO_INDEX, d, value);
    }

    @Override
    public final void observe(String name, int index, RealDist d, double value) {
        observeReal(name, indexed(name, index), d, value);
    }

    @Override
    public final void observe(String name, IntDist d, int value) {
        observeInt(name, Address.NO_INDEX, d, value);
    }

    @Override
    public final void observe(String name, int index, IntDist d, int value) {
        observeInt(name, indexed(name, index), d, value);
    }

    @Override
    public final void observe(String name, BoolDist d, boolean value) {
        observeBool(name, Address.NO_INDEX, d, value);
    }

    @Override
    public final void observe(String name, int index, BoolDist d, boolean value) {
        observeBool(name, indexed(name, index), d, value);
    }

    @Override
    public final void observe(String name, VecDist d, double[] value) {
        observeVector(name, Address.NO_INDEX, d, value);
    }

    @Override
    public final void observe(String name, int index, VecDist d, double[] value) {
        observeVector(name, indexed(name, index), d, value);
    }

    @Override
    public final <T> void observe(String name, ObjDist<T> d, T value) {
        observeObject(name, Address.NO_INDEX, d, value);
    }

    @Override
    public final <T> void observe(String name, int index, ObjDist<T> d, T value) {
        observeObject(name, indexed(name, index), d, value);
    }

    @Override
    public final void observeAll(String name, RealDist d, double[] values) {
        plateReal(name, Address.NO_INDEX, d, values);
    }

    @Override
    public final void observeAll(String name, int index, RealDist d, double[] values) {
        plateReal(name, indexed(name, index), d, values);
    }

    @Override
    public final void observeAll(String name, IntDist d, int[] values) {
        plateInt(name, Address.NO_INDEX, d, values);
    }

    @Override
    public final void observeAll(String name, int index, IntDist d, int[] values) {
        plateInt(name, indexed(name, index), d, values);
    }

    @Override
    public final void observeAll(String name, BoolDist d, boolean[] values) {
        plateBool(name, Address.NO_INDEX, d, values);
    }

    @Override
    public final void observeAll(String name, int index, BoolDist d, boolean[] values) {
        plateBool(name, indexed(name, index), d, values);
    }

    @Override
    public final void factor(String name, double logWeight) {
        factorAt(name, Address.NO_INDEX, logWeight);
    }

    @Override
    public final void factor(String name, int index, double logWeight) {
        factorAt(name, indexed(name, index), logWeight);
    }

    @Override
    public final void condition(String name, boolean holds) {
        conditionAt(name, Address.NO_INDEX, holds);
    }

    @Override
    public final void condition(String name, int index, boolean holds) {
        conditionAt(name, indexed(name, index), holds);
    }

    @Override
    public final void condition(String name, double score, double threshold) {
        marginAt(name, Address.NO_INDEX, score, threshold);
    }

    @Override
    public final void condition(String name, int index, double score, double threshold) {
        marginAt(name, indexed(name, index), score, threshold);
    }

    @Override
    public final <U> U call(String scope, Model<U> sub) {
        return callAt(scope, Address.NO_INDEX, sub);
    }

    @Override
    public final <U> U call(String scope, int index, Model<U> sub) {
        if (index < 0) {
            throw negativeIndex("scope", scope, index);
        }
        return callAt(scope, index, sub);
    }

    @Override
    public final void scoped(String scope, Block block) {
        scopedAt(scope, Address.NO_INDEX, block);
    }

    @Override
    public final void scoped(String scope, int index, Block block) {
        if (index < 0) {
            throw negativeIndex("scope", scope, index);
        }
        scopedAt(scope, index, block);
    }
}
