package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.inference.GuideTails;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The verdict on a random walk over a choice whose posterior tail falls as a power of the distance: a random-walk
 * Metropolis chain is geometrically ergodic only on tails at least as light as an exponential's (Mengersen and
 * Tweedie 1996; Jarner and Tweedie 2003), and on a power tail it visits the far tail in rare long excursions that
 * r_hat, the ESS and the mcse need not show. Under a Cauchy, P(x < -10) = 0.0317 read 0.0058 +- 0.0021 with ESS 1,301
 * and r_hat 1.003, "no problem found" (a new user); under a StudentT of 3 degrees of freedom, 3.5% of calls read
 * P(x > 4) more than 3 mcse off, silently, against 0.5% at 5 degrees of freedom (an outside statistician).
 *
 * <p>Read once, for chains that target the posterior under a kernel with a random walk in it: at each real choice
 * whose support is the whole line (a choice on a half-line or an interval is walked in its log or logit, where a
 * power tail falls exponentially), in the first run of the chains' seed, the model is run with the choice forced to
 * 4, 8, 16, 32 and 64 of its draws' sds from their median on either side, its other choices as that run drew them,
 * and its log density there read. A power tail |x|^-a falls by a log 2 at each doubling of the distance, an
 * exponential one by twice as much at each, a Gaussian by four times: a tail whose last fall is less than
 * {@link #GROWTH} times the one before, at a power a below {@link #MAX_POWER}, is named. The other choices are the
 * run's, not the posterior's: a tail that only the data tame can read heavier than the posterior's, and one the
 * other choices make heavy only together is not seen.
 */
final class HeavyTailedTarget<T> {

    /** The distances from the draws' median at which a choice is forced, in sds of its draws. */
    static final double[] DISTANCES = {4, 8, 16, 32, 64};
    /** How much the last fall may grow on the one before for the tail to count as a power law (exponential: 2). */
    static final double GROWTH = 1.5;
    /**
     * The power of the density's fall at or above which a power tail is not named: a StudentT of 6.5 degrees of
     * freedom. A tail probability read more than 3 mcse off with nothing said in 3.5% of calls at 3 degrees of
     * freedom, 4.7% at 5 and 3.0% at 6 (two outside statisticians), against 0.5% under a Normal; none of 200 calls
     * at 8 was named.
     */
    static final double MAX_POWER = 7.5;
    /** The most choices probed. */
    static final int MAX_SITES = 20;

    private final Model<T> model;
    private final Kernel kernel;
    private final boolean posterior;
    private final long seed;
    private Optional<String> verdict;

    HeavyTailedTarget(Model<T> model, Kernel kernel, boolean posterior, long seed) {
        this.model = model;
        this.kernel = kernel;
        this.posterior = posterior;
        this.seed = seed;
    }

    /** Whether {@code k} moves real choices by a random walk somewhere in it. */
    static boolean walks(Kernel k) {
        return Compositions.parts(k).stream().anyMatch(part -> part instanceof SingleSiteKernel s && s.walks());
    }

    /**
     * The verdict on the first choice whose posterior tail is a heavy power law, with the chains' pooled draws of
     * each recorded quantity from {@code draws} (null where not recorded); empty if none, or if the check does not
     * apply.
     */
    synchronized Optional<String> verdict(Function<String, double[][]> draws) {
        if (verdict == null) {
            verdict = posterior && walks(kernel) ? find(draws) : Optional.empty();
        }
        return verdict;
    }

    private Optional<String> find(Function<String, double[][]> draws) {
        Execution<T> prior = Execution.of(model);
        Runner<T> runner = prior.runner();
        try {
            runner.run(seed, 0);
        } catch (RuntimeException e) {
            return Optional.empty(); // the chains' own runs report a model that fails
        }
        int probed = 0;
        for (TraceSite s : runner.trace().sites()) {
            if (probed >= MAX_SITES) {
                break;
            }
            if (s.kind() != SiteKind.LATENT || !(s.prior() instanceof RealDist)
                    || s.prior().support().type() != Support.Type.REAL) {
                continue;
            }
            double[] centreAndScale = centreAndScale(draws.apply(s.address().toString()));
            if (centreAndScale == null) {
                continue;
            }
            probed++;
            double[] powers = new double[2];
            for (int k = 0; k < 2; k++) {
                powers[k] = power(prior, s, k == 0 ? 1 : -1, centreAndScale);
            }
            if (Math.min(powers[0], powers[1]) < MAX_POWER) {
                // both tails where both are heavy: a new user's StudentT posterior was named for its upper tail only
                int side = powers[0] < MAX_POWER && powers[1] < MAX_POWER ? 0 : powers[0] < MAX_POWER ? 1 : -1;
                return Optional.of(verdict(s.address(), side, Math.min(powers[0], powers[1]), centreAndScale));
            }
        }
        return Optional.empty();
    }

    /** The power of the target's tail along {@code s}'s choice on one {@code side}, +inf where it is not a power. */
    private double power(Execution<T> prior, TraceSite s, int side, double[] centreAndScale) {
        double[] logP = new double[DISTANCES.length];
        for (int k = 0; k < DISTANCES.length; k++) {
            double x = centreAndScale[0] + side * DISTANCES[k] * centreAndScale[1];
            logP[k] = GuideTails.logJointWith(prior, seed, 0, s.address(), x, s.prior().support());
        }
        return power(logP);
    }

    /** The median and sd of the pooled draws, or null where there are too few or they do not spread. */
    private static double[] centreAndScale(double[][] chains) {
        if (chains == null) {
            return null;
        }
        double[] all = Arrays.stream(chains).flatMapToDouble(Arrays::stream).filter(Double::isFinite).toArray();
        if (all.length < 20) {
            return null;
        }
        Arrays.sort(all);
        double mean = Arrays.stream(all).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : all) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (all.length - 1));
        return sd > 0 && Double.isFinite(sd) ? new double[] {all[all.length / 2], sd} : null;
    }

    /**
     * The power a of a density falling as distance^-a at the grid's far end, read from log densities at doubling
     * distances: a / log 2 of the last fall, where every fall is positive and the last grows on the one before by less
     * than {@link #GROWTH}; +inf where the tail is not a power law (or cannot be read).
     */
    static double power(double[] logP) {
        for (double v : logP) {
            if (!Double.isFinite(v)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        int n = logP.length;
        double last = logP[n - 2] - logP[n - 1];
        double before = logP[n - 3] - logP[n - 2];
        if (!(before > 0) || !(last > 0) || !(last < GROWTH * before)) {
            return Double.POSITIVE_INFINITY;
        }
        return last / Math.log(2);
    }

    private static String verdict(Address site, int side, double power, double[] centreAndScale) {
        return String.format(Locale.ROOT, "the posterior's %s along %s %s as a power of the distance (its "
                + "density about |x|^-%.1f from %.0f to %.0f sds of the draws past their median %.4g, as heavy as a "
                + "StudentT of %.1f degrees of freedom), where a random walk is not geometrically ergodic: its chains "
                + "visit that tail in rare long excursions that r_hat, the ESS and the mcse need not show, so what "
                + "weighs the tail (a mean, a tail probability, a high quantile) can read many mcse off (under a "
                + "Cauchy, P(x < -10) = 0.032 read 0.0058 +- 0.0021 with r_hat 1.003)%s; add an independence kernel "
                + "whose guide has tails as heavy (Kernels.cycle(Kernels.singleSite(), Kernels.independence(...)) "
                + "with a StudentT or Cauchy guide there), or write the choice on a scale where its tail is lighter",
                side > 0 ? "upper tail" : side < 0 ? "lower tail" : "upper and lower tails", site,
                side == 0 ? "fall" : "falls", power, DISTANCES[DISTANCES.length - 2],
                DISTANCES[DISTANCES.length - 1], centreAndScale[0], power - 1,
                power <= 2 ? ", and its mean does not exist, whatever the draws' mean reads" : "");
    }
}
