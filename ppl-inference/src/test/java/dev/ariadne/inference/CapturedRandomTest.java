package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Guide;
import dev.ariadne.core.GuideProgram;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.mcmc.Mcmc;
import dev.ariadne.inference.smc.Smc;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A random stream captured by a guide, a guide program, a hypothesis or an expectation, as by a model, makes the
 * answer change from call to call: a model's was refused, the others' taken silently (one seed read log P(e) -1.8267,
 * -1.8310 and -1.8416 in three calls; an adversarial tester).
 */
class CapturedRandomTest {

    private static final Model<Double> MODEL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        p.observe("y", new Normal(mu, 1), 1.5);
        return mu;
    };

    @Test
    void everyPartOfACallThatCapturesARandomStreamIsRefused() {
        Random random = new Random(1);
        Guide guide = Guide.bySite((site, h) -> new Normal(random.nextGaussian() * 0.01, 1));
        GuideProgram program = q -> q.sample("mu", new Normal(random.nextGaussian() * 0.01, 1));
        String refused = "captures a random stream, a java.util.Random";
        assertThatThrownBy(() -> Importance.of(MODEL).guide(guide).samples(100).run())
                .hasMessageContaining(refused);
        assertThatThrownBy(() -> Importance.of(MODEL).guideProgram(program).samples(100).run())
                .hasMessageContaining(refused);
        assertThatThrownBy(() -> Importance.of(MODEL).samples(100).hypothesis("h", mu -> mu > random.nextDouble())
                .run()).hasMessageContaining(refused);
        assertThatThrownBy(() -> Importance.of(MODEL).samples(100).expectation("e", mu -> mu * random.nextDouble())
                .run()).hasMessageContaining(refused);
        assertThatThrownBy(() -> Smc.of(MODEL).guide(guide).particles(10).sweeps(2).run())
                .hasMessageContaining(refused);
        assertThatThrownBy(() -> Mcmc.of(MODEL).track("t", mu -> mu * random.nextDouble()).draws(10).warmup(10).run())
                .hasMessageContaining(refused);
    }
}
