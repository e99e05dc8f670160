package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * Beta draws by Cheng's algorithms (R. C. H. Cheng, "Generating beta variates with nonintegral shape parameters",
 * Communications of the ACM 21, 1978): BB when both shapes exceed 1, BC otherwise. Allocation-free, and in the
 * ordinary range bit for bit the draws of Commons RNG's {@code ChengBetaSampler} (the same uniforms, the same
 * arithmetic), which this replaces: that one is built per draw, and it loses the draw where the algorithm's
 * intermediate {@code W = a exp(v)} overflows or underflows, as it does for shapes far below 1 (Beta(1e-3, 1e-3)).
 * There, every step that uses W is carried out in log space instead, so the acceptance test stays exact and the
 * result is the correctly rounded {@code W / (b + W)}. A result that rounds to 0 or 1 is put at the nearest double
 * inside the open interval (see {@link Numerics}).
 */
final class BetaSampler {

    private static final double LN_4 = Math.log(4.0);
    private static final double LN_5_P1 = 1 + Math.log(5.0);

    private BetaSampler() {
    }

    /** A Beta(alpha, beta) draw in [{@link Double#MIN_VALUE}, 1 - 2^-53], for shapes >= 1e-300. */
    static double sample(Rng rng, double alpha, double beta) {
        double a = Math.min(alpha, beta);
        double b = Math.max(alpha, beta);
        boolean aIsAlpha = a == alpha;
        double x = a > 1 ? bb(rng, aIsAlpha, a, b) : bc(rng, !aIsAlpha, b, a);
        return x == 0 ? Double.MIN_VALUE : x == 1 ? Numerics.BELOW_ONE : x;
    }

    /** W = a exp(v) is usable in plain arithmetic: neither overflowed nor underflowed (nor subnormal). */
    private static boolean ordinary(double w) {
        return w >= Double.MIN_NORMAL && w <= Double.MAX_VALUE;
    }

    /** Algorithm BB: a = min shape > 1, b = max shape. */
    private static double bb(Rng rng, boolean aIsAlpha, double a, double b) {
        double sum = a + b;
        double logSum = Math.log(sum);
        double bbBeta = Math.sqrt((sum - 2) / (2 * a * b - sum));
        double gamma = a + 1 / bbBeta;
        double logA = Math.log(a);
        double logB = Math.log(b);
        double v;
        double w;
        double r;
        double t;
        do {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            v = bbBeta * (Math.log(u1) - Math.log1p(-u1));
            w = a * Math.exp(v);
            double z = u1 * u1 * u2;
            r = gamma * v - LN_4;
            double s = a + r - w;
            if (s + LN_5_P1 >= 5 * z) {
                break;
            }
            t = Math.log(z);
            if (s >= t) {
                break;
            }
        } while (r + sum * (logSum - (ordinary(w) ? Math.log(b + w) : LogMath.logAddExp(logB, logA + v))) < t);
        return result(aIsAlpha, b, logB, w, logA + v);
    }

    /** Algorithm BC: a = max shape, b = min shape <= 1. */
    private static double bc(Rng rng, boolean aIsAlpha, double a, double b) {
        double sum = a + b;
        double logSum = Math.log(sum);
        double bcBeta = 1 / b;
        double delta = 1 + a - b;
        double k1 = delta * (1.0 / 72.0 + 3.0 / 72.0 * b) / (a * bcBeta - 7.0 / 9.0);
        double k2 = 0.25 + (0.5 + 0.25 / delta) * b;
        double logA = Math.log(a);
        double logB = Math.log(b);
        double v;
        double w;
        while (true) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            double y = u1 * u2;
            double z = u1 * y;
            if (u1 < 0.5) {
                if (0.25 * u2 + z - y >= k1) {
                    continue;
                }
            } else {
                if (z <= 0.25) {
                    v = bcBeta * (Math.log(u1) - Math.log1p(-u1));
                    w = a * Math.exp(v);
                    break;
                }
                if (z >= k2) {
                    continue;
                }
            }
            v = bcBeta * (Math.log(u1) - Math.log1p(-u1));
            w = a * Math.exp(v);
            double logBw = ordinary(w) ? Math.log(b + w) : LogMath.logAddExp(logB, logA + v);
            if (sum * (logSum - logBw + v) - LN_4 >= Math.log(z)) {
                break;
            }
        }
        return result(aIsAlpha, b, logB, w, logA + v);
    }

    /** X = W / (b + W) when a is the first shape, b / (b + W) otherwise; in log space where W is not ordinary. */
    private static double result(boolean aIsAlpha, double b, double logB, double w, double logW) {
        if (ordinary(w)) {
            return aIsAlpha ? w / (b + w) : b / (b + w);
        }
        double logTotal = LogMath.logAddExp(logB, logW);
        return Math.exp((aIsAlpha ? logW : logB) - logTotal);
    }
}
