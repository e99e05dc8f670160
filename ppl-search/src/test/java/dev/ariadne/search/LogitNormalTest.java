package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Uniform;
import dev.ariadne.inference.Estimate;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Which draws of a logit-normal proposal are weighed: those where the doubles carry its density, however far the
 * interval lies from 0.
 */
class LogitNormalTest {

    private static final double T0 = 1.7e9;

    @Test
    void aDrawIsWeighedWhereTheDoublesCarryTheDensityFarFromZeroToo() {
        LogitNormal q = new LogitNormal(0, 1, T0, T0 + 0.1);
        for (double x : new double[] {T0 + 0.001, T0 + 0.05, T0 + 0.099}) {
            assertThat(RealDist.proposalLogDensity(q, x)).isEqualTo(q.logDensity(x)).isFinite();
        }
        // within a thousand doubles of an end, or where the density is steep across a cell: not weighed
        assertThat(RealDist.proposalLogDensity(q, Math.nextUp(T0))).isEqualTo(Double.POSITIVE_INFINITY);
        // Uniform(1e12, 1e12 + 1) holds 8,192 doubles: 80 from an end, a draw is weighed for a flat prior, whose
        // density does not change across a cell, and not for another
        double far = 1e12;
        double x = far + 0.01;
        assertThat(RealDist.proposalLogDensity(new LogitNormal(0, 1, far, far + 1, true), x))
                .isEqualTo(new LogitNormal(0, 1, far, far + 1).logDensity(x)).isFinite();
        assertThat(RealDist.proposalLogDensity(new LogitNormal(0, 1, far, far + 1), x))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LogitNormalFamily.INSTANCE.proposal(0, 1, new Uniform(far, far + 1)))
                .isEqualTo(new LogitNormal(0, 1, far, far + 1, true));
        assertThat(RealDist.proposalLogDensity(new LogitNormal(0, 1, far, far + 1, true), Math.nextUp(far)))
                .as("one double from the end, where the proposal's own density changes by a factor across the cell")
                .isEqualTo(Double.POSITIVE_INFINITY);
        LogitNormal unit = new LogitNormal(0, 1, 0, 1);
        assertThat(RealDist.proposalLogDensity(unit, 100 * Double.MIN_VALUE)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(RealDist.proposalLogDensity(unit, 1e-320))
                .as("2,000 doubles from 0, a cell a 2,000th of the way there")
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(RealDist.proposalLogDensity(unit, 1e-300)).isEqualTo(unit.logDensity(1e-300)).isFinite();
        assertThat(RealDist.proposalLogDensity(unit, 0.3)).isEqualTo(unit.logDensity(0.3));
        // 10^-12 below 1, about 9,000 doubles from the end: weighed where the proposal is centred there, not where
        // it lies 760 of its sds away and its log density changes by 8 nats from one double to the next
        double nearOne = 1 - 1e-12;
        LogitNormal centred = new LogitNormal(new LogitNormal(0, 1, 0, 1).unconstrained(nearOne), 1, 0, 1);
        assertThat(RealDist.proposalLogDensity(centred, nearOne)).isEqualTo(centred.logDensity(nearOne)).isFinite();
        assertThat(RealDist.proposalLogDensity(new LogitNormal(20, 0.01, 0, 1), nearOne))
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    /**
     * A time stamp known to a tenth of a second, Uniform(1.7e9, 1.7e9 + 0.1), and one noisy reading of its offset:
     * every draw of the search's proposal lay within 2^20 doubles of an end and was refused, and the certification
     * accepted no run (an adversarial tester). Now it certifies the exact evidence.
     */
    @Test
    void aSearchOnAnIntervalFarFromZeroCertifiesTheEvidence() {
        double w = 0.1;
        Model<Double> stamp = p -> {
            double t = p.sample("t", new Uniform(T0, T0 + w));
            p.observe("y", new Normal(t - T0, 0.05), 0.03);
            return t;
        };
        NormalDistribution reading = NormalDistribution.of(0.03, 0.05);
        double logZ = Math.log((reading.cumulativeProbability(w) - reading.cumulativeProbability(0)) / w);
        SearchResult r = GuideSearch.of(stamp, GuideFamily.meanField()).strategy(Strategy.cmaes())
                .budget(Budget.steps(50)).seed(1).certify(20_000, 0.05).run();
        Estimate e = r.certified().logEvidence();
        assertThat(r.certified().result().acceptanceRate()).isGreaterThan(0.99);
        assertThat(Math.abs(e.value() - logZ)).isLessThan(5 * e.standardError());
    }
}
