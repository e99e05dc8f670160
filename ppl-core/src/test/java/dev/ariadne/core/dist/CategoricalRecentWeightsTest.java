package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * A Categorical made at a site whose weights take a few values in turn (a Markov chain's row picked by its previous
 * state, {@code new Categorical(transition[z])}) reuses the normalised arrays of the last four weights its thread
 * made. Before, only the last weights were held: each change of row normalised again (a copy of the weights and
 * four new arrays, 47 B a site in a 3-state chain). The tests that check that arrays are shared fail on that code
 * (the arrays are new at each change); the others check that what is reused is exactly what normalising afresh
 * gives, for any order of weights.
 */
class CategoricalRecentWeightsTest {

    private static double[] probabilitiesHeld(Categorical c) throws ReflectiveOperationException {
        Field f = Categorical.class.getDeclaredField("probabilities");
        f.setAccessible(true);
        return (double[]) f.get(c);
    }

    /** The probabilities and log-probabilities of {@code w}, as normalising computes them. */
    static void assertNormalisedFrom(Categorical c, double[] w) {
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        double[] p = c.probabilities();
        assertThat(p).hasSize(w.length);
        for (int i = 0; i < w.length; i++) {
            assertThat(p[i]).isEqualTo(w[i] / sum);
            assertThat(c.logMass(i)).isEqualTo(Math.log(w[i]) - Math.log(sum));
        }
    }

