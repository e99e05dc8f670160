package dev.ariadne.inference.rare;

import static dev.ariadne.inference.rare.StandardCoordinates.lowerTail;
import static dev.ariadne.inference.rare.StandardCoordinates.upperTail;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Geometric;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.NegativeBinomial;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.Support;
import java.util.Arrays;
import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.apache.commons.statistics.distribution.GeometricDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/**
 * The standard coordinate of a discrete choice, through which a level move steps it as it steps a real one. The
 * value v of a prior with distribution function F owns the interval [F(v - 1), F(v)) of probability, and its
 * coordinates are xi = Phi^-1(u) for u in that interval; the value at a coordinate is the one whose interval holds
 * Phi(xi). Under the prior, a value with a u drawn uniformly in its interval has xi exactly N(0, 1) (the randomised
 * probability integral transform), so a discrete choice joins the non-centred coordinates of the model: a
 * Crank-Nicolson step in xi moves a count by a little, and a count deep in its tail can climb or shuffle with its
 * neighbours, where a fresh draw from the prior almost never lands back in the level.
 *
 * <p>The coordinate is part of the particle's state (a run records it beside the value); the move's target in xi
 * has the density phi(xi) p(v) / w(v), where w(v) is the width of v's interval as computed here, so
 * {@link Table#mismatch} is log p(v) - log w(v) (0 up to rounding) and the move's ratio carries it, which keeps the
 * kernel exact whatever the rounding of F. Each end is computed from the nearer tail (F below the median, the
 * survival function S above it), so values far in either tail keep their precision.
 *
 * <p>Priors with a distribution function: Poisson, Binomial and Geometric (Commons Statistics), NegativeBinomial of
 * any real r (the regularised beta function), DiscreteUniform (closed form), and any integer prior over a finite set
 * of at most {@value #ENUMERATED} values, summed from its masses (Categorical, a user's finite distribution), and any
 * other integer prior whose support is bounded below (a user's count), summed likewise on demand
 * ({@link Summed}). Which
 * of them a level move steps is {@link #isCount}'s choice, and the pilot's ({@link Sweep#pilot}).
 */
final class DiscreteCoordinates {

    /** The most values of a finite support summed from their masses. */
    static final int ENUMERATED = 1 << 20;
    /** The values above the support's lower end whose ends are kept once computed. */
    private static final int MEMO = 1 << 16;
    /** The draws of a coordinate inside its value's interval before the interval is judged too narrow to hold one. */
    private static final int DRAWS = 8;

    private DiscreteCoordinates() {
    }

    /**
     * The coordinates of an integer prior over at least three values, or null when it has none this class can
     * compute (a prior over an infinite set of none of the forms above, or over more than {@value #ENUMERATED}
     * values) or is over fewer values (a two-valued choice is redrawn: a step changes it only where it crosses its
     * one boundary, which a redraw does as readily).
     */
    static Table of(Dist prior) {
        if (!(prior instanceof IntDist d)) {
            return null;
        }
        Support s = d.support();
        if (s.type() != Support.Type.INTEGERS || !(s.upper() - s.lower() >= 2)) {
            return null;
        }
        if (prior instanceof Poisson p) {
            return p.rate() == 0 ? null : new Closed(prior, 0, Integer.MAX_VALUE, PoissonDistribution.of(p.rate()));
        }
        if (prior instanceof Binomial b) {
            return new Closed(prior, 0, b.n(), BinomialDistribution.of(b.n(), b.p()));
        }
        if (prior instanceof Geometric g) {
            return g.p() == 1 ? null : new Closed(prior, 0, Integer.MAX_VALUE, GeometricDistribution.of(g.p()));
        }
        if (prior instanceof NegativeBinomial nb) {
            return nb.p() == 1 ? null : new NegBinomial(nb);
        }
        if (prior instanceof DiscreteUniform u) {
            return new Uniform(u);
        }
        if (prior instanceof Categorical c) {
            return new Finite(prior, 0, c.probabilities());
        }
        double count = s.upper() - s.lower() + 1;
        if (!(count <= ENUMERATED)) {
            return Double.isFinite(s.lower())
                    ? new Summed(d, (long) s.lower(), Double.isFinite(s.upper()) ? (long) s.upper() : Integer.MAX_VALUE)
                    : null;
        }
        int lo = (int) s.lower();
        double[] mass = new double[(int) count];
        for (int i = 0; i < mass.length; i++) {
            mass[i] = Math.exp(d.logMass(lo + i));
        }
        return new Finite(prior, lo, mass);
    }

