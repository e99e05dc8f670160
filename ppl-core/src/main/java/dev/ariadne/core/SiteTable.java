package dev.ariadne.core;

import dev.ariadne.core.dist.ValueKind;
import java.util.Arrays;

/**
 * The sites of one run, by position and by address: a {@link Slot} per site, reused from run to run, and an
 * open-addressing table from address to position that detects a reused address in O(1) without building a
 * string.
 *
 * <p>Runs of one model usually visit the same addresses in the same order. While a run repeats the previous one
 * site for site, its sites are distinct because the previous run's were, so {@link #repeat} admits them without
 * hashing and without the table. Where a run leaves the previous run's sites (a site it makes there that the
 * previous run did not, before or in place of the previous run's site there, or sites it skips), the previous run's
 * sites ahead are realigned with it ({@link #realign}),
 * so that the sites after the difference repeat on the fast path again; a run that differs too often is indexed
 * instead, its table built from the stored hashes, and every later site takes the slow path. A lookup (a
 * guide or handler reading the history) puts the sites since the previous lookup into the table, by their stored
 * hashes, and leaves the run repeating: a guide that reads the previous choice at every site would otherwise send
 * every later site of the run to the slow path, which hashes its address (3.2 times the time a site, measured).
 * The engine may also shorten the repeatable prefix ({@link #repeatUpTo}) so that every so many sites reach its
 * slow path, where it checks interruption and limits at no cost to the sites in between.
 */
final class SiteTable {

    /** How many of the latest sites a lookup compares by identity before it hashes the address. */
    private static final int RECENT = 4;
    /**
     * The realignment work ({@link #realignWork}) that a site taken on the fast path after a realignment earns. A
     * site on the indexed slow path costs about what comparing ten slots does; a realignment is to save more than it
     * costs, so each site it brings back to the fast path pays for six slots of work. At two, a zero-inflated count
     * whose indicator changes the next site in three of ten modules had most of its runs indexed; at six, 20% of
     * its sites took the slow path, not 70%, and its runs took 16% less time (10 and 20 only matched six).
     */
    private static final int REALIGN_EARNED = 6;
    /**
     * The work a realignment costs beyond its pass over the sites ahead, in slots compared: the site's slow path, the
     * address's hash, and where the address may be one of the previous run's, the tabling of the run's sites that
     * telling a new address from a used one then needs.
     */
    private static final int REALIGN_ENTRY = 8;
    /** The realignment credit a table starts with, and its bound either way ({@link #realignCredit}). */
    private static final int REALIGN_CREDIT = 64;
    private static final int REALIGN_CREDIT_BOUND = 4096;
    /** How many reads by name of a run {@link #recall} remembers for the next run (4 bytes each). */
    private static final int MAX_READS = 1 << 15;

    /** The sites of the run so far: positions 0..n-1. */
    Slot[] slots = newSlots(16, 0, null);
    int n;
    /** Whether a slot may hold an object value (a vector, an object, a plate): {@link #begin} then clears them. */
    private boolean objectValues;
    /**
     * The positions of this run's latent sites that took an object, and its {@link Fingerprint} then, for the first
     * {@code drawnCount} ({@link #holdDrawnObject}); kept apart from the slots, whose fields a site reads lie together.
     */
    private int[] drawnAt = new int[4];
    private long[] drawnFingerprints = new long[4];
    private int drawnCount;

