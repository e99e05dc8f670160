package dev.ariadne.inference;

import dev.ariadne.core.dist.CumulativeRealDist;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.exception.MathIllegalStateException;

/**
 * Whether a distribution of the user's own that declares its distribution function ({@link CumulativeRealDist})
 * declares the one its sampler draws from: subset simulation maps such a prior through its cumulative and survival
 * probabilities and their inverses, not its density, so a distribution function of another distribution answers for
 * another prior. A sampler and density of N(0, 1) beside the distribution function of N(0, 1.5) read log P(x >= 3)
 * 60 standard errors high, the 99% lower bound above the truth in 20 calls of 20, with nothing said (an adversarial
 * tester); an inverse alone, or a survival function alone, that disagreed did the same.
 *
 * <p>Read on the draws {@link UserDistributionCheck} makes: the largest gap between their empirical distribution
 * function and the declared one (Kolmogorov's statistic), named past the level a correct one passes once in 10^9; the
 * survival probability against 1 minus the cumulative one at each draw; each inverse against its function at fixed
 * probabilities. Only where the sampler already agrees with the density, so that the draws stand for the density.
 *
 * <p>The draws reach no farther than a few of 20,000, and subset simulation climbs far past them: distribution
 * functions right to 4.5e-5 and of another rate beyond read log P(x >= 20) of an Exponential(1) 5 nats high, the 99%
 * lower bound above the truth in 5 calls of 5, with nothing said (an adversarial tester). So the functions are also
 * set beside the density's integral in each tail, at {@link #TAIL_PROBABILITIES} ({@link #tails}).
 */
final class UserCdfCheck {

    /** The chance that draws from the declared distribution function exceed the Kolmogorov level. */
    static final double FALSE_ALARM = 1e-9;
    /** How far a probability the functions give may stray from the one they should give. */
    static final double TOLERANCE = 1e-6;
    /** What a wrong distribution function does. */
    static final String CONSEQUENCE = " (subset simulation maps the prior through its distribution functions, so it "
            + "would answer for another prior)";
    private static final double[] PROBABILITIES = {1e-3, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999};

    private UserCdfCheck() {
    }

    /** What the draws {@code x} of {@code d} say against its distribution functions, or null where they agree. */
    static String disagreement(CumulativeRealDist d, double[] x) {
        try {
            String f = againstDraws(d, x);
            f = f != null ? f : inverses(d);
            f = f != null ? f : tails(d);
            return f == null ? null : f + CONSEQUENCE;
        } catch (RuntimeException e) {
            return null; // a function that throws is reported where the moves meet it
        }
    }

    private static String againstDraws(CumulativeRealDist d, double[] x) {
        int n = x.length;
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double gap = 0;
        double at = Double.NaN;
        for (int i = 0; i < n; i++) {
            double f = d.cumulativeProbability(sorted[i]);
            double s = d.survivalProbability(sorted[i]);
            if (!(Math.abs(s - (1 - f)) <= TOLERANCE)) {
                return String.format(Locale.ROOT, "declares survivalProbability(%.6g) = %.6g, where "
                        + "1 - cumulativeProbability(%.6g) is %.6g", sorted[i], s, sorted[i], 1 - f);
            }
            double g = Math.max((i + 1.0) / n - f, f - (double) i / n);
            if (!(g <= gap)) {
                gap = g;
                at = sorted[i];
            }
        }
        double level = Math.sqrt(Math.log(2 / FALSE_ALARM) / (2.0 * n));
        if (!(gap <= level)) {
            return String.format(Locale.ROOT, "drew %,d values whose share at or below %.6g differs from its "
                    + "cumulativeProbability there by %.4g, where draws from that distribution function stay within "
                    + "%.4g of it but once in 10^9 calls: its distribution function is not its sampler's", n, at, gap,
                    level);
        }
        return null;
    }

    /**
     * The tail probabilities between whose points, each with the next, the mass the distribution functions give is
     * set beside the density's integral there (the upper tail through the survival functions, the lower through the
     * cumulative ones): four to a decade from 1e-3 to 1e-30, one to a decade on to 1e-300, so that the intervals tile
     * the tail. Seven points with gaps between them left functions wrong between tail probabilities e^-15 and e^-20
     * unnamed, a bound above the truth in 5 calls of 5 (a false-alarm hunt).
     */
    static final double[] TAIL_PROBABILITIES = tailGrid();

