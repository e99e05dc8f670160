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
}