    private int[] table = new int[64];
    private int[] stamps = new int[64];
    /** The hash of each entry's address. */
    private int[] keys = new int[64];
    /** The table's generation: an entry counts if its stamp is the generation; never reused, so never reset. */
    private int generation;
    /**
     * The hashes of the sites this run may repeat (its region at its start), as bits of a filter, kept where the run
     * that ended left the sites of the run before it ({@link #keepTableOfRunEnded}); {@link #previousKept} false
     * otherwise. {@link #realign} asks it whether a new address may be one of them ({@link #previousMayHave}): a bit
     * a site, set in a pass of one load and store each, where tabling the run's sites in the address table, for the
     * same question, cost what indexing the run would have (a zero-inflated count whose indicator changes the next site
     * in three of ten modules: 200 ns a run of 17 sites in the table's work alone).
     */
    private long[] previousBits = new long[16];
    private boolean previousKept;
    /**
     * The positions of the new addresses this run's realignments made (in {@link #newCount}): a new address that the
     * previous run's sites cannot hold ({@link #previousMayHave}) can only be one of them.
     */
    private int[] newAt = new int[8];
    private int newCount;
    /** Whether this run has realigned. */
    private boolean realigned;
    /**
     * How many sites the previous run left to repeat, all distinct: its own, then, where it ended before the sites of
     * the run before it that it never reached ({@link #begin} says when those stay).
     */
    private int previous;
    /** The prefix of the previous run's sites that this run may repeat on the fast path; 0 once indexed. */
    private int repeatable;
    /** The position up to which the engine lets the fast path repeat ({@link #repeatUpTo}), whatever the table's. */
    private int repeatLimit;
    /**
     * The work of this run's realignments so far ({@link #realign}): {@link #REALIGN_ENTRY} each, the slots compared,
     * and a sixteenth of those moved (an arraycopy of references, against a comparison that reads each slot).
     */
    private long realignWork;
    /**
     * What realignment has earned over the runs before this one, less its work: {@link #REALIGN_EARNED} for each
     * site a realignment brought back to the fast path, kept within {@link #REALIGN_CREDIT_BOUND} either way and
     * raised by one at each run. A run realigns while its work is below this credit and what it has earned itself,
     * and is indexed otherwise. Realignment pays in a model whose runs differ at a few sites (a zero-inflated Poisson:
     * 14 realignments in 190 sites, each followed by a dozen sites on the fast path), and its credit grows; in one
     * whose runs differ at nearly every site (sites in an order drawn anew, a random tree) few sites follow each
     * realignment, the credit runs out, and such a model's runs are indexed at their first difference as before,
     * but for one realignment every few dozen runs.
     */
    private long realignCredit = REALIGN_CREDIT;
    /**
     * Whether a new address at a realignment has more often taken the place of the previous run's site there (the
     * sites after that one came next) than come before it (that site came next): above 0, a new address replaces the
     * site, else it is inserted before it. Within {@link #REPLACE_VOTES_BOUND} either way. A zero-inflated count makes
     * a condition in place of an observation where its indicator is drawn true: an insertion cost a second
     * realignment, to skip the observation, at each.
     */
    private int replaceVotes;
    private static final int REPLACE_VOTES_BOUND = 8;
    /**
     * The position after the latest new address a realignment placed, whose site tells whether replacing or inserting
     * was right ({@link #vote}), or -1 where none waits.
     */
    private int voteAt = -1;
    /** Whether the new address waiting at {@link #voteAt} replaced the site there, not inserted before it. */
    private boolean voteReplaced;
    /** The slot an insertion moved to {@link #voteAt}: the previous run's site the new address came before. */
    private Slot voteDisplaced;
    /** The address a replacement put out of the region: the previous run's site the new address took the place of. */
    private String droppedName;
    private int droppedIndex;
    private Address droppedScope;

    /** What this run's realignments have earned so far ({@link #REALIGN_EARNED} a site after each). */
    private long realignEarned;
    /** The position after the run's latest realignment, -1 before the first. */
    private int realignedTo = -1;
    /** How far a realignment may grow the prefix: the cap on sites per run. */
    private int maxRegion;
    /** Room for the slots a realignment moves out of the previous run's sites ({@link #skip}). */
    private Slot[] skipped = new Slot[8];
    /**
     * Whether the run has left the previous run's sites: the table then holds all its sites, each added as it comes,
     * and nothing repeats.
     */
    private boolean indexed;
    /** How many of this run's sites, from position 0, are in the table: all of them ({@link #n}) once indexed. */
    private int tabled;
    /**
     * Where each read by name of the previous run found its site ({@link #recall}), by the read's number in its run:
     * -1 where it found none or was not recorded.
     */
    private int[] readsAt = newReads(16);
    /** How many reads by name this run has made. */
    private int reads;
    /** How many reads by name the table has answered ({@link #recall} where the previous run's position was not it). */
    long readsByAddress;

