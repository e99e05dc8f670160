package dev.ariadne.search;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.LogNormal;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.Uniform;
import dev.ariadne.core.dist.VecDist;

/**
 * The per-site families of the built-in guide families, in unconstrained parameters (log for scales and shapes,
 * logits for probabilities). Each gives its proposal for a parameter slice, its initial parameters from the prior
 * (the prior itself where the family is the prior's own, so step 0 is likelihood weighting), the gradient of its
 * log density in its parameters in closed form, and its weighted maximum-likelihood refit (closed form, or
 * Newton steps for Beta and Gamma) for the cross-entropy method.
 */
enum SiteFamily {

    /** Normal(loc, exp(logScale)) for real sites: the prior's own family for a Normal prior. */
    NORMAL("loc", "logScale") {
        @Override
        double[] init(Dist prior) {
            if (prior instanceof Normal n) {
                return new double[] {n.mean(), Math.log(n.sd())};
            }
            return momentInit((RealDist) prior, 0, 1);
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            return new Normal(p[off] + shift, Math.exp(p[off + 1]));
        }

        @Override
        double unconstrained(Dist q, double x) {
            return x;
        }
    },

    /** A log-transformed Normal (LogNormal) for positive sites other than Gamma and Exponential ones. */
    LOG_NORMAL("loc", "logScale") {
        @Override
        double[] init(Dist prior) {
            if (prior instanceof LogNormal l) {
                return new double[] {l.mu(), Math.log(l.sigma())};
            }
            RealDist r = (RealDist) prior;
            try {
                double m = r.mean();
                double v = r.variance();
                if (m > 0 && v > 0 && v < Double.POSITIVE_INFINITY) {
                    double s2 = Math.log1p(v / (m * m));
                    return new double[] {Math.log(m) - 0.5 * s2, 0.5 * Math.log(s2)};
                }
            } catch (ArithmeticException e) {
                // no moments: fall through
            }
            return new double[] {0, 0};
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            return new LogNormal(p[off] + shift, Math.exp(p[off + 1]));
        }

        @Override
        double unconstrained(Dist q, double x) {
            return Math.log(x);
        }
    },

    /** A logit-transformed Normal on the prior's interval, for interval sites other than unit-interval ones. */
    LOGIT_NORMAL("loc", "logScale") {
        @Override
        double[] init(Dist prior) {
            Support s = prior.support();
            if (prior instanceof Uniform) {
                return new double[] {0, Math.log(Math.PI / Math.sqrt(3))};
            }
            try {
                double u = (((RealDist) prior).mean() - s.lower()) / (s.upper() - s.lower());
                if (u > 0 && u < 1) {
                    return new double[] {Math.log(u) - Math.log1p(-u), 0};
                }
            } catch (ArithmeticException e) {
                // fall through
            }
            return new double[] {0, 0};
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            Support s = prior.support();
            return new LogitNormal(p[off] + shift, Math.exp(p[off + 1]), s.lower(), s.upper());
        }

        @Override
        double unconstrained(Dist q, double x) {
            return ((LogitNormal) q).unconstrained(x);
        }
    },

    /** Beta(exp(logAlpha), exp(logBeta)) for unit-interval sites (a Uniform(0, 1) prior is Beta(1, 1)). */
    BETA("logAlpha", "logBeta") {
        @Override
        double[] init(Dist prior) {
            if (prior instanceof Beta b) {
                return new double[] {Math.log(b.alpha()), Math.log(b.beta())};
            }
            if (prior instanceof Uniform) {
                return new double[] {0, 0};
            }
            try {
                RealDist r = (RealDist) prior;
                double m = r.mean();
                double v = r.variance();
                double c = m * (1 - m) / v - 1;
                if (c > 0 && m > 0 && m < 1) {
                    return new double[] {Math.log(m * c), Math.log((1 - m) * c)};
                }
            } catch (ArithmeticException e) {
                // fall through
            }
            return new double[] {0, 0};
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            return new Beta(Math.exp(p[off]), Math.exp(p[off + 1]));
        }

        @Override
        void score(Dist q, double x, double[] vec, double[] out) {
            Beta b = (Beta) q;
            double a = b.alpha();
            double c = b.beta();
            double psiAB = org.apache.commons.math3.special.Gamma.digamma(a + c);
            out[0] = a * (psiAB - org.apache.commons.math3.special.Gamma.digamma(a) + Math.log(x));
            out[1] = c * (psiAB - org.apache.commons.math3.special.Gamma.digamma(c) + Math.log1p(-x));
        }

        @Override
        void refit(double[] xs, double[][] vecs, double[] w, int n, double[] current, int off, Dist prior,
                   double[] out) {
            Refits.beta(xs, w, n, Math.exp(current[off]), Math.exp(current[off + 1]), out);
        }
    },

