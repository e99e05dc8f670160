package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Rng;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A thread whose Categoricals get new weights at every site (a regression's level probabilities, observed once each)
 * holds the weights as given and normalises them whole only if the next Categorical has them again. Whichever form a
 * Categorical takes depends on what its thread made before, so both must give the same numbers, bit for bit: the
 * masses, the draws, the probabilities and what is derived from them. The tests make the two forms of the same weights
 * side by side and compare them, and check both against the normalisation written out. Each test runs on a thread of
 * its own, whose weights no other test made.
 */
class CategoricalHeldUnnormalisedTest {

    /** What a thread's Categoricals do depends on the ones it made before: each test starts on a new thread. */
    static void onNewThread(Body test) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.submit(() -> {
                test.run();
                return null;
            }).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            thread.shutdown();
        }
    }

    /** A test's body, run on its own thread. */
    interface Body {
        void run() throws Exception;
    }

    /** Makes more Categoricals with new weights than the thread searches its earlier weights for (64). */
    /** Weights new at every site, each asked about once, as a regression's level probabilities are. */
    private static void streakOfNewWeights() {
        for (int i = 0; i < 200; i++) {
            new Categorical(1 + i * 1e-3, 2, 0.5).logMass(i % 3);
        }
    }

    /**
     * A table of Categoricals made in a row and asked only later (a guide's proposal per data point), as a streak of
     * new weights looks to the thread: only its first few are held unnormalised, so that the runs that ask the table
     * read their log-probabilities in line; the numbers are those of the same weights normalised, bit for bit.
     */
    @Test
    void aTableMadeInARowIsNormalisedWhole() throws Exception {
        onNewThread(() -> {
            streakOfNewWeights();
            Categorical[] table = new Categorical[100];
            int held = 0;
            for (int i = 0; i < table.length; i++) {
                table[i] = new Categorical(0.1 + i * 1e-3, 0.9 - i * 1e-3);
                held += table[i].isUnnormalised() ? 1 : 0;
            }
            assertThat(held).as("held unnormalised of 100 made in a row").isLessThanOrEqualTo(4);
            for (int i = 0; i < table.length; i++) {
                assertSameNumbers(table[i], new Categorical(0.1 + i * 1e-3, 0.9 - i * 1e-3), 2);
            }
        });
    }

    private static void assertSameNumbers(Categorical a, Categorical b, int k) {
        for (int i = -1; i <= k; i++) {
            assertThat(Double.doubleToRawLongBits(a.logMass(i))).as("log mass at %s", i)
                    .isEqualTo(Double.doubleToRawLongBits(b.logMass(i)));
        }
        assertThat(a.probabilities()).isEqualTo(b.probabilities());
        assertThat(a.mean()).isEqualTo(b.mean());
        assertThat(a.variance()).isEqualTo(b.variance());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString(b.toString());
        assertThat(a.size()).isEqualTo(k);
        assertThat(a.support()).isEqualTo(b.support());
        for (long s = 0; s < 20_000; s++) {
            assertThat(a.sample(Rng.forRun(s, 3))).as("draw %s", s).isEqualTo(b.sample(Rng.forRun(s, 3)));
        }
    }

    @Test
    void weightsNewAtEverySiteAreHeldUnnormalisedWithTheNormalisedNumbers() throws Exception {
        onNewThread(() -> {
            double[][] cases = {
                {0.2, 0.3, 0.1, 0.4},
                {3, 0, 1e-300, 7.5, 0},
                {1e300, 1e300, 1e-10},
                {5},
                {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
            };
            for (double[] w : cases) {
                streakOfNewWeights();
                Categorical held = new Categorical(w.clone());
                Categorical normalised = new Categorical(w.clone()); // the same weights again: normalised whole
                assertThat(held.isUnnormalised()).as("held unnormalised: %s", held).isTrue();
                assertThat(normalised.isUnnormalised()).isFalse();
                assertThat(held.isUnnormalised()).as("still held as it was").isTrue();
                assertSameNumbers(held, normalised, w.length);
                double sum = 0;
                for (double x : w) {
                    sum += x;
                }
                for (int i = 0; i < w.length; i++) {
                    assertThat(held.logMass(i)).isEqualTo(Math.log(w[i]) - Math.log(sum));
                    assertThat(held.probabilities()[i]).isEqualTo(w[i] / sum);
                }
            }
        });
    }

    @Test
    void weightsHeldUnnormalisedAreTheirOwnCopy() throws Exception {
        onNewThread(() -> {
            streakOfNewWeights();
            double[] w = {1, 2, 3};
            Categorical held = new Categorical(w);
            assertThat(held.isUnnormalised()).isTrue();
            w[0] = 100;
            assertThat(held.logMass(0)).isEqualTo(Math.log(1) - Math.log(6));
            assertThat(held.probabilities()).containsExactly(1 / 6.0, 2 / 6.0, 3 / 6.0);
            // the thread's next weights are written over what it holds, not over what was made from it
            new Categorical(4, 4);
            assertThat(held.logMass(2)).isEqualTo(Math.log(3) - Math.log(6));
        });
    }

    @Test
    void aCopyMadeBySerialisationIsHeldUnnormalisedToo() throws Exception {
        onNewThread(() -> {
            streakOfNewWeights();
            Categorical held = new Categorical(0.25, 0.5, 2);
            assertThat(held.isUnnormalised()).isTrue();
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(held);
            }
            Categorical copy;
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (Categorical) in.readObject();
            }
            assertThat(copy.isUnnormalised()).isTrue();
            assertSameNumbers(copy, held, 3);
        });
    }

    /**
     * Weights among the subnormal doubles: the uniform scaled by their sum would fall among them too and lose its
     * precision (4.9e-324 and 9.9e-324 drew the first a sixth of the time), so the sums a draw inverts are scaled by a
     * power of two first; such weights are never held unnormalised. The first value's frequency in 60,000 draws is
     * within 5 standard errors of 1/3.
     */
    @Test
    void subnormalWeightsDrawInTheirProportions() throws Exception {
        onNewThread(() -> {
            streakOfNewWeights();
            Categorical tiny = new Categorical(Double.MIN_VALUE, 2 * Double.MIN_VALUE);
            assertThat(tiny.isUnnormalised()).isFalse();
            assertThat(tiny.probabilities()).containsExactly(1 / 3.0, 2 / 3.0);
            int n = 60_000;
            int first = 0;
            for (long s = 0; s < n; s++) {
                first += tiny.sample(Rng.forRun(s, 9)) == 0 ? 1 : 0;
            }
            double se = Math.sqrt((1 / 3.0) * (2 / 3.0) / n);
            assertThat(Math.abs(first / (double) n - 1 / 3.0)).isLessThan(5 * se);
        });
    }

    @Test
    void longWeightsAreNormalisedWhole() throws Exception {
        onNewThread(() -> {
            streakOfNewWeights();
            double[] w = new double[17];
            java.util.Arrays.fill(w, 0.5);
            assertThat(new Categorical(w).isUnnormalised()).isFalse();
        });
    }

    @Test
    void badWeightsAreRefusedWhicheverForm() throws Exception {
        onNewThread(() -> {
            streakOfNewWeights();
            assertThatThrownBy(() -> new Categorical(0.5, -0.25, 1)).isInstanceOf(ParameterException.class)
                    .hasMessageContaining("weights[1]").hasMessageContaining("-0.25");
            streakOfNewWeights();
            assertThatThrownBy(() -> new Categorical(0, 0)).isInstanceOf(ParameterException.class)
                    .hasMessageContaining("sum");
            streakOfNewWeights();
            assertThatThrownBy(() -> new Categorical(1, Double.NaN)).isInstanceOf(ParameterException.class)
                    .hasMessageContaining("NaN");
        });
    }
    /**
     * A Categorical made once from a run's new weights (a Dirichlet draw's) and observed at each of 300 points was held
     * unnormalised, and each of its log masses took two logs: 72% of such a model's time. Once a thread's weights held
     * so are asked more than about twice each, its next new weights are normalised whole (their log-probabilities read
     * in line), with the same numbers bit for bit; weights asked once each (a regression's) stay held as given.
     */
    @Test
    void weightsAskedManyTimesEachAreNormalisedWholeOnceTheThreadSeesIt() throws Exception {
        onNewThread(() -> {
            streakOfNewWeights();
            Categorical once = new Categorical(0.25, 0.5, 0.125, 0.125);
            assertThat(once.isUnnormalised()).as("new weights after a streak of new ones").isTrue();
            for (int i = 0; i < 20; i++) {
                Categorical c = new Categorical(0.25 + (i + 1) * 1e-3, 0.5, 0.125, 0.125);
                c.logMass(i % 4);
                assertThat(c.isUnnormalised()).as("weights asked once each, the %sth", i).isTrue();
            }
            Categorical observedOften = new Categorical(0.3, 0.3, 0.2, 0.2);
            assertThat(observedOften.isUnnormalised()).isTrue();
            for (int i = 0; i < 300; i++) {
                observedOften.logMass(i % 4);
            }
            double[] next = {0.1, 0.6, 0.2, 0.1};
            Categorical normalised = new Categorical(next.clone());
            assertThat(normalised.isUnnormalised()).as("new weights after one Categorical was asked 300 times")
                    .isFalse();
            onNewThread(() -> {
                streakOfNewWeights();
                Categorical held = new Categorical(next.clone());
                assertThat(held.isUnnormalised()).isTrue();
                assertSameNumbers(held, normalised, 4);
            });
        });
    }
}
