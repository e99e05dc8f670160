package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.Uniform;
import org.junit.jupiter.api.Test;

/**
 * A recombination fraction theta ~ Uniform(0, 0.5), three backcross families of 3 of 40, 1 of 25 and 4 of 30
 * recombinants, and the logistic normal a mean-field search fits: its density falls faster than any power toward
 * both ends, so the weights' variance is infinite there, but only where no run lands (e^-25 of the proposal's mass at
 * its centre and less) and the posterior holds nothing (e^-38 of its mode at 0.5). It was named "falls too fast toward
 * its support's end 0.5" in 20 calls of 20 whose estimates were all right (a new user): the probe's first point, a
 * quarter of the way to the end, lay already beyond where the runs go, and the probe measured the rest against it.
 */
class UnreachedEndTest {

    /** upper x sigmoid(N(loc, scale)): the search's logistic normal for a site on (0, upper). */
    record ScaledLogitNormal(double loc, double scale, double upper) implements RealDist {
        @Override
        public Support support() {
            return Support.interval(0, upper);
        }

        @Override
        public double sample(Rng rng) {
            return upper / (1 + Math.exp(-(loc + scale * rng.standardNormal())));
        }

        @Override
        public double logDensity(double x) {
            if (!(x > 0 && x < upper)) {
                return Double.NEGATIVE_INFINITY;
            }
            double u = x / upper;
            double y = Math.log(u) - Math.log1p(-u);
            double z = (y - loc) / scale;
            return -0.5 * z * z - Math.log(scale * Math.sqrt(2 * Math.PI)) - Math.log(x) - Math.log1p(-u);
        }

        @Override
        public double mean() {
            return moment(1);
        }

        @Override
        public double variance() {
            double m = mean();
            return moment(2) - m * m;
        }

        /** E[x^k] by the midpoint rule over the normal's +-12 sds. */
        private double moment(int k) {
            int n = 200_000;
            double sum = 0;
            double h = 24.0 / n;
            for (int i = 0; i < n; i++) {
                double z = -12 + (i + 0.5) * h;
                double x = upper / (1 + Math.exp(-(loc + scale * z)));
                sum += Math.pow(x, k) * Math.exp(-0.5 * z * z) * h;
            }
            return sum / Math.sqrt(2 * Math.PI);
        }
    }

    private static final int[] FAMILIES = {40, 25, 30};
    private static final int[] RECOMBINANTS = {3, 1, 4};

    private static final Model<Double> LINKAGE = p -> {
        double theta = p.sample("theta", new Uniform(0, 0.5));
        for (int i = 0; i < FAMILIES.length; i++) {
            p.observe("family", i, new Binomial(FAMILIES[i], theta), RECOMBINANTS[i]);
        }
        return theta;
    };

    /** The guide a CMA-ES mean-field search fitted (seed 1). */
    private static final Guide SEARCHED = Guide.at("theta", new ScaledLogitNormal(-1.5378, Math.exp(-0.93177), 0.5));

    @Test
    void aTailOnlyUnreachedRegionsHoldIsNotNamed() {
        assertThat(Importance.check(LINKAGE, SEARCHED).lightTails()).isEmpty();
        assertThat(Importance.of(LINKAGE).guide(SEARCHED).samples(20_000).seed(1).run().diagnostics().verdicts())
                .noneMatch(v -> v.contains("falls too fast toward"));
    }

    /**
     * The same family, a logistic normal, centred where the posterior is but four times too narrow: toward 0 the
     * posterior's mass a quarter of the way from the centre is only e^-5 of its centre's, which runs do reach, and
     * the site is named there.
     */
    @Test
    void aTailTooLightWhereThePosteriorStillHoldsMassIsNamed() {
        Guide narrow = Guide.at("theta", new ScaledLogitNormal(-1.5378, Math.exp(-0.93177) / 4, 0.5));
        assertThat(Importance.check(LINKAGE, narrow).lightTails()).singleElement().asString()
                .contains("falls too fast toward its support's end 0.0");
    }

    private static final int[] PEAK_COUNTS = {1, 0, 4, 2, 2, 1, 4, 9, 12, 14, 4, 7, 4, 4, 4, 2, 4, 1, 2, 3};

    /**
     * A spectral peak of amplitude A ~ Gamma(2, 0.1) over a background of 2 counts a bin, and the Gamma(29.4) proposal
     * a CMA-ES search fitted (a new user): toward A = 0 the weights' variance is infinite (the prior falls like A, the
     * proposal like A^28), but g = log q + 2 log W + log(distance) rises from e^-12 of the centre's at a quarter of the
     * way, where the proposal holds e^-19 of its centre's mass, and passes the centre's at 1/64, where the proposal
     * holds e^-93 and the posterior e^-41. Named in 9 calls of 10 whose estimates were all right; the rise is now
     * judged from where g nears the centre's.
     */
    @Test
    void aRiseThatPassesTheBulkOnlyWhereNoRunLandsIsNotNamed() {
        Model<Double> peak = p -> {
            double a = p.sample("A", new dev.ariadne.core.dist.Gamma(2, 0.1));
            double mu = p.sample("mu", new dev.ariadne.core.dist.Normal(10, 5));
            for (int i = 0; i < PEAK_COUNTS.length; i++) {
                double lambda = 2 + a * Math.exp(-0.5 * (i - mu) * (i - mu) / 1.44);
                p.observe("c", i, new dev.ariadne.core.dist.Poisson(lambda), PEAK_COUNTS[i]);
            }
            return mu;
        };
        Guide searched = Guide.at("A", new dev.ariadne.core.dist.Gamma(29.4, 29.4 / 12.3))
                .orElse(Guide.at("mu", new dev.ariadne.core.dist.Normal(8.47, 0.3)));
        assertThat(Importance.check(peak, searched).lightTails()).noneMatch(v -> v.contains("at A falls too fast"));
    }
}
