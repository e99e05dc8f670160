package dev.ariadne.core.dist;

import dev.ariadne.core.Rng;

/**
 * Beta draws. Where a shape is 1, by inversion: Beta(a, 1) is U^(1/a), Beta(1, b) is 1 - (1 - U)^(1/b), and Beta(1, 1)
 * is U. Where both shapes exceed 1 (and neither exceeds {@link #GAMMA_RATIO_LIMIT}), as the ratio
 * X / (X + Y) of two independent gamma draws X ~ Gamma(alpha), Y ~ Gamma(beta) ({@link GammaSampler}, Marsaglia and
 * Tsang), which is Beta(alpha, beta) exactly: one normal and one uniform per gamma, and a logarithm only in the
 * rare acceptance test past the squeeze, about 3x faster than algorithm BB's two logarithms and an exponential per
 * draw. Otherwise by Cheng's algorithms (R. C. H. Cheng, "Generating beta variates with nonintegral shape
 * parameters", Communications of the ACM 21, 1978): BC when a shape is at most 1, BB above the limit. These are the
 * draws of Commons RNG's {@code ChengBetaSampler} in the ordinary range (the same uniforms, the same arithmetic),
 * which this replaces: that one is built per draw, and it loses the draw where the algorithm's intermediate
 * {@code W = a exp(v)} overflows or underflows, as it does for shapes far below 1 (Beta(1e-3, 1e-3)). There, every
 * step that uses W is carried out in log space instead, so the acceptance test stays exact and the result is the
 * correctly rounded {@code W / (b + W)}. A result that rounds to 0 or 1 is put at the nearest double inside the open
 * interval (see {@link Numerics}).
 *
 * <p>Two departures from Commons' arithmetic in Cheng's algorithms, for speed: {@code log(1 - u)} comes from
 * {@link LogMath#log1p} (the intrinsic log, where {@code Math.log1p} is a native call on Java 17; the two differed by
 * at most 2 units in the last place over 2 x 10^7 uniforms, and changed about one draw in 70 in its last bits), and
 * the logs of the shapes and of their sum are taken only where a draw needs them (the acceptance test past the quick
 * ones, and W out of the ordinary range), not at every draw.
 */
final class BetaSampler {

    /**
     * The largest shape drawn as a ratio of gammas: a Gamma(1e300) draw and the sum of two stay finite; above it
     * algorithm BB draws.
     */
    static final double GAMMA_RATIO_LIMIT = 1e300;

    private static final double LN_4 = Math.log(4.0);
    private static final double LN_5_P1 = 1 + Math.log(5.0);

    private BetaSampler() {
    }

