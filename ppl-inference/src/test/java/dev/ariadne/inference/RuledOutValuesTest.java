package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Poisson;
import org.junit.jupiter.api.Test;

/**
 * A zero-inflated Poisson count model (a new user, an ecologist): z_i ~ Bernoulli(pi) marks a structural zero, and y_i
 * ~ Poisson(z_i ? 0 : lambda). At a positive count z_i = true is impossible, so a guide that proposes Bernoulli(0)
 * there leaves out nothing. {@code Importance.check} named such a site ("the guide proposes z[20] = true with
 * probability 0 ... where the prior gives it 0.935 ... the estimates leave out whatever posterior mass that value
 * has"): runs with the value forced and the guide elsewhere all had weight 0, but the runs with the prior elsewhere
 * that were to confirm it never reached the site, each failing first at an earlier positive count the prior had made
 * a structural zero, and a value no run could judge was taken to have weight.
 */
class RuledOutValuesTest {

    private static final int[] Y = {0, 3, 0, 2, 5, 0, 0, 4, 1, 3, 0, 2, 0, 0, 6, 3, 2, 0, 4, 0, 1, 0, 3, 5, 0, 2, 0,
        0, 3, 4, 0, 2, 1, 0, 0, 3, 5, 0, 2, 0};

    private static final Model<Double> ZERO_INFLATED = p -> {
        double pi = p.sample("pi", new Beta(1, 1));
        double lambda = p.sample("lambda", new Gamma(2, 0.5));
        for (int i = 0; i < Y.length; i++) {
            boolean zero = p.sample("z", i, new Bernoulli(pi));
            p.observe("y", i, new Poisson(zero ? 0.0 : lambda), Y[i]);
        }
        return pi;
    };

    /** The structural zero's exact conditional where the count is 0; never one where it is positive. */
    private static final Guide GUIDE = Guide.bySite((site, h) -> {
        if (!site.name().equals("z")) {
            return null;
        }
        if (Y[site.index()] > 0) {
            return new Bernoulli(0.0);
        }
        double pi = h.real("pi");
        double e = Math.exp(-h.real("lambda"));
        return new Bernoulli(pi / (pi + (1 - pi) * e));
    });

    @Test
    void aValueTheEvidenceRulesOutIsNotNamedWhereThePriorsRunsCannotReachIt() {
        for (int runs : new int[] {50, 200, 3000}) {
            GuideCheck c = Importance.check(ZERO_INFLATED, GUIDE, runs);
            assertThat(c.toString()).as("%d runs", runs).doesNotContain("with probability 0 on average");
        }
    }

    /**
     * Claims not yet reported (a new user, an actuary): N_i ~ Poisson(mu) claims of accident year i, reported over the
     * years as Binomial(left, q) counts, and a guide that draws each N_i from its exact conditional, the reported total
     * plus a Poisson, which proposes none of the counts below that total. Some 100 such counts over the five years
     * have prior mass; the check forced its budget of 50, every one ruled out, and named the 51st, never forced, as
     * leaving out posterior mass it cannot have.
     */
    @Test
    void manyValuesTheEvidenceRulesOutAreForcedBeforeAnyIsNamed() {
        double[] mus = {20, 30, 40};
        double[] qs = {0.3, 0.5, 0.7};
        int[][] reported = {{15, 8, 4, 2, 1}, {14, 7, 4, 1}, {16, 8, 3}, {13, 7}, {17}};
        Model<Integer> claims = p -> {
            double mu = mus[p.sample("muIdx", new dev.ariadne.core.dist.Categorical(1, 1, 1))];
            double q = qs[p.sample("qIdx", new dev.ariadne.core.dist.Categorical(1, 1, 1))];
            int unreported = 0;
            for (int i = 0; i < reported.length; i++) {
                int left = p.sample("N", i, new Poisson(mu));
                for (int d = 0; d < reported[i].length; d++) {
                    p.observe("k", 5 * i + d, new dev.ariadne.core.dist.Binomial(left, q), reported[i][d]);
                    left -= reported[i][d];
                }
                unreported += left;
            }
            return unreported;
        };
        Guide exact = Guide.bySite((site, h) -> {
            if (!site.name().equals("N")) {
                return null;
            }
            int[] k = reported[site.index()];
            int total = java.util.Arrays.stream(k).sum();
            double rate = mus[h.integer("muIdx")] * Math.pow(1 - qs[h.integer("qIdx")], k.length);
            return new ShiftedPoisson(total, rate);
        });
        for (int runs : new int[] {200, 3000}) {
            assertThat(Importance.check(claims, exact, runs).unproposedValues()).as("%d runs", runs).isEmpty();
        }
    }

    /** {@code shift} plus a Poisson(rate) count, declared on all counts (mass 0 below the shift). */
    private record ShiftedPoisson(int shift, double rate) implements dev.ariadne.core.dist.IntDist {
        @Override
        public dev.ariadne.core.dist.Support support() {
            return dev.ariadne.core.dist.Support.COUNTS;
        }

        @Override
        public int sample(dev.ariadne.core.Rng r) {
            return shift + new Poisson(rate).sample(r);
        }

        @Override
        public double logMass(int n) {
            return n < shift ? Double.NEGATIVE_INFINITY : new Poisson(rate).logMass(n - shift);
        }

        @Override
        public double mean() {
            return shift + rate;
        }

        @Override
        public double variance() {
            return rate;
        }
    }
}
