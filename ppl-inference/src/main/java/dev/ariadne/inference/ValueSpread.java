package dev.ariadne.inference;

import dev.ariadne.inference.stats.LogSumExp;
import java.util.Arrays;

/**
 * How much of the spread of a run's total log q - log p one scalar choice's value explains, over the runs that make
 * the choice: the between-value sum of squares where the choice took at most {@link #MAX_VALUES} values (a bool, a
 * count with few values), else the sum of squares of a least-squares fit of the total on the value and its square.
 * A choice left at its prior has no term of its own (log q = log p there), yet where the proposals or the evidence
 * after it follow its value, that value decides the run's weight: the share the site's own term carries cannot show
 * it, and this does.
 *
 * <p>Both are adjusted for chance (the expected explained sum of squares of a value that explains nothing, k - 1
 * values' or two terms' worth of the residual mean square, is taken off), so that a choice unrelated to the weights
 * reads near 0 at any number of runs. Mergeable: the totals are re-centred on this table's shift, the powers of the
 * value on this table's first value.
 */
final class ValueSpread implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The most distinct values kept as groups; a choice that takes more is fitted by a quadratic in its value. */
    static final int MAX_VALUES = 32;

    /** The distinct values met, with their runs and totals; dropped (null) once there are more than MAX_VALUES. */
    private double[] values = new double[2];
    private long[] counts = new long[2];
    private double[] sums = new double[2];
    /** Per value, log of the sum of its runs' weights e^-d (relative to this table's centring). */
    private double[] logWeights = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    private int distinct;
    private boolean many;

    /** The value the powers are taken about: the first value seen. */
    private double origin = Double.NaN;
    private long n;
    private double su;
    private double su2;
    private double su3;
    private double su4;
    private double sd;
    private double sd2;
    private double sdu;
    private double sdu2;

    /** Whether the site has taken at most {@link #MAX_VALUES} values, each kept with its runs. */
    boolean grouped() {
        return !many;
    }

    /** Adds a run that made the choice with value {@code x} and total (re-centred) log q - log p {@code d}. */
    void add(double x, double d) {
        if (n == 0) {
            origin = x;
        }
        double u = x - origin;
        double u2 = u * u;
        n++;
        su += u;
        su2 += u2;
        su3 += u2 * u;
        su4 += u2 * u2;
        sd += d;
        sd2 += d * d;
        sdu += d * u;
        sdu2 += d * u2;
        if (!many) {
            group(x, 1, d, -d);
        }
    }

    private void group(double x, long count, double sum, double logWeight) {
        for (int g = 0; g < distinct; g++) {
            if (Double.compare(values[g], x) == 0) {
                counts[g] += count;
                sums[g] += sum;
                logWeights[g] = LogSumExp.logAddExp(logWeights[g], logWeight);
                return;
            }
        }
        if (distinct == MAX_VALUES) {
            many = true;
            values = null; // a real site's table keeps no arrays past its first runs
            counts = null;
            sums = null;
            logWeights = null;
            return;
        }
        if (distinct == values.length) {
            values = Arrays.copyOf(values, 2 * distinct);
            counts = Arrays.copyOf(counts, 2 * distinct);
            sums = Arrays.copyOf(sums, 2 * distinct);
            logWeights = Arrays.copyOf(logWeights, 2 * distinct);
        }
        values[distinct] = x;
        counts[distinct] = count;
        sums[distinct] = sum;
        logWeights[distinct] = logWeight;
        distinct++;
    }

    /**
     * The value drawn most seldom for the weight it carries, where one is: at most a tenth of the share of the weight
     * of the runs that make the site that it carries, and carrying at least a tenth of it; as {value, its share of the
     * runs, its share of the weight}; empty for a site of more than {@link #MAX_VALUES} values or too few runs.
     * The variance of log w weighs such a value by how often it is drawn, little, though its runs carry the weight:
     * a branch of prior probability 0.001 holding 45% of P(e) read 0% by value beside a common choice's 100%.
     */
    java.util.Optional<double[]> rareHeavyValue() {
        if (many || n < 100) {
            return java.util.Optional.empty();
        }
        double logAll = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < distinct; g++) {
            logAll = LogSumExp.logAddExp(logAll, logWeights[g]);
        }
        double[] found = null;
        for (int g = 0; g < distinct; g++) {
            double runShare = counts[g] / (double) n;
            double weightShare = Math.exp(logWeights[g] - logAll);
            if (weightShare >= 0.1 && weightShare >= 10 * runShare
                    && (found == null || weightShare / runShare > found[2] / found[1])) {
                found = new double[] {values[g], runShare, weightShare};
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    /**
     * Adds another table's runs, whose totals were centred {@code delta} below this one's: a total of theirs, d, is
     * d + delta here.
     */
    void merge(ValueSpread o, double delta) {
        if (o.n == 0) {
            return;
        }
        if (n == 0) {
            origin = o.origin;
        }
        double c = o.origin - origin; // a value's power about their origin, u, is about ours u + c
        double m = o.n;
        double su2c = o.su2 + 2 * c * o.su + m * c * c; // sum of (u + c)^2
        sd2 += o.sd2 + 2 * delta * o.sd + m * delta * delta;
        sdu2 += o.sdu2 + 2 * c * o.sdu + c * c * o.sd + delta * su2c;
        sdu += o.sdu + c * o.sd + delta * o.su + m * delta * c;
        sd += o.sd + m * delta;
        su4 += o.su4 + 4 * c * o.su3 + 6 * c * c * o.su2 + 4 * c * c * c * o.su + m * c * c * c * c;
        su3 += o.su3 + 3 * c * o.su2 + 3 * c * c * o.su + m * c * c * c;
        su2 += su2c;
        su += o.su + m * c;
        n += o.n;
        if (o.many) {
            many = true;
            values = null;
            counts = null;
            sums = null;
            logWeights = null;
        }
        for (int g = 0; g < o.distinct && !many; g++) {
            group(o.values[g], o.counts[g], o.sums[g] + o.counts[g] * delta, o.logWeights[g] - delta);
        }
    }

    /**
     * The share of the variance of the totals, over the runs that make the site, that its value explains, adjusted for
     * chance, in [0, 1]; NaN where the runs cannot say (fewer runs than values or terms, or a fit that is not a
     * number), 0 where the totals do not vary.
     */
    double explainedShare() {
        double explained = explainedSumOfSquares();
        double total = sd2 - sd * (sd / n);
        return explained != explained ? Double.NaN : total > 0 ? Math.min(1, explained / total) : 0;
    }

    /**
     * The sum of squares of the runs' totals that the value explains, adjusted for chance and at least 0; NaN where the
     * runs cannot say (fewer runs than values or terms, or a fit that is not a number).
     */
    double explainedSumOfSquares() {
        double mean = sd / n;
        double total = sd2 - sd * mean;
        if (!(total > 0)) {
            return n > 0 ? 0 : Double.NaN;
        }
        double explained;
        int terms;
        if (!many) {
            if (n <= distinct) {
                return Double.NaN;
            }
            explained = 0;
            for (int g = 0; g < distinct; g++) {
                explained += sums[g] * sums[g] / counts[g];
            }
            explained -= sd * mean;
            terms = distinct - 1;
        } else {
            explained = quadraticFit();
            terms = 2;
        }
        if (!(explained == explained) || n <= terms + 1) {
            return Double.NaN;
        }
        explained = Math.min(Math.max(explained, 0), total);
        double residualMeanSquare = (total - explained) / (n - terms - 1);
        return Math.max(0, explained - terms * residualMeanSquare);
    }

    /** The sum of squares a least-squares fit of the totals on u and u^2 explains (on u alone where u^2 adds none). */
    private double quadraticFit() {
        double mu = su / n;
        double mu2 = su2 / n;
        double md = sd / n;
        double a = mu2 - mu * mu; // Var(u)
        if (!(a > 0)) {
            return 0;
        }
        double b = su3 / n - mu * mu2; // Cov(u, u^2)
        double cc = su4 / n - mu2 * mu2; // Var(u^2)
        double p = sdu / n - md * mu; // Cov(d, u)
        double q = sdu2 / n - md * mu2; // Cov(d, u^2)
        double det = a * cc - b * b;
        double linear = n * p * p / a;
        if (!(det > 1e-9 * a * cc)) {
            return linear;
        }
        double quadratic = n * (cc * p * p - 2 * b * p * q + a * q * q) / det;
        return quadratic == quadratic ? Math.max(quadratic, linear) : linear;
    }
}