    /**
     * A Beta(alpha, beta) draw in [{@link Double#MIN_VALUE}, 1 - 2^-53], for shapes >= 1e-300: by inversion where a
     * shape is 1, the ratio of gammas when both shapes exceed 1 (up to the limit), else algorithm BB when both exceed 1, BC otherwise, with a = the
     * smaller shape for BB and the larger for BC. The ratio's gamma draws take each shape's
     * {@link GammaSampler#scale}, given here where a {@link Beta} keeps it from its first draw, or 0 for one to be
     * taken here; the draws are the same bit for bit.
     *
     * <p>The ways are written in this one method on purpose: it is then above C2's FreqInlineSize (325
     * bytes of bytecode), so it is compiled once and called with numbers only. Split in small methods, C2 inlined
     * them all into the entry of a sample site drawing from a Beta made at the site, which was then too big to be
     * inlined into the model, and the Beta escaped and was allocated ({@code HotPathShapeTest} keeps the size).
     */
    static double sample(Rng rng, double alpha, double beta, double alphaScale, double betaScale) {
        if (alpha == 1 || beta == 1) {
            // By inversion, one uniform: Beta(a, 1) has F(x) = x^a, Beta(1, b) has F(x) = 1 - (1 - x)^b, and
            // Beta(1, 1) is the uniform itself. A uniform prior on a probability went through algorithm BC, its
            // rejection loop and logs: a new user's models of such priors ran 2.6 to 5.7 times their loops that drew
            // a uniform, 0.8 to 1.9 times those that drew by a general Beta sampler.
            double u = rng.nextDouble();
            return insideUnitInterval(beta != 1 ? -Math.expm1(LogMath.log1p(-u) / beta)
                    : alpha != 1 ? Math.pow(u, 1 / alpha) : u);
        }
        double min = Math.min(alpha, beta);
        double max = Math.max(alpha, beta);
        boolean minIsAlpha = min == alpha;
        double sum = alpha + beta;
        // W = a exp(v) and its log; X is W / (b + W) when a is the first shape, b / (b + W) otherwise
        boolean aIsAlpha;
        double a;
        double b;
        double v;
        double w;
        if (min > 1 && max <= GAMMA_RATIO_LIMIT) {
            // X / (X + Y) for X ~ Gamma(alpha), Y ~ Gamma(beta): both draws lie far inside the doubles here
            double x = GammaSampler.marsagliaTsang(rng, alpha - 1.0 / 3.0,
                    alphaScale != 0 ? alphaScale : GammaSampler.scale(alpha));
            double y = GammaSampler.marsagliaTsang(rng, beta - 1.0 / 3.0,
                    betaScale != 0 ? betaScale : GammaSampler.scale(beta));
            return insideUnitInterval(x / (x + y));
        }
        if (min > 1) {
            // algorithm BB: a = min shape > 1, b = max shape
            aIsAlpha = minIsAlpha;
            a = min;
            b = max;
            double bbBeta = Math.sqrt((sum - 2) / (2 * a * b - sum));
            double gamma = a + 1 / bbBeta;
            double r;
            double t;
            do {
                double u1 = rng.nextDouble();
                double u2 = rng.nextDouble();
                v = bbBeta * (Math.log(u1) - LogMath.log1p(-u1));
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
            } while (r + sum * (Math.log(sum) - logOfBPlusW(a, b, v, w)) < t);
        } else {
            // algorithm BC: a = max shape, b = min shape <= 1
            aIsAlpha = !minIsAlpha;
            a = max;
            b = min;
            double bcBeta = 1 / b;
            double delta = 1 + a - b;
            double k1 = delta * (1.0 / 72.0 + 3.0 / 72.0 * b) / (a * bcBeta - 7.0 / 9.0);
            double k2 = 0.25 + (0.5 + 0.25 / delta) * b;
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
                        v = bcBeta * (Math.log(u1) - LogMath.log1p(-u1));
                        w = a * Math.exp(v);
                        break;
                    }
                    if (z >= k2) {
                        continue;
                    }
                }
                v = bcBeta * (Math.log(u1) - LogMath.log1p(-u1));
                w = a * Math.exp(v);
                if (sum * (Math.log(sum) - logOfBPlusW(a, b, v, w) + v) - LN_4 >= Math.log(z)) {
                    break;
                }
            }
        }
        return insideUnitInterval(result(aIsAlpha, a, b, v, w));
    }

    /** A draw on the unit interval, one that rounded to 0 or 1 put at the nearest double inside it. */
    private static double insideUnitInterval(double x) {
        return x == 0 ? Double.MIN_VALUE : x == 1 ? Numerics.BELOW_ONE : x;
    }

    /** W = a exp(v) is usable in plain arithmetic: neither overflowed nor underflowed (nor subnormal). */
    private static boolean ordinary(double w) {
        return w >= Double.MIN_NORMAL && w <= Double.MAX_VALUE;
    }

    /** log(b + W) for W = a exp(v); in log space where W is not ordinary. */
    private static double logOfBPlusW(double a, double b, double v, double w) {
        return ordinary(w) ? Math.log(b + w) : LogMath.logAddExp(Math.log(b), Math.log(a) + v);
    }

    /** X = W / (b + W) when a is the first shape, b / (b + W) otherwise; in log space where W is not ordinary. */
    private static double result(boolean aIsAlpha, double a, double b, double v, double w) {
        if (ordinary(w)) {
            return aIsAlpha ? w / (b + w) : b / (b + w);
        }
        double logW = Math.log(a) + v;
        double logB = Math.log(b);
        double logTotal = LogMath.logAddExp(logB, logW);
        return Math.exp((aIsAlpha ? logW : logB) - logTotal);
    }
}
