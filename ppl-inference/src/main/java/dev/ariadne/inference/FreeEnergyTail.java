package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.StudentT;
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
     * {@code infinite} if E_q[|l|] diverges there too, in {@code rising} of {@code probed} runs. {@code proposal} is
     * a probed run's proposal there: where it is a StudentT already of more than 4 degrees of freedom, the posterior's
     * log density falls faster than a Normal's, and the advice says so (a pharmacokinetic model's log elimination
     * rate, whose log density falls like exp(2 x), was told to use a StudentT of more than 4 degrees of freedom under a
     * StudentT of 30; a new user).
     */
    static String verdict(Address site, int side, boolean infinite, int rising, int probed, RealDist proposal) {
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
                + "affected): to compare guides by free energy, give %s's proposal a lighter tail (%s)", site,
                where, rising, probed, site, site, lighter(proposal, infinite));
    }

    /**
     * The lighter tail to advise: l grows like distance^a where the posterior's log density falls like that power,
     * and E_q[l^2] is finite under a StudentT of nu degrees of freedom only where nu > 2a: more than 4 for a Normal
     * posterior (a = 2), none where the log density falls faster than every power.
     */
    private static String lighter(RealDist proposal, boolean infinite) {
        if (proposal instanceof StudentT t && t.df() > 4) {
            // l grows like distance^a: E_q[l^2] is finite for nu > 2a, E_q[|l|] for nu > a
            double power = infinite ? t.df() : t.df() / 2;
            return String.format(Locale.ROOT, "a Normal: this StudentT of %s degrees of freedom would keep %s finite "
                    + "for a posterior whose log density falls like a power of the distance below %s (2 for a "
                    + "Normal), so here it falls faster, and a StudentT needs more degrees of freedom than %s that "
                    + "power, none at all where the log density falls faster than every power, as a log-normal's log "
                    + "scale does", shown(t.df()), infinite ? "the free energy" : "the variance of log q - log p",
                    shown(power), infinite ? "" : "twice");
        }
        return "a Normal, or a StudentT of more than 4 degrees of freedom where the posterior's log density falls like "
                + "a Normal's; more where it falls faster";
    }

    /** A count as an integer where it is one ("8", not "8.00"), else to 3 significant digits. */
    private static String shown(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x)
                : String.format(Locale.ROOT, "%.3g", x);
    }
}