    /** Gamma(exp(logShape), exp(logRate)) for Gamma and Exponential (= Gamma(1, rate)) sites. */
    GAMMA("logShape", "logRate") {
        @Override
        double[] init(Dist prior) {
            if (prior instanceof Gamma g) {
                return new double[] {Math.log(g.shape()), Math.log(g.rate())};
            }
            return new double[] {0, Math.log(((Exponential) prior).rate())};
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            return new Gamma(Math.exp(p[off]), Math.exp(p[off + 1]));
        }

        @Override
        void score(Dist q, double x, double[] vec, double[] out) {
            Gamma g = (Gamma) q;
            double k = g.shape();
            double r = g.rate();
            out[0] = k * (Math.log(r) - org.apache.commons.math3.special.Gamma.digamma(k) + Math.log(x));
            out[1] = k - r * x;
        }

        @Override
        void refit(double[] xs, double[][] vecs, double[] w, int n, double[] current, int off, Dist prior,
                   double[] out) {
            Refits.gamma(xs, w, n, Math.exp(current[off]), out);
        }
    },

    /** Poisson(exp(logRate)) for Poisson sites. */
    POISSON("logRate") {
        @Override
        double[] init(Dist prior) {
            return new double[] {Math.log(((Poisson) prior).rate())};
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            return new Poisson(Math.exp(p[off]));
        }

        @Override
        void score(Dist q, double x, double[] vec, double[] out) {
            out[0] = x - ((Poisson) q).rate();
        }

        @Override
        void refit(double[] xs, double[][] vecs, double[] w, int n, double[] current, int off, Dist prior,
                   double[] out) {
            double m = Refits.weightedMean(xs, w, n);
            out[0] = Math.log(Math.min(Poisson.MAX_RATE, Math.max(m, 1e-6)));
        }
    },

    /** Bernoulli(logistic(logit)) for boolean sites. */
    BERNOULLI("logit") {
        @Override
        double[] init(Dist prior) {
            return new double[] {Refits.logit(((Bernoulli) prior).p())};
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            return new Bernoulli(Refits.logistic(p[off]));
        }

        @Override
        void score(Dist q, double x, double[] vec, double[] out) {
            out[0] = x - ((Bernoulli) q).p();
        }

        @Override
        void refit(double[] xs, double[][] vecs, double[] w, int n, double[] current, int off, Dist prior,
                   double[] out) {
            double m = Refits.weightedMean(xs, w, n);
            out[0] = Refits.logit(Math.min(1 - 1e-6, Math.max(1e-6, m)));
        }
    },

    /** Binomial(n, logistic(logit)) for Binomial sites; n is the prior's at each run. */
    BINOMIAL("logit") {
        @Override
        double[] init(Dist prior) {
            return new double[] {Refits.logit(((Binomial) prior).p())};
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            return new Binomial(((Binomial) prior).n(), Refits.logistic(p[off]));
        }

        @Override
        void score(Dist q, double x, double[] vec, double[] out) {
            Binomial b = (Binomial) q;
            out[0] = x - b.n() * b.p();
        }

        @Override
        void refit(double[] xs, double[][] vecs, double[] w, int n, double[] current, int off, Dist prior,
                   double[] out) {
            double m = Refits.weightedMean(xs, w, n);
            m /= ((Binomial) prior).n();
            out[0] = Refits.logit(Math.min(1 - 1e-6, Math.max(1e-6, m)));
        }
    },