    private static double[] tailGrid() {
        return DoubleStream.concat(IntStream.rangeClosed(12, 120).mapToDouble(quarter -> Math.pow(10, -quarter / 4.0)),
                IntStream.rangeClosed(31, 300).mapToDouble(decade -> Math.pow(10, -decade))).toArray();
    }

    /** The relative gap between a tail's declared mass and its density's integral that is named. */
    static final double TAIL_TOLERANCE = 0.01;
    /**
     * The absolute error a tail's declared mass may carry besides: the rounding of 1 - F near 1, where the survival
     * function is left as its default.
     */
    static final double TAIL_ROUNDING = 1e-15;
    /** The most evaluations of the density for one tail's integral; past them the tail is not judged. */
    static final int MAX_EVALUATIONS = 100_000;

    /**
     * What the first interval of {@link #TAIL_PROBABILITIES}, in either tail, whose declared mass is not the density's
     * integral says of {@code d}; null where every one agrees or cannot be judged.
     */
    static String tails(CumulativeRealDist d) {
        double upper = d.inverseSurvivalProbability(TAIL_PROBABILITIES[0]);
        double lower = d.inverseCumulativeProbability(TAIL_PROBABILITIES[0]);
        for (int i = 1; i < TAIL_PROBABILITIES.length; i++) {
            double fartherUp = d.inverseSurvivalProbability(TAIL_PROBABILITIES[i]);
            String f = tail(d, upper, fartherUp, d.survivalProbability(upper) - d.survivalProbability(fartherUp),
                    "survivalProbability");
            if (f != null) {
                return f;
            }
            double fartherDown = d.inverseCumulativeProbability(TAIL_PROBABILITIES[i]);
            f = tail(d, fartherDown, lower, d.cumulativeProbability(lower) - d.cumulativeProbability(fartherDown),
                    "cumulativeProbability");
            if (f != null) {
                return f;
            }
            upper = fartherUp;
            lower = fartherDown;
        }
        return null;
    }

    /**
     * Whether {@code declared}, the mass the distribution functions give to [a, b], is the density's integral there
     * (null if so, or if the interval is not one the doubles resolve).
     */
    private static String tail(CumulativeRealDist d, double a, double b, double declared, String function) {
        if (!(Double.isFinite(a) && Double.isFinite(b) && b - a > 1e-9 * Math.max(Math.abs(a), Math.abs(b)))
                || !(declared > 0 && declared < 1)) {
            return null;
        }
        double ref = Math.max(d.logDensity(a), d.logDensity(b));
        if (!Double.isFinite(ref)) {
            return null;
        }
        double half = (b - a) / 2;
        double mid = a + half;
        double scaled;
        try {
            // adaptive, so that a narrow feature of the density (a mixture's spike) is not missed and named
            scaled = new IterativeLegendreGaussIntegrator(16, 1e-9, 1e-14, 2, 16).integrate(MAX_EVALUATIONS,
                    t -> Math.exp(d.logDensity(mid + half * t) - ref), -1, 1);
        } catch (MathIllegalStateException notConverged) {
            return null;
        }
        double integral = half * Math.exp(ref) * scaled;
        if (!(Math.abs(integral - declared) <= TAIL_TOLERANCE * integral + TAIL_ROUNDING)) {
            return String.format(Locale.ROOT, "gives mass %.6g between %.6g and %.6g through its %s, where its density "
                    + "integrates to %.6g there: its distribution functions are not its density's in that tail",
                    declared, a, b, function, integral);
        }
        return null;
    }

    private static String inverses(CumulativeRealDist d) {
        for (double p : PROBABILITIES) {
            double x = d.inverseCumulativeProbability(p);
            double f = d.cumulativeProbability(x);
            if (Double.isFinite(x) && !(Math.abs(f - p) <= TOLERANCE)) {
                return String.format(Locale.ROOT, "declares inverseCumulativeProbability(%.6g) = %.6g, where "
                        + "cumulativeProbability is %.6g", p, x, f);
            }
            double y = d.inverseSurvivalProbability(p);
            double s = d.survivalProbability(y);
            if (Double.isFinite(y) && !(Math.abs(s - p) <= TOLERANCE)) {
                return String.format(Locale.ROOT, "declares inverseSurvivalProbability(%.6g) = %.6g, where "
                        + "survivalProbability is %.6g", p, y, s);
            }
        }
        return null;
    }
}
