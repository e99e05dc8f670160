package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Categorical;
import org.junit.jupiter.api.Test;

/**
 * A softmax model as a user writes it: a Categorical made from logits at each observation and another drawn at a
 * latent site, whose evidence has a closed form (a sum over the two values of a Bernoulli). {@code ofLogits} is
 * compiled in line where the model makes it, with its draws inverting running sums not divided by their total; its
 * log masses and draws must give the exact evidence and the exact posterior of the latent draw.
 */
class SoftmaxObservationsTest {

    private static final double[] X = {0.4, -1.2, 2.0, 0.7, -0.3, 1.5, -2.1, 0.9, 0.0, 1.1};
    private static final int[] Y = {1, 0, 2, 2, 0, 2, 0, 1, 1, 2};

    private static double[] logits(boolean shifted, double x) {
        double a = shifted ? 1.0 : -0.5;
        return new double[] {0, a + 0.8 * x, 0.5 + (shifted ? 1.6 : 0.4) * x};
    }

    private static final Model<Integer> SOFTMAX = p -> {
        boolean shifted = p.sample("shifted", new Bernoulli(0.3));
        for (int i = 0; i < X.length; i++) {
            p.observe("y", i, Categorical.ofLogits(logits(shifted, X[i])), Y[i]);
        }
        return p.sample("next", Categorical.ofLogits(logits(shifted, 1.3)));
    };

    private static double logLikelihood(boolean shifted) {
        double sum = 0;
        for (int i = 0; i < X.length; i++) {
            double[] l = logits(shifted, X[i]);
            double z = Math.log(Math.exp(l[0]) + Math.exp(l[1]) + Math.exp(l[2]));
            sum += l[Y[i]] - z;
        }
        return sum;
    }

    private static double softmax(double[] l, int k) {
        return Math.exp(l[k]) / (Math.exp(l[0]) + Math.exp(l[1]) + Math.exp(l[2]));
    }

    @Test
    void theEvidenceAndTheLatentDrawsPosteriorAreExact() {
        double on = 0.3 * Math.exp(logLikelihood(true));
        double off = 0.7 * Math.exp(logLikelihood(false));
        double exactLogZ = Math.log(on + off);
        ImportanceResult<Integer> r = Importance.of(SOFTMAX).samples(200_000).seed(17)
                .expectation("next is 2", v -> v == 2 ? 1.0 : 0.0).run();
        Estimate e = r.logEvidence();
        assertThat(Math.abs(e.value() - exactLogZ)).as("log Z %s against %s", e, exactLogZ)
                .isLessThan(5 * e.standardError());
        // P(next = 2 | y): the latent draw's value under the posterior over shifted.
        double exact = (on * softmax(logits(true, 1.3), 2) + off * softmax(logits(false, 1.3), 2)) / (on + off);
        Estimate p2 = r.expectation("next is 2");
        assertThat(Math.abs(p2.value() - exact)).as("P(next = 2 | y) %s against %s", p2, exact)
                .isLessThan(5 * p2.standardError());
    }
}
