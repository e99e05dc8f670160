package dev.ariadne.inference.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What every {@link RunBackend} must give: exactly the results of the local backend, bit for bit. A new backend
 * passes {@link #check(RunBackend...)} (a distributed one at several partition counts).
 */
public final class BackendContract {

    private BackendContract() {
    }

    /** A model with a continuous latent, evidence and a hypothesis: y = 1.1 observed with mu ~ N(0, 1). */
    static final Model<Double> NORMAL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        for (int i = 0; i < 3; i++) {
            p.observe("y", i, new Normal(mu, 1), 1.1 + 0.2 * i);
        }
        return mu;
    };

    /** A discrete model whose runs fail half the time (rejections). */
    static final Model<Boolean> COINS = p -> {
        boolean a = p.sample("a", new Bernoulli(0.5));
        boolean b = p.sample("b", new Bernoulli(0.5));
        p.condition("one", a || b);
        return a && b;
    };

    /**
     * Checks that each candidate gives the local backend's results, bit for bit, on importance sampling: log Z-hat,
     * every bound, conditionals, kept runs and expectations, and the run at which a run until certified stops.
     */
    public static void check(RunBackend... candidates) {
        UnaryOperator<Importance<Double>> normal = i -> i.guide(Guide.at("mu", new Normal(1, 0.7)))
                .samples(30_000).seed(17).hypothesis("above", mu -> mu > 1).expectation("mu", mu -> mu).keep(300);
        UnaryOperator<Importance<Boolean>> coins = i -> i.samples(20_000).seed(3).batchSize(3)
                .hypothesis("both", b -> b).keep(0);
        // Stops at the third checkpoint (24,576 runs), after three shards.
        UnaryOperator<Importance<Double>> certify = i -> i.guide(Guide.at("mu", new Normal(0.5, 1.2)))
                .samples(10_000_000).seed(8).batchSize(4).untilCertified(0.05, 0.98, Duration.ofMinutes(5));
        ImportanceResult<Double> normalLocal = normal.apply(Importance.of(NORMAL)).parallelism(2).run();
        ImportanceResult<Boolean> coinsLocal = coins.apply(Importance.of(COINS)).parallelism(2).run();
        ImportanceResult<Double> certifyLocal = certify.apply(Importance.of(NORMAL)).parallelism(2).run();
        for (RunBackend candidate : candidates) {
            ImportanceResult<Double> n = normal.apply(Importance.of(NORMAL)).backend(candidate).run();
            same(n, normalLocal);
            assertThat(n.expectation("mu")).isEqualTo(normalLocal.expectation("mu"));
            assertThat(n.kept().runs()).isEqualTo(normalLocal.kept().runs());
            same(coins.apply(Importance.of(COINS)).backend(candidate).run(), coinsLocal);
            // Until certified, the stop falls at the same run (a listener stop is exact).
            ImportanceResult<Double> c = certify.apply(Importance.of(NORMAL)).backend(candidate).run();
            assertThat(c.runs()).isEqualTo(certifyLocal.runs()).isBetween(8192L * 2, 10_000_000L);
            same(c, certifyLocal);
        }
    }

    private static <T> void same(ImportanceResult<T> r, ImportanceResult<T> local) {
        assertThat(r.runs()).isEqualTo(local.runs());
        assertThat(r.logEvidence()).isEqualTo(local.logEvidence());
        assertThat(r.failures()).isEqualTo(local.failures());
        assertThat(r.lowerBound(0.05)).isEqualTo(local.lowerBound(0.05));
        assertThat(r.lowerBound(0.05, dev.ariadne.inference.stats.BoundMethod.PRODUCT))
                .isEqualTo(local.lowerBound(0.05, dev.ariadne.inference.stats.BoundMethod.PRODUCT));
        assertThat(r.upperBound(0.05)).isEqualTo(local.upperBound(0.05));
        assertThat(r.diagnostics()).isEqualTo(local.diagnostics());
        assertThat(r.summary()).isEqualTo(local.summary());
        for (String h : local.hypothesisNames()) {
            assertThat(r.lowerBound(h, 0.05)).isEqualTo(local.lowerBound(h, 0.05));
            assertThat(r.conditional(h)).isEqualTo(local.conditional(h));
        }
    }
}