    /**
     * Starts a run: the previous run's sites become the prefix this one may repeat, up to {@code limit} of them; the
     * run may make at most {@code maxSites} sites, which a realignment ({@link #realign}) keeps the prefix within.
     */
    void begin(int limit, int maxSites) {
        drawnCount = 0; // a run that threw or failed left its objects unchecked
        settleRealignCredit();
        int reach = repeatableAfter(maxSites);
        keepTableOfRunEnded(reach);
        // Only the value objects are cleared: a non-null entry marks a site whose value is an object. Priors and
        // proposals are overwritten when a site is reached and never read beyond n, and a model usually revisits
        // the same sites with the same distributions, so the conditional stores of add rarely write at all.
        if (objectValues) {
            Slot[] ss = slots;
            for (int i = 0; i < reach; i++) {
                Slot t = ss[i];
                if (t.object != null) {
                    t.object = null;
                }
            }
            objectValues = false;
        }
        previous = reach;
        repeatLimit = limit;
        repeatable = Math.min(reach, limit);
        realignWork = 0;
        realignEarned = 0;
        realignedTo = -1;
        maxRegion = maxSites;
        indexed = false;
        tabled = 0;
        reads = 0;
        newCount = 0;
        n = 0;
        if (++generation == 0) {
            Arrays.fill(stamps, 0);
            generation = 1;
        }
    }

    /**
     * How many sites the run about to start may repeat: the sites of the run that ended, and, where it ended before the
     * end of the sites it could repeat, without being indexed, those it never reached too, within {@code maxSites}.
     * Those are the previous run's, distinct among themselves and from the run's own: a run takes a site ahead only by
     * moving it behind, and makes a new address only where none ahead has it ({@link #realign}). A run that failed
     * stops at its next site, and without them the runs after it took every later site by the slow path (an occupancy
     * model whose runs fail at an observation in three of four: 15% of its time in hashing and checking names), though
     * a run that fails makes the same sites as one that does not.
     */
    private int repeatableAfter(int maxSites) {
        if (indexed || previous <= n) {
            return n;
        }
        return Math.max(n, Math.min(previous, maxSites));
    }

    /**
     * At a run's start: adds what the run that ended earned by realigning (the sites after its last realignment
     * included, unless it was indexed after it), less its realignments' work, to the credit.
     */
    private void settleRealignCredit() {
        if (voteAt >= 0) {
            vote(null, null, 0, null);
        }
        long earned = realignEarned;
        if (realignedTo >= 0 && !indexed) {
            earned += (long) (n - realignedTo) * REALIGN_EARNED;
        }
        long credit = realignCredit + earned - realignWork + 1;
        realignCredit = Math.max(-REALIGN_CREDIT_BOUND, Math.min(REALIGN_CREDIT_BOUND, credit));
    }

    /**
     * At a run's start (after {@link #settleRealignCredit}): if the run that ended realigned, or was indexed while
     * this run may realign (its credit is positive), the hashes of the sites this run may repeat (the first {@code
     * reach}) are kept as bits ({@link #previousBits}), so that this run's realignments can tell a new address from one
     * of those sites without a pass over the sites ahead. A run that repeated its predecessor keeps nothing, and nor
     * does an indexed run of a model whose realignments have not paid.
     */
    private void keepTableOfRunEnded(int reach) {
        previousKept = realigned || indexed && realignCredit > 0;
        realigned = false;
        if (!previousKept) {
            return;
        }
        int words = previousBits.length;
        while (words * 4 < reach) { // at least 256 bits a site: a new address is taken for a kept one 1 time in 256
            words *= 2;
        }
        if (words != previousBits.length) {
            previousBits = new long[words];
        } else {
            Arrays.fill(previousBits, 0);
        }
        long[] bits = previousBits;
        int mask = words - 1;
        Slot[] ss = slots;
        for (int j = 0; j < reach; j++) {
            int h = ss[j].hash;
            bits[(h >>> 6) & mask] |= 1L << h;
        }
    }

    /**
     * Whether the address with hash h may be one of the sites this run could repeat at its start: false only if their
     * hashes were kept ({@link #keepTableOfRunEnded}) and none has that hash's bit.
     */
    private boolean previousMayHave(int h) {
        return !previousKept || (previousBits[(h >>> 6) & (previousBits.length - 1)] & (1L << h)) != 0;
    }

    /** The position of the address with hash h among the new addresses this run's realignments made, or -1. */
    private int newAddressAt(int h, Address inScope, String name, int index) {
        for (int k = 0; k < newCount; k++) {
            int j = newAt[k];
            if (slots[j].isAt(h, inScope, name, index)) {
                return j;
            }
        }
        return -1;
    }

    /**
     * The fast path of a site, small enough to inline: if this run repeats the previous run's site at position n
     * exactly (same address, kind and kind of value), takes it and returns its slot (now at position n); null
     * otherwise. A factor's or condition's kind of value follows from its kind; other sites give their
     * distribution's ({@code valueKind}).
     */
    Slot repeat(String name, int index, SiteKind kind, ValueKind valueKind, Address scope) {
        // The kinds are compared as one number, a constant at each site: a factor's or condition's kind of value
        // follows from its kind, and a site of another kind without a distribution matches none (-1).
        int kinds = valueKind != null ? Slot.kinds(kind, valueKind)
                : kind == SiteKind.FACTOR || kind == SiteKind.CONDITION ? Slot.kinds(kind, valueKindOf(kind, null))
                : -1;
        return repeat(name, index, kinds, scope);
    }