    /** Categorical with free logits for Categorical sites (k parameters). */
    CATEGORICAL() {
        @Override
        int arity(Dist prior) {
            return ((Categorical) prior).size();
        }

        @Override
        String[] paramNames(int arity) {
            String[] names = new String[arity];
            for (int j = 0; j < arity; j++) {
                names[j] = "logit[" + j + "]";
            }
            return names;
        }

        @Override
        double[] init(Dist prior) {
            double[] p = ((Categorical) prior).probabilities();
            double[] l = new double[p.length];
            for (int j = 0; j < p.length; j++) {
                l[j] = Math.max(Math.log(p[j]), Refits.LOG_FLOOR);
            }
            return l;
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            return Categorical.ofLogits(java.util.Arrays.copyOfRange(p, off, off + arity(prior)));
        }

        @Override
        void score(Dist q, double x, double[] vec, double[] out) {
            double[] probs = ((Categorical) q).probabilities();
            for (int j = 0; j < probs.length; j++) {
                out[j] = (j == (int) x ? 1 : 0) - probs[j];
            }
        }

        @Override
        void refit(double[] xs, double[][] vecs, double[] w, int n, double[] current, int off, Dist prior,
                   double[] out) {
            java.util.Arrays.fill(out, 0);
            for (int i = 0; i < n; i++) {
                out[(int) xs[i]] += w[i];
            }
            for (int j = 0; j < out.length; j++) {
                out[j] = Math.max(Math.log(Math.max(out[j], 1e-6)), Refits.LOG_FLOOR);
            }
        }
    },