    @Test
    void rowsTakingTurnsShareTheArraysTheirFirstNormalisationMade() throws Exception {
        double[][] rows = {{0.8, 0.15, 0.05}, {0.1, 0.8, 0.1}, {0.05, 0.15, 0.8}, {2, 1, 1, 0, 3}};
        double[][] first = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            first[r] = probabilitiesHeld(new Categorical(rows[r]));
        }
        int[] order = {0, 1, 0, 2, 2, 3, 1, 0, 3, 3, 2, 1};
        for (int i = 0; i < 3_000; i++) {
            int r = order[i % order.length];
            Categorical c = new Categorical(rows[r]);
            assertThat(probabilitiesHeld(c)).as("row %s, construction %s", r, i).isSameAs(first[r]);
            assertNormalisedFrom(c, rows[r]);
        }
    }

    @Test
    void logitsAreTheSoftmaxWhateverWeightsAreHeld() {
        double[] b = {0.5, Double.NEGATIVE_INFINITY, -1.25};
        new Categorical(0.5, 0, 1.25);
        double max = 0.5;
        double logSum = Math.log(Math.exp(0.5 - max) + Math.exp(Double.NEGATIVE_INFINITY - max) + Math.exp(-1.25 - max));
        Categorical c = Categorical.ofLogits(b);
        assertThat(c.logMass(0)).isEqualTo((0.5 - max) - logSum);
        assertThat(c.logMass(1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(c.logMass(2)).isEqualTo((-1.25 - max) - logSum);
        assertThat(c.probabilities()[2]).isEqualTo(Math.exp((-1.25 - max) - logSum));
        // the same numbers as weights are normalised as weights
        assertNormalisedFrom(new Categorical(0.5, 0, 1.25), new double[] {0.5, 0, 1.25});
    }

    /**
     * Weights that change at every construction (a regression's probabilities) stop the search of earlier weights
     * after 64 misses in a row; rows that take turns afterwards are found again within one round of 4,096 misses,
     * and every Categorical on the way is its weights' normalisation.
     */
    @Test
    void rowsTakingTurnsAfterAStreakOfNewWeightsAreSharedAgain() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            double[] w = {1 + i, 2, 0.5};
            assertNormalisedFrom(new Categorical(w), w);
        }
        double[][] rows = {{0.7, 0.3}, {0.2, 0.8}, {0.5, 0.5}};
        for (int i = 0; i < 4_096 + 64; i++) {
            assertNormalisedFrom(new Categorical(rows[i % 3]), rows[i % 3]);
        }
        double[][] first = new double[3][];
        for (int r = 0; r < 3; r++) {
            first[r] = probabilitiesHeld(new Categorical(rows[r]));
        }
        for (int i = 0; i < 300; i++) {
            assertThat(probabilitiesHeld(new Categorical(rows[i % 3]))).isSameAs(first[i % 3]);
        }
    }

    /**
     * Weights new at every construction, past the 64 misses after which the recent weights are not searched, take
     * the place of the thread's entry in it when neither the ring nor the table holds it; every Categorical made
     * before, from rows held or from weights since replaced, keeps its own normalisation, and so do the rows made
     * again afterwards. (The thread's search is left on, as the other tests of this thread expect.)
     */
    @Test
    void categoricalsMadeBeforeKeepTheirNormalisationWhenNewWeightsTakeTheEntrysPlace() {
        double[][] rows = {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}};
        Categorical[] fromRows = {new Categorical(rows[0]), new Categorical(rows[1])};
        int n = 500;
        Categorical[] fresh = new Categorical[n];
        double[][] weights = new double[n][];
        for (int i = 0; i < n; i++) {
            weights[i] = new double[] {1 + i, 2, 0.5 + i % 7};
            fresh[i] = new Categorical(weights[i]);
        }
        for (int i = 0; i < n; i++) {
            assertNormalisedFrom(fresh[i], weights[i]);
        }
        assertNormalisedFrom(fromRows[0], rows[0]);
        assertNormalisedFrom(fromRows[1], rows[1]);
        // past one round of misses the search resumes, as the other tests of this thread expect
        for (int i = 0; i < 4_096 + 64; i++) {
            assertNormalisedFrom(new Categorical(rows[i % 2]), rows[i % 2]);
        }
        assertNormalisedFrom(fresh[n - 1], weights[n - 1]);
    }

    @Test
    void weightsChangedInPlaceOrEvictedAreNormalisedAfresh() {
        double[] w = {1, 2, 3};
        assertNormalisedFrom(new Categorical(w), w.clone());
        w[1] = 5; // the caller's array, changed in place: the weights held are a copy
        assertNormalisedFrom(new Categorical(w), w.clone());
        double[][] five = {{1, 1}, {1, 2}, {1, 3}, {1, 4}, {1, 5}}; // more than are held, in turn
        for (int i = 0; i < 200; i++) {
            assertNormalisedFrom(new Categorical(five[i % 5]), five[i % 5]);
            assertNormalisedFrom(new Categorical(five[(7 * i) % 5]), five[(7 * i) % 5]);
        }
        double[] zero = {0.0, 1};
        double[] negativeZero = {-0.0, 1};
        assertNormalisedFrom(new Categorical(zero), zero);
        assertThat(new Categorical(negativeZero).probabilities()[0]).isEqualTo(-0.0 / 1);
    }

    /** Runs on a new thread: a thread that has stopped searching its earlier weights would not recall {@code mid}. */
    @Test
    void longWeightsAreRecalledAndComparedWhole() throws Exception {
        CategoricalHeldUnnormalisedTest.onNewThread(() -> {
            double[] big = new double[1_500];
            double[] mid = new double[40];
            for (int i = 0; i < big.length; i++) {
                big[i] = 1.0 / (i + 1);
            }
            for (int i = 0; i < mid.length; i++) {
                mid[i] = i % 3;
            }
            double[] heldMid = probabilitiesHeld(new Categorical(mid));
            new Categorical(1, 2);
            assertThat(probabilitiesHeld(new Categorical(mid))).isSameAs(heldMid);
            assertNormalisedFrom(new Categorical(big), big);
            double[] almost = big.clone();
            almost[big.length - 1] *= 2; // differs in the last weight only
            Categorical c = new Categorical(almost);
            assertNormalisedFrom(c, almost);
            assertThat(c.logMass(big.length - 1)).isNotEqualTo(new Categorical(big).logMass(big.length - 1));
        });
    }

    @Test
    void invalidWeightsAreRefusedWhateverIsHeld() {
        double[] w = {1, 2, 3};
        new Categorical(w);
        new Categorical(3, 2, 1);
        assertThatThrownBy(() -> new Categorical(1, Double.NaN, 3)).isInstanceOf(ParameterException.class)
                .hasMessageContaining("weights[1]");
        assertThatThrownBy(() -> new Categorical(1, -2, 3)).isInstanceOf(ParameterException.class)
                .hasMessageContaining("weights[1]");
        assertThatThrownBy(() -> Categorical.ofLogits(0, Double.NaN)).isInstanceOf(ParameterException.class)
                .hasMessageContaining("logits[1]");
        assertThatThrownBy(() -> new Categorical((double[]) null)).isInstanceOf(ParameterException.class);
        assertNormalisedFrom(new Categorical(w), w);
    }

    /** The table slot of short weights, as the thread's entry computes it. */
    private static int slotOf(double[] w) throws ReflectiveOperationException {
        Class<?> recent = Class.forName(Categorical.class.getName() + "$Recent");
        java.lang.reflect.Method m = recent.getDeclaredMethod("slotOf", double[].class);
        m.setAccessible(true);
        return (int) m.invoke(null, w);
    }

    /**
     * Weights fixed per item (a prior per item read from a table: 60 rows, more than the four last weights hold),
     * each followed by one of three rows taking turns (an annotator's row picked by the item's class), made again in
     * every run: from the second run on, every one of them shares the arrays its first normalisation made. Before,
     * each item's row was normalised at every run (a copy, three arrays and four logs) and pushed the three rows out
     * of the earlier weights, so they were normalised again too. The rows are chosen to fall in different slots of
     * the thread's table, which holds one weights a slot; two in one slot are checked in the next test.
     */
    @Test
    void weightsFixedPerItemAreNormalisedOnceAcrossRuns() throws Exception {
        int items = 60;
        double[][] prior = new double[items][];
        java.util.Set<Integer> slots = new java.util.HashSet<>();
        double[][] rows = {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.1, 0.1, 0.8}};
        for (double[] row : rows) {
            slots.add(slotOf(row));
        }
        for (int i = 0, j = 0; i < items; j++) {
            double[] w = {0.05 + 0.01 * j, 1 - 0.005 * j, 0.3 + 0.001 * j};
            if (slots.add(slotOf(w))) {
                prior[i++] = w;
            }
        }
        double[][] firstPrior = new double[items][];
        double[][] firstRow = new double[3][];
        for (int run = 0; run < 5; run++) {
            for (int i = 0; i < items; i++) {
                Categorical c = new Categorical(prior[i]);
                assertNormalisedFrom(c, prior[i]);
                int k = i % 3;
                Categorical r = new Categorical(rows[k].clone()); // an array made at the site, as a user's is
                assertNormalisedFrom(r, rows[k]);
                if (run == 0) {
                    firstPrior[i] = firstPrior[i] == null ? probabilitiesHeld(c) : firstPrior[i];
                    firstRow[k] = firstRow[k] == null ? probabilitiesHeld(r) : firstRow[k];
                } else {
                    assertThat(probabilitiesHeld(c)).as("item %s, run %s", i, run).isSameAs(firstPrior[i]);
                    assertThat(probabilitiesHeld(r)).as("row %s, run %s", k, run).isSameAs(firstRow[k]);
                }
            }
        }
    }

    /**
     * What the table gives back is what normalising gives, whatever it holds: weights of one slot taking turns (each
     * replaces the other there), weights changed in place after they were held (a copy is held), weights of another
     * length with the same leading values, -0.0 beside 0.0.
     */
    @Test
    void theTableGivesBackOnlyWeightsEqualBitForBit() throws Exception {
        double[] a = {1, 2, 3};
        double[] b = null;
        for (int j = 0; b == null; j++) {
            double[] w = {1, 2, 3 + j + 1};
            if (slotOf(w) == slotOf(a)) {
                b = w;
            }
        }
        double[][] fillers = {{4, 1}, {4, 2}, {4, 3}, {4, 4}, {4, 5}};
        for (int i = 0; i < 400; i++) {
            double[] w = i % 2 == 0 ? a : b;
            assertNormalisedFrom(new Categorical(w), w);
            assertNormalisedFrom(new Categorical(fillers[i % 5]), fillers[i % 5]);
        }
        double[] c = {5, 6, 7};
        new Categorical(c);
        for (double[] f : fillers) {
            new Categorical(f);
        }
        c[1] = 60; // the caller's array, changed in place
        assertNormalisedFrom(new Categorical(c), c.clone());
        double[] longer = {1, 2, 3, 0};
        for (double[] f : fillers) {
            new Categorical(f);
        }
        assertNormalisedFrom(new Categorical(longer), longer);
        double[] zero = {0.0, 1, 2};
        new Categorical(zero);
        for (double[] f : fillers) {
            new Categorical(f);
        }
        assertThat(new Categorical(-0.0, 1, 2).probabilities()[0]).isEqualTo(-0.0 / 3);
    }
}