    /**
     * {@link #repeat(String, int, SiteKind, ValueKind, Address)} for a site whose kind of site and of value are
     * already the one number {@link Slot#kinds} makes of them.
     */
    Slot repeat(String name, int index, int kinds, Address scope) {
        int i = n;
        if (i < repeatable) {
            Slot s = slots[i];
            // Names are usually the same literal from run to run: the identity test spares the comparison of
            // characters, whose compiled form would make every site's code too big for C2 to inline into a model.
            String known = s.name;
            if (s.index == index && s.kinds == kinds && (known == name || known.equals(name))
                    && sameScope(s.scope, scope)) {
                n = i + 1;
                return s;
            }
        }
        return null;
    }

    /**
     * The scope {@code outer/name[index]} as the previous run made it, if its site at this run's next position is in
     * it (its scope or an enclosing one), or null. A scope entered again in each run ({@code p.call("item", i, sub)}
     * in a loop) is then the same object from run to run: no address is made for it, its sites' scopes compare by
     * identity where they repeat, and a name built at run time is compared, never hashed. {@code outer} is compared
     * by identity, so that a scope found here is the one {@code Address.of(outer, name, index)} would make.
     */
    Address knownScope(Address outer, String name, int index) {
        int i = n;
        if (i < previous) {
            for (Address a = slots[i].scope; a != null; a = a.scope()) {
                if (a.scope() == outer) {
                    String known = a.name();
                    return a.index() == index && (known == name || known.equals(name)) ? a : null;
                }
            }
        }
        return null;
    }

    /**
     * Takes a site that {@link #repeat} did not: returns its position, or {@code -1 - j} if its address is already
     * used by site j of this run. {@code valueKind} is the distribution's, null for a site without one.
     */
    int add(String name, int index, SiteKind kind, ValueKind valueKind, Address scope) {
        int i = n;
        ValueKind vk = valueKindOf(kind, valueKind);
        if (!indexed) {
            Slot s = i < previous ? slots[i] : null;
            if (s != null && s.index == index && s.name.equals(name) && sameScope(s.scope, scope)) {
                s.setKinds(kind, vk);
                n = i + 1;
                return i;
            }
            boolean cameBack = voteAt >= 0 && vote(s, name, index, scope);
            if (s != null) {
                if (realignedTo >= 0) {
                    realignEarned += (long) (i - realignedTo) * REALIGN_EARNED;
                }
                if (realignWork < realignCredit + realignEarned) {
                    return realign(name, index, kind, vk, scope, cameBack);
                }
            }
            index();
        }
        int h = Address.hash(scope, name, index);
        if (i == slots.length) {
            slots = newSlots(slots.length * 2, slots.length, slots);
        }
        if (2 * (i + 1) > table.length) {
            rehash(table.length * 2);
        }
        int mask = table.length - 1;
        int at = h & mask;
        while (stamps[at] == generation) {
            int j = table[at];
            if (slots[j].isAt(h, scope, name, index)) {
                return -1 - j;
            }
            at = (at + 1) & mask;
        }
        stamps[at] = generation;
        table[at] = i;
        keys[at] = h;
        tabled = i + 1;
        place(slots[i], name, index, scope, kind, vk, h);
        n = i + 1;
        return i;
    }

    /** Writes a site's address and kinds into its slot. */
    private static void place(Slot s, String name, int index, Address scope, SiteKind kind, ValueKind vk, int h) {
        // Reference stores cost a GC write barrier each; runs of one model revisit the same sites in the same
        // order, so the slots usually already hold these values and a compare replaces the store.
        if (s.name != name) {
            s.name = name;
        }
        s.index = index;
        if (s.scope != scope) {
            s.scope = scope;
        }
        s.setKinds(kind, vk);
        s.hash = h;
    }

