package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.run.RunCancelledException;
import dev.ariadne.inference.run.Threads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A search runs on the run backend: interrupting its caller stops it, and no worker outlives it. */
class SearchCancellationTest {

    /** A model whose every run takes about half a millisecond. */
    private static final Model<Double> SLOW = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        p.observe("y", new Normal(mu, 1), 0.8);
        long end = System.nanoTime() + 500_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        return mu;
    };

    @Test
    @Timeout(120)
    void interruptingASearchStopsItAndLeavesNoWorker() throws InterruptedException {
        for (int k : new int[] {1, 3}) {
            Threads.Interrupted r = Threads.interruptAfter(500, () -> GuideSearch.of(SLOW, GuideFamily.meanField())
                    .strategy(Strategy.gradient()).budget(Budget.steps(1_000_000)).seed(1).parallelism(k).run());
            assertThat(r.ended()).as("parallelism %d: the search ended", k).isTrue();
            assertThat(r.thrown()).as("parallelism %d", k).isInstanceOf(RunCancelledException.class)
                    // it said only "interrupted: the job was stopped with 0 of 4 shards merged" (an adversarial tester)
                    .hasMessageStartingWith("the guide search was interrupted at step ")
                    .hasMessageContaining("(search seed 1, ");
            assertThat(Threads.ariadne()).isEmpty();
        }
        // Not a cancellation: a search still runs to its budget and leaves no worker behind.
        SearchResult r = GuideSearch.of(SLOW, GuideFamily.meanField()).strategy(Strategy.gradient())
                .budget(Budget.steps(3)).seed(1).parallelism(3).certify(1000, 0.05).run();
        assertThat(r.history()).isNotEmpty();
        assertThat(Threads.ariadne()).isEmpty();
    }
}
