package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.smc.Particle;
import dev.ariadne.inference.smc.Smc;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A model that captures a java.util.Random draws values no run records: the answer changes with the parallelism and
 * from call to call, and an MCMC step that replays a run draws others. A Spark job refused it; one machine took it
 * silently (a new user, whose model then failed on the cluster). Every method refuses it now, naming the lambda.
 */
class CapturedRandomStreamTest {

    private static Model<Double> jittered(Random random) {
        return p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(mu + 0.01 * random.nextGaussian(), 1), 0.5);
            return mu;
        };
    }

    @Test
    void everyMethodRefusesAModelThatCapturesARandomStream() {
        Model<Double> m = jittered(new Random(1));
        for (Runnable call : List.<Runnable>of(() -> Importance.of(m).samples(100).run(),
                () -> Mcmc.of(m).warmup(10).draws(10).run(), () -> Smc.of(m).particles(10).sweeps(2).run(),
                () -> Smc.annealed(m).particles(10).sweeps(2).run())) {
            assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not reproducible: it captures a random stream, a java.util.Random")
                    .hasMessageContaining(CapturedRandomStreamTest.class.getName() + ".lambda$jittered");
        }
        Random random = new Random(2);
        assertThatThrownBy(() -> Smc.realStateSpace((Particle p, Double y) -> p.sample("x", new Normal(0, 1)),
                (p, prev, t, y) -> prev + random.nextGaussian(), List.of(0.1, 0.2)).particles(10).sweeps(2).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.util.Random");
    }

    @Test
    void aModelThatCapturesNumbersAndOtherLambdasRuns() {
        double[] data = {0.5, 0.7};
        java.util.function.DoubleUnaryOperator shift = x -> x + 1;
        Model<Double> m = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            for (int i = 0; i < data.length; i++) {
                p.observe("y", i, new Normal(shift.applyAsDouble(mu) - 1, 1), data[i]);
            }
            return mu;
        };
        assertThat(Importance.of(m).samples(100).run().runs()).isEqualTo(100);
    }
}