    /**
     * A site at position i that is not the previous run's site there (i below {@link #previous}): brings the run back
     * to the previous run's sites, so that the fast path takes the sites after it, where indexing would send every
     * later site of the run to the slow path. A run whose sites depend on its draws (a structural zero drawn, a
     * coefficient sampled only where it is included) differs from the previous run at a few places and repeats it in
     * between.
     *
     * <p>The slots from i to {@link #previous} hold the previous run's sites not yet reached, in their order. If the
     * site is one of them, the run skipped those before it: they move behind the others, out of the region, and the
     * site's slot comes to position i. If not, the run made a site the previous run did not make here: the previous
     * run's sites ahead move one place on, and a free slot takes the new address at i, unless this run already used
     * it (then {@code -1 - j}, j its position). The region grows by that slot up to the cap on sites per run (past it
     * the last of the sites ahead leaves the region instead), since the fast path admits a site within the region
     * without the cap's check. Where new addresses have more often come in place of the previous run's site than
     * before it ({@link #vote}), the new address takes that site's slot instead, and that site leaves the region.
     * Addresses stay distinct:
     * the sites found ahead are the previous run's, distinct among themselves and from those of its sites this run
     * has passed; a new address is none of the sites ahead, and the sites ahead only ever shrink. A new address whose
     * hash none of the sites the run could repeat at its start has ({@link #previousMayHave}) can be none of the sites
     * the run took from them, only one of its earlier new ones ({@link #newAddressAt}). Only slots at i or
     * beyond move, by arraycopy, their positions being their places in the array ({@link #positionOf}); the run's own
     * sites keep their places, and so their positions in the history and the table.
     *
     * <p>A realignment may cost a pass over the sites ahead; where realignments have not paid for themselves ({@link
     * #realignCredit}) the run is indexed instead.
     */
    private int realign(String name, int index, SiteKind kind, ValueKind vk, Address scope, boolean cameBack) {
        int i = n;
        int end = previous;
        int h = Address.hash(scope, name, index);
        Slot[] ss = slots;
        Slot s = null;
        realigned = true;
        // A new address (none of the sites this run could repeat) is none of the sites ahead: no pass over them. Nor
        // is the site the latest replacement dropped (cameBack), which was one of them, distinct from the rest and
        // ahead of the run's own: its replacement was wrong, so it is put back after the site that took its place.
        boolean maybeRepeatable = !cameBack && previousMayHave(h);
        int from = maybeRepeatable ? i + 1 : end;
        int j = from;
        for (; j < end; j++) {
            if (ss[j].isAt(h, scope, name, index)) {
                skip(i, j);
                s = ss[i];
                s.setKinds(kind, vk);
                break;
            }
        }
        // the slots compared, and a sixteenth for each slot an arraycopy moves
        realignWork += REALIGN_ENTRY + j - from + ((end - i) >> 4);
        realignedTo = i + 1;
        if (s == null) {
            // Only an address the run could repeat may be one of its sites taken from them; any other is new, and
            // may only be one of its earlier new ones.
            int used = cameBack ? -1 : maybeRepeatable ? tabledAt(h, scope, name, index)
                    : newAddressAt(h, scope, name, index);
            if (used >= 0) {
                return -1 - used;
            }
            realignWork += newCount;
            if (newCount == newAt.length) {
                newAt = Arrays.copyOf(newAt, 2 * newCount);
            }
            newAt[newCount++] = i;
            voteAt = i + 1;
            voteReplaced = replaceVotes > 0 && !cameBack;
            if (voteReplaced) {
                // The previous run's site here leaves the region, and its slot takes the new address.
                s = ss[i];
                droppedName = s.name;
                droppedIndex = s.index;
                droppedScope = s.scope;
                place(s, name, index, scope, kind, vk, h);
            } else {
                insert(i, end, name, index, scope, kind, vk, h);
            }
        }
        n = i + 1;
        repeatable = Math.min(previous, repeatLimit);
        return i;
    }

    /**
     * Puts the new address at position i, before the previous run's sites ahead (i..end-1), which move one place on;
     * the region grows by a slot up to the cap on sites per run, past which the last of them leaves it.
     */
    private void insert(int i, int end, String name, int index, Address scope, SiteKind kind, ValueKind vk, int h) {
        Slot[] ss = slots;
        Slot s;
        if (end < maxRegion) {
            if (end == ss.length) {
                slots = ss = newSlots(2 * ss.length, ss.length, ss);
            }
            s = ss[end];
            previous = end + 1;
        } else {
            s = ss[--end];
        }
        System.arraycopy(ss, i, ss, i + 1, end - i);
        ss[i] = s;
        place(s, name, index, scope, kind, vk, h);
        voteDisplaced = i + 1 < previous ? ss[i + 1] : null;
    }

