package dev.ariadne.core.dist;

import static dev.ariadne.core.dist.CategoricalHeldUnnormalisedTest.onNewThread;
import static dev.ariadne.core.dist.CategoricalRecentWeightsTest.assertNormalisedFrom;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A Categorical's constructor hands new weights of up to 4 values out of line in its thread's scratch array of their
 * length, so that weights written at the site are never allocated (see {@code outOfLineCopy}). That array is written
 * again by the next Categorical of the same length: no Categorical may keep it, whichever way its weights were taken
 * (normalised and held in the ring or the table, held unnormalised as weights new at every site are, or found again),
 * and the caller's array is never changed.
 */
class CategoricalScratchCopyTest {

    @Test
    void categoricalsOfOneLengthKeepTheirOwnWeightsWhateverTheThreadMakesAfter() throws Exception {
        onNewThread(() -> {
            double[] given = {1, 2, 3};
            Categorical first = new Categorical(given);
            Categorical second = new Categorical(3, 2, 1);
            Categorical third = new Categorical(5, 5, 1);
            Categorical again = new Categorical(given); // found in the ring
            assertNormalisedFrom(first, new double[] {1, 2, 3});
            assertNormalisedFrom(second, new double[] {3, 2, 1});
            assertNormalisedFrom(third, new double[] {5, 5, 1});
            assertNormalisedFrom(again, new double[] {1, 2, 3});
            assertThat(given).containsExactly(1, 2, 3);
        });
    }

    @Test
    void weightsHeldUnnormalisedAreNotTheScratchArrayEither() throws Exception {
        onNewThread(() -> {
            // past the misses after which the thread stops searching, new weights at every site are held as given
            Categorical[] made = new Categorical[300];
            for (int i = 0; i < made.length; i++) {
                made[i] = new Categorical(1 + i * 1e-3, 2, 0.5);
                made[i].logMass(i % 3);
            }
            for (int i = 0; i < made.length; i++) {
                double w0 = 1 + i * 1e-3;
                assertThat(made[i].logMass(0)).as("site %d", i).isEqualTo(Math.log(w0) - Math.log(w0 + 2 + 0.5));
                assertThat(made[i].logMass(2)).as("site %d", i).isEqualTo(Math.log(0.5) - Math.log(w0 + 2 + 0.5));
            }
        });
    }
}