    /** Stick-breaking Normal for simplex sites: K-1 locations then K-1 log scales. */
    STICK_BREAKING() {
        @Override
        int arity(Dist prior) {
            return 2 * (((VecDist) prior).dim() - 1);
        }

        @Override
        String[] paramNames(int arity) {
            String[] names = new String[arity];
            for (int j = 0; j < arity / 2; j++) {
                names[j] = "loc[" + j + "]";
                names[arity / 2 + j] = "logScale[" + j + "]";
            }
            return names;
        }

        @Override
        double[] init(Dist prior) {
            int k = ((VecDist) prior).dim();
            double[] p = new double[2 * (k - 1)];
            if (prior instanceof Dirichlet d) {
                double[] a = d.alpha();
                double rest = 0;
                for (double v : a) {
                    rest += v;
                }
                for (int j = 0; j < k - 1; j++) {
                    rest -= a[j];
                    p[j] = org.apache.commons.math3.special.Gamma.digamma(a[j])
                            - org.apache.commons.math3.special.Gamma.digamma(rest) + Math.log(k - 1 - j);
                    p[k - 1 + j] = 0.5 * Math.log(org.apache.commons.math3.special.Gamma.trigamma(a[j])
                            + org.apache.commons.math3.special.Gamma.trigamma(rest));
                }
            }
            return p;
        }

        @Override
        Dist dist(double[] p, int off, Dist prior, double shift) {
            int m = arity(prior) / 2;
            double[] loc = java.util.Arrays.copyOfRange(p, off, off + m);
            double[] scale = new double[m];
            for (int j = 0; j < m; j++) {
                scale[j] = Math.exp(p[off + m + j]);
            }
            return StickBreakingNormal.of(loc, scale);
        }

        @Override
        void score(Dist q, double x, double[] vec, double[] out) {
            StickBreakingNormal s = (StickBreakingNormal) q;
            double[] y = s.unconstrained(vec);
            double[] loc = s.loc();
            double[] scale = s.scale();
            int m = y.length;
            for (int j = 0; j < m; j++) {
                double z = (y[j] - loc[j]) / scale[j];
                out[j] = z / scale[j];
                out[m + j] = z * z - 1;
            }
        }

        @Override
        void refit(double[] xs, double[][] vecs, double[] w, int n, double[] current, int off, Dist prior,
                   double[] out) {
            StickBreakingNormal s = (StickBreakingNormal) dist(current, off, prior, 0);
            int m = out.length / 2;
            double[][] ys = new double[n][];
            for (int i = 0; i < n; i++) {
                ys[i] = s.unconstrained(vecs[i]);
            }
            double[] col = new double[n];
            double[] two = new double[2];
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    col[i] = ys[i][j];
                }
                Refits.normal(col, w, n, new double[] {current[off + j], current[off + m + j]}, two);
                out[j] = two[0];
                out[m + j] = two[1];
            }
        }
    };

    private final String[] names;

    SiteFamily(String... names) {
        this.names = names;
    }

    /** The family the mean-field guide uses at a site with this prior, or null to leave the site to the prior. */
    static SiteFamily choose(Dist prior) {
        if (prior instanceof Normal) {
            return NORMAL;
        }
        if (prior instanceof Beta) {
            return BETA;
        }
        if (prior instanceof Gamma || prior instanceof Exponential) {
            return GAMMA;
        }
        if (prior instanceof Poisson) {
            return POISSON;
        }
        if (prior instanceof Bernoulli) {
            return BERNOULLI;
        }
        if (prior instanceof Categorical) {
            return CATEGORICAL;
        }
        if (prior instanceof Binomial) {
            return BINOMIAL;
        }
        if (prior instanceof LogNormal) {
            return LOG_NORMAL;
        }
        Support s = prior.support();
        if (prior instanceof RealDist) {
            switch (s.type()) {
                case REAL:
                    return NORMAL;
                case POSITIVE:
                    return LOG_NORMAL;
                case INTERVAL:
                    return s.lower() == 0 && s.upper() == 1 ? BETA
                            : Double.isFinite(s.lower()) && Double.isFinite(s.upper()) ? LOGIT_NORMAL : null;
                default:
                    return null;
            }
        }
        if (prior instanceof VecDist && s.type() == Support.Type.SIMPLEX && s.dim() >= 2) {
            return STICK_BREAKING;
        }
        return null;
    }

    /** Whether the family is a Normal in some unconstrained coordinate (so a structured guide can shift it). */
    boolean isLocation() {
        return this == NORMAL || this == LOG_NORMAL || this == LOGIT_NORMAL;
    }

    /** Whether the prior is itself of this family, so that {@link #init} reproduces it. */
    boolean isOwnFamilyOf(Dist prior) {
        switch (this) {
            case NORMAL:
                return prior instanceof Normal;
            case LOG_NORMAL:
                return prior instanceof LogNormal;
            case BETA:
                return prior instanceof Beta;
            case GAMMA:
                return prior instanceof Gamma;
            case POISSON:
                return prior instanceof Poisson;
            case BERNOULLI:
                return prior instanceof Bernoulli;
            case CATEGORICAL:
                return prior instanceof Categorical;
            case BINOMIAL:
                return prior instanceof Binomial;
            default:
                return false;
        }
    }

    /** The number of parameters at a site with this prior. */
    int arity(Dist prior) {
        return names.length;
    }

    /** The parameter names for a site of this arity. */
    String[] paramNames(int arity) {
        return names.clone();
    }

    /** The initial unconstrained parameters: the prior's own where the family is the prior's. */
    abstract double[] init(Dist prior);

    /**
     * The proposal for the parameters {@code p[off .. off + arity)}, the location shifted by {@code shift} (for
     * location families; 0 otherwise).
     *
     * @throws dev.ariadne.core.dist.ParameterException when a parameter maps to an invalid value (overflow)
     */
    abstract Dist dist(double[] p, int off, Dist prior, double shift);

    /** The unconstrained coordinate of the value x under the location family's proposal q. */
    double unconstrained(Dist q, double x) {
        throw new UnsupportedOperationException(name() + " is not a location family");
    }

    /**
     * The gradient of log q(x) in the family's unconstrained parameters, in closed form, into {@code out}. For
     * location families out[0] is the derivative in the location (so a structured coefficient's is out[0]
     * times its regressor).
     *
     * @param x   the value (booleans as 0/1, integers as themselves)
     * @param vec the value of a vector site, else null
     */
    void score(Dist q, double x, double[] vec, double[] out) {
        double s = q instanceof Normal n ? n.sd() : q instanceof LogNormal l ? l.sigma() : ((LogitNormal) q).scale();
        double m = q instanceof Normal n ? n.mean() : q instanceof LogNormal l ? l.mu() : ((LogitNormal) q).loc();
        double z = (unconstrained(q, x) - m) / s;
        out[0] = z / s;
        out[1] = z * z - 1;
    }

    /**
     * The weighted maximum-likelihood parameters for values xs (or vecs) with normalised weights w (first n),
     * into out. Location families fit the normal of their unconstrained coordinate.
     */
    void refit(double[] xs, double[][] vecs, double[] w, int n, double[] current, int off, Dist prior,
               double[] out) {
        Dist q = dist(current, off, prior, 0);
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = unconstrained(q, xs[i]);
        }
        Refits.normal(ys, w, n, new double[] {current[off], current[off + 1]}, out);
    }

    /** Prior moments matched by a Normal, or the given defaults where they do not exist. */
    static double[] momentInit(RealDist prior, double loc, double scale) {
        try {
            double m = prior.mean();
            double v = prior.variance();
            if (Double.isFinite(m) && v > 0 && v < Double.POSITIVE_INFINITY) {
                return new double[] {m, 0.5 * Math.log(v)};
            }
        } catch (ArithmeticException e) {
            // no moments
        }
        return new double[] {loc, Math.log(scale)};
    }
}
