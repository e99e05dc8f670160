package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scopes entered again in each run: the previous run's scope object is taken again, and addresses stay right. */
class ScopesTest {

    /**
     * Before, entering a scope made its address at every run (32 bytes, and the hash of its name, which for a name
     * built at run time meant hashing a new string), and every site inside it compared its scope to the previous
     * run's structurally: a model with a {@code p.call} per item ran 1.5 times the time a site of the same model
     * written without scopes, and allocated 4 KB a run for 50 items.
     */
    @Test
    void aScopeEnteredAgainInEachRunIsThePreviousRunsObject() {
        List<Address> seen = new ArrayList<>();
        Model<Double> items = p -> {
            double s = 0;
            for (int i = 0; i < 5; i++) {
                double prev = s;
                s = p.call("item", i, q -> {
                    seen.add(((Engine) q).scope); // the scope the engine holds while the sub-model runs
                    return q.sample("x", new Normal(0.5 * prev, 1));
                });
                p.scoped("g" + i, q -> { // a name built at run time
                    seen.add(((Engine) q).scope);
                    q.observe("y", new Normal(prev, 1), 0.25);
                });
            }
            return s;
        };
        Runner<Double> r = Execution.of(items).leanRunner();
        r.run(3, 0);
        List<Address> first = new ArrayList<>(seen);
        seen.clear();
        r.run(3, 1);
        assertThat(seen).hasSize(10);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).as("scope %s", first.get(i)).isSameAs(first.get(i));
        }
        assertThat(r.siteAddress(3).toString()).isEqualTo("g1/y");
    }

    /** Scopes whose number, names and nesting change from run to run keep their own addresses. */
    @Test
    void scopesThatChangeFromRunToRunHaveTheirOwnAddresses() {
        Model<Integer> changing = p -> {
            int k = p.sample("k", new Poisson(2));
            for (int i = 0; i < k; i++) {
                boolean left = p.sample("side", i, new Bernoulli(0.5));
                p.call(left ? "left" : "right", i, q -> q.call("inner", q2 -> q2.sample("x", new Normal(0, 1))));
                p.scoped("s" + (left ? i : i + 100), q -> q.sample("z", new Normal(0, 1)));
            }
            return k;
        };
        Runner<Integer> r = Execution.of(changing).leanRunner();
        for (int run = 0; run < 200; run++) {
            r.run(11, run);
            int k = r.value();
            List<String> expected = new ArrayList<>();
            expected.add("k");
            for (int i = 0; i < k; i++) {
                boolean left = r.history().bool("side", i);
                expected.add("side[" + i + "]");
                expected.add((left ? "left" : "right") + "[" + i + "]/inner/x");
                expected.add("s" + (left ? i : i + 100) + "/z");
            }
            List<String> got = new ArrayList<>();
            for (int i = 0; i < r.siteCount(); i++) {
                got.add(r.siteAddress(i).toString());
            }
            assertThat(got).as("run %d", run).isEqualTo(expected);
        }
    }

    @Test
    void aScopeAddressUsedTwiceInARunIsStillRefused() {
        Model<Double> twice = p -> {
            int k = p.sample("k", new Poisson(1));
            p.call("a", 0, q -> q.sample("x", new Normal(0, 1)));
            if (k > 1) {
                p.call("a", 0, q -> q.sample("x", new Normal(0, 1)));
            }
            return 0.0;
        };
        Runner<Double> r = Execution.of(twice).leanRunner();
        assertThatThrownBy(() -> {
            for (int run = 0; run < 100; run++) {
                r.run(5, run);
            }
        }).isInstanceOf(ModelException.class).hasMessageContaining("a[0]/x is used twice");
    }
}
