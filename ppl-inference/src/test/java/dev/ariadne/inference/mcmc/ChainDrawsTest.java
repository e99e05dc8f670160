package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.Normal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The columns of a chain's draws: a choice in a few draws holds only those, a choice in most holds a double a draw,
 * and both read NaN where the choice is absent.
 */
class ChainDrawsTest {

    @Test
    void aColumnOfAFewDrawsHoldsOnlyThoseAndReadsNaNElsewhere() {
        ChainDraws.Column c = new ChainDraws.Column();
        c.set(5, 1.5);
        c.set(4_000, -2.0);
        c.set(99_999, 3.0);
        assertThat(c.capacity()).isLessThan(64);
        double[] all = c.toArray(100_000);
        assertThat(all[5]).isEqualTo(1.5);
        assertThat(all[4_000]).isEqualTo(-2.0);
        assertThat(all[99_999]).isEqualTo(3.0);
        assertThat(Arrays.stream(all).filter(v -> !Double.isNaN(v)).count()).isEqualTo(3);
        assertThatThrownBy(() -> c.set(99_999, 1.0)).hasMessageContaining("draw 99999 recorded twice");
    }

    @Test
    void aColumnInMostDrawsTurnsDenseWithTheSameValues() {
        ChainDraws.Column c = new ChainDraws.Column();
        double[] expected = new double[1_000];
        for (int d = 0; d < expected.length; d++) {
            expected[d] = d % 7 == 3 ? Double.NaN : d * 0.5;
            if (d % 7 != 3) {
                c.set(d, d * 0.5);
            }
        }
        assertThat(c.capacity()).isGreaterThanOrEqualTo(999); // dense: a double a draw
        assertThat(c.toArray(1_002)).containsExactly(append(expected, Double.NaN, Double.NaN));
    }

    @Test
    void bothFormsSurviveSerialisation() throws Exception {
        ChainDraws.Column sparse = new ChainDraws.Column();
        sparse.set(2, 7.0);
        sparse.set(900, 8.0);
        ChainDraws.Column dense = new ChainDraws.Column();
        for (int d = 0; d < 100; d++) {
            dense.set(d, d);
        }
        for (ChainDraws.Column c : new ChainDraws.Column[] {sparse, dense}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(c);
            }
            ChainDraws.Column back;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                back = (ChainDraws.Column) in.readObject();
            }
            assertThat(back.toArray(1_000)).containsExactly(c.toArray(1_000));
        }
    }

    /**
     * A choice whose address is a drawn label's (x[k], k one of 2,000 values) exists in a few draws: the chain's
     * columns hold those draws, not a double per draw each, which filled a 64 MB heap at 5,000 draws (an
     * adversarial tester); the draws read as before.
     */
    @Test
    void choicesAtLabelledAddressesKeepOnlyTheirDraws() {
        Model<Integer> labelled = p -> {
            int k = p.sample("k", new DiscreteUniform(0, 1_999));
            p.sample("x", k, new Normal(0, 1));
            return k;
        };
        McmcResult<Integer> r = Mcmc.of(labelled).chains(1).warmup(50).draws(3_000).seed(4).run();
        double[] ks = r.draws("k")[0];
        long present = 0;
        long held = 0;
        for (int k = 0; k < 2_000; k++) {
            if (!r.names().contains("x[" + k + "]")) {
                continue;
            }
            double[] x = r.draws("x[" + k + "]")[0];
            for (int d = 0; d < x.length; d++) {
                assertThat(Double.isNaN(x[d])).isEqualTo(ks[d] != k);
                present += Double.isNaN(x[d]) ? 0 : 1;
            }
            held++;
        }
        assertThat(present).isEqualTo(3_000);
        assertThat(held).isGreaterThan(1);
    }

    /**
     * Draws of five choices whose columns cannot fit in the heap are refused at the chain's start, naming the count
     * of recorded quantities: the check before the chains, which counts one, let 2,000,000 draws of five in two chains
     * run 7 s into an OutOfMemoryError (an adversarial tester).
     */
    @Test
    void drawsOfEveryRecordedQuantityMustFitTheHeap() {
        Model<Double> five = p -> {
            double s = 0;
            for (int i = 0; i < 5; i++) {
                s += p.sample("x", i, new Normal(0, 1));
            }
            p.observe("y", new Normal(s, 1), 0.5);
            return s;
        };
        int draws = (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 40);
        assertThatThrownBy(() -> Mcmc.of(five).chains(2).warmup(10).draws(draws).run())
                .hasMessageContaining("draws of 5 recorded quantities")
                .hasMessageContaining("record(patterns) to keep fewer quantities");
    }

    /**
     * A choice at a drawn label's address among a billion makes a new column at each draw: the columns are capped by
     * the heap, and the cap is an error that says why and what to do, where a 64 MB heap ran 36 s into an
     * OutOfMemoryError (an adversarial tester).
     */
    @Test
    void newColumnsAtEveryDrawStopAtACapWithAReason() {
        Model<Double> labelled = p -> {
            int k = p.sample("k", new DiscreteUniform(0, 1_000_000_000));
            return p.sample("z", k, new Normal(0, 1));
        };
        ChainDraws<Double> draws = new ChainDraws<>(null, java.util.List.of(), java.util.List.of(), 50);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                draws.record(Chain.of(labelled, Kernels.singleSite(), Target.posterior()).reseed(7, i)
                        .startFromPrior());
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("the chain has recorded 50 distinct "
                + "quantities, a column each").hasMessageContaining("record(patterns) to keep fewer");
    }

    private static double[] append(double[] a, double... more) {
        double[] out = Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