    /**
     * Whether the prior is over counts (Poisson, Binomial of at least 2 trials, Geometric, NegativeBinomial), whose
     * neighbouring values are near in number, so that a model's margin can be expected to change little between
     * them: these choices are stepped. Other discrete priors are labels (Categorical, DiscreteUniform, booleans,
     * a user's distribution), whose order need mean nothing to the margin: a step to the next index can be a leap
     * in the margin, so they are kept or redrawn unless the pilot finds it cannot climb that way.
     */
    static boolean isCount(Dist prior) {
        return prior instanceof Poisson || prior instanceof Binomial b && b.n() >= 2 || prior instanceof Geometric
                || prior instanceof NegativeBinomial;
    }

    /**
     * The intervals of one prior's values: F(k) = P(X <= k) and S(k) = P(X > k), each accurate in its own tail,
     * and the coordinate b(k) = Phi^-1(F(k)) of the top of k's interval. Value v holds the coordinates
     * b(v - 1) < xi <= b(v). Not thread-safe (each level move has its own).
     */
    abstract static class Table {
        final Dist prior;
        /** The support's ends (inclusive): F(hi) = 1. */
        final long lo;
        final long hi;
        private double[] memoF = new double[0];
        private double[] memoS = new double[0];
        private double[] memoB = new double[0];
        private final double[] fs = new double[2];
        private final double[] iv = new double[4];

        Table(Dist prior, long lo, long hi) {
            this.prior = prior;
            this.lo = lo;
            this.hi = hi;
        }

        /** F(k) and S(k) into out, for lo <= k < hi. */
        abstract void tails(long k, double[] out);

        /** F(k) and S(k) into out for any k (0 and 1 below the support, 1 and 0 from its top). */
        private void ends(long k, double[] out) {
            if (k < lo) {
                out[0] = 0;
                out[1] = 1;
                return;
            }
            if (k >= hi) {
                out[0] = 1;
                out[1] = 0;
                return;
            }
            long i = k - lo;
            if (i < MEMO) {
                if (i >= memoB.length) {
                    int n = (int) Math.min(MEMO, Math.max(i + 1, 2L * memoB.length + 16));
                    int old = memoB.length;
                    memoF = Arrays.copyOf(memoF, n);
                    memoS = Arrays.copyOf(memoS, n);
                    memoB = Arrays.copyOf(memoB, n);
                    Arrays.fill(memoB, old, n, Double.NaN);
                }
                int ii = (int) i;
                if (Double.isNaN(memoB[ii])) {
                    normalTails(k, out);
                    memoF[ii] = out[0];
                    memoS[ii] = out[1];
                    memoB[ii] = out[0] <= out[1] ? lowerTail(out[0]) : upperTail(out[1]);
                }
                out[0] = memoF[ii];
                out[1] = memoS[ii];
                return;
            }
            normalTails(k, out);
        }

        /**
         * F(k) and S(k), a tail below the normal doubles taken as 0: the special functions lose their order there,
         * and a value whose interval would start past it (mass below 2.2e-308) is left with none.
         */
        private void normalTails(long k, double[] out) {
            tails(k, out);
            if (out[0] < Double.MIN_NORMAL) {
                out[0] = 0;
            }
            if (out[1] < Double.MIN_NORMAL) {
                out[1] = 0;
            }
        }

        /** b(k), the coordinate of the top of k's interval: -inf below the support, +inf at its top. */
        double boundary(long k) {
            if (k < lo) {
                return Double.NEGATIVE_INFINITY;
            }
            if (k >= hi) {
                return Double.POSITIVE_INFINITY;
            }
            long i = k - lo;
            if (i < MEMO) {
                ends(k, fs);
                return memoB[(int) i];
            }
            ends(k, fs);
            return fs[0] <= fs[1] ? lowerTail(fs[0]) : upperTail(fs[1]);
        }

