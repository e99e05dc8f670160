package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Guide;
import dev.ariadne.core.dist.Normal;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The derivation of the weight bound from the statement and the proposal (exact, no statistics). */
class WeightBoundTest {

    private static final Guide SOME_GUIDE = Guide.at("x", new Normal(1, 2));

    @Test
    void withoutAStatementNothingIsBoundedAndTheReasonSaysWhatToState() {
        WeightBound b = WeightBound.forGuide(OptionalDouble.empty(), null);
        assertThat(b.isBounded()).isFalse();
        assertThat(b.logWeightBound()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(b.unavailableReason().orElseThrow()).contains("no bound on the likelihood was stated")
                .contains("maxLogLikelihood(C)").contains("cannot prove a bound on the runs that were not");
        assertThat(WeightBound.forGuide(OptionalDouble.empty(), Guide.defensive(0.5, SOME_GUIDE)).isBounded())
                .isFalse();
    }

    @Test
    void thePriorGivesTheStatementAndTheDefensiveMixtureDividesByAlpha() {
        assertThat(WeightBound.forGuide(OptionalDouble.of(0), null).logWeightBound()).isEqualTo(0.0);
        assertThat(WeightBound.forGuide(OptionalDouble.of(Math.log(1000)), Guide.prior()).logWeightBound())
                .isEqualTo(Math.log(1000));
        WeightBound d = WeightBound.forGuide(OptionalDouble.of(0.5), Guide.defensive(0.2, SOME_GUIDE));
        assertThat(d.isBounded()).isTrue();
        assertThat(d.logWeightBound()).isEqualTo(0.5 - Math.log(0.2));
        assertThat(d.maxLogLikelihood().getAsDouble()).isEqualTo(0.5);
        assertThat(d.describe()).contains("alpha = 0.2").contains("maxLogLikelihood(0.5");
    }

    /** A statistician's maxLogLikelihood(-918.9) was described as "weights at most 0": e^-918.9 underflows. */
    @Test
    void aBoundBeyondADoublesRangeIsDescribedInLogs() {
        assertThat(WeightBound.forGuide(OptionalDouble.of(-918.9), null).describe())
                .startsWith("weights at most e^-918.9: the stated maxLogLikelihood(-918.9)");
        assertThat(WeightBound.forGuide(OptionalDouble.of(Math.log(1000)), null).describe())
                .startsWith("weights at most 1000");
    }

    @Test
    void anyOtherGuideHasNoBoundWhateverTheStatement() {
        WeightBound g = WeightBound.forGuide(OptionalDouble.of(0), SOME_GUIDE);
        assertThat(g.isBounded()).isFalse();
        assertThat(g.unavailableReason().orElseThrow()).contains("a guide other than the prior or a whole-run "
                + "defensive mixture");
        assertThat(g.maxLogLikelihood().getAsDouble()).isEqualTo(0.0); // still checked on every run
        WeightBound p = WeightBound.forGuideProgram(OptionalDouble.of(0));
        assertThat(p.isBounded()).isFalse();
        assertThat(p.unavailableReason().orElseThrow()).contains("guide program");
    }

    @Test
    void aStatementMustBeFinite() {
        for (double c : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> WeightBound.forGuide(OptionalDouble.of(c), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLogLikelihood must be finite")
                    .hasMessageContaining(String.valueOf(c));
        }
        assertThatThrownBy(() -> WeightBound.atMost(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundingIsAdmittedAndNothingMore() {
        WeightBound b = WeightBound.atMost(2);
        assertThat(b.admits(2 + WeightBound.ROUNDING)).isTrue();
        assertThat(b.admits(2 + 2 * WeightBound.ROUNDING)).isFalse();
        assertThat(WeightBound.none().admits(1e300)).isTrue();
        assertThat(WeightBound.atMost(2)).isEqualTo(WeightBound.atMost(2)).isNotEqualTo(WeightBound.atMost(3));
    }
}