    /**
     * Counts whether the latest new address ({@link #voteAt}) was rightly replaced or inserted, at the first slow site
     * after it (s the previous run's site at this position, null beyond them) or at the run's end (name null). A run
     * that has passed {@link #voteAt} took the site there on the fast path: the previous run's site came after the new
     * one (insertion was right), or the one after it did (replacement was). One that is at it shows the site an
     * insertion moved there skipped (replacement was right), or the address a replacement dropped made (insertion
     * was). Returns whether it is that dropped address: a replacement that was wrong cost a pass over the sites ahead
     * for it, then dropped the next site of the region in turn, and a model whose runs differ at 250 of 1,250 sites,
     * by a replacement or an insertion alternately, ran its first 10,000 runs 17% slower (a hunter).
     */
    private boolean vote(Slot s, String name, int index, Address scope) {
        int at = voteAt;
        voteAt = -1;
        int v = 0;
        boolean droppedCameBack = false;
        if (n > at) {
            v = voteReplaced ? 1 : -1;
        } else if (name != null && n == at) {
            if (voteReplaced) {
                droppedCameBack = droppedIndex == index && droppedName.equals(name) && sameScope(droppedScope, scope);
                v = droppedCameBack ? -1 : 0;
            } else {
                v = s != null && s == voteDisplaced ? 1 : 0;
            }
        }
        replaceVotes = Math.max(-REPLACE_VOTES_BOUND, Math.min(REPLACE_VOTES_BOUND, replaceVotes + v));
        voteDisplaced = null;
        droppedName = null;
        droppedScope = null;
        return droppedCameBack;
    }

    /** Moves the previous run's sites i..j-1, which this run skipped, behind its later ones and out of the region. */
    private void skip(int i, int j) {
        int k = j - i;
        int end = previous;
        Slot[] ss = slots;
        if (skipped.length < k) {
            skipped = new Slot[Math.max(k, 2 * skipped.length)];
        }
        System.arraycopy(ss, i, skipped, 0, k);
        System.arraycopy(ss, j, ss, i, end - j);
        System.arraycopy(skipped, 0, ss, end - k, k);
        previous = end - k;
    }

    /**
     * The position of slot s, one of this run's sites: the latest site's, where a site's own code asks (a site asks
     * after entering and before the next site enters), else found by a search.
     */
    int positionOf(Slot s) {
        int i = n - 1;
        if (i >= 0 && slots[i] == s) {
            return i;
        }
        for (int j = 0; j < n; j++) {
            if (slots[j] == s) {
                return j;
            }
        }
        throw new IllegalStateException("a slot asked for its position is not one of this run's sites: " + s);
    }

    /**
     * Makes a table that has made no run yet look as if its previous run had been the template's: the first run then
     * repeats it on the fast path as far as it goes the same way ({@link SiteTemplate} says why, and why that is
     * safe). Only the addresses are taken; values and scores are written by each run before they are read. At most
     * {@code limit} of them: the cap on sites per run is checked on the slow path only, so a first run must reach
     * the slow path at the site that passes it, as a run that repeats its engine's previous run does (which never
     * went past it).
     */
    void prime(SiteTemplate t, int limit) {
        int m = Math.min(t.size(), limit);
        if (m > slots.length) {
            int capacity = slots.length;
            while (capacity < m) {
                capacity *= 2;
            }
            slots = newSlots(capacity, slots.length, slots);
        }
        for (int i = 0; i < m; i++) {
            Slot s = slots[i];
            s.name = t.names[i];
            s.index = t.indices[i];
            s.scope = t.scopes[i];
            s.setKinds(t.kinds[i], t.valueKinds[i]);
            s.hash = t.hashes[i];
        }
        n = m;
    }

    /**
     * The addresses of this table's sites so far (of the last run, once it has ended), for {@link #prime}: at most the
     * first {@link RunLimits#CHECK_EVERY}, a prefix of the run (so distinct addresses too). A run with more sites
     * takes the slow path every so many sites anyway, so a longer template would not change how its sites compile,
     * and a template kept for a model's class stays small.
     */
    SiteTemplate template() {
        return new SiteTemplate(slots, Math.min(n, RunLimits.CHECK_EVERY));
    }

    /** Lets the fast path take the previous run's sites up to position {@code limit} (never once indexed). */
    void repeatUpTo(int limit) {
        repeatLimit = limit;
        repeatable = indexed ? 0 : Math.min(previous, limit);
    }