        /**
         * The value whose interval holds xi, found outward from {@code hint} (a value near it, such as the one the
         * coordinate was stepped from) by doubling steps and then bisection: its answer does not depend on the hint.
         */
        int value(double xi, long hint) {
            long h = Math.max(lo, Math.min(hi, hint));
            long below;
            long above;
            if (xi <= boundary(h)) {
                above = h;
                long step = 1;
                while (true) {
                    long c = h - step;
                    if (c < lo) {
                        below = lo - 1;
                        break;
                    }
                    if (xi <= boundary(c)) {
                        above = c;
                        step *= 2;
                    } else {
                        below = c;
                        break;
                    }
                }
            } else {
                below = h;
                long step = 1;
                while (true) {
                    long c = h + step;
                    if (c >= hi) {
                        above = hi;
                        break;
                    }
                    if (xi <= boundary(c)) {
                        above = c;
                        break;
                    }
                    below = c;
                    step *= 2;
                }
            }
            // xi > b(below), xi <= b(above): the smallest k with xi <= b(k) lies in (below, above].
            while (above - below > 1) {
                long mid = below + (above - below) / 2;
                if (xi <= boundary(mid)) {
                    above = mid;
                } else {
                    below = mid;
                }
            }
            return (int) above;
        }

        /**
         * The width w(v) of v's interval of probability, computed from the same tails as its ends b(v - 1) and b(v),
         * so that Phi(b(v)) - Phi(b(v - 1)) = w(v) up to the rounding of Phi^-1.
         */
        double width(long v) {
            interval(v);
            double f0 = iv[0];
            double s0 = iv[1];
            double f1 = iv[2];
            double s1 = iv[3];
            if (f1 <= s1) {
                return f1 - f0;
            }
            if (f0 > s0) {
                return s0 - s1;
            }
            return (0.5 - f0) + (0.5 - s1);
        }

        /** F(v - 1), S(v - 1), F(v) and S(v) into {@link #iv}: the ends of v's interval, each from its own tail. */
        private void interval(long v) {
            ends(v - 1, fs);
            iv[0] = fs[0];
            iv[1] = fs[1];
            ends(v, fs);
            iv[2] = fs[0];
            iv[3] = fs[1];
        }

        /** log p(v) - log w(v): the log density, relative to phi, of the prior in v's coordinates. */
        double mismatch(long v, double logMass) {
            return logMass - Math.log(width(v));
        }

        /**
         * A coordinate of v drawn uniformly in probability within v's interval, from uniform draws {@code r}
         * (asked for again when rounding puts a draw on an end); NaN when the interval is too narrow in doubles to
         * hold a coordinate of its own.
         */
        double draw(long v, Rng r) {
            double bLow = boundary(v - 1);
            double bHigh = boundary(v);
            interval(v);
            double f0 = iv[0];
            double s0 = iv[1];
            double f1 = iv[2];
            double s1 = iv[3];
            for (int t = 0; t < DRAWS; t++) {
                double xi;
                if (f1 <= s1) {
                    xi = lowerTail(f0 + r.nextDouble() * (f1 - f0));
                } else if (f0 > s0) {
                    xi = upperTail(s0 - r.nextDouble() * (s0 - s1));
                } else {
                    double u = f0 + r.nextDouble() * ((0.5 - f0) + (0.5 - s1));
                    xi = u <= 0.5 ? lowerTail(u) : upperTail((0.5 - u) + 0.5);
                }
                if (xi > bLow && xi <= bHigh && Double.isFinite(xi)) {
                    return xi;
                }
            }
            return Double.NaN;
        }
    }

    /** A prior whose tails Commons Statistics computes. */
    private static final class Closed extends Table {
        private final DiscreteDistribution d;

        Closed(Dist prior, long lo, long hi, DiscreteDistribution d) {
            super(prior, lo, hi);
            this.d = d;
        }

        @Override
        void tails(long k, double[] out) {
            out[0] = d.cumulativeProbability((int) k);
            out[1] = d.survivalProbability((int) k);
        }
    }

    /**
     * NegativeBinomial(r, p), failures before the r-th success: F(k) = I_p(r, k + 1), S(k) = 1 - I_p(r, k + 1), the
     * regularised beta function and its complement (for real r as for integer).
     */
    private static final class NegBinomial extends Table {
        private final double r;
        private final double p;

        NegBinomial(NegativeBinomial nb) {
            super(nb, 0, Integer.MAX_VALUE);
            this.r = nb.r();
            this.p = nb.p();
        }

        @Override
        void tails(long k, double[] out) {
            out[0] = RegularizedBeta.value(p, r, k + 1.0);
            out[1] = RegularizedBeta.complement(p, r, k + 1.0);
        }
    }

    /** DiscreteUniform(a, b): F(k) = (k - a + 1) / n, S(k) = (b - k) / n. */
    private static final class Uniform extends Table {
        private final double n;

        Uniform(DiscreteUniform u) {
            super(u, u.lower(), u.upper());
            this.n = u.count();
        }

