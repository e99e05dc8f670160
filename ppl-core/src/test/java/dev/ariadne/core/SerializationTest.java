package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

class SerializationTest {

    private final double offset = 1.0;

    @Test
    void aSelfContainedModelSerialises() {
        Model<Double> m = p -> p.sample("x", new Normal(0, 1));
        assertThatCode(() -> Models.requireSerializable(m)).doesNotThrowAnyException();
        assertThatCode(() -> Models.requireSerializable(EngineTest.MIXED_GUIDE)).doesNotThrowAnyException();
        assertThatCode(() -> Models.requireSerializable(Guide.defensive(0.1, Guide.prior()))).doesNotThrowAnyException();
    }

    @Test
    void aModelCapturingThisOrARandomStreamFailsAtOnce() {
        Model<Double> capturesThis = p -> p.sample("x", new Normal(offset, 1));
        assertThatThrownBy(() -> Models.requireSerializable(capturesThis))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SerializationTest");
        java.util.Random random = new java.util.Random(1);
        Object lock = new Object();
        Model<Double> capturesObject = p -> {
            synchronized (lock) {
                return p.sample("x", new Normal(random.nextDouble(), 1));
            }
        };
        assertThatThrownBy(() -> Models.requireSerializable(capturesObject))
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void aModelCapturingASerialisableRandomStreamIsRefusedNamingTheStreamAndTheLambda() {
        java.util.Random random = new java.util.Random(1);
        Model<Double> capturesRandom = p -> p.sample("x", new Normal(random.nextDouble(), 1));
        assertThatThrownBy(() -> Models.requireSerializable(capturesRandom))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.util.Random")
                .hasMessageContaining("captured argument 1 of the lambda dev.ariadne.core.SerializationTest.lambda$")
                .hasMessageContaining("draw random values from the Prob");
        java.util.SplittableRandom splittable = new java.util.SplittableRandom(1);
        Guide capturesSplittable = Guide.real((site, prior, h) -> new Normal(splittable.nextDouble(), 1));
        assertThatThrownBy(() -> Models.requireSerializable(capturesSplittable))
                .hasMessageContaining("java.util.SplittableRandom");
        Model<Double> nested = p -> p.call("inner", capturesRandom);
        assertThatThrownBy(() -> Models.requireSerializable(nested)).hasMessageContaining("java.util.Random");
    }
}