    /** Sends every later site of this run to the slow path. */
    void stopRepeating() {
        repeatLimit = 0;
        repeatable = 0;
    }

    /**
     * The position of the address (scope, name, index) in this run, or -1. Puts the sites not yet in the table into
     * it, and leaves a repeating run repeating.
     */
    int lookup(Address inScope, String name, int index) {
        // Guides most often read a recent choice (the previous step's): the last few sites first, by identity of the
        // name and scope where they are the same objects, without hashing. Addresses are distinct within a run, so
        // the one found is the one the table would give.
        for (int j = n - 1, last = Math.max(0, n - RECENT); j >= last; j--) {
            Slot s = slots[j];
            if (s.index == index && s.name == name && s.scope == inScope) {
                return j;
            }
        }
        return tabledAt(Address.hash(inScope, name, index), inScope, name, index);
    }

    /** The position of the address with hash h among this run's sites, or -1; puts the sites not yet there in the table. */
    private int tabledAt(int h, Address inScope, String name, int index) {
        if (tabled < n) {
            tableSites();
        }
        int mask = table.length - 1;
        int at = h & mask;
        while (stamps[at] == generation) {
            int j = table[at];
            if (slots[j].isAt(h, inScope, name, index)) {
                return j;
            }
            at = (at + 1) & mask;
        }
        return -1;
    }

    /**
     * The position of the address (scope, name, index) among this run's first {@code size} sites, or -1: a read by
     * name of a guide or handler. A run that repeats the previous one makes the same reads in the same order (a
     * guide's reads follow from the run so far), so the read numbered r first tries the position where the previous
     * run's read r found its site, comparing name and scope by identity: a guide that reads the previous step's
     * choice, or a site far back (a global parameter), then finds it without hashing or comparing characters. Any
     * other read is {@link #lookup}'s, and is remembered for the next run. Addresses are distinct within a run, so
     * the site found is the one the table would give.
     */
    int recall(Address inScope, String name, int index, int size) {
        int r = reads++;
        int[] at = readsAt;
        if (r < at.length) {
            int j = at[r];
            if (j >= 0 && j < size) {
                Slot s = slots[j];
                if (s.index == index && s.name == name && s.scope == inScope) {
                    return j;
                }
            }
        }
        return recallByAddress(r, inScope, name, index, size);
    }

    /** {@link #recall} where the previous run's position was not this site: by the table, remembered as read r. */
    private int recallByAddress(int r, Address inScope, String name, int index, int size) {
        readsByAddress++;
        int j = lookup(inScope, name, index);
        if (r >= readsAt.length && r < MAX_READS) {
            int[] grown = newReads(Math.min(MAX_READS, Math.max(2 * readsAt.length, r + 1)));
            System.arraycopy(readsAt, 0, grown, 0, readsAt.length);
            readsAt = grown;
        }
        if (r < readsAt.length) {
            readsAt[r] = j;
        }
        return j < size ? j : -1;
    }

    private static int[] newReads(int length) {
        int[] a = new int[length];
        Arrays.fill(a, -1);
        return a;
    }

    /** Puts an object value (a vector, an object, a plate, or null) in site s's slot. */
    void holdObject(Slot s, Object value) {
        s.object = value;
        objectValues = true;
    }

    /**
     * {@link #holdObject} for the value a latent site of object kind drew or was given, with its {@link Fingerprint}:
     * the run gives the model that object, and a trace, MCMC or SMC keeps it as the site's value.
     */
    void holdDrawnObject(Slot s, Object value) {
        holdObject(s, value);
        long fingerprint = Fingerprint.of(value);
        if (fingerprint == Fingerprint.UNFOLLOWED) {
            return;
        }
        if (drawnCount == drawnAt.length) {
            drawnAt = java.util.Arrays.copyOf(drawnAt, 2 * drawnCount);
            drawnFingerprints = java.util.Arrays.copyOf(drawnFingerprints, 2 * drawnCount);
        }
        drawnAt[drawnCount] = positionOf(s);
        drawnFingerprints[drawnCount++] = fingerprint;
    }

