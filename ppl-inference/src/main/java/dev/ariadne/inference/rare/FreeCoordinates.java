package dev.ariadne.inference.rare;

import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import org.apache.commons.numbers.gamma.Digamma;
import org.apache.commons.numbers.gamma.Trigamma;

/**
 * The unconstrained coordinate u of a real choice, and the Gaussian reference in u that a level move steps around.
 * The map is the identity on the real line, u = log(x - a) above a finite lower end a, u = log(b - x) below a
 * finite upper end b, and u = log(x - a) - log(b - x) between both; {@link #logJacobian} is log |dx/du|, so a
 * density g(u) in u is the density g(u(x)) / |dx/du| in x.
 *
 * <p>The reference N(m, s^2) stands for the prior in u: exact for a Normal prior, the exact mean and variance of
 * log x for Gamma and Exponential priors, else matched to the prior's mean
 * and variance (a log-normal match above or below an end, a logit-normal one between two), and N(0, 1) where the
 * prior has no finite variance. It only shapes the proposal: the Metropolis-Hastings ratio corrects any mismatch,
 * so it need not be exact, only a function of the prior (never of the value being moved).
 */
final class FreeCoordinates {

    /** The smallest reference scale, so a nearly degenerate prior still moves. */
    private static final double MIN_SCALE = 1e-6;

    private FreeCoordinates() {
    }

    private static boolean low(Support s) {
        return s.type() == Support.Type.POSITIVE || s.type() == Support.Type.INTERVAL
                && s.lower() > Double.NEGATIVE_INFINITY;
    }

    private static boolean high(Support s) {
        return s.type() == Support.Type.INTERVAL && s.upper() < Double.POSITIVE_INFINITY;
    }

    /** Whether a level move can step a real choice on this support (the real line or an interval). */
    static boolean movable(Support s) {
        return s.type() == Support.Type.REAL || s.type() == Support.Type.POSITIVE
                || s.type() == Support.Type.INTERVAL;
    }

    /** Whether x is strictly inside the support's finite ends, where the map is one to one. */
    static boolean inside(Support s, double x) {
        return !(x != x) && (!low(s) || x > s.lower()) && (!high(s) || x < s.upper())
                && Math.abs(x) < Double.POSITIVE_INFINITY;
    }

    /** u of a value strictly inside the support. */
    static double toFree(Support s, double x) {
        if (low(s) && high(s)) {
            return Math.log(x - s.lower()) - Math.log(s.upper() - x);
        }
        if (low(s)) {
            return Math.log(x - s.lower());
        }
        if (high(s)) {
            return Math.log(s.upper() - x);
        }
        return x;
    }

    /** The value at u (may round onto a finite end; {@link #inside} then refuses it). */
    static double fromFree(Support s, double u) {
        if (low(s) && high(s)) {
            double w = s.upper() - s.lower();
            return u >= 0 ? s.lower() + w / (1 + Math.exp(-u)) : s.upper() - w / (1 + Math.exp(u));
        }
        if (low(s)) {
            return s.lower() + Math.exp(u);
        }
        if (high(s)) {
            return s.upper() - Math.exp(u);
        }
        return u;
    }

    /** log |dx/du| at x. */
    static double logJacobian(Support s, double x) {
        if (low(s) && high(s)) {
            return Math.log(x - s.lower()) + Math.log(s.upper() - x) - Math.log(s.upper() - s.lower());
        }
        if (low(s)) {
            return Math.log(x - s.lower());
        }
        if (high(s)) {
            return Math.log(s.upper() - x);
        }
        return 0;
    }

    /** The reference {mean, sd} in u for a real prior on support s (see the class comment). */
    static void reference(RealDist prior, Support s, double[] out) {
        if (prior instanceof Normal n) {
            out[0] = n.mean();
            out[1] = n.sd();
            return;
        }
        if (s.type() == Support.Type.POSITIVE && (prior instanceof Gamma || prior instanceof Exponential)) {
            // log x of Gamma(k, r): mean digamma(k) - log r, variance trigamma(k), exactly.
            double k = prior instanceof Gamma g ? g.shape() : 1;
            double r = prior instanceof Gamma g ? g.rate() : ((Exponential) prior).rate();
            out[0] = Digamma.value(k) - Math.log(r);
            out[1] = Math.sqrt(Trigamma.value(k));
            return;
        }
        double mean;
        double var;
        try {
            mean = prior.mean();
            var = prior.variance();
        } catch (RuntimeException e) { // none, as a user's distribution may say by any exception
            mean = Double.NaN;
            var = Double.NaN;
        }
        out[0] = 0;
        out[1] = 1;
        if (!(Double.isFinite(mean) && var > 0 && var < Double.POSITIVE_INFINITY)) {
            return;
        }
        if (low(s) && high(s)) {
            double w = s.upper() - s.lower();
            double p = (mean - s.lower()) / w;
            if (p > 0 && p < 1) {
                out[0] = Math.log(p) - Math.log1p(-p);
                out[1] = Math.sqrt(var) / w / (p * (1 - p));
            }
        } else if (low(s) || high(s)) {
            double d = low(s) ? mean - s.lower() : s.upper() - mean;
            if (d > 0) {
                double s2 = Math.log1p(var / (d * d));
                out[0] = Math.log(d) - s2 / 2;
                out[1] = Math.sqrt(s2);
            }
        } else {
            out[0] = mean;
            out[1] = Math.sqrt(var);
        }
        if (!(out[1] >= MIN_SCALE) || !Double.isFinite(out[0]) || !Double.isFinite(out[1])) {
            out[0] = Double.isFinite(out[0]) ? out[0] : 0;
            out[1] = Double.isFinite(out[1]) ? Math.max(out[1], MIN_SCALE) : 1;
        }
    }
}
