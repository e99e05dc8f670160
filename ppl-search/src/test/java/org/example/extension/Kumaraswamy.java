package org.example.extension;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Check;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.search.HasSiteFamily;
import dev.ariadne.search.SiteFamily;

/**
 * A distribution written outside the library, which brings its own guide family: the Kumaraswamy distribution on
 * [0, 1], with density a b x^(a-1) (1 - x^a)^(b-1), a Beta look-alike with a closed-form inverse CDF.
 *
 * @param a the first shape, finite and > 0
 * @param b the second shape, finite and > 0
 */
public record Kumaraswamy(double a, double b) implements RealDist, HasSiteFamily {

    /** Validates the shapes with the library's checks. */
    public Kumaraswamy {
        Check.positive("Kumaraswamy", "a", a);
        Check.positive("Kumaraswamy", "b", b);
    }

    @Override
    public Support support() {
        return Support.UNIT_INTERVAL;
    }

    /** By inversion: (1 - (1 - u)^(1/b))^(1/a). */
    @Override
    public double sample(Rng rng) {
        double u = rng.nextDouble();
        return Math.pow(-Math.expm1(Math.log1p(-u) / b), 1 / a);
    }

    @Override
    public double logDensity(double x) {
        if (!(x > 0 && x < 1)) {
            return Double.NEGATIVE_INFINITY;
        }
        double xa = Math.pow(x, a);
        return Math.log(a) + Math.log(b) + (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-xa);
    }

    /** b B(1 + 1/a, b). */
    @Override
    public double mean() {
        return Math.exp(Math.log(b) + LogMath.logBeta(1 + 1 / a, b));
    }

    /** b B(1 + 2/a, b) - mean^2. */
    @Override
    public double variance() {
        double m = mean();
        return Math.exp(Math.log(b) + LogMath.logBeta(1 + 2 / a, b)) - m * m;
    }

    /** Its guides propose other Kumaraswamy shapes. */
    @Override
    public SiteFamily siteFamily() {
        return KumaraswamyFamily.INSTANCE;
    }
}
