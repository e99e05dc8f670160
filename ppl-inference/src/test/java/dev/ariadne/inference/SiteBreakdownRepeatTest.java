package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Normal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-site breakdown finds a repeated site's statistics by the identity of its name and scope; a model whose
 * names are new objects in every run takes the map at every site. Both must give the same breakdown bit for bit,
 * with sites that change from run to run (a branch puts "b" or "c" at the second position, a loop has 2 or 3
 * observations), and each site's visits must be those counted run by run. Exact comparisons.
 */
class SiteBreakdownRepeatTest {

    private static Model<Double> model(UnaryOperator<String> name) {
        return p -> {
            double a = p.sample(name.apply("a"), new Normal(0, 1));
            if (a > 0) {
                p.sample(name.apply("b"), new Normal(a, 1));
            } else {
                p.sample(name.apply("c"), new Normal(0, 2));
                p.sample(name.apply("b"), new Normal(-a, 1));
            }
            for (int i = 0; i < (a > 1 ? 3 : 2); i++) {
                p.observe(name.apply("y"), i, new Normal(a, 1), 0.5);
            }
            return a;
        };
    }

    private static List<SiteBreakdown> breakdown(Model<Double> m, int threads) {
        return Importance.of(m).samples(30_000).seed(9).parallelism(threads).siteBreakdownRuns(20_000).run()
                .diagnostics().sites();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void namesThatAreTheSameObjectsGiveTheBreakdownOfNamesMadeAfresh(int threads) {
        @SuppressWarnings("StringOperationCanBeSimplified")
        List<SiteBreakdown> fresh = breakdown(model(s -> new String(s)), threads);
        List<SiteBreakdown> literal = breakdown(model(s -> s), threads);
        assertThat(literal).hasSize(6); // a, b, c, y[0], y[1] and y[2]
        assertThat(literal).isEqualTo(fresh);
        Map<String, Long> visits = new HashMap<>();
        Runner<Double> r = Execution.of(model(x -> x)).runner();
        for (long i = 0; i < 20_000; i++) {
            r.run(9, i);
            for (int j = 0; j < r.siteCount(); j++) {
                visits.merge(r.siteAddress(j).toString(), 1L, Long::sum);
            }
        }
        for (SiteBreakdown b : literal) {
            assertThat(b.visits()).as("visits of %s", b.address()).isEqualTo(visits.get(b.address().toString()));
        }
    }
}