        @Override
        void tails(long k, double[] out) {
            out[0] = (k - lo + 1) / n;
            out[1] = (hi - k) / n;
        }
    }

    /** A finite support lo, lo + 1, ... with the given masses: F summed from the bottom, S from the top. */
    private static final class Finite extends Table {
        private final double[] f;
        private final double[] s;

        Finite(Dist prior, long lo, double[] mass) {
            super(prior, lo, lo + mass.length - 1);
            int n = mass.length;
            f = new double[n];
            s = new double[n];
            double total = 0;
            for (double m : mass) {
                total += m;
            }
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += mass[i];
                f[i] = c / total;
            }
            c = 0;
            for (int i = n - 1; i >= 0; i--) {
                s[i] = c / total;
                c += mass[i];
            }
        }

        @Override
        void tails(long k, double[] out) {
            out[0] = f[(int) (k - lo)];
            out[1] = s[(int) (k - lo)];
        }
    }

    /**
     * An integer prior over more values than a table lists, its support bounded below (a user's count over 0, 1, 2,
     * ...): F(k) summed from its masses from the lower end up, and above the median S(k) read from one backward pass
     * over the first {@value #SUFFIX} values, which starts from the mass beyond them summed until it is spent
     * ({@value #SPENT_RUN} masses in a row below 2^-60 of the sum so far, at most {@value #SUFFIX} of them); past them,
     * S(k) is summed from k + 1 on, at most {@value #FAR_TERMS} masses. Rounding, or a tail cut short, changes only the
     * widths of the values' intervals (S stays falling where the masses do), which the move's ratio carries
     * ({@link Table#mismatch}), so the kernel stays exact. Without it such a prior was redrawn from its prior, which
     * seldom lands back in a level far in its tail: a user's Poisson(3) count could not climb to P(k >= 15) = 6.7e-7
     * in any call (an adversarial tester). Each S was first summed afresh up to 2^20 masses, and a Zipf tail, which
     * never spends them, ran for minutes (a false-alarm hunt).
     */
    private static final class Summed extends Table {
        /** How many masses in a row must be negligible before a tail's sum stops. */
        static final int SPENT_RUN = 8;
        /** The values from the lower end whose survival probabilities one backward pass gives. */
        static final int SUFFIX = 1 << 16;
        /** The most masses summed for the survival probability of a value past those. */
        static final int FAR_TERMS = 1 << 10;
        private final IntDist d;
        /** F(lo + i) for i below {@code known}. */
        private double[] cumulative = new double[16];
        private int known;
        /** S(lo + i) for i below {@value #SUFFIX}; null until an upper tail is first read. */
        private double[] suffix;

        Summed(IntDist d, long lo, long hi) {
            super(d, lo, hi);
            this.d = d;
        }

        @Override
        void tails(long k, double[] out) {
            double f = k - lo < ENUMERATED ? cumulativeAt((int) (k - lo)) : 1;
            double s = f < 0.5 ? 1 - f : survivalAt(k);
            out[0] = f < 0.5 ? f : 1 - s;
            out[1] = s;
        }

        private double mass(long k) {
            double m = k > Integer.MAX_VALUE ? 0 : Math.exp(d.logMass((int) k));
            return m >= 0 && m < Double.POSITIVE_INFINITY ? m : 0;
        }

        private double cumulativeAt(int i) {
            while (known <= i) {
                if (known == cumulative.length) {
                    cumulative = Arrays.copyOf(cumulative, 2 * known);
                }
                cumulative[known] = (known == 0 ? 0 : cumulative[known - 1]) + mass(lo + known);
                known++;
            }
            return cumulative[i];
        }

        private double survivalAt(long k) {
            long i = k - lo;
            if (i >= SUFFIX) {
                return massFrom(k + 1, FAR_TERMS);
            }
            if (suffix == null) {
                suffix = new double[SUFFIX];
                double sum = massFrom(lo + SUFFIX, SUFFIX);
                for (int j = SUFFIX - 1; j >= 0; j--) {
                    suffix[j] = sum;
                    sum += mass(lo + j);
                }
            }
            return suffix[(int) i];
        }

        /** The masses from {@code first} on, summed until they are spent or {@code most} of them are. */
        private double massFrom(long first, int most) {
            double sum = 0;
            int negligible = 0;
            for (long j = first; j <= hi && j - first < most && negligible < SPENT_RUN; j++) {
                double m = mass(j);
                sum += m;
                negligible = m <= 0x1p-60 * sum ? negligible + 1 : 0;
            }
            return sum;
        }
    }
}
