package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Handlers;
import dev.ariadne.inference.mcmc.Kernels;
import dev.ariadne.inference.mcmc.Mcmc;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A null where a public method wants a value is named, with the method and what it wanted: an adversarial tester's
 * null reached twelve methods as the JVM's own NullPointerException, one of them bare.
 */
class NullArgumentsTest {

    private static void named(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(message);
    }

    @Test
    void aNullArgumentIsNamedByTheMethodThatRefusesIt() {
        named(() -> Handlers.replay(null), "Handlers.replay: the trace to replay must not be null");
        named(() -> Handlers.condition(null), "Handlers.condition: the map of observed values must not be null");
        named(() -> Handlers.conditionWhereReached(null),
                "Handlers.conditionWhereReached: the map of observed values must not be null");
        named(() -> Handlers.block((String[]) null), "Handlers.block: the patterns must not be null");
        named(() -> Guide.fromMap(null), "Guide.fromMap: the map of proposals must not be null");
        // a null proposal read as the prior at every site its pattern matched, with nothing said
        assertThatThrownBy(() -> Guide.at("x", (dev.ariadne.core.dist.Dist) null))
                .isInstanceOf(NullPointerException.class).hasMessageStartingWith("Guide.at: the proposal for 'x' is null");
        java.util.Map<String, dev.ariadne.core.dist.Dist> one = new java.util.LinkedHashMap<>();
        one.put("y[*]", null);
        assertThatThrownBy(() -> Guide.fromMap(one)).isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("Guide.fromMap: the proposal for 'y[*]' is null");
        named(() -> Kernels.cycle((dev.ariadne.inference.mcmc.Kernel[]) null),
                "Kernels.cycle: the kernels must not be null");
        named(() -> Kernels.mixture(null, Kernels.singleSite()), "Kernels.mixture: the weights must not be null");
        named(() -> Mcmc.of(GroundTruth.NORMAL_NORMAL).record((String[]) null),
                "Mcmc.record: the patterns must not be null");
        ImportanceResult<Double> r = Importance.of(GroundTruth.NORMAL_NORMAL).samples(100).run();
        assertThatThrownBy(() -> r.expectation(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown expectation 'null'");
    }
}
