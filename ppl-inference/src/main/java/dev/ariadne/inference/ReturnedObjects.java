package dev.ariadne.inference;

import dev.ariadne.core.Fingerprint;
import dev.ariadne.core.UserText;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Watches the objects a model returns from the runs whose values are kept past their run (importance sampling's
 * kept runs, SMC's particles), for one object returned by two runs and changed in between: a model that clears and
 * refills one list at each run hands every kept run that list as the last run left it. An SMC call over such a model
 * read E[x | e] 7.4 standard errors off and P(x > 0 | e) 6.6, averaging prior draws, and importance sampling's kept
 * runs all held one value, with no verdict (an adversarial tester; enumeration refused it).
 *
 * <p>A value of a kind that cannot change ({@link Fingerprint#unchangeable}) is not watched, nor an array (kept as a
 * copy); the first {@link #WATCHED} other objects are fingerprinted ({@link Fingerprint}) when first returned, and
 * again when returned by a later run (its first {@link #UNCHANGED_RETURNS}): the same object returned with other
 * contents is named. One returned object that never changes (a constant) is not. A worker's own (an importance
 * sampling shard's, an SMC worker's over its sweeps), not merged: objects shared across workers are seen by each.
 */
public final class ReturnedObjects {

    /** How many distinct returned objects are fingerprinted, the first ones returned. */
    static final int WATCHED = 64;
    /** How many later returns of one object are checked; one returned unchanged that often is a constant. */
    static final int UNCHANGED_RETURNS = 10;

    /**
     * Each watched object's fingerprint when first returned, the run that returned it as said, and how many later
     * returns have been checked.
     */
    private final Map<Object, Object[]> watched = new IdentityHashMap<>();
    private String changed;

    /**
     * Notes {@code value}, returned by run {@code run}, which {@code describe} names (as "run 7 of seed 1") where it is
     * said.
     */
    public void returned(Object value, long run, LongFunction<String> describe) {
        if (changed != null || value == null || value.getClass().isArray() || Fingerprint.unchangeable(value)) {
            return;
        }
        Object[] first = watched.get(value);
        if (first != null) {
            // returned again unchanged a few times, it is a constant: a list of 200,000 returned by every run was
            // fingerprinted at each, and a call took 10 to 60 times as long (a false-alarm hunt)
            if ((Integer) first[2] >= UNCHANGED_RETURNS) {
                return;
            }
            first[2] = (Integer) first[2] + 1;
            long now;
            try {
                now = Fingerprint.of(value);
            } catch (RuntimeException cannot) {
                first[2] = UNCHANGED_RETURNS; // a hashCode of the user's that throws: not watched further
                return;
            }
            if (now != (Long) first[0]) {
                changed = String.format(java.util.Locale.ROOT, "the model returned one object, a %s, from %s and "
                        + "again from %s, changed in between (it now holds %s): each kept value is that object as the "
                        + "last run left it, so where what changed is its value (not a cache or a counter it keeps), "
                        + "what is read from the runs' values (kept runs, SMC's hypotheses and expectations) reads the "
                        + "last run's; return a new object at each run",
                        value.getClass().getSimpleName(),
                        first[1], describe.apply(run), shown(value));
            }
            return;
        }
        if (watched.size() < WATCHED) {
            long f;
            try {
                f = Fingerprint.of(value);
            } catch (RuntimeException cannot) {
                f = Fingerprint.UNFOLLOWED; // never walked again
            }
            // one too large or deep to follow is remembered too, never to be walked again
            watched.put(value, new Object[] {f, describe.apply(run),
                f == Fingerprint.UNFOLLOWED ? UNCHANGED_RETURNS : 0});
        }
    }

    /** The value as text, cut at {@link #SHOWN_CHARS} characters; its class where its toString throws. */
    private static String shown(Object value) {
        String text;
        try {
            text = String.valueOf(value);
        } catch (RuntimeException e) {
            return "what its toString cannot say (" + UserText.of(e) + ")";
        }
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }

    private static final int SHOWN_CHARS = 200;

    /** The verdict on an object changed in place after a run returned it; null if none was seen. */
    public String changed() {
        return changed;
    }
}
