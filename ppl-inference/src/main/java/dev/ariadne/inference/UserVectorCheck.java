package dev.ariadne.inference;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.VecDist;
import java.util.Arrays;

/**
 * {@link UserDistributionCheck} for a vector distribution of the user's own: its draws against the mean and variance
 * it declares for each component, and against its density where that is not finite. An adversarial tester's sampler
 * of two standard normals beside a declared variance of 0.36 read log P(e) 88 standard errors off with nothing said,
 * where a scalar distribution with the same fault was named.
 *
 * <p>Not its density's scale: a density three times its sampler's read log P(e) exactly log 3 high, and is not
 * named. Its mass over a box between quantiles of the draws, against their share there, named honest distributions
 * (a normal of correlation 0.99 in 27 calls of 40, a mixture of two far modes, a uniform triangle) where the box
 * reached corners the density all but leaves out (a hunt for false alarms), and was taken out.
 */
final class UserVectorCheck {

    /** The most components whose draws are compared with the declared moments, each in turn. */
    static final int MAX_COMPONENTS = 50;

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
        return null;
    }
}
