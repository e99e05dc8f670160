package dev.ariadne.inference;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.VecDist;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link UserDistributionCheck} for a vector distribution of the user's own: its draws against the mean and variance
 * it declares for each component, against its density where that is not finite, and, on the whole real space,
 * against its density's mass over a box. An adversarial tester's sampler of two standard normals beside a density
 * three times theirs read log P(e) log 3 too high, and one beside a declared variance of 0.36 read it 88 standard
 * errors off, each with nothing said, where a scalar distribution with the same fault was named.
 */
final class UserVectorCheck {

    /** The most components whose draws are compared with the declared moments, each in turn. */
    static final int MAX_COMPONENTS = 50;
    /** The most dimensions of a box whose mass is read: past it a box holding half the draws is too thin per side. */
    static final int MAX_BOX_DIMENSIONS = 8;
    /** The least draws inside the box for its mass to be read. */
    static final int MIN_IN_BOX = 200;
    /**
     * The largest ratio of the density's largest to its least value over the draws in the box for its mass to be
     * read: each term is 1 / density, so the ratio bounds the terms, and their standard error holds.
     */
    static final double BOX_DENSITY_RATIO = 1e4;

    private UserVectorCheck() {
    }

    /** What the draws of {@code d} say against its declared moments and its density, or null where they agree. */
    static String disagreement(VecDist d, Rng rng) {
        int dim;
        double[] mean;
        double[] variance;
        double[][] x = new double[UserDistributionCheck.DRAWS][];
        try {
            dim = d.dim();
            mean = d.mean();
            variance = d.variance();
            for (int i = 0; i < x.length; i++) {
                x[i] = d.sample(rng).clone();
                if (x[i].length != dim) {
                    return null; // a draw of the wrong length is refused where the runs meet it
                }
            }
        } catch (RuntimeException e) {
            return null; // a sampler or a moment that throws is reported where the runs meet it
        }
        String excluded = UserDistributionCheck.drawsItsDensityExcludes(x.length, i -> d.logDensity(x[i]),
                i -> Arrays.toString(x[i]));
        if (excluded != null) {
            return excluded;
        }
        if (mean != null && variance != null && mean.length == dim && variance.length == dim) {
            for (int j = 0; j < Math.min(dim, MAX_COMPONENTS); j++) {
                if (!Double.isFinite(mean[j]) || !(variance[j] > 0 && variance[j] < Double.POSITIVE_INFINITY)) {
                    continue;
                }
                double[] column = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    column[i] = x[i][j];
                }
                String off = UserDistributionCheck.moments(column, mean[j], variance[j]);
                if (off != null) {
                    return "in component " + j + " " + off;
                }
            }
        }
        Support support = d.support();
        return support != null && support.type() == Support.Type.REAL_VECTOR && dim <= MAX_BOX_DIMENSIONS
                ? boxMass(d, x, dim) : null;
    }

    /**
     * The density's mass over a box against the draws: for a box B between quantiles of each component of the first
     * half of the draws (chosen so that it holds about half of them if the components were independent), the mean
     * over the second half of 1[x in B] / density(x) is the volume of B exactly when the sampler draws from the
     * density. Null where it agrees within {@link UserDistributionCheck#Z} standard errors, or cannot be read.
     */
    private static String boxMass(VecDist d, double[][] x, int dim) {
        int half = x.length / 2;
        double tail = (1 - Math.pow(0.5, 1.0 / dim)) / 2;
        double[] lo = new double[dim];
        double[] hi = new double[dim];
        double volume = 1;
        double[] column = new double[half];
        for (int j = 0; j < dim; j++) {
            for (int i = 0; i < half; i++) {
                column[i] = x[i][j];
            }
            Arrays.sort(column);
            lo[j] = column[(int) Math.floor(tail * (half - 1))];
            hi[j] = column[(int) Math.ceil((1 - tail) * (half - 1))];
            if (!(hi[j] > lo[j]) || !Double.isFinite(lo[j]) || !Double.isFinite(hi[j])) {
                return null;
            }
            volume *= hi[j] - lo[j];
        }
        double sum = 0;
        double squares = 0;
        int inside = 0;
        double least = Double.POSITIVE_INFINITY;
        double most = Double.NEGATIVE_INFINITY;
        int n = x.length - half;
        try {
            for (int i = half; i < x.length; i++) {
                if (!within(x[i], lo, hi)) {
                    continue;
                }
                double l = d.logDensity(x[i]);
                least = Math.min(least, l);
                most = Math.max(most, l);
                double t = Math.exp(-l);
                sum += t;
                squares += t * t;
                inside++;
            }
        } catch (RuntimeException e) {
            return null;
        }
        if (inside < MIN_IN_BOX || !(most - least <= Math.log(BOX_DENSITY_RATIO))) {
            return null;
        }
        double m = sum / n;
        double se = Math.sqrt(Math.max(0, squares / n - m * m) / n);
        if (se > 0 && Math.abs(m - volume) > UserDistributionCheck.Z * se) {
            return String.format(Locale.ROOT, "drew %,d values whose share in a box about their middle disagrees "
                    + "with its density there (the mean of 1[x in box] / density(x) over them is %.6g, where it is "
                    + "the box's volume, %.6g, for draws from the density: %.1f standard errors off; the density "
                    + "integrates to about %.4g times what it should over the box)", n, m, volume,
                    Math.abs(m - volume) / se, volume / m);
        }
        return null;
    }

    private static boolean within(double[] v, double[] lo, double[] hi) {
        for (int j = 0; j < v.length; j++) {
            if (!(v[j] >= lo[j] && v[j] < hi[j])) {
                return false;
            }
        }
        return true;
    }
}