    /**
     * The first latent site of this run whose object value the model changed in place after the site gave it (its
     * fingerprint moved), or -1. A model that sorted the permutation it drew read the other value it left in the
     * trace: annealed SMC read P(first = 2 | e) 0.553 against 0.649, more than 3 standard errors off in 20 seeds of 20,
     * and nothing looked wrong (an adversarial tester).
     */
    int objectChangedInPlace() {
        if (drawnCount == 0) {
            return -1;
        }
        int count = drawnCount;
        drawnCount = 0;
        for (int k = 0; k < count; k++) {
            int i = drawnAt[k];
            Object o = i < n ? slots[i].object : null;
            if (o != null && Fingerprint.of(o) != drawnFingerprints[k]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Copies vector {@code value}, observed or drawn at site s, into the slot's reused copy ({@link Slot#heldVector}:
     * its length, then its entries), and says whether all its entries are finite. Nothing is allocated once the slot
     * has room for it, and no reference is stored.
     */
    boolean holdVector(Slot s, double[] value) {
        double[] copy = s.heldVector;
        int length = value.length;
        if (copy == null || copy.length <= length) {
            copy = growHeldVector(s, length);
        }
        copy[0] = length;
        double finite = 0; // v - v is 0 for a finite v, NaN for NaN or an infinity
        for (int j = 0; j < length; j++) {
            double v = value[j];
            copy[j + 1] = v;
            finite += v - v;
        }
        return finite == 0;
    }

    private static double[] growHeldVector(Slot s, int length) {
        double[] copy = new double[1 + Math.max(length, Slot.HELD_ROOM)];
        s.heldVector = copy;
        return copy;
    }

    /** Marks site s as holding no vector in this run (refused, or not yet drawn): its history shows none there. */
    static void forgetVector(Slot s) {
        if (s.heldVector != null) {
            s.heldVector[0] = -1;
        }
    }

    /**
     * Slot s's object value in this run (s one of this run's sites): a vector, an object or a plate, or null for a
     * scalar. A vector held as a copy in the slot ({@link #holdVector}) is given as a new copy, which the caller may
     * keep; null if none was held.
     */
    Object objectAt(Slot s) {
        Object o = s.object;
        if (o == null && s.valueKind == ValueKind.VECTOR && s.heldVector != null && s.heldVector[0] >= 0) {
            return Arrays.copyOfRange(s.heldVector, 1, 1 + (int) s.heldVector[0]);
        }
        return o;
    }

    /** Site s's vector value in this run, as a new array the caller owns. */
    double[] vectorAt(Slot s) {
        Object o = s.object;
        return o != null ? ((double[]) o).clone() : (double[]) objectAt(s);
    }

    Address addressAt(int i) {
        return slots[i].address();
    }

    /** A site's kind of value: its distribution's, or for a factor a real (its log weight), for a condition a bool. */
    private static ValueKind valueKindOf(SiteKind kind, ValueKind ofDistribution) {
        if (ofDistribution != null) {
            return ofDistribution;
        }
        return kind == SiteKind.CONDITION ? ValueKind.BOOL : ValueKind.REAL;
    }

    private static boolean sameScope(Address a, Address b) {
        return a == b || (a != null && a.equals(b));
    }

    /**
     * Where the run leaves the previous run's sites and is not realigned (past the end of the previous run's sites, or
     * out of realignment work): puts this run's sites so far into the address table (the fast path leaves them out),
     * and stops repeating, so that every later site is added to the table as it comes.
     */
    private void index() {
        indexed = true;
        repeatable = 0;
        tableSites();
    }

    /** Puts the sites tabled..n-1 into the address table, growing it if need be (by the sites' stored hashes). */
    private void tableSites() {
        int capacity = table.length;
        while (2 * (n + 1) > capacity) {
            capacity *= 2;
        }
        if (capacity != table.length) {
            rehash(capacity);
        } else {
            insertSites(tabled);
        }
    }

    /**
     * Puts sites from..n-1 into the address table of the current generation, by their stored hashes: a site admitted
     * without hashing repeats an address whose hash its slot already holds.
     */
    private void insertSites(int from) {
        int mask = table.length - 1;
        for (int j = from; j < n; j++) {
            int h = slots[j].hash;
            int at = h & mask;
            while (stamps[at] == generation) {
                at = (at + 1) & mask;
            }
            stamps[at] = generation;
            table[at] = j;
            keys[at] = h;
        }
        tabled = n;
    }

    private void rehash(int capacity) {
        table = new int[capacity];
        stamps = new int[capacity];
        keys = new int[capacity];
        insertSites(0);
    }

    private static Slot[] newSlots(int capacity, int keep, Slot[] old) {
        Slot[] a = old == null ? new Slot[capacity] : Arrays.copyOf(old, capacity);
        for (int i = keep; i < capacity; i++) {
            a[i] = new Slot();
        }
        return a;
    }
}
