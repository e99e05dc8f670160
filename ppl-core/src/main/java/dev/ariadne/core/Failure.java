package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Multinomial;

/**
 * Where and why a run failed: it has weight 0, which counts honestly in every estimate and bound.
 *
 * @param cause    why the run's weight is 0
 * @param address  the site at which it became 0
 * @param observed the value observed there when the site is an observation of one number (an Integer, a Boolean or
 *                 a Double) or of a vector of at most {@value #NAMED_ENTRIES} entries (a {@code List<Double>}), or of
 *                 counts observed whole (a Multinomial's, as {@link Counts}), that
 *                 its distribution gives probability 0 (a class outside a Categorical's categories, a negative
 *                 count, probabilities that do not sum to 1), or, for a longer plate of observations, its first
 *                 element of probability 0 (a {@link PlateElement}); for a latent site of one number, its value that
 *                 the prior gives density 0 (outside its support, or where its density underflows); null otherwise
 * @param distribution the distribution that gave the observed value probability 0 (a latent site's prior), when the
 *                     runner can name it (it records its runs, its handlers saw the site, or it made the
 *                     same run again to read it); null otherwise
 */
public record Failure(FailureCause cause, Address address, Object observed, Dist distribution) {

    /** A failure with no distribution to name. */
    public Failure(FailureCause cause, Address address, Object observed) {
        this(cause, address, observed, null);
    }

    /** A failure with no observed value to name (a false condition, a latent value outside its prior's support). */
    public Failure(FailureCause cause, Address address) {
        this(cause, address, null, null);
    }

    /** The most entries of an observed vector a failure names. */
    public static final int NAMED_ENTRIES = 8;

    /**
     * The failure at a site, naming the value observed there when the site observed one number or a short vector
     * (as a list, so that two failures with the same values are equal).
     */
    static Failure at(FailureCause cause, Address address, SiteKind kind, Object value, Dist distribution) {
        if (kind == SiteKind.LATENT && cause == FailureCause.SUPPORT_VIOLATION && distribution != null
                && (value instanceof Double || value instanceof Integer || value instanceof Boolean)) {
            return new Failure(cause, address, value, distribution);
        }
        if (kind != SiteKind.OBSERVED) {
            return new Failure(cause, address, null, null);
        }
        if (value instanceof double[] v && v.length <= NAMED_ENTRIES) {
            return new Failure(cause, address, java.util.Arrays.stream(v).boxed().toList(), distribution);
        }
        if (value instanceof int[] v && distribution instanceof dev.ariadne.core.dist.ObjDist) {
            return new Failure(cause, address, Counts.of(v, distribution), distribution); // observed whole, no plate
        }
        if (value instanceof double[] || value instanceof int[] || value instanceof boolean[]) {
            return new Failure(cause, address, PlateElement.firstImpossible(value, distribution), distribution);
        }
        boolean named = value instanceof Integer || value instanceof Boolean || value instanceof Double;
        return new Failure(cause, address, named ? value : null, distribution);
    }

