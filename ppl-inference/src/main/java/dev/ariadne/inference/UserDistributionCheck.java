package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Rng;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.UserText;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.CumulativeRealDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Masses;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.VecDist;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Whether a distribution of the user's own, met as a prior, a proposal or an observation in a few runs, draws values
 * whose mean and variance agree with the ones it declares, and, for a boolean or integer one, whose masses sum to 1
 * and match its draws. A run weighs each draw by the density, as if the sampler drew from it; a
 * sampler that draws from another distribution makes every estimate and bound wrong, and the weights cannot show it
 * (an adversarial tester's sampler of sd 1.2 beside a density of sd 0.7 read log P(e) 64 standard errors off, its
 * lower bound above the truth, in 30 calls of 30, with no verdict). The declared {@code mean()} and {@code variance()}
 * stand in for the density, whose contract they are part of: a mismatch means the sampler, the density or those
 * moments is wrong. The distributions Ariadne ships are not checked. A density that is not finite at 20 or more of its
 * sampler's draws (but at an end of its support) is named too ({@link #drawsItsDensityExcludes}), and a vector
 * distribution is checked by {@link UserVectorCheck}.
 *
 * <p>Each distribution draws {@link #DRAWS} values on streams of its own. Its mean is named where it lies more than
 * {@link #Z} standard errors from the declared one (the larger of the declared and the drawn variance), its variance
 * where it lies more than {@link #Z} standard errors from the declared one (read from the draws' fourth moment) and
 * differs from it by more than a fifth (draws of kurtosis under {@link #LIGHT_KURTOSIS}) or half, so that a heavy
 * tail's noisy variance is not named for its noise, and only where the draws' kurtosis is below
 * {@link #MAX_KURTOSIS}. Moments are all it compares: a sampler of another shape with the declared mean and variance
 * (a Laplace's draws beside a normal density) is not named.
 *
 * <p>Importance sampling's diagnostics and {@code Importance.check} read it, and so do SMC's, MCMC's verdicts and
 * subset simulation's: a sampler of sd 1.5 beside a density of sd 1 was named by importance sampling in 200 calls of
 * 200 and by none of the others, whose estimates were more than 5 standard errors off in 30 calls of 30, subset
 * simulation's lower bound 2 nats above the truth (an outside statistician).
 */
public final class UserDistributionCheck {

    /**
     * The values drawn from each distribution: at 4,000, a sampler shifted by 0.06 sds, or of variance 0.72 beside a
     * declared 1, read a bound above the truth in 192 and 200 calls of 200, and was named in 23 and 1 (an outside
     * statistician).
     */
    static final int DRAWS = 20_000;
    /** How many standard errors off a moment must be to be named. */
    static final double Z = 6;
    /**
     * The largest kurtosis of the draws (m4 / m2^2; 3 for a normal, 9 for a Laplace) at which their variance is
     * compared: past it the variance read from the draws is at the mercy of a few of them.
     */
    static final double MAX_KURTOSIS = 10;
    /**
     * The kurtosis of the draws below which their variance is named at a ratio beyond {@link #LIGHT_RATIO} of the
     * declared one (a normal's is 3, a uniform's 1.8, a Laplace's 6); at and above it, beyond 1.5.
     */
    static final double LIGHT_KURTOSIS = 5;
    /** The ratio of drawn to declared variance beyond which draws of a light tail are named. */
    static final double LIGHT_RATIO = 1.2;
    /** The runs read for distributions. */
    private static final int RUNS = 20;
    /** At most how many distributions are checked. */
    private static final int MAX_CHECKED = 10;
    private static final long STREAM = 0x5DEECE66DL;
    /**
     * The packages of the distributions Ariadne ships: the core's, and the search's proposals (a logit-normal for an
     * interval, a stick-breaking normal for a simplex, a shifted Categorical), which a verdict had called "a
     * distribution of your own" (an outside statistician).
     */
    private static final Set<String> SHIPPED = Set.of("dev.ariadne.core.dist", "dev.ariadne.search");

    private UserDistributionCheck() {
    }

    /**
     * The verdict on the first distribution of the user's own, met as a prior or a proposal in the first runs of
     * {@code execution} on {@code seed}'s streams, whose draws disagree with its declared moments; empty if none does.
     * First, whether those runs are what their seed makes them ({@link ReproducibleRuns}): a distribution of the
     * user's own that draws from a stream of its own is the likeliest cause where they are not.
     */
    public static Optional<String> verdict(Execution<?> execution, long seed) {
        return verdict(execution, List.of(), seed);
    }

    /**
     * {@link #verdict(Execution, long)}, reading also the runs of {@code execution} under each of {@code
     * kernelGuides}, the guides an MCMC or annealed SMC call's independence kernels propose whole runs from: their
     * distributions are checked with the execution's own, each once.
     */
    public static Optional<String> verdict(Execution<?> execution, List<Guide> kernelGuides, long seed) {
        List<Execution<?>> executions = new ArrayList<>();
        executions.add(execution);
        kernelGuides.forEach(g -> executions.add(execution.guide(g)));
        for (Execution<?> e : executions) {
            Optional<String> unreproducible = ReproducibleRuns.verdict(e, seed);
            if (unreproducible.isPresent()) {
                return unreproducible;
            }
        }
        List<Dist> seen = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (Execution<?> e : executions) {
            FirstRuns.visit(e.runner(), seed, RUNS, s -> {
                if (s.kind() == SiteKind.LATENT) {
                    add(s.prior(), s, "prior", seen, where);
                    add(s.proposal(), s, "proposal", seen, where);
                } else if (s.kind() == SiteKind.OBSERVED) {
                    add(s.prior(), s, "observation", seen, where);
                }
            });
        }
        for (int k = 0; k < seen.size(); k++) {
            String off = disagreement(seen.get(k), Rng.forRun(seed ^ STREAM, k));
            if (off != null) {
                return Optional.of(String.format(Locale.ROOT, "%s, %s, a distribution of your own, %s: a run weighs "
                        + "each value by the density or mass it declares, as if the sampler drew from it and it were "
                        + "normalised, so where either fails every estimate and bound is wrong, and no weight can "
                        + "show it; make its sample, its density (its masses summing to 1), its mean() and "
                        + "variance() and any distribution function it declares agree", where.get(k),
                        seen.get(k).describe(), off));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code d} is a distribution of the user's own: not one Ariadne ships, which are not checked. */
    public static boolean isUsersOwn(Dist d) {
        return !SHIPPED.contains(d.getClass().getPackageName());
    }

    private static void add(Dist d, TraceSite site, String role, List<Dist> seen, List<String> where) {
        if (d == null || seen.size() >= MAX_CHECKED
                || !(d instanceof RealDist || d instanceof IntDist || d instanceof BoolDist || d instanceof VecDist)
                || !isUsersOwn(d)) {
            return;
        }
        for (Dist s : seen) {
            if (s.equals(d)) {
                return;
            }
        }
        seen.add(d);
        where.add(site.address() + "'s " + role);
    }

    /** The quantiles of the first half of the draws that bound the intervals the shape is read on. */
    private static final double[] SHAPE_QUANTILES = {0.1, 0.25, 0.5, 0.75, 0.9};
    /** The largest ratio of the density's largest to its least value over an interval for it to be read. */
    static final double SHAPE_DENSITY_RATIO = 100;
    /** Points at which the density is read over each interval for that ratio. */
    private static final int SHAPE_POINTS = 33;

    /**
     * What the draws {@code x} of {@code d} say against its density, or null where they agree: for an interval I
     * between quantiles of the first half of the draws ({@code first}, sorted), the mean over the second half of
     * 1[x in I] / q(x) is |I| exactly when the sampler draws from the density q, whatever its moments. A sampler of the
     * declared mean and variance but another shape (a uniform's draws beside a normal density) read a bound above the
     * truth in 40 calls of 40 with no verdict (an adversarial tester). Named beyond {@link #Z} standard errors on one
     * of four intervals, each read only where the density varies over it by at most {@link #SHAPE_DENSITY_RATIO} times
     * (so that every term is bounded, and the standard error read from the terms holds).
     */
    private static String shape(RealDist d, double[] x, double[] first) {
        int half = first.length;
        double[] q = new double[SHAPE_QUANTILES.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = first[(int) Math.floor(SHAPE_QUANTILES[i] * (half - 1))];
        }
        for (int i = 0; i + 1 < q.length; i++) {
            double lo = q[i];
            double hi = q[i + 1];
            if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi) || !boundedOver(d, lo, hi)) {
                continue;
            }
            double sum = 0;
            double squares = 0;
            int n = x.length - half;
            for (int k = half; k < x.length; k++) {
                double t = x[k] >= lo && x[k] < hi ? Math.exp(-d.logDensity(x[k])) : 0;
                sum += t;
                squares += t * t;
            }
            double m = sum / n;
            double se = Math.sqrt(Math.max(0, squares / n - m * m) / n);
            double width = hi - lo;
            // draws are rounded to doubles, and each end of the interval may take or leave up to a rounding cell's
            // mass, which moves the mean by up to a spacing of the doubles there at each end: on [1e17, 1e17 + 64],
            // whose doubles are 16 apart, an honest uniform was named 34 standard errors off
            double cells = 2 * Math.ulp(Math.max(Math.abs(lo), Math.abs(hi)));
            if (se > 0 && Math.abs(m - width) > Z * se + cells) {
                return String.format(Locale.ROOT, "drew %,d values whose share in [%.6g, %.6g) disagrees with its "
                        + "density there (the mean of 1[x in I] / density(x) over them is %.6g, where it is the "
                        + "interval's width, %.6g, for draws from the density: %.1f standard errors off)", n, lo, hi,
                        m, width, Math.abs(m - width) / se);
            }
        }
        return null;
    }

    /** Whether the density of {@code d} is finite and positive over [lo, hi], within {@link #SHAPE_DENSITY_RATIO}. */
    private static boolean boundedOver(RealDist d, double lo, double hi) {
        double least = Double.POSITIVE_INFINITY;
        double most = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < SHAPE_POINTS; i++) {
            double l = d.logDensity(lo + (hi - lo) * i / (SHAPE_POINTS - 1));
            if (!Double.isFinite(l)) {
                return false;
            }
            least = Math.min(least, l);
            most = Math.max(most, l);
        }
        return most - least <= Math.log(SHAPE_DENSITY_RATIO);
    }

    /**
     * What the draws of {@code d} say against its declared moments (and, for a boolean or integer distribution, its
     * masses), or null where they agree.
     */
    static String disagreement(Dist d, Rng rng) {
        try {
            d.support();
        } catch (RuntimeException e) {
            // a support made at run time with its ends reversed threw from inside this check, bare, and every other
            // diagnostic was lost (a false-alarm hunt)
            return "threw " + UserText.of(e) + " from support(), which every proposal, move and check reads";
        }
        if (d instanceof VecDist v) {
            return UserVectorCheck.disagreement(v, rng);
        }
        String masses = massesNotSummingToOne(d);
        if (masses != null || d instanceof BoolDist) {
            return masses != null ? masses : drawsAgainstMasses(d, rng);
        }
        double mean;
        double variance;
        try {
            mean = d instanceof RealDist r ? r.mean() : ((IntDist) d).mean();
            variance = d instanceof RealDist r ? r.variance() : ((IntDist) d).variance();
        } catch (RuntimeException e) {
            // moments left unwritten ("not needed") leave the shape and the tail to read: a sampler of sd 1.5 beside a
            // density of sd 1 went unnamed where its mean() threw (an adversarial tester)
            mean = Double.NaN;
            variance = Double.NaN;
        }
        double[] x = new double[DRAWS];
        try {
            for (int i = 0; i < DRAWS; i++) {
                x[i] = d instanceof RealDist r ? r.sample(rng) : ((IntDist) d).sample(rng);
            }
        } catch (RuntimeException e) {
            return null; // a sampler that throws is reported where the runs meet it
        }
        if (d instanceof RealDist r) {
            // a draw rounded onto a finite end of the support, where the density may be infinite, is no fault of the
            // sampler's (a Beta(0.005, 1) drawn as U^200 reaches 0 in 2.4% of draws; a hunt for false alarms), and is
            // named elsewhere as a draw too near an end
            Support support = r.support();
            double lower = support == null ? Double.NaN : support.lower();
            double upper = support == null ? Double.NaN : support.upper();
            String excluded = drawsItsDensityExcludes(x.length,
                    i -> x[i] == lower || x[i] == upper ? 0 : r.logDensity(x[i]), i -> Double.toString(x[i]));
            if (excluded != null) {
                return excluded;
            }
        }
        if (!Double.isFinite(mean) || !(variance > 0 && variance < Double.POSITIVE_INFINITY)) {
            // no finite moments declared: the shape alone is compared (a zeta's masses 1.2 times too large, its
            // variance declared infinite, went unnamed; a false-alarm hunt)
            return d instanceof IntDist ? drawsAgainstMasses(d, rng) : shapeAndFunctions(d, x);
        }
        String off = moments(x, mean, variance);
        if (off != null) {
            return off;
        }
        return d instanceof IntDist ? drawsAgainstMasses(d, rng) : shapeAndFunctions(d, x);
    }

    /**
     * Where at least {@link #MIN_COUNT} of {@code n} draws have a log density that is not finite ({@code logDensity}
     * of the i-th): a density of 0 (or an infinite or NaN one) at values its own sampler draws, the first such value
     * ({@code shown}) named; null otherwise, and where the density throws (reported where the runs meet it). Under a
     * guide, runs that propose such a value weigh 0 and read as values outside the prior's support: a density of 0
     * above 1 beside a normal sampler left out 27% of P(e), 89 standard errors, with nothing said (an adversarial
     * tester), and one of +inf above 3 dropped its runs as of density 0, where P(e) is infinite.
     */
    static String drawsItsDensityExcludes(int n, IntToDoubleFunction logDensity, IntFunction<String> shown) {
        int count = 0;
        int first = -1;
        double firstLog = 0;
        try {
            for (int i = 0; i < n; i++) {
                double l = logDensity.applyAsDouble(i);
                if (!(l > Double.NEGATIVE_INFINITY && l < Double.POSITIVE_INFINITY)) {
                    if (count++ == 0) {
                        first = i;
                        firstLog = l;
                    }
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        if (count < MIN_COUNT) {
            return null;
        }
        return String.format(Locale.ROOT, "drew %,d values of %,d where its log density is not finite (%s at %s, "
                + "the first): its sampler draws where its density says it cannot, or has no finite density", count, n,
                firstLog, shown.apply(first));
    }

    /**
     * What draws {@code x} say against a declared finite {@code mean} and positive finite {@code variance}, or null
     * where they agree (see the class comment for when each is named).
     */
    static String moments(double[] x, double mean, double variance) {
        int n = x.length;
        // About the declared mean, so that draws near 1e17 do not lose their spread to the sum's rounding
        double sum = 0;
        double largest = 0;
        for (double v : x) {
            sum += v - mean;
            largest = Math.max(largest, Math.abs(v));
        }
        double drawnMean = mean + sum / n;
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double c = (v - drawnMean) * (v - drawnMean);
            m2 += c;
            m4 += c * c;
        }
        double drawnVariance = m2 / (n - 1);
        m4 /= n;
        if (!Double.isFinite(drawnMean) || !Double.isFinite(drawnVariance)) {
            return null;
        }
        double meanError = Math.sqrt(Math.max(variance, drawnVariance) / n);
        // Each draw is rounded to a double, and so is the declared mean: their means may differ by a spacing of the
        // doubles there whatever the sampler (a logit-normal on [1e17, 1e17 + 64], whose doubles are 16 apart, was
        // named 141 standard errors off; an outside statistician)
        if (Math.abs(drawnMean - mean) > Z * meanError + Math.ulp(Math.max(largest, Math.abs(mean)))) {
            // the difference too: far from 0 both means print alike ("1.00000e+09 against 1.00000e+09"; a hunt)
            return String.format(Locale.ROOT, "drew %,d values of mean %.6g against the declared mean() %.6g, %.3g "
                    + "apart (%.1f standard errors off)", n, drawnMean, mean, drawnMean - mean,
                    Math.abs(drawnMean - mean) / meanError);
        }
        double varianceError = Math.sqrt(Math.max(0, m4 - drawnVariance * drawnVariance) / n);
        double ratio = drawnVariance / variance;
        // Only where the draws' tail is light enough for their variance to be read from them: a StudentT of 2.2
        // degrees of freedom (variance 11, no fourth moment), sampled honestly, drew variances far below 11 and was
        // named in 140 calls of 300 before this test
        double kurtosis = m4 / (drawnVariance * drawnVariance);
        double far = kurtosis < LIGHT_KURTOSIS ? LIGHT_RATIO : 1.5;
        if (kurtosis < MAX_KURTOSIS && Math.abs(drawnVariance - variance) > Z * varianceError
                && (ratio > far || ratio < 1 / far)) {
            return String.format(Locale.ROOT, "drew %,d values of variance %.6g against the declared variance() %.6g "
                    + "(%.3g times it)", n, drawnVariance, variance, ratio);
        }
        return null;
    }

    /** The shape against the density, then any declared distribution function against the draws. */
    private static String shapeAndFunctions(Dist d, double[] x) {
        String shape = shapeOf(d, x);
        return shape != null || !(d instanceof CumulativeRealDist c) ? shape : UserCdfCheck.disagreement(c, x);
    }

    /** The most values of a finite integer support whose masses are summed. */
    static final int MASS_SPAN = 1_000_000;

    /**
     * For a boolean distribution, or an integer one over a finite support of at most {@link #MASS_SPAN} values, what
     * its masses sum to where that is not 1 ({@link Masses#isOne}, as exact enumeration refuses it); null otherwise,
     * and where a mass throws (reported where the runs meet it). A user's IntDist of mass 1.5 at 0 and at 1, with a fair
     * sampler and the right moments, read log Z-hat log 3 too high and a lower bound on P(e) of 1.044, above 1, in 20
     * calls of 20 with nothing said (an adversarial tester); the same model's observation read P(e) = 1.5.
     */
    private static String massesNotSummingToOne(Dist d) {
        Support support = d.support();
        double total;
        try {
            if (d instanceof BoolDist) {
                total = Masses.total(d, 2);
            } else if (d instanceof IntDist && summedWhole(support)) {
                total = Masses.total(d, (int) (support.upper() - support.lower()) + 1);
            } else {
                return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
        return Masses.isOne(total) ? null : String.format(Locale.ROOT, "has masses that sum to %.10g over "
                + "its support %s, not 1 (exp of logMass at each value), so every weight it enters is %.6g times what "
                + "it should be", total, support, total);
    }

    /** Whether an integer support is finite and of fewer than {@link #MASS_SPAN} values, whose masses are summed. */
    private static boolean summedWhole(Support support) {
        return support != null && support.isFinite() && support.upper() - support.lower() < MASS_SPAN;
    }

    /** The least count, drawn or expected from the mass, at which a value's share of the draws is compared. */
    static final int MIN_COUNT = 20;

    /**
     * What the draws of a boolean or integer distribution say against its masses, or null where they agree: each
     * value drawn, or expected, {@link #MIN_COUNT} times or more has its share of the draws compared with its mass,
     * named beyond {@link #Z} binomial standard errors (of the larger of the two, a mass above 1 always). The
     * moments miss a sampler that draws a value too often where another compensates, and a mass function that
     * disagrees with the sampler wherever it is not summed.
     */
    private static String drawsAgainstMasses(Dist d, Rng rng) {
        Map<Integer, Integer> counts = new HashMap<>();
        try {
            for (int i = 0; i < DRAWS; i++) {
                int v = d instanceof BoolDist b ? (b.sample(rng) ? 1 : 0) : ((IntDist) d).sample(rng);
                counts.merge(v, 1, Integer::sum);
            }
            for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                int v = e.getKey();
                double mass = Math.exp(d instanceof BoolDist b ? b.logMass(v == 1) : ((IntDist) d).logMass(v));
                double share = e.getValue() / (double) DRAWS;
                // a share or mass at 0 or 1 has no binomial spread of its own: one draw's worth is the least (a
                // Bernoulli(1e-5) drawing false every time was named against its mass 0.99999; a false-alarm hunt)
                double p = Math.min(1 - 1.0 / DRAWS, Math.max(1.0 / DRAWS, Math.max(mass, share)));
                if (!(mass >= 0) || DRAWS * Math.max(mass, share) < MIN_COUNT) {
                    continue;
                }
                double se = Math.sqrt(p * (1 - p) / DRAWS);
                if (mass > 1 || Math.abs(share - mass) > Z * se) {
                    Object shown = d instanceof BoolDist ? (Object) (v == 1) : (Object) v;
                    return String.format(Locale.ROOT, "drew the value %s in %.4g%% of %,d draws, where its mass says "
                            + "%.4g%%%s", shown, 100 * share, DRAWS, 100 * mass, mass > 1 ? " (a mass above 1)"
                            : String.format(Locale.ROOT, " (%.1f standard errors off)", Math.abs(share - mass) / se));
                }
            }
            return d instanceof IntDist n ? undrawnMass(n, counts) : null;
        } catch (RuntimeException e) {
            return null; // a sampler or a mass that throws is reported where the runs meet it
        }
    }

    /** How many values beyond the least and the largest drawn {@link #undrawnMass} reads the masses of. */
    static final int UNDRAWN_SPAN = 1000;

    /**
     * For an integer distribution whose masses are not summed over its whole support ({@link
     * #massesNotSummingToOne}), the mass its {@code logMass} gives the values the draws never took, between the least
     * and the largest drawn and {@link #UNDRAWN_SPAN} values beyond each (within the support), named where it exceeds
     * what the masses say such values hold, the sum of m (1 - m)^n over those values, by more than {@link #Z} of that
     * sum's standard errors (or is 1 or more); null otherwise. Against that sum, not against 0: the values a heavy tail
     * leaves out are chosen by the draws, and hold about its mass beyond where n draws reach. A user's count
     * whose masses were 1 at every k from 20, its sampler a Geometric(1/2), put a certified lower bound of 9.29 on a
     * probability with nothing said: the values it never drew were never read (an adversarial tester).
     */
    private static String undrawnMass(IntDist d, Map<Integer, Integer> counts) {
        Support support = d.support();
        if (counts.isEmpty() || summedWhole(support)) {
            return null;
        }
        int least = Integer.MAX_VALUE;
        int largest = Integer.MIN_VALUE;
        for (int v : counts.keySet()) {
            least = Math.min(least, v);
            largest = Math.max(largest, v);
        }
        double lowerEnd = support == null ? Integer.MIN_VALUE : Math.max(Integer.MIN_VALUE, support.lower());
        double upperEnd = support == null ? Integer.MAX_VALUE : Math.min(Integer.MAX_VALUE, support.upper());
        long from = (long) Math.max(lowerEnd, (double) least - UNDRAWN_SPAN);
        long to = (long) Math.min(upperEnd, (double) largest + UNDRAWN_SPAN);
        if (to - from > 2L * MASS_SPAN) {
            return null; // too many values between the least and the largest drawn to read
        }
        double mass = 0; // of the values not drawn
        double expected = 0; // what the masses say the values not drawn hold: sum of m (1 - m)^n
        double variance = 0; // an upper bound on its variance: the values' misses are negatively correlated
        long first = Long.MIN_VALUE;
        for (long k = from; k <= to; k++) {
            double m = Math.exp(d.logMass((int) k));
            if (!(m > 0)) {
                continue;
            }
            double missed = Math.exp(DRAWS * Math.log1p(-Math.min(m, 1)));
            expected += m * missed;
            variance += m * m * missed * (1 - missed);
            if (!counts.containsKey((int) k)) {
                first = first == Long.MIN_VALUE ? k : first;
                mass += m;
            }
        }
        double z = (mass - expected) / Math.sqrt(variance);
        if (!(mass >= 1 || z > Z)) {
            return null;
        }
        return String.format(Locale.ROOT, "drew none of the values from %d to %d it left out in %,d draws (the first "
                + "%d), where its masses give them %.6g in all against the %.3g they would miss%s", from, to, DRAWS,
                first, mass, expected, mass >= 1 ? " (more than 1)"
                        : String.format(Locale.ROOT, " (%.1f standard errors off)", z));
    }

    /** {@link #shape} for a real distribution, null for others or where its density throws. */
    private static String shapeOf(Dist d, double[] x) {
        if (!(d instanceof RealDist r)) {
            return null;
        }
        try {
            // the first half of the draws, sorted: both readings take their quantiles from it
            double[] first = Arrays.copyOf(x, x.length / 2);
            Arrays.sort(first);
            String off = shape(r, x, first);
            off = off != null ? off : central(r, x, first);
            return off != null ? off : tails(r, x, first);
        } catch (RuntimeException e) {
            return null; // a density that throws is reported where the runs meet it
        }
    }

    /** The share of the first half of the draws beyond which each tail is read. */
    static final double TAIL_SHARE = 0.025;
    /**
     * How many standard errors off a tail's share of the draws must be to be named: the standard error is the
     * binomial one of the share the density gives, known rather than read from the draws.
     */
    static final double TAIL_Z = 5;

    /**
     * What the draws {@code x} of {@code d} say against its density in each tail, beyond the {@link #TAIL_SHARE} and
     * 1 - {@link #TAIL_SHARE} quantiles of the first half of the draws ({@code first}, sorted), or null where they
     * agree: the share of the second half that falls in the tail against the density's integral over it (composite
     * Gauss-Legendre, to the support's end, an infinite one mapped onto a finite interval), named beyond {@link
     * #TAIL_Z} binomial standard errors of that integral and 1% of it. The intervals between quantiles ({@link #shape})
     * stop short of the tails: a proposal whose density read log 2 too low beyond 2 sds passed every check, and read
     * log P(e) 70 standard errors high with its lower bound above the truth in every call (an adversarial tester). Read
     * against the density's own integral, not a reference density's ratio to it, whose variance is infinite where the
     * density falls faster (a bimodal mixture's tails were named in 43 checks of 100 that way; a false-alarm hunt). A
     * tail whose integral does not converge is not judged, unless both rules put more than all the mass there.
     */
    private static String tails(RealDist d, double[] x, double[] first) {
        int half = first.length;
        double low = first[(int) Math.floor(TAIL_SHARE * (half - 1))];
        double high = first[(int) Math.ceil((1 - TAIL_SHARE) * (half - 1))];
        double scale = (high - low) / 4;
        if (!(scale > 0) || !Double.isFinite(scale)) {
            return null;
        }
        Support support = d.support();
        double lower = support == null ? Double.NEGATIVE_INFINITY : support.lower();
        double upper = support == null ? Double.POSITIVE_INFINITY : support.upper();
        int n = x.length - half;
        for (boolean below : new boolean[] {true, false}) {
            double[] both = below ? integrals(d, low, lower, scale) : integrals(d, high, upper, scale);
            if (both != null && Math.min(both[0], both[1]) >= 1) {
                // more than the whole distribution's mass beyond a quantile, whether or not the rules agree on how
                // much: a density 10^6 times too high beyond 4.5, or with a bump of height 10 far out, put certified
                // lower bounds of 5.84 and 3.09 on a probability with nothing said (an adversarial tester)
                return String.format(Locale.ROOT, "drew values of which a share about %.3g lies %s %.6g, where its "
                        + "density integrates to at least %.6g, more than 1, so it disagrees with its density there",
                        TAIL_SHARE, below ? "below" : "above", below ? low : high, Math.min(both[0], both[1]));
            }
            double mass = both == null || Math.abs(both[1] - both[0]) > TAIL_ACCURACY * Math.abs(both[1])
                    ? Double.NaN : both[1];
            if (!(mass > 0 && mass < 1)) {
                continue;
            }
            long in = 0;
            for (int k = half; k < x.length; k++) {
                in += (below ? x[k] < low : x[k] > high) ? 1 : 0;
            }
            double share = (double) in / n;
            double se = Math.sqrt(mass * (1 - mass) / n);
            double gap = Math.abs(share - mass);
            if (gap > TAIL_Z * se && gap > 0.01 * mass) {
                return String.format(Locale.ROOT, "drew %,d values of which a share %.6g lies %s %.6g, where its "
                        + "density integrates to %.6g: %.1f standard errors off, so it disagrees with its density "
                        + "there", n, share, below ? "below" : "above", below ? low : high, mass, gap / se);
            }
        }
        return null;
    }

    /**
     * What the draws {@code x} of {@code d} say against its density's integral between the {@link #TAIL_SHARE} and 1 -
     * {@link #TAIL_SHARE} quantiles of the first half of the draws ({@code first}, sorted), or null where they agree:
     * the share of the second half that falls there against the integral (composite Gauss-Legendre), named beyond
     * {@link #TAIL_Z} binomial standard errors of that integral and 1% of it. The intervals between quantiles
     * ({@link #shape}) compare the density's shape, which a constant factor leaves alone: a proposal whose density
     * read 5% low everywhere passed every check and read log P(e) 190 standard errors high over ten sites, its lower
     * bound above the truth in 13 calls of 13 (an adversarial tester). About 95% of the draws fall there, so the
     * binomial standard error over 10,000 of them is 0.2%, and such a factor is 20 of them.
     */
    private static String central(RealDist d, double[] x, double[] first) {
        int half = first.length;
        double low = first[(int) Math.floor(TAIL_SHARE * (half - 1))];
        double high = first[(int) Math.ceil((1 - TAIL_SHARE) * (half - 1))];
        if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
            return null;
        }
        int n = x.length - half;
        double[] inside = new double[n];
        int in = 0;
        for (int k = half; k < x.length; k++) {
            if (x[k] >= low && x[k] <= high) {
                inside[in++] = d.logDensity(x[k]);
            }
        }
        if (in == 0) {
            return null;
        }
        // The density is read capped at twice its value at the draws' 99th percentile of density, and the draws above
        // the cap are left out and allowed for: a peak too narrow for the rule's nodes holds at most 1% of the draws
        // then, and the cap leaves the nodes nothing to step over. Uncapped, the rule stepped over a spike of sd 1e-6
        // in a normal slab and read 0.55 of the 0.95 its draws held, an honest density named in 30 checks of 30 (a
        // false-alarm hunt); skipped wherever a draw stood above every node, it hid a density 5% low beside a spike
        // of 0.1% of the mass in 60 checks of 60 (a second hunt).
        double[] sorted = Arrays.copyOf(inside, in);
        Arrays.sort(sorted);
        double q99 = sorted[(int) Math.floor(0.99 * (in - 1))];
        double cap = q99 + Math.log(2);
        if (!Double.isFinite(cap)) {
            return null;
        }
        double[] highestNode = {Double.NEGATIVE_INFINITY};
        DoubleUnaryOperator f = t -> {
            double l = d.logDensity(t);
            highestNode[0] = Math.max(highestNode[0], l);
            return l == Double.NEGATIVE_INFINITY ? 0 : Math.exp(Math.min(l, cap) - cap);
        };
        double coarse = composite(f, low, high, TAIL_PIECES / 2) * Math.exp(cap);
        double mass = composite(f, low, high, TAIL_PIECES) * Math.exp(cap);
        // where the nodes stay far below the density of 1% of the draws, a peak holding more than that lies between
        // them (a spike of a fifth of the mass)
        if (!(mass > 0) || !Double.isFinite(mass) || Math.abs(mass - coarse) > TAIL_ACCURACY * mass
                || !(highestNode[0] >= q99 - Math.log(2))) {
            return null;
        }
        long seen = 0;
        for (int i = 0; i < in; i++) {
            seen += inside[i] <= cap ? 1 : 0;
        }
        double unseenShare = (double) (in - seen) / n;
        double share = (double) seen / n;
        double expected = Math.min(Math.max(mass, 1.0 / n), 1 - 1.0 / n);
        double se = Math.sqrt(expected * (1 - expected) / n);
        double gap = Math.abs(share - mass);
        // the draws are rounded to doubles and the interval's ends are draws, so each end takes a whole rounding
        // cell that the integral halves: N(1e15, 1), whose doubles are 0.125 apart, was named 5.1 standard errors
        // off in 5 checks of 60 (a false-alarm hunt)
        double cells = Math.exp(d.logDensity(low)) * Math.ulp(low) + Math.exp(d.logDensity(high)) * Math.ulp(high);
        if (gap > TAIL_Z * se + cells + unseenShare && gap > 0.01 * mass) {
            return String.format(Locale.ROOT, "drew %,d values of which a share %.6g lies in [%.6g, %.6g], where its "
                    + "density integrates to %.6g: %.1f standard errors off, so its density is not normalised to "
                    + "its draws (a constant factor in it changes every weight, and no estimate can show it)", n,
                    share, low, high, mass, gap / se);
        }
        return null;
    }

    /**
     * How far a tail's integral on {@link #TAIL_PIECES} pieces may differ from the one on half as many to be read: far
     * inside the binomial standard error of its share (4% of it for a tail of 2.5% over 10,000 draws), and reached
     * where the density jumps inside the tail, as a wrong one may, where an adaptive rule to 1e-9 never converged.
     */
    static final double TAIL_ACCURACY = 1e-3;
    /** The pieces of a tail's integral, each by 8-point Gauss-Legendre. */
    static final int TAIL_PIECES = 4096;
    private static final GaussIntegrator LEGENDRE = new GaussIntegratorFactory().legendre(8);

    /**
     * The integral of {@code d}'s density from {@code from} (a point where it is finite) to {@code end} (a support's
     * end, either side of it, perhaps infinite, which is mapped onto a finite interval at the scale {@code scale}), by
     * the rule on half of {@link #TAIL_PIECES} pieces and on all of them; it is read where they agree within {@link
     * #TAIL_ACCURACY}. Null where the density is not finite at {@code from}.
     */
    private static double[] integrals(RealDist d, double from, double end, double scale) {
        double ref = d.logDensity(from);
        if (!Double.isFinite(ref) || from == end) {
            return null;
        }
        double sign = end < from ? -1 : 1;
        DoubleUnaryOperator f;
        double a;
        double b;
        if (Double.isInfinite(end)) {
            // x = from + sign scale t / (1 - t), t in [0, 1)
            f = t -> {
                double u = 1 - t;
                double l = d.logDensity(from + sign * scale * t / u) - ref;
                return l == Double.NEGATIVE_INFINITY ? 0 : Math.exp(l) * scale / (u * u);
            };
            a = 0;
            b = 1;
        } else {
            f = t -> {
                double l = d.logDensity(t) - ref;
                return l == Double.NEGATIVE_INFINITY ? 0 : Math.exp(l);
            };
            a = Math.min(from, end);
            b = Math.max(from, end);
        }
        double scaleBack = Math.exp(ref);
        return new double[] {composite(f, a, b, TAIL_PIECES / 2) * scaleBack,
            composite(f, a, b, TAIL_PIECES) * scaleBack};
    }

    /** The integral of {@code f} over [a, b] by 8-point Gauss-Legendre on {@code pieces} equal pieces. */
    private static double composite(DoubleUnaryOperator f, double a, double b, int pieces) {
        double h = (b - a) / pieces;
        double sum = 0;
        for (int j = 0; j < pieces; j++) {
            double left = a + j * h;
            for (int i = 0; i < LEGENDRE.getNumberOfPoints(); i++) {
                sum += LEGENDRE.getWeight(i) * f.applyAsDouble(left + h * (1 + LEGENDRE.getPoint(i)) / 2);
            }
        }
        return sum * h / 2;
    }
}
