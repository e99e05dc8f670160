package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.ValueKind;
import java.util.Objects;

/**
 * One site of a run, kept across runs by the {@link SiteTable}: a run that repeats the previous run's sites finds
 * each slot already holding its address and kinds, and overwrites only the value and scores. One object per site
 * rather than one array per field, so that a site costs one array access and one bounds check, not one per field.
 *
 * <p>A slot does not know its position: the table's array does ({@link SiteTable#positionOf}), since a run that
 * leaves the previous run's sites and comes back to them moves the previous run's slots ahead of it, and renumbering
 * them cost more than the move.
 *
 * <p>A slot is also the {@link Site} a guide sees on the direct path: the guide reads the site's name and index from
 * the slot the site holds, where {@link CurrentSite} would walk from the engine to the run's last slot at each read.
 */
final class Slot implements Site {
    // The fields are declared in the order HotSpot (17) lays them out: 8-byte fields first, then 4-byte ones, then
    // references, each group in the order declared, the first 4-byte field filling the gap after the header. So
    // what a site reads and writes on the direct path (its address, kinds, value, scores and the proposal's cached
    // check) lies in 56 consecutive bytes, scalar to checkedSupport, where it was spread over the whole slot (128
    // bytes, 2 to 3 cache lines a site). A model of 200 sites touches 200 slots a run, more than a core's L1 cache
    // holds with everything else a run reads; the rarely used fields come first.

    /** A margin condition's score and threshold, valid when {@link #marginRun} is the engine's current run. */
    double score;
    double threshold;
    long marginRun;
    /** A real value, an int exactly, a boolean (or whether a condition held) as 1 or 0, a factor's log weight. */
    double scalar;
    double logP;
    /**
     * A latent site's log q; not written at an evidence site, whose log q is 0 (a store fewer at each observation),
     * so read only through {@link #logQ()}.
     */
    double logQ;
    /**
     * The support of the proposal last checked here ({@link #checkedSupport}), and the shape of the prior it was
     * checked against (the kind of site and the support's type and dimension, packed: {@code ProbOverloads.shape}),
     * on either path. The proposal itself is not kept, so that a proposal made at each site does not escape (direct
     * path) nor is stored behind the GC's write barrier (general path); its kind is compared at every site.
     */
    long checkedSupportShape;
    int hash;
    int index;
    /** {@link #kind} and {@link #valueKind} as one number ({@link #kinds}), which a site compares in one test. */
    int kinds;
    String name;
    Address scope;
    Support checkedSupport;
    SiteKind kind;
    ValueKind valueKind;
    /** A vector, an object or a plate of observations; null otherwise (a vector is usually in {@link #heldVector}). */
    Object object;
    /**
     * The vector observed or drawn here in this run, at a site whose kind of value is a vector and whose
     * {@link #object} is null ({@link SiteTable#objectAt}): its length in entry 0 (-1 while the site holds none in
     * this run: refused, or failed before its draw), then its entries, in an array reused from run to run. Copying
     * into it stores numbers, where holding a new copy in {@link #object} stored a reference into a long-lived slot
     * at every such site, behind a GC write barrier. The length is kept in the array because an int field more would
     * sit among the fields a site uses on the direct path (see the fields' order above). For an observed vector the
     * array is made when the slot is taken ({@link #setKinds}), with room for {@link #HELD_ROOM} entries, so that an
     * observation of at most that many compiles with no allocation in line: a branch there that allocated once per
     * slot kept C2 from scalar-replacing a distribution made once a run and observed at every site.
     */
    double[] heldVector;
    /** The room of an observed vector's first copy at a slot. */
    static final int HELD_ROOM = 4;
    /** The kinds of an observed vector's site. */
    static final int OBSERVED_VECTOR = kinds(SiteKind.OBSERVED, ValueKind.VECTOR);
    /** The model's distribution and the one the value was drawn from, kept only by a recording engine. */
    Dist prior;
    Dist proposal;


    /** This site's contribution to the run's log q: its {@link #logQ} if it is latent, else 0. */
    double logQ() {
        return kind == SiteKind.LATENT ? logQ : 0;
    }

    /** The number that stands for a kind of site and a kind of value together. */
    static int kinds(SiteKind kind, ValueKind valueKind) {
        return kind.ordinal() << 3 | valueKind.ordinal();
    }

    /** Sets the kind of site and of value (each only if it changes: a reference store costs a GC barrier). */
    void setKinds(SiteKind siteKind, ValueKind ofValue) {
        if (kind != siteKind) {
            kind = siteKind;
        }
        if (valueKind != ofValue) {
            valueKind = ofValue;
        }
        kinds = kinds(siteKind, ofValue);
        if (kinds == OBSERVED_VECTOR && heldVector == null) {
            heldVector = new double[1 + HELD_ROOM];
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public Address scope() {
        return scope;
    }

    @Override
    public SiteKind kind() {
        return kind;
    }

    @Override
    public Address address() {
        return Address.of(scope, name, index);
    }

    @Override
    public String toString() {
        return address().toString();
    }

    /**
     * A site's value, boxed: the object when there is one, a factor's log weight, whether a condition held, or the
     * scalar as Integer, Boolean or Double by the value kind.
     */
    static Object box(SiteKind kind, ValueKind valueKind, double scalar, Object object) {
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

    /** Whether this slot holds the address with this hash, scope, name and index. */
    boolean isAt(int addressHash, Address inScope, String siteName, int siteIndex) {
        return hash == addressHash && index == siteIndex && name.equals(siteName) && Objects.equals(scope, inScope);
    }
}
