package dev.ariadne.inference.mcmc;

import java.util.Arrays;
import org.apache.commons.numbers.gamma.InverseErfc;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Convergence diagnostics and Monte Carlo standard errors of MCMC draws, as ArviZ 0.x computes them, after Vehtari,
 * Gelman, Simpson, Carpenter and Bürkner (2021), "Rank-normalization, folding, and localization: an improved R-hat
 * for assessing convergence of MCMC". Every method takes the draws of one quantity as {@code draws[chain][draw]},
 * all chains of the same length (at least 4 draws).
 *
 * <ul>
 *   <li>{@link #rHat}: the rank-normalised split R-hat, the larger of the bulk R-hat (split chains, ranks of all
 *       draws pooled, normal scores) and the tail R-hat (the same of |x - median|). Near 1 when the chains agree;
 *       the usual rule is R-hat &lt; 1.01.</li>
 *   <li>{@link #essBulk}: the effective sample size of the normal scores of the split chains; {@link #essTail}: the
 *       smaller of the effective sample sizes of the indicators x &lt;= q_0.05 and x &lt;= q_0.95.</li>
 *   <li>{@link #essMean}: the effective sample size of the raw split chains, which {@link #mcseMean} uses:
 *       mcse_mean = sd / sqrt(ess_mean), exactly as ArviZ's {@code mcse(method="mean")}. For an indicator the mean
 *       is a probability and this is its standard error.</li>
 * </ul>
 *
 * <p>Two departures from ArviZ, both where it returns NaN: with one chain R-hat is computed from its two halves
 * (ArviZ needs two chains), and when every draw is the same value R-hat is 1 (no chain can disagree). When the
 * chains are each constant but differ, R-hat is {@code +inf}. Draws that are NaN or infinite are refused.
 */
public final class Convergence {

    /** Blom's offset in the normal scores of ranks, (r - 3/8) / (S + 1/4), as ArviZ uses. */
    private static final double BLOM = 3.0 / 8.0;
    /** Machine resolution below which ArviZ treats a series as constant ({@code np.finfo(float).resolution}). */
    private static final double RESOLUTION = 1e-15;
    /** A variance of normal scores below this is rounding: the square of 1e-12, far above a double's error of 1e-16. */
    private static final double CONSTANT_SCORES = 1e-24;

    private Convergence() {
    }

    /** The rank-normalised split R-hat: max(bulk, tail). */
    public static double rHat(double[][] draws) {
        RankScores r = RankScores.of(draws);
        return r == null ? 1 : r.rHat();
    }

    /**
     * The R-hat at or above which chains that agree are told apart from chance at overall level {@code alpha}: 1.01
     * ({@link SummaryRow#R_HAT_LIMIT}), or higher where the draws are too few, or move too slowly, for chance alone
     * to stay below it. Chains that agree have split-chain means that scatter as the effective draws within each
     * allow, so B / W is n chi^2_{K-1} / ((K - 1) n_eff) for K split chains of n draws and n_eff effective draws
     * each, and R-hat^2 = (n - 1) / n + K chi^2_{K-1} / ((K - 1) ESS), ESS = K n_eff. The ESS is read within the
     * chains (chains that disagree do not widen the band), for whichever of the bulk and the tail R-hat is the
     * larger, each of the two at level alpha / 2. At 4 chains of 1,000 draws and an ESS of 750, chance alone puts a
     * line's R-hat at or above 1.01 about one time in five, and 7 of 32 such lines did in a healthy run.
     *
     * @param alpha the chance, for chains that agree, that this line's verdict is told anyway (0 &lt; alpha &lt; 1)
     */
    public static double rHatLimit(double[][] draws, double alpha) {
        RankScores r = RankScores.of(draws);
        return r == null ? SummaryRow.R_HAT_LIMIT : r.limit(alpha);
    }

    /**
     * The normal scores of the ranks of the split chains and of their folded values, with the plain R-hat of each:
     * what {@link #rHat} and {@link #rHatLimit} both read, made once for a line that needs both (each sorts all the
     * draws twice).
     */
    record RankScores(double[][] bulk, double[][] tail, double bulkRHat, double tailRHat) {

        /** The scores of {@code draws}, or null where every draw is the same value (no chain can disagree). */
        static RankScores of(double[][] draws) {
            double[][] split = split(checked(draws));
            if (constant(split)) {
                return null;
            }
            double[][] bulk = zScale(split);
            double[][] tail = zScale(split(folded(draws)));
            return new RankScores(bulk, tail, plainRHat(bulk), plainRHat(tail));
        }

        /** The rank-normalised split R-hat: max(bulk, tail). */
        double rHat() {
            return Math.max(bulkRHat, tailRHat);
        }

        /** {@link Convergence#rHatLimit} of these scores. */
        double limit(double alpha) {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("rHatLimit: alpha must be in (0, 1), got " + alpha);
            }
            double[][] larger = bulkRHat >= tailRHat ? bulk : tail;
            int k = larger.length;
            int n = larger[0].length;
            double ess = ess(larger, true);
            double chi2 = ChiSquaredDistribution.of(k - 1).inverseSurvivalProbability(alpha / 2);
            double band = Math.sqrt((n - 1.0) / n + k * chi2 / ((k - 1.0) * ess));
            return Math.max(SummaryRow.R_HAT_LIMIT, band);
        }
    }

    /** The bulk effective sample size: of the normal scores of the ranks of the split chains. */
    public static double essBulk(double[][] draws) {
        return ess(zScale(split(checked(draws))));
    }

    /** The tail effective sample size: the smaller of the ESS of the 5% and 95% quantile indicators. */
    public static double essTail(double[][] draws) {
        checked(draws);
        return Math.min(essQuantile(draws, 0.05), essQuantile(draws, 0.95));
    }

    /** The effective sample size of the indicator x &lt;= q, q the {@code prob} quantile of all draws (type 7). */
    public static double essQuantile(double[][] draws, double prob) {
        if (!(prob >= 0 && prob <= 1)) {
            throw new IllegalArgumentException("essQuantile: prob must be in [0, 1], got " + prob);
        }
        double q = quantile(pooled(checked(draws)), prob);
        double[][] indicator = new double[draws.length][];
        for (int c = 0; c < draws.length; c++) {
            indicator[c] = new double[draws[c].length];
            for (int i = 0; i < draws[c].length; i++) {
                indicator[c][i] = draws[c][i] <= q ? 1 : 0;
            }
        }
        return ess(split(indicator));
    }

    /** The effective sample size for the mean: of the raw split chains (ArviZ's {@code ess(method="mean")}). */
    public static double essMean(double[][] draws) {
        return ess(split(checked(draws)));
    }

    /** The effective sample size for the sd: of the squared deviations from the mean, split. */
    public static double essSd(double[][] draws) {
        return ess(split(squaredDeviations(checked(draws))));
    }

    /** The Monte Carlo standard error of the mean: sd / sqrt(ess_mean), sd with n - 1 over all draws. */
    public static double mcseMean(double[][] draws) {
        return sd(draws) / Math.sqrt(essMean(draws));
    }

    /**
     * The Monte Carlo standard error of the sd, as ArviZ 0.x's summary computes it (the delta method on the
     * variance): with d = (x - mean)^2, v = mean(d), var(v) = (mean(d^2) - v^2) / ess_sd, and mcse_sd = sqrt(var(v)
     * / v / 4).
     */
    public static double mcseSd(double[][] draws) {
        double[][] d = squaredDeviations(checked(draws));
        double v = mean(d);
        if (v == 0) {
            return 0;
        }
        double v2 = 0;
        long n = 0;
        for (double[] c : d) {
            for (double x : c) {
                v2 += x * x;
                n++;
            }
        }
        v2 /= n;
        double varOfV = (v2 - v * v) / ess(split(d));
        return Math.sqrt(varOfV / v / 4);
    }

    /** The mean of all draws. */
    public static double mean(double[][] draws) {
        double s = 0;
        long n = 0;
        for (double[] chain : checked(draws)) {
            for (double v : chain) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    /** The standard deviation of all draws, with n - 1 in the denominator. */
    public static double sd(double[][] draws) {
        double m = mean(draws);
        double ss = 0;
        long n = 0;
        for (double[] chain : draws) {
            for (double v : chain) {
                ss += (v - m) * (v - m);
                n++;
            }
        }
        return Math.sqrt(ss / (n - 1));
    }

    /**
     * The highest-density interval of all draws with probability {@code prob}: the narrowest interval between
     * sorted draws i and i + floor(prob n), the first such when several tie (ArviZ's unimodal {@code hdi}).
     *
     * @return {lower, upper}
     */
    public static double[] hdi(double[][] draws, double prob) {
        if (!(prob > 0 && prob < 1)) {
            throw new IllegalArgumentException("hdi: prob must be in (0, 1), got " + prob);
        }
        double[] s = pooled(checked(draws));
        Arrays.sort(s);
        int n = s.length;
        int inc = (int) Math.floor(prob * n);
        int intervals = n - inc;
        int best = 0;
        double width = Double.POSITIVE_INFINITY;
        for (int i = 0; i < intervals; i++) {
            double w = s[i + inc] - s[i];
            if (w < width) {
                width = w;
                best = i;
            }
        }
        return new double[] {s[best], s[best + inc]};
    }

    // ---------------------------------------------------------------- the building blocks, as ArviZ

    /**
     * The effective sample size of equal-length chains, with Geyer's initial positive and monotone sequences
     * (ArviZ's {@code _ess}): the number of independent draws with the same variance of the mean.
     */
    static double ess(double[][] chains) {
        return ess(chains, false);
    }

    /**
     * The effective sample size of chains already split, as ArviZ reads it ({@code agreeing} false: the
     * autocorrelations normalised by the variance of all draws pooled, which grows when the chains disagree) or as it
     * reads when the chains agree ({@code agreeing} true: the spread of the chains' means taken to be what chance
     * gives them, W tau / n, tau read from the same autocorrelations until it settles). The second reads only how
     * slowly each chain moves, which sets the chance spread of the chains' means; disagreement does not shrink it,
     * and the chance term keeps the autocovariances, read about each chain's own mean and so short by that mean's
     * variance, from reading the ESS high (by 15% at an autocorrelation of 0.9 without it).
     */
    static double ess(double[][] chains, boolean agreeing) {
        int m = chains.length;
        int n = chains[0].length;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] c : chains) {
            for (double v : c) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (max - min < RESOLUTION) {
            return (double) m * n;
        }
        double[][] acov = new double[m][];
        double[] chainMean = new double[m];
        for (int c = 0; c < m; c++) {
            acov[c] = Autocovariance.of(chains[c]);
            chainMean[c] = meanOf(chains[c]);
        }
        double meanVar = meanAtLag(acov, 0) * n / (n - 1.0);
        double within = meanVar * (n - 1.0) / n;
        if (!agreeing) {
            return geyer(acov, meanVar, m > 1 ? within + variance(chainMean) : within, m, n);
        }
        double ess = geyer(acov, meanVar, meanVar, m, n);
        for (int i = 0; i < 20; i++) {
            double tau = (double) m * n / ess;
            double next = geyer(acov, meanVar, within + meanVar * tau / n, m, n);
            boolean settled = Math.abs(next - ess) < 1e-3 * ess;
            ess = next;
            if (settled) {
                break;
            }
        }
        return ess;
    }

    /**
     * Geyer's initial monotone sequence estimate of the ESS of m chains of n draws, their autocovariances about their
     * own means {@code acov}, the mean within-chain variance {@code meanVar} and the variance the autocorrelations are
     * read against {@code varPlus}.
     */
    private static double geyer(double[][] acov, double meanVar, double varPlus, int m, int n) {
        double[] rho = new double[n];
        double rhoEven = 1;
        rho[0] = rhoEven;
        double rhoOdd = 1 - (meanVar - meanAtLag(acov, 1)) / varPlus;
        rho[1] = rhoOdd;
        int t = 1;
        while (t < n - 3 && rhoEven + rhoOdd > 0) {
            rhoEven = 1 - (meanVar - meanAtLag(acov, t + 1)) / varPlus;
            rhoOdd = 1 - (meanVar - meanAtLag(acov, t + 2)) / varPlus;
            if (rhoEven + rhoOdd >= 0) {
                rho[t + 1] = rhoEven;
                rho[t + 2] = rhoOdd;
            }
            t += 2;
        }
        int maxT = t - 2;
        if (rhoEven > 0) {
            rho[maxT + 1] = rhoEven;
        }
        t = 1;
        while (t <= maxT - 2) {
            if (rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]) {
                rho[t + 1] = (rho[t - 1] + rho[t]) / 2;
                rho[t + 2] = rho[t + 1];
            }
            t += 2;
        }
        double total = (double) m * n;
        double sum = 0;
        for (int k = 0; k <= maxT; k++) {
            sum += rho[k];
        }
        double tau = -1 + 2 * sum + (maxT + 1 < n ? rho[maxT + 1] : 0);
        tau = Math.max(tau, 1 / Math.log10(total));
        return total / tau;
    }

    /** The split-chain R-hat without rank normalisation (ArviZ's {@code _rhat}), on chains already split. */
    static double plainRHat(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double within = 0;
        for (int c = 0; c < m; c++) {
            means[c] = meanOf(chains[c]);
            within += variance(chains[c]) / m;
        }
        double between = n * variance(means);
        // Normal scores are of order 1: a variance this small is rounding in the mean of equal scores, and a chain
        // whose draws all tie (an indicator stuck at one value) has none. Its R-hat is infinite, not 4e13.
        if (within < CONSTANT_SCORES) {
            return between < CONSTANT_SCORES ? 1 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt((between / within + n - 1) / n);
    }

    /** Each chain split into its first and last halves (the middle draw dropped when the length is odd). */
    static double[][] split(double[][] chains) {
        int n = chains[0].length;
        int half = n / 2;
        double[][] out = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[2 * c] = Arrays.copyOfRange(chains[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(chains[c], n - half, n);
        }
        return out;
    }

    /**
     * The normal scores of the ranks of all draws pooled: average ranks for ties, then Phi^-1((r - 3/8) / (S +
     * 1/4)), shaped as the input.
     */
    static double[][] zScale(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        int size = m * n;
        double[] sorted = pooled(chains);
        Arrays.sort(sorted);
        double[][] z = new double[m][n];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                double x = chains[c][i];
                int first = firstIndex(sorted, x, false);
                int last = firstIndex(sorted, x, true) - 1;
                double rank = (first + last) / 2.0 + 1;
                double p = (rank - BLOM) / (size - 2 * BLOM + 1);
                z[c][i] = -Math.sqrt(2) * InverseErfc.value(2 * p);
            }
        }
        return z;
    }

    /** The first index of a sorted array whose value is >= x (above: > x); its length if none. */
    private static int firstIndex(double[] sorted, double x, boolean above) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x || above && sorted[mid] == x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** |x - median of all draws|: folding, for the tail R-hat (before splitting, as ArviZ's summary). */
    private static double[][] folded(double[][] chains) {
        double median = quantile(pooled(chains), 0.5);
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = new double[chains[c].length];
            for (int i = 0; i < chains[c].length; i++) {
                out[c][i] = Math.abs(chains[c][i] - median);
            }
        }
        return out;
    }

    /** The type-7 (linear interpolation) quantile of the values, as R's default and numpy's. */
    public static double quantile(double[] values, double prob) {
        double[] s = values.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * prob;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    private static double[][] squaredDeviations(double[][] chains) {
        double m = mean(chains);
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = new double[chains[c].length];
            for (int i = 0; i < chains[c].length; i++) {
                out[c][i] = (chains[c][i] - m) * (chains[c][i] - m);
            }
        }
        return out;
    }

    private static boolean constant(double[][] chains) {
        double first = chains[0][0];
        for (double[] c : chains) {
            for (double v : c) {
                if (v != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double meanAtLag(double[][] acov, int lag) {
        double s = 0;
        for (double[] a : acov) {
            s += a[lag];
        }
        return s / acov.length;
    }

    private static double meanOf(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** The sample variance with n - 1. */
    private static double variance(double[] x) {
        double m = meanOf(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return ss / (x.length - 1);
    }

    static double[] pooled(double[][] chains) {
        int size = 0;
        for (double[] c : chains) {
            size += c.length;
        }
        double[] out = new double[size];
        int k = 0;
        for (double[] c : chains) {
            System.arraycopy(c, 0, out, k, c.length);
            k += c.length;
        }
        return out;
    }

    private static double[][] checked(double[][] draws) {
        if (draws == null || draws.length == 0) {
            throw new IllegalArgumentException("draws: at least one chain is needed");
        }
        int n = draws[0].length;
        if (n < 4) {
            throw new IllegalArgumentException("draws: at least 4 draws per chain are needed, got " + n);
        }
        for (int c = 0; c < draws.length; c++) {
            if (draws[c].length != n) {
                throw new IllegalArgumentException("draws: every chain must have the same length; chain 0 has " + n
                        + ", chain " + c + " has " + draws[c].length);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(draws[c][i])) {
                    throw new IllegalArgumentException("draws: chain " + c + ", draw " + i + " is " + draws[c][i]);
                }
            }
        }
        return draws;
    }
}
