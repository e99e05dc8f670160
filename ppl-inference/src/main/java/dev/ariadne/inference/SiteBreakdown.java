package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.SiteKind;
import java.util.Locale;

/**
 * One site's part in the guide's free energy: the mean over accepted runs of log q - log p at this address
 * (0 in runs that did not reach it), and its share of the variance of the run's total log q - log p, namely
 * Cov(d_site, D) / Var(D). The shares add up to 1 over the sites, so a site with a large share is the one whose
 * proposal (or whose evidence) makes the weights vary: the site the guide gets wrong.
 *
 * @param address       the site
 * @param kind          its kind
 * @param visits        the number of accepted runs that reached it
 * @param meanLogQMinusLogP the mean of log q - log p at the site
 * @param varianceShare its share of the variance of log q - log p over the run
 */
public record SiteBreakdown(Address address, SiteKind kind, long visits, double meanLogQMinusLogP,
                            double varianceShare) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%-24s %-9s %10d %14.4f %8.1f%%", address,
                kind.name().toLowerCase(Locale.ROOT), visits, meanLogQMinusLogP, 100 * varianceShare);
    }
}
