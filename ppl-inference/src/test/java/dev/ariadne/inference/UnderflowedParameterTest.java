package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.ParameterException;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.smc.Smc;
import org.junit.jupiter.api.Test;

/**
 * A distribution made from a value too small for it, as a prior with mass where the doubles end gives: the classic
 * vague prior Gamma(0.001, 0.001) on an sd draws below 1e-308 about half the time, its draw put at the smallest
 * positive double, and the Normal made from it refused that sd with a message that named only the Normal's floor (an
 * adversarial tester). The error now names the draw and what to do. Failing such runs with weight 0 instead had hidden
 * wrong answers where runs fail inside subset simulation's and annealed SMC's moves, which count no such failure (a
 * hunt), so the call still ends.
 */
class UnderflowedParameterTest {

    private static final double[] Y = {0.4, -1.1, 0.7};
    private static final Model<Double> VAGUE = p -> {
        double sigma = p.sample("sigma", new Gamma(0.001, 0.001));
        for (int i = 0; i < Y.length; i++) {
            p.observe("y", i, new Normal(0, sigma), Y[i]);
        }
        return sigma;
    };
    private static final String NAMED = "this run drew 4.9E-324 at sigma: if the value came from that draw, its prior "
            + "puts mass where the doubles end";

    @Test
    void theErrorNamesTheDrawThatUnderflowedAndWhatToDo() {
        assertThatThrownBy(() -> Importance.of(VAGUE).samples(4000).seed(1).run())
                .hasRootCauseInstanceOf(ParameterException.class).hasMessageContaining(NAMED)
                .hasMessageContaining("give that choice a prior whose mass the doubles hold");
        assertThatThrownBy(() -> Mcmc.of(VAGUE).draws(200).seed(1).run()).hasStackTraceContaining(NAMED);
        assertThatThrownBy(() -> Smc.of(VAGUE).particles(100).sweeps(3).seed(1).run())
                .hasStackTraceContaining(NAMED);
    }

    /** A run that drew nothing that small: the value is the model's own, and the error says only that. */
    @Test
    void aTooSmallValueOfTheModelsOwnIsNotBlamedOnADraw() {
        Model<Double> afterASite = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1e-320), 1.0);
            return x;
        };
        assertThatThrownBy(() -> Importance.of(afterASite).samples(100).seed(1).run())
                .hasRootCauseInstanceOf(ParameterException.class).hasMessageContaining("got 1.0E-320")
                .hasMessageNotContaining("this run drew");
    }
}