    /**
     * The first element of a plate of observations ({@code observeAll}) that the plate's distribution, each
     * element's, gives probability 0: a plate of 10,000 with one value outside the support said only "zero likelihood
     * at x (under Beta(...))" (an adversarial tester).
     *
     * @param index the element's index in the plate
     * @param size  the plate's size
     * @param value the element's value
     */
    public record PlateElement(int index, int size, Object value) {
        /** The first such element of {@code plate} under {@code d}, or null where none is found or d is not each's. */
        static PlateElement firstImpossible(Object plate, Dist d) {
            int n = java.lang.reflect.Array.getLength(plate);
            try {
                for (int i = 0; i < n; i++) {
                    double l = plate instanceof double[] v && d instanceof dev.ariadne.core.dist.RealDist r
                            ? r.logDensity(v[i])
                            : plate instanceof int[] v && d instanceof dev.ariadne.core.dist.IntDist k ? k.logMass(v[i])
                            : plate instanceof boolean[] v && d instanceof dev.ariadne.core.dist.BoolDist b
                            ? b.logMass(v[i]) : Double.NaN;
                    if (l != l) {
                        return null; // not each element's distribution, or a density that is broken: nothing to name
                    }
                    if (l == Double.NEGATIVE_INFINITY) {
                        return new PlateElement(i, n, java.lang.reflect.Array.get(plate, i));
                    }
                }
            } catch (RuntimeException e) {
                return null;
            }
            return null;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "element %d of %,d: %s", index, size, value);
        }
    }

    /**
     * Whether a latent value the prior gave density 0 lies inside the prior's support: its density underflowed there
     * (a guide's proposal of 1e300 under a Normal prior), which is no value outside the support.
     */
    private static boolean insideSupport(Object value, Dist prior) {
        try {
            return prior != null && prior.support() != null && (value instanceof Double x && prior.support().contains(x)
                    || value instanceof Integer k && prior.support().contains(k));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** For example {@code zero likelihood at k (observed 7 under Binomial(n=5, p=0.3))}. */
    @Override
    public String toString() {
        if (cause == FailureCause.SUPPORT_VIOLATION && observed != null && distribution != null) {
            // "support violation" named a guide's proposal of 1e300 under a Normal prior (an adversarial tester), and
            // named neither value nor prior where a replayed trace of another model gave a Gamma's site -0.53 (one
            // too); a Categorical's weight of exactly 0, or a value at an end of the support, was said to underflow (a
            // new user)
            String value = " at " + address + " (value " + observed;
            if (!insideSupport(observed, distribution)) {
                return "support violation" + value + ", outside the support" + supportShown() + " of its prior "
                        + described() + ")";
            }
            return !(observed instanceof Double) ? "prior probability 0" + value + ", which its prior "
                    + described() + " gives probability 0)"
                    : "prior density 0" + value + ", inside the support of " + described()
                    + (atAnEnd(observed, distribution) ? ", at its end, where its density is 0)"
                    : ", where its density underflows to 0)");
        }
        String what = cause.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " at " + address;
        if (observed == null && distribution == null) {
            return what;
        }
        return what + " (" + (observed == null ? "" : "observed " + observed)
                + (observed != null && distribution != null ? " " : "")
                + (distribution == null ? "" : "under " + described()) + offSimplex()
                + (observed instanceof Counts c ? c.why() : "") + underflowed() + ")";
    }

    /** The distribution as its describe() writes it; its class and what it threw where describe() throws. */
    private String described() {
        try {
            return distribution.describe();
        } catch (RuntimeException e) {
            return distribution.getClass().getName() + " (whose describe() threw " + e.getClass().getName() + ")";
        }
    }

    /** The distribution's support in parentheses after a space; nothing where its support() fails. */
    private String supportShown() {
        try {
            return " (" + distribution.support() + ")";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Where an observed number's likelihood is 0 inside its distribution's support, why: its density underflowed
     * there ({@code observe(y, Normal(x, 1), 1e308)}, whose log density is about -5e615, read as a value outside the
     * support, an adversarial tester); empty otherwise.
     */
    private String underflowed() {
        // a real value only: a count's mass is 0 inside its support for good (Poisson(0) at 3, a zero weight)
        if (cause != FailureCause.ZERO_LIKELIHOOD || !(observed instanceof Double)
                || !insideSupport(observed, distribution)) {
            return "";
        }
        // a LogNormal's 0, an end of its support, was said to underflow (a new user recording a reading below an
        // assay's limit as 0)
        return atAnEnd(observed, distribution) ? ", at an end of its support, where its density is 0"
                : ", inside its support, where its density underflows to 0 in doubles";
    }

    /** Whether a real value lies at a finite end of the distribution's support. */
    private static boolean atAnEnd(Object value, Dist d) {
        try {
            return value instanceof Double x && (x == d.support().lower() || x == d.support().upper());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Counts observed whole (a Multinomial's), as a failure names them: shown as a message shows an array (a long one
     * shortened), and why they lie outside the distribution's support where it is a Multinomial (empty otherwise).
     * A 10-party poll's counts were not named at all, nor why, past 8 entries (a hunter).
     *
     * @param shown the counts, shortened where long
     * @param why   ": the counts sum to 21, not its n = 20", or another length, a negative count, a count in a
     *              category of probability 0; empty where none of these is the reason
     */
    public record Counts(String shown, String why) {
        static Counts of(int[] v, Dist d) {
            String shown = dev.ariadne.core.dist.ShownArrays.of(v.length, i -> String.valueOf(v[i]));
            return new Counts(shown, d instanceof Multinomial m ? outside(v, m) : "");
        }

        private static String outside(int[] v, Multinomial m) {
            if (v.length != m.categories()) {
                return String.format(java.util.Locale.ROOT, ": %,d counts where it has %,d categories", v.length,
                        m.categories());
            }
            long sum = 0;
            for (int c : v) {
                if (c < 0) {
                    return ": a count is negative";
                }
                sum += c;
            }
            if (sum != m.n()) {
                return ": the counts sum to " + sum + ", not its n = " + m.n();
            }
            double[] p = m.probabilities();
            for (int i = 0; i < v.length; i++) {
                if (v[i] > 0 && p[i] == 0) {
                    return ": category " + i + " has a count of " + v[i] + " and probability 0";
                }
            }
            return "";
        }

        @Override
        public String toString() {
            return shown;
        }
    }

    /**
     * Why an observed vector is off its distribution's simplex, if it is: entries that sum to other than 1 (data
     * printed to 6 decimals sum to 0.999999, which a Dirichlet gives density 0) or a negative entry; empty otherwise.
     */
    private String offSimplex() {
        if (!(observed instanceof java.util.List<?> entries) || distribution == null
                || distribution.support().type() != dev.ariadne.core.dist.Support.Type.SIMPLEX) {
            return "";
        }
        double sum = 0;
        for (Object e : entries) {
            double v = ((Double) e);
            if (!(v >= 0)) {
                return ": an entry is negative, off the simplex";
            }
            sum += v;
        }
        double tolerance = dev.ariadne.core.dist.Support.simplexTolerance(entries.size());
        return Math.abs(sum - 1) <= tolerance ? "" : String.format(java.util.Locale.ROOT, ": its entries sum to "
                + "%.10g, not 1 within %.0e, off the simplex (data rounded for printing? renormalise it)", sum,
                tolerance);
    }
}
