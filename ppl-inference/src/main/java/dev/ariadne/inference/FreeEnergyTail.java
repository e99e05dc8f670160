package dev.ariadne.inference;

import dev.ariadne.core.Address;
import java.util.Locale;

/**
 * A guide's tail too heavy for the free energy: F-hat is the mean of l = log q - log p over the runs, and its standard
 * error is sd(l) / sqrt(n), so both need E_q[l^2] finite. A guide heavier than the posterior in a tail (a StudentT of
 * 3 degrees of freedom for a Normal posterior: q falls like t^-4 while l grows like t^2) makes it infinite, and the
 * standard error understates the error (an outside statistician: 47 of 300 calls more than 3 standard errors off, with
 * no verdict); with E_q[|l|] infinite too (2 degrees of freedom, or a Cauchy), F itself is infinite and F-hat reads
 * finite only because the runs seldom reach that tail. The weights stay bounded there, so log Z-hat, the bounds and
 * the self-normalised estimates are not affected.
 *
 * <p>Read from the same forced runs as {@link LightGuideTails}: with the site forced to t, the run's l(t) is
 * -log W(t), read less the median of the probed runs' l (a typical value), and q(t) l(t)^2 x distance
 * (q(t) |l(t)| x distance for the mean) rising at every doubling of the distance, or levelling off, in most probed
 * runs names the site. Not read:
 * toward a finite end of a support (l growing like log(distance) there, under a Beta(0.05, 0.05) guide, rises over
 * the probe's range though its integral is finite), under a whole-run defensive mixture (not probed), and at sites
 * the first probed runs do not make.
 */
final class FreeEnergyTail {

    private FreeEnergyTail() {
    }

    /**
     * The verdict on {@code site}, probed away from the proposal's centre on side {@code side} (1 above, -1 below):
     * {@code infinite} if E_q[|l|] diverges there too, in {@code rising} of {@code probed} runs.
     */
    static String verdict(Address site, int side, boolean infinite, int rising, int probed) {
        String where = String.format(Locale.ROOT, "forced %s the proposal's centre, out to 64 proposal sds",
                side > 0 ? "above" : "below");
        String what = infinite
                ? "the free energy is infinite: with %s %s, %d of %d runs' |log q - log p| x density x distance rose "
                + "at every step or stopped falling, so the mean of log q - log p over the guide diverges, and the "
                + "free energy and KL estimates read finite only because the runs seldom reach that tail"
                : "the free energy's standard error is not to be trusted: with %s %s, %d of %d runs' (log q - log p)^2 "
                + "x density x distance rose at every step or stopped falling, so the variance of log q - log p over "
                + "the guide is infinite, and the free energy and KL estimates can be many standard errors off";
        return String.format(Locale.ROOT, what + " (the guide's tail at %s is heavier than the posterior's; the "
                + "weights stay bounded there, so log Z-hat, the bounds and the self-normalised estimates are not "
                + "affected): to compare guides by free energy, give %s's proposal a lighter tail (a Normal, or a "
                + "StudentT of more than 4 degrees of freedom)", site, where, rising, probed, site, site);
    }
}
