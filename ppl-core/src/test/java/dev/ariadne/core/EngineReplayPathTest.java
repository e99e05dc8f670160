package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A runner whose run repeats the previous run's addresses skips the address table; these runs check that reuse
 * is still caught and that lookups still work when a run diverges from, or repeats, the previous one.
 */
class EngineReplayPathTest {

    @Test
    void reuseIsCaughtWhenARunDivergesFromThePrevious() {
        int[] calls = {0};
        Model<Void> m = p -> {
            p.sample("a", Normal.STANDARD);
            p.sample(calls[0]++ == 2 ? "a" : "b", Normal.STANDARD); // the third run reuses a
            return null;
        };
        Runner<Void> r = Execution.of(m).runner();
        r.run(1, 0);
        r.run(1, 1);
        assertThatThrownBy(() -> r.run(1, 2)).isInstanceOf(ModelException.class)
                .hasMessageContaining("address a is used twice");
        r.run(1, 3);
        assertThat(r.siteCount()).isEqualTo(2);
        r.run(1, 4);
        assertThat(r.history().find("b", Address.NO_INDEX)).isEqualTo(1);
    }

    @Test
    void reuseIsCaughtInEveryRunOfAModelThatAlwaysReuses() {
        Model<Void> dup = p -> {
            p.sample("x", 0, Normal.STANDARD);
            p.sample("x", 1, Normal.STANDARD);
            p.sample("x", 0, Normal.STANDARD);
            return null;
        };
        Runner<Void> d = Execution.of(dup).runner();
        for (int i = 0; i < 3; i++) {
            long run = i;
            assertThatThrownBy(() -> d.run(1, run)).hasMessageContaining("x[0] is used twice");
        }
    }

    @Test
    void aGuideFindsEarlierSitesWhileARunRepeatsThePrevious() {
        Model<Double> m = p -> {
            double a = p.sample("a", Normal.STANDARD);
            double b = p.sample("b", 3, Normal.STANDARD);
            return p.sample("c", Normal.STANDARD) - a - b;
        };
        Guide g = (site, prior, history) -> {
            if (site.name().equals("c")) {
                int ia = history.find("a", Address.NO_INDEX);
                int ib = history.find("b", 3);
                return new Normal(history.real(ia) + history.real(ib), 1e-3);
            }
            return prior;
        };
        Runner<Double> r = Execution.of(m).guide(g).runner();
        for (int i = 0; i < 5; i++) {
            assertThat(Math.abs(r.run(1, i).value())).isLessThan(0.1);
            assertThat(r.history().find("c", Address.NO_INDEX)).isEqualTo(2);
            assertThat(r.history().find("d", Address.NO_INDEX)).isEqualTo(-1);
        }
    }
}
