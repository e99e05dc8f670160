package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.SiteKind;
import java.util.Locale;

/**
 * One site's part in the guide's free energy: the mean over accepted runs of log q - log p at this address
 * (0 in runs that did not reach it), and its share of the variance of the run's total log q - log p. With d the
 * site's log q - log p (0 where a run does not make it), m its mean over the runs that make it, 1[made] whether a
 * run makes it and D the run's total, Cov(d, D) / Var(D) splits in two:
 * <ul>
 *   <li>{@code varianceShare}, Cov(1[made] (d - m), D) / Var(D): how the site's term varies where it is made, the
 *       part of its own proposal (or its own evidence);</li>
 *   <li>{@code presenceShare}, m Cov(1[made], D) / Var(D): the part carried by whether a run makes the site at all:
 *       the branch's, mixed with the site's average term where made (which the evidence after it may cancel, as an
 *       exact proposal's term averages KL(q || p), its divergence from the prior); 0 for a site every run makes.</li>
 * </ul>
 * The two shares together add up to 1 over the sites. A latent site with a large {@code varianceShare} is the one whose proposal
 * makes the weights vary: the site the guide gets wrong. A site that only some runs make has terms that covary with
 * the choice that makes it, and a proposal fitted to the evidence after it varies as that evidence does and cancels
 * it: taken whole, such a site's share was once 107% beside its evidence's -122%, for a proposal that was exact.
 *
 * <p>A share says where the spread lands, not which choice causes it: a choice left at its prior has no term, so no
 * share, though the proposals or the evidence after it may follow its value. {@code valueShare} says that: the part
 * of the variance of D its value explains over the runs that make it ({@link ValueSpread}), its own term's part
 * included.
 *
 * @param address       the site
 * @param kind          its kind
 * @param visits        the number of accepted runs that reached it
 * @param meanLogQMinusLogP the mean of log q - log p at the site
 * @param varianceShare its share of the variance of log q - log p over the run where it is made (0 where its term
 *                      is infinite in some run, as under a whole-run defensive mixture whose inner proposal cannot
 *                      give a value the prior's share drew: its mean is then infinite too)
 * @param presenceShare the share carried by whether a run makes it (0 for a site every run makes)
 * @param valueShare    for a latent site whose value is a number (a real, an int, a boolean), the share of the
 *                      variance of log q - log p, over the runs that make it, that its value explains, adjusted for
 *                      chance: by the mean at each value where it took at most 32, else by a quadratic in the value
 *                      over the first 2,000 runs; NaN for any other site, or where too few runs made it
 */
public record SiteBreakdown(Address address, SiteKind kind, long visits, double meanLogQMinusLogP,
                            double varianceShare, double presenceShare, double valueShare) {

    /** Both shares together: Cov(d, D) / Var(D). */
    public double totalShare() {
        return varianceShare + presenceShare;
    }

    /**
     * Whether the site's value explains much more of the spread than its own term carries (at least 10 points more):
     * the choices after it follow its value.
     */
    public boolean valueDrivesSpread() {
        return valueShare >= varianceShare + 0.1;
    }

    /**
     * The table's row: address, kind, visits, mean, variance share, the presence share if {@code presence}, and the
     * value share if {@code byValue} (blank where there is none).
     */
    String row(boolean presence, boolean byValue) {
        String row = String.format(Locale.ROOT, "%-24s %-9s %10d %14.4f %8.1f%%", address,
                kind.name().toLowerCase(Locale.ROOT), visits, meanLogQMinusLogP, 100 * varianceShare);
        if (presence) {
            row += String.format(Locale.ROOT, " %11.1f%%", 100 * presenceShare);
        }
        if (byValue) {
            row += valueShare == valueShare ? String.format(Locale.ROOT, " %8.1f%%", 100 * valueShare) : "";
        }
        return row;
    }

    @Override
    public String toString() {
        return row(presenceShare != 0, valueShare == valueShare);
    }
}
