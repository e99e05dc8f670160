package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The zone within 2^20 doubles of a finite end where a proposal's draw is not weighed
 * ({@link Support#withinRoundingOfAnEnd}), at its exact edges: below 1 the doubles are 2^-53 apart, so the zone is
 * (1 - 2^-33, 1); above 0 they are 2^-1074 apart, so it is (0, 2^-1054); an infinite end has none, and the ends
 * themselves are outside it.
 */
class SupportRoundingTest {

    @Test
    void theZoneIsTwoToTheTwentyDoublesFromEachFiniteEnd() {
        double nearOne = 1 - 0x1p-33;
        assertThat(Support.withinRoundingOfAnEnd(nearOne, 0, 1)).isFalse();
        assertThat(Support.withinRoundingOfAnEnd(Math.nextUp(nearOne), 0, 1)).isTrue();
        assertThat(Support.withinRoundingOfAnEnd(Math.nextDown(1.0), 0, 1)).isTrue();
        assertThat(Support.withinRoundingOfAnEnd(1.0, 0, 1)).isFalse();
        assertThat(Support.withinRoundingOfAnEnd(0x1p-1054, 0, 1)).isFalse();
        assertThat(Support.withinRoundingOfAnEnd(Math.nextDown(0x1p-1054), 0, 1)).isTrue();
        assertThat(Support.withinRoundingOfAnEnd(Double.MIN_VALUE, 0, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(Support.withinRoundingOfAnEnd(0.0, 0, 1)).isFalse();
        assertThat(Support.withinRoundingOfAnEnd(Double.MAX_VALUE, 0, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(Support.withinRoundingOfAnEnd(-Double.MAX_VALUE, Double.NEGATIVE_INFINITY, 0)).isFalse();
        assertThat(Support.withinRoundingOfAnEnd(0.5, 0, 1)).isFalse();
        // An interval's ends elsewhere: 2^20 of the doubles just below 8 (2^-50 apart) and just above 2 (2^-51 apart).
        assertThat(Support.withinRoundingOfAnEnd(8 - 0x1p-30 + 0x1p-50, 2, 8)).isTrue();
        assertThat(Support.withinRoundingOfAnEnd(8 - 0x1p-30, 2, 8)).isFalse();
        assertThat(Support.withinRoundingOfAnEnd(2 + 0x1p-31 - 0x1p-51, 2, 8)).isTrue();
        assertThat(Support.withinRoundingOfAnEnd(2 + 0x1p-31, 2, 8)).isFalse();
    }

    /**
     * A Dirichlet's entries are held one by one, so only an entry among the subnormals (below 2^-1054, where its
     * sampler also puts an entry that underflows) is in the zone; an entry near 1 is not, the others carry it.
     */
    @Test
    void aDirichletsZoneIsAnEntryNearZero() {
        Dirichlet d = new Dirichlet(0.5, 0.5, 2);
        double[] inside = {0.2, 0.3, 0.5};
        assertThat(VecDist.proposalLogDensity(d, inside)).isEqualTo(d.logDensity(inside));
        double[] nearOne = {1 - 0x1p-40, 0x1p-41, 0x1p-41};
        assertThat(VecDist.proposalLogDensity(d, nearOne)).isEqualTo(d.logDensity(nearOne)).isFinite();
        double[] subnormal = {Double.MIN_VALUE, 0.5, 0.5};
        assertThat(d.logDensity(subnormal)).isFinite();
        assertThat(VecDist.proposalLogDensity(d, subnormal)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(VecDist.proposalLogDensity(d, new double[] {0x1p-1054, 0.5, 0.5})).isFinite();
        assertThat(VecDist.proposalLogDensity(d, new double[] {0.5, 0.5})).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
