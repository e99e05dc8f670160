package dev.ariadne.search;

import dev.ariadne.core.dist.Cauchy;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.StudentT;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A location and scale with the prior's own tail for Cauchy and StudentT sites: Cauchy(loc, exp(logScale)) for a
 * Cauchy prior, StudentT(nu, loc, exp(logScale)) with the prior's degrees of freedom nu for a StudentT one.
 *
 * <p>Why not the Normal family that other real sites get: a proposal whose tail is lighter than the prior's makes
 * the weight p(x) / q(x) grow without bound in the tail, so wherever the posterior keeps the prior's tail (evidence
 * that the value is large, or little evidence at all) the weights' variance is infinite whatever the scale. A search
 * for P(Cauchy > 1000) found a Normal proposal, said it had converged, and its certification's log Z-hat read 10
 * standard errors low with the tail-check verdict. With the prior's tail, p / q tends to a constant (for a Cauchy,
 * exp(logScale) divided by the prior's scale) and the weights are bounded in both tails.
 *
 * <p>The refit is weighted maximum likelihood by ascent ({@link Refits#byAscent}), from the location-scale point the
 * weighted quartiles give (median, and half the interquartile range over the distribution's own upper quartile):
 * exact for data from the family, and a start the ascent's bounded steps need when the data lie a thousand scales
 * from the current proposal.
 */
final class StudentTFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    static final StudentTFamily INSTANCE = new StudentTFamily();

    private StudentTFamily() {
    }

    @Override
    public String name() {
        return "STUDENT_T";
    }

    @Override
    public boolean accepts(Dist prior) {
        return prior instanceof Cauchy || prior instanceof StudentT;
    }

    @Override
    public int arity(Dist prior) {
        return 2;
    }

    @Override
    public java.util.List<String> parameterNames(int arity) {
        return SiteSpec.LOCATION_PARAMETERS;
    }

    @Override
    public double[] initial(Dist prior) {
        if (prior instanceof Cauchy c) {
            return new double[] {c.location(), Math.log(c.scale())};
        }
        StudentT t = (StudentT) prior;
        return new double[] {t.location(), Math.log(t.scale())};
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return true;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        double scale = Math.exp(p[offset + 1]);
        return prior instanceof Cauchy ? new Cauchy(p[offset], scale)
                : new StudentT(((StudentT) prior).df(), p[offset], scale);
    }

    /** The degrees of freedom: 1 for a Cauchy. */
    private static double df(Dist prior) {
        return prior instanceof Cauchy ? 1 : ((StudentT) prior).df();
    }

    /**
     * With z = (x - loc) / scale: d/dloc = (nu + 1) z / (scale (nu + z^2)) and
     * d/dlogScale = (nu + 1) z^2 / (nu + z^2) - 1.
     */
    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        double nu = df(prior);
        double s = Math.exp(p[offset + 1]);
        double z = (x - p[offset]) / s;
        double d = nu + z * z;
        out[0] = (nu + 1) * z / (s * d);
        out[1] = (nu + 1) * z * z / d - 1;
    }

    /** The same location with the scale times {@code factor}. */
    @Override
    public void widened(double[] p, int offset, Dist prior, double factor, double[] out) {
        Refits.widenedScale(p, offset, factor, out);
    }

    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        double[] start = Arrays.copyOfRange(p, offset, offset + 2);
        int n = data.size();
        if (n > 0) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(data.x()[a], data.x()[b]));
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += data.weight()[i];
            }
            double q1 = weightedQuantile(data, order, 0.25 * total);
            double median = weightedQuantile(data, order, 0.5 * total);
            double q3 = weightedQuantile(data, order, 0.75 * total);
            if (Double.isFinite(median)) {
                start[0] = median;
            }
            double upperQuartile = TDistribution.of(df(prior)).inverseCumulativeProbability(0.75);
            double scale = (q3 - q1) / (2 * upperQuartile);
            if (scale > 0 && scale < Double.POSITIVE_INFINITY) {
                start[1] = Math.log(scale);
            }
        }
        Refits.byAscent(this, data, start, 0, prior, out);
    }

    /** The smallest value whose cumulative weight, in {@code order}, reaches {@code weight}. */
    private static double weightedQuantile(RefitData data, Integer[] order, double weight) {
        double cumulative = 0;
        for (Integer i : order) {
            cumulative += data.weight()[i];
            if (cumulative >= weight) {
                return data.x()[i];
            }
        }
        return data.x()[order[order.length - 1]];
    }

    /** x itself: the value lies on the whole real line. */
    @Override
    public double regressor(double x) {
        return x;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
