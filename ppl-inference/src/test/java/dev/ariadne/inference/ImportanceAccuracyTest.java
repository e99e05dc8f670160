package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Importance sampling against every model with an exact answer: log Z-hat within 5 standard errors, asserted
 * only where the effective sample size is at least 1000 (the test first requires that it is).
 */
class ImportanceAccuracyTest {

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("two coins, prior", GroundTruth.TWO_COINS, null, GroundTruth.TWO_COINS_LOG_Z, 20_000),
                Arguments.of("beta-bernoulli, prior", GroundTruth.BETA_BERNOULLI, null,
                        GroundTruth.BETA_BERNOULLI_LOG_Z, 50_000),
                Arguments.of("normal-normal, prior", GroundTruth.NORMAL_NORMAL, null, GroundTruth.NORMAL_NORMAL_LOG_Z,
                        50_000),
                Arguments.of("normal-normal, guide", GroundTruth.NORMAL_NORMAL, Guide.at("mu",
                        new dev.ariadne.core.dist.Normal(1, 0.6)), GroundTruth.NORMAL_NORMAL_LOG_Z, 20_000),
                Arguments.of("sprinkler, prior", GroundTruth.SPRINKLER, null, Math.log(GroundTruth.SPRINKLER_P_E),
                        20_000),
                Arguments.of("burglary, guide", GroundTruth.BURGLARY, GroundTruth.BURGLARY_GUIDE,
                        Math.log(GroundTruth.BURGLARY_P_E), 50_000),
                Arguments.of("burglary, prior", GroundTruth.BURGLARY, null, Math.log(GroundTruth.BURGLARY_P_E),
                        400_000),
                Arguments.of("hmm, prior", GroundTruth.HMM, null, GroundTruth.HMM_LOG_Z, 50_000),
                Arguments.of("hmm, guide", GroundTruth.HMM, GroundTruth.HMM_GUIDE, GroundTruth.HMM_LOG_Z, 20_000),
                Arguments.of("linear regression, prior", GroundTruth.LINEAR_REGRESSION, null, GroundTruth.LINREG_LOG_Z,
                        200_000),
                Arguments.of("linear regression, guide", GroundTruth.LINEAR_REGRESSION, Guide.at("intercept",
                        new dev.ariadne.core.dist.Normal(-0.8, 0.5)).orElse(Guide.at("slope",
                        new dev.ariadne.core.dist.Normal(0.9, 0.25))), GroundTruth.LINREG_LOG_Z, 50_000),
                Arguments.of("rare gaussian sum, shifted guide", GroundTruth.gaussianSum(15),
                        GroundTruth.shiftedSumGuide(1.56), GroundTruth.RARE_LOG_Z, 50_000),
                Arguments.of("rarer gaussian sum, shifted guide", GroundTruth.gaussianSum(22),
                        GroundTruth.shiftedSumGuide(2.25), GroundTruth.RARER_LOG_Z, 50_000),
                Arguments.of("ising ring, history guide", GroundTruth.ISING, GroundTruth.ISING_GUIDE,
                        GroundTruth.ISING_LOG_Z, 50_000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    <T> void logEvidenceIsWithinFiveStandardErrors(String name, Model<T> model, Guide guide, double exact, int n) {
        Importance<T> is = Importance.of(model).samples(n).seed(2026).keep(0);
        if (guide != null) {
            is = is.guide(guide);
        }
        ImportanceResult<T> r = is.run();
        assertThat(r.diagnostics().ess()).as("ESS (the test needs at least 1000 to trust its standard error)")
                .isGreaterThanOrEqualTo(1000);
        Estimate logZ = r.logEvidence();
        assertThat(Math.abs(logZ.value() - exact)).as("|log Z-hat - exact| for %s; %s", name, logZ)
                .isLessThanOrEqualTo(5 * logZ.standardError());
    }
}
