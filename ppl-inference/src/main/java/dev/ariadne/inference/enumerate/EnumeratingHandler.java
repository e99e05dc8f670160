package dev.ariadne.inference.enumerate;

import dev.ariadne.core.Handler;
import dev.ariadne.core.Message;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.UserText;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.Support;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effect handler that drives exact enumeration. At the j-th latent site of a run it sets the value whose
 * ordinal in the site's finite support is {@code choice[j]} (booleans: false, true; integers: lower..upper;
 * objects: the order of {@link ObjDist#enumerate()}), and records in {@code next[j]} the next ordinal with
 * positive mass, or -1. Sites beyond the replayed prefix take their first value with positive mass. The driver
 * ({@link Enumerate}) then advances the deepest depth that has a next value, like an odometer, which visits every
 * path with positive prior mass exactly once.
 *
 * <p>Values of zero prior mass are skipped, so a path is never a run that fails on its own latent choice. Since
 * this handler sets every latent value and leaves no proposal, each site's log q equals its log prior and the
 * run's log p is the path's log p(x, e).
 */
final class EnumeratingHandler extends Handler {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    /** The ordinal chosen at each depth (latent site number within the run). */
    int[] choice = new int[16];
    /** The next ordinal with positive mass after choice[j] at depth j, or -1 if there is none. */
    int[] next = new int[16];
    /** How many depths are replayed from {@link #choice}; deeper ones start at their first value. */
    int prefix;
    /** The number of latent sites the last run reached. */
    int depth;
    /** The number of latent sites that reached this handler in the last run, whether it set them or not. */
    int seen;
    /**
     * Their names, indices and scopes, in order, read from the site without making its address: a latent site of the
     * run missing from them is one a handler hid, and is named (the count alone named the site after the hidden
     * ones, whichever was hidden; an adversarial tester).
     */
    String[] seenNames = new String[16];
    int[] seenIndices = new int[16];
    dev.ariadne.core.Address[] seenScopes = new dev.ariadne.core.Address[16];
    /** The first error raised at a site of the last run, kept in case the model swallowed it. */
    EnumerationException error;
    /** The path budget, which a support too large to walk is measured against. */
    private final long maxPaths;
    /** The most latent choices one path may make: a path that makes more stops at the one past it. */
    private final int maxChoices;

    /**
     * Object distributions' listed and checked supports, by the distribution (equal ones share one), the last
     * {@value #LISTED_DISTRIBUTIONS} used: a Multinomial made at its site in each path listed and checked its 53,130
     * count vectors at every path, 344 s for one call (a hunter). Few, so that a distribution of identity equality
     * made anew at each path, never found again, costs one entry let go a path: holding up to 4,000,000 values of
     * such lists made a call 2.3 times slower (a hunter). At most {@value #LISTED_MOST} values are held.
     */
    private final Map<Dist, Object[]> listed = new LinkedHashMap<>(32, 0.75f, true);
    private long listedValues;
    private static final long LISTED_MOST = 4_000_000;
    private static final int LISTED_DISTRIBUTIONS = 8;

    /** The listed support of a distribution equal to {@code d}, or null (none, or d's equals or hashCode threw). */
    private Object[] listedSupport(Dist d) {
        try {
            return listed.get(d);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void keepListed(Dist d, Object[] values) {
        java.util.Iterator<Object[]> oldest = listed.values().iterator();
        while ((listed.size() >= LISTED_DISTRIBUTIONS || listedValues + values.length > LISTED_MOST)
                && oldest.hasNext()) {
            listedValues -= oldest.next().length;
            oldest.remove();
        }
        try {
            listed.put(d, values);
            listedValues += values.length;
        } catch (RuntimeException e) {
            // a user's distribution whose equals or hashCode throws is listed again at each path
        }
    }

    EnumeratingHandler(long maxPaths, int maxChoices) {
        this.maxPaths = maxPaths;
        this.maxChoices = maxChoices;
    }

    @Override
    protected void enterRun() {
        depth = 0;
        seen = 0;
        error = null;
    }

    @Override
    protected void process(Message m) {
        if (m.kind() == SiteKind.OBSERVED) {
            requireObservedMassesSumToOne(m);
            return;
        }
        if (m.kind() != SiteKind.LATENT) {
            return;
        }
        if (seen == seenNames.length) {
            seenNames = Arrays.copyOf(seenNames, 2 * seen);
            seenIndices = Arrays.copyOf(seenIndices, 2 * seen);
            seenScopes = Arrays.copyOf(seenScopes, 2 * seen);
        }
        dev.ariadne.core.Site site = m.site();
        seenNames[seen] = site.name();
        seenIndices[seen] = site.index();
        seenScopes[seen++] = site.scope();
        if (m.hasValue()) {
            return; // an inner handler replayed it: not a choice
        }
        int j = depth++;
        if (depth > maxChoices) {
            // Stopped here, not at the path's end: a path that never ends (a loop of flips until one comes up)
            // would otherwise run on to the engine's limit of sites per run.
            throw remember(new EnumerationException(EnumerationException.Reason.PATH_BUDGET, "exact enumeration's "
                    + "path made more than maxChoicesPerPath(" + maxChoices + ") latent choices, the last at "
                    + m.address().toShortString() + ": " + EnumerationException.ENDLESS + ", raise maxChoicesPerPath, "
                    + "or use sampling-based inference", m.address()));
        }
        if (j == choice.length) {
            choice = Arrays.copyOf(choice, 2 * j);
            next = Arrays.copyOf(next, 2 * j);
        }
        Dist d = m.prior();
        Object[] objects = null;
        long size;
        boolean pointMass = false;
        if (d instanceof BoolDist) {
            size = 2;
        } else if (d instanceof IntDist) {
            Support s = d.support();
            if (s.type() != Support.Type.INTEGERS) {
                throw fail(m, "its support " + s + " is not a range of integers");
            }
            size = (long) s.upper() - (long) s.lower() + 1;
            if (!s.isFinite() && s.lower() > Integer.MIN_VALUE && ((IntDist) d).logMass((int) s.lower()) == 0
                    || d instanceof dev.ariadne.core.dist.Binomial b && (b.p() == 0 || b.p() == 1)) {
                // Mass 1 at one end of the support (a Poisson of rate 0, a Geometric of p = 1, a Binomial of p = 0
                // or 1, whose one value is then n; see lowest): a point mass, so every other value has mass 0 and the
                // choice has one path, whatever the support says. A Binomial(10^7, 0) after six coins read its ten
                // million masses three times a path, 63 s for the call (an adversarial tester). Not for any mass of 1
                // read at a finite support's end: rounded from 1 - 99 e^-800, a Categorical of logits holds masses
                // that a factor of e^800 makes count.
                size = 1;
                pointMass = true;
            } else if (!s.isFinite() && d instanceof dev.ariadne.core.dist.DiscreteUniform u
                    && u.count() <= maxPaths) {
                // its own bounds, where the support's end at the largest (smallest) int also stands for no end: a
                // DiscreteUniform(MAX - 1, MAX) of two values was refused as unbounded (an adversarial tester); one of
                // more values than paths is told of the budget below, as any other
                size = u.count();
            } else if (!s.isFinite()) {
                // The largest (smallest) int also stands for no upper (lower) end, so the count is a minimum.
                String side = s.upper() < Integer.MAX_VALUE ? "below (or ends at the smallest int"
                        : s.lower() > Integer.MIN_VALUE ? "above (or ends at the largest int"
                        : "both ways (or ends at the ints' ends";
                throw fail(m, String.format(java.util.Locale.ROOT, "its support %s is unbounded %s: %,d values or "
                        + "more), as a count such as a Poisson's is, and every value would be a path, against a path "
                        + "budget of %,d set by maxPaths", s, side, size, maxPaths));
            }
            if (size > Integer.MAX_VALUE) {
                throw fail(m, "its support " + s + " has more than " + Integer.MAX_VALUE + " values");
            }
        } else if (d instanceof ObjDist) {
            objects = listedSupport(d);
            if (objects == null) {
                List<?> values;
                try {
                    values = ((ObjDist<?>) d).enumerate();
                } catch (UnsupportedOperationException e) {
                    throw fail(m, "it cannot list its support (" + UserText.messageOf(e) + ")");
                }
                if (values == null) {
                    // a NullPointerException from toArray named neither the method nor the site (an adversarial tester)
                    throw notItsSupport(m, "its enumerate() returned null, not a list");
                }
                objects = values.toArray();
                requireDistribution(m, (ObjDist<?>) d, objects);
                keepListed(d, objects);
            }
            size = objects.length;
        } else {
            throw fail(m, "it is continuous (" + d.valueKind().name().toLowerCase(java.util.Locale.ROOT)
                    + " valued)");
        }
        int ordinal;
        if (j < prefix) {
            ordinal = choice[j];
            if (ordinal >= size || logMass(m, d, objects, ordinal) == NEG_INF) {
                throw inconsistent(m, "replaying the same earlier choices reached " + m.address() + " with "
                        + d.describe() + ", which has no value number " + ordinal + " of positive mass");
            }
        } else {
            if (objects == null && !pointMass) {
                requireFewerPositiveValuesThanPaths(m, d, (int) size);
                requireMassesSumToOne(m, d, (int) size);
            }
            ordinal = firstPositive(m, d, objects, 0, (int) size);
            if (ordinal < 0) {
                throw fail(m, "no value of its support has positive mass");
            }
            choice[j] = ordinal;
        }
        next[j] = firstPositive(m, d, objects, ordinal + 1, (int) size);
        m.setValue(value(d, objects, ordinal));
        // The value is set, so a proposal would only change log q, which enumeration does not use; clear it so
        // that a proposal with a narrower support cannot turn a path into a spurious failure.
        m.setProposal(null);
    }

    /**
     * Refuses an object distribution whose listed values are not its support: a value listed twice (its paths
     * counted twice) or masses that do not sum to 1 (a user's masses of 2, 3 and 5 gave P(e) = 2.6, which sampling
     * read as 0.26). A sum within {@link dev.ariadne.core.dist.Masses#TOLERANCE} of 1 passes, rounding of the masses'
     * own.
     */
    private void requireDistribution(Message m, ObjDist<?> d, Object[] values) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        double[] logMasses = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw notItsSupport(m, "its enumerate() lists null as value " + i + ", which no choice can take");
            }
            if (!seen.add(values[i])) {
                throw notItsSupport(m, "its enumerate() lists the value " + values[i] + " twice");
            }
            logMasses[i] = logMass(m, d, values, i);
        }
        double total = Math.exp(dev.ariadne.core.dist.LogMath.logSumExp(logMasses));
        if (!dev.ariadne.core.dist.Masses.isOne(total)) {
            throw notItsSupport(m, String.format(java.util.Locale.ROOT, "the masses of the %d values its enumerate() "
                    + "lists sum to %.10g, not 1 (exp of logDensity at each)", values.length, total));
        }
    }

    /**
     * Refuses a boolean or integer distribution whose masses over its support do not sum to 1, as {@link
     * #requireDistribution} refuses an object distribution's: a user's IntDist of mass 2/3 on each of 0, 1 and 2 gave
     * P(e) = 2, and a BoolDist of 0.7 each way 1.4 (an adversarial tester). Checked at each new choice, whose values
     * enumeration visits anyway.
     */
    private void requireMassesSumToOne(Message m, Dist d, int size) {
        double total;
        try {
            total = dev.ariadne.core.dist.Masses.total(d, size);
        } catch (RuntimeException e) {
            for (int o = 0; o < size; o++) {
                logMass(m, d, null, o); // names the value whose mass threw, if it throws again
            }
            throw threw(m, d, e, "while its masses over its support were summed");
        }
        if (!dev.ariadne.core.dist.Masses.isOne(total)) {
            throw remember(new EnumerationException(EnumerationException.Reason.NOT_ENUMERABLE, String.format(
                    java.util.Locale.ROOT, "exact enumeration cannot walk the choice at %s: its distribution %s is "
                            + "not a distribution over its support %s, as its masses there sum to %.10g, not 1 (exp "
                            + "of logMass at each value); a distribution's masses must sum to 1 over its support",
                    m.address(), d.describe(), d.support(), total), m.address()));
        }
    }

    /** The user's own observation distributions found to sum to 1, by identity: each is summed once. */
    private final java.util.Set<Dist> observedChecked = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());
    /** The largest finite support of an observation's distribution whose masses are summed. */
    private static final long OBSERVED_VALUES = 100_000;

    /**
     * Refuses an observation whose distribution is the user's own boolean or integer one (of a finite support of at
     * most {@value #OBSERVED_VALUES} values) and whose masses do not sum to 1, as a choice's are refused: a user's
     * IntDist of masses summing to 2 observed once read log P(e) = 0 where log 0.5 is right, with nothing said, where
     * importance sampling names it (an adversarial tester). The distributions Ariadne ships are not summed.
     */
    private void requireObservedMassesSumToOne(Message m) {
        Dist d = m.prior();
        if (!(d instanceof BoolDist || d instanceof IntDist) || !dev.ariadne.inference.UserDistributionCheck
                .isUsersOwn(d) || observedChecked.contains(d)) {
            return;
        }
        Support s = d.support();
        long size = d instanceof BoolDist ? 2 : s == null || !s.isFinite() || s.type() != Support.Type.INTEGERS ? -1
                : (long) s.upper() - (long) s.lower() + 1;
        if (size < 1 || size > OBSERVED_VALUES) {
            return;
        }
        double total;
        try {
            total = dev.ariadne.core.dist.Masses.total(d, (int) size);
        } catch (RuntimeException e) {
            return; // the run scores the observation, and reports what its distribution throws there
        }
        if (!dev.ariadne.core.dist.Masses.isOne(total)) {
            throw remember(new EnumerationException(EnumerationException.Reason.NOT_ENUMERABLE, String.format(
                    java.util.Locale.ROOT, "exact enumeration cannot weigh the observation at %s: its distribution "
                            + "%s is not a distribution over its support %s, as its masses there sum to %.10g, not 1 "
                            + "(exp of logMass at each value), so every path it weighs would be %.6g times what it "
                            + "should be; a distribution's masses must sum to 1 over its support",
                    m.address(), d.describe(), s, total, total), m.address()));
        }
        if (observedChecked.size() < 64) {
            observedChecked.add(d);
        }
    }

    /**
     * Refuses, at once, a choice with more values of positive mass than the path budget: each is a path. A
     * Binomial(10^9, 0.5) ran out of heap summing its masses, and a DiscreteUniform(0, 10^8) met the budget only after
     * 17 s of paths (an adversarial tester).
     */
    private void requireFewerPositiveValuesThanPaths(Message m, Dist d, int size) {
        if (size <= maxPaths) {
            return;
        }
        long positive = 0;
        for (int o = 0; o < size; o++) {
            if (logMass(m, d, null, o) != NEG_INF && ++positive > maxPaths) {
                throw remember(new EnumerationException(EnumerationException.Reason.PATH_BUDGET, String.format(
                        java.util.Locale.ROOT, "exact enumeration cannot walk the choice at %s: its distribution %s "
                                + "gives positive mass to more than %,d of the %,d values of its support %s, and each "
                                + "would be a path, against the path budget set by maxPaths(%,d); raise maxPaths or "
                                + "use sampling-based inference", m.address(), d.describe(), maxPaths, size,
                        d.support(), maxPaths), m.address()));
            }
        }
    }

    private static int firstPositive(Message m, Dist d, Object[] objects, int from, int size) {
        for (int o = from; o < size; o++) {
            // NaN counts as positive: the run engine then reports the broken density with the site's address.
            if (logMass(m, d, objects, o) != NEG_INF) {
                return o;
            }
        }
        return -1;
    }

    /**
     * The log mass of value number {@code ordinal} of the choice's distribution; what the distribution throws names
     * it and the value, with the cause kept: a user's logMass that threw at its value 3 was reported as "a handler
     * threw" on the path of value 0 (an adversarial tester).
     */
    private static double logMass(Message m, Dist d, Object[] objects, int ordinal) {
        try {
            return logMass(d, objects, ordinal);
        } catch (RuntimeException e) {
            throw threw(m, d, e, "scoring its value " + value(d, objects, ordinal));
        }
    }

    /** What a distribution threw while enumeration read its masses, naming the site, the distribution and when. */
    private static DistributionThrew threw(Message m, Dist d, RuntimeException e, String when) {
        return new DistributionThrew("the distribution at " + m.address() + " (" + d.getClass().getName()
                + ") threw " + UserText.of(e) + " " + when
                + ", as exact enumeration does at every value of its support", e);
    }

    /**
     * A choice's distribution threw while enumeration read its masses: the enumeration reports its message, with the
     * distribution's own exception as the cause, where the engine would have said that a handler threw.
     */
    static final class DistributionThrew extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DistributionThrew(String message, RuntimeException cause) {
            super(message, cause);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static double logMass(Dist d, Object[] objects, int ordinal) {
        if (d instanceof BoolDist) {
            return ((BoolDist) d).logMass(ordinal == 1);
        }
        if (d instanceof IntDist) {
            return ((IntDist) d).logMass(lowest((IntDist) d) + ordinal);
        }
        return ((ObjDist) d).logDensity(objects[ordinal]);
    }

    /**
     * The value that an integer choice's value number 0 stands for: its support's lower end, but n for a Binomial
     * of p = 1, walked as the one value where its mass is.
     */
    private static int lowest(IntDist d) {
        return d instanceof dev.ariadne.core.dist.Binomial b && b.p() == 1 ? b.n() : (int) d.support().lower();
    }

    private static Object value(Dist d, Object[] objects, int ordinal) {
        if (d instanceof BoolDist) {
            return ordinal == 1;
        }
        if (d instanceof IntDist) {
            return lowest((IntDist) d) + ordinal;
        }
        // an array value is the path's own copy: the listed one is handed to every path that takes it
        Object v = objects[ordinal];
        return v instanceof int[] a ? a.clone() : v instanceof double[] a ? a.clone() : v instanceof boolean[] a
                ? a.clone() : v;
    }

    private EnumerationException fail(Message m, String why) {
        return remember(new EnumerationException(EnumerationException.Reason.NOT_ENUMERABLE,
                "exact enumeration cannot walk the choice at " + m.address() + ": its distribution "
                        + m.prior().describe() + " is not finite-discrete, as " + why
                        + "; enumerate only models whose latent choices are booleans, bounded integers or"
                        + " enumerable objects", m.address()));
    }

    private EnumerationException notItsSupport(Message m, String why) {
        return remember(new EnumerationException(EnumerationException.Reason.NOT_ENUMERABLE,
                "exact enumeration cannot walk the choice at " + m.address() + ": its distribution "
                        + m.prior().describe() + " is not a distribution over the values it lists, as " + why
                        + "; an ObjDist's enumerate() must list each value once, with masses that sum to 1",
                m.address()));
    }

    private EnumerationException inconsistent(Message m, String why) {
        return remember(new EnumerationException(EnumerationException.Reason.INCONSISTENT_MODEL,
                "the model is not a function of its random choices: " + why
                        + " (draw all randomness through Prob and do not depend on mutable state)", m.address()));
    }

    private EnumerationException remember(EnumerationException e) {
        if (error == null) {
            error = e;
        }
        return e;
    }
}
