package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.Normal;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs that must be stoppable from inside one run: a cap on sites (by default and as set), a limit on time, and
 * the thread's interruption, looked for every {@link RunLimits#CHECK_EVERY} sites, also while a run repeats the
 * previous run's sites on the fast path.
 */
class RunLimitsTest {

    /** Makes sites x[0], x[1], ... without end, interrupting its own thread at site {@code interruptAt}. */
    private static Model<Void> endless(int interruptAt) {
        return p -> {
            for (int i = 0; ; i++) {
                if (i == interruptAt) {
                    Thread.currentThread().interrupt();
                }
                p.sample("x", i, Normal.STANDARD);
            }
        };
    }

    @AfterEach
    void clearInterruption() {
        Thread.interrupted();
    }

    @Test
    void aModelThatMakesSitesWithoutEndStopsAtTheDefaultCapNamingTheRunAndTheLastSite() {
        assertThatThrownBy(() -> Execution.of(endless(-1)).leanRunner().run(4, 2))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the run reached " + RunLimits.DEFAULT_MAX_SITES + " sites")
                .hasMessageContaining("Execution.maxSitesPerRun")
                // a new user's long series: the inference calls do not take that setting, so the way round is said
                .hasMessageContaining("importance sampling, MCMC and SMC keep this limit")
                .hasMessageContaining("observeAll(name, dist, values)")
                .hasMessageContaining("run 2 of seed 4")
                .hasMessageContaining("site x[" + (RunLimits.DEFAULT_MAX_SITES - 1) + "]");
    }

    /** A model recursing through calls past the thread's stack: said as such, with the address in short. */
    @Test
    void aRecursionPastTheStackIsToldAsSuch() {
        assertThatThrownBy(() -> Execution.of(RunLimitsTest::descend).leanRunner().run(4, 2))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the run's recursion overflowed the thread's stack")
                .hasMessageContaining("run 2 of seed 4").hasMessageContaining("at or after site down/down/")
                .hasMessageContaining(" scopes ...").hasCauseInstanceOf(StackOverflowError.class);
    }

    /**
     * A run during which the heap ran out: named with its run and last site, the VM's error as the cause, where the
     * bare "Java heap space" named neither (an adversarial tester). The VM's error is thrown here by the model itself,
     * so that the test fills no heap.
     */
    @Test
    void aHeapThatRunsOutDuringARunIsToldWithTheRun() {
        Model<Double> grows = p -> {
            double x = p.sample("x", new dev.ariadne.core.dist.Normal(0, 1));
            throw new OutOfMemoryError("Java heap space");
        };
        assertThatThrownBy(() -> Execution.of(grows).leanRunner().run(4, 2))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the heap ran out during the run (Java heap space): the model may build")
                .hasMessageContaining("-Xmx").hasMessageContaining("run 2 of seed 4")
                .hasMessageContaining("at or after site x").hasCauseInstanceOf(OutOfMemoryError.class);
    }

    /**
     * A guide program's or a guide's recursion past the stack names them, not the model: the model here makes one site
     * and recurses nowhere (an adversarial tester read "a model that recurses").
     */
    @Test
    void aGuideProgramsOrAGuidesRecursionIsToldAsTheirs() {
        Model<Double> oneSite = p -> p.sample("x", Normal.STANDARD);
        GuideProgram program = q -> plunge(0);
        assertThatThrownBy(() -> Execution.of(oneSite).guideProgram(program).run(4, 2))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("overflowed the thread's stack: a guide program that recurses")
                .hasMessageContaining("run 2 of seed 4");
        Guide guide = Guide.bySite((site, history) -> {
            plunge(0);
            return null;
        });
        assertThatThrownBy(() -> Execution.of(oneSite).guide(guide).run(4, 2))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("overflowed the thread's stack: a guide that recurses")
                .hasMessageContaining("run 2 of seed 4");
    }

    private static int plunge(int depth) {
        return 1 + plunge(depth + 1);
    }

    /** A sample at each level, then a call one level down, without end. */
    private static Integer descend(Prob p) {
        p.sample("x", Normal.STANDARD);
        return p.call("down", RunLimitsTest::descend);
    }

    @Test
    void theCapIsExactAndHoldsOnRunsThatRepeatThePreviousOne() {
        int[] sites = {100};
        Model<Void> m = p -> {
            for (int i = 0; i < sites[0]; i++) {
                p.sample("x", i, Normal.STANDARD);
            }
            return null;
        };
        Runner<Void> r = Execution.of(m).maxSitesPerRun(100).leanRunner();
        r.run(1, 0);
        r.run(1, 1); // repeats run 0 on the fast path
        assertThat(r.siteCount()).isEqualTo(100);
        sites[0] = 101;
        assertThatThrownBy(() -> r.run(1, 2)).isInstanceOf(ModelException.class)
                .hasMessageContaining("the run reached 100 sites").hasMessageContaining("site x[99]");
        assertThatThrownBy(() -> Execution.of(m).maxSitesPerRun(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSitesPerRun must be >= 1, got 0");
    }

    @Test
    void anInterruptedRunStopsWithinCheckEverySitesAndKeepsTheFlag() {
        Runner<Void> r = Execution.of(endless(5000)).maxSitesPerRun(Integer.MAX_VALUE).leanRunner();
        Throwable thrown = catchRun(() -> r.run(7, 3));
        assertThat(thrown).isInstanceOf(RunInterruptedException.class).isInstanceOf(CancellationException.class)
                .hasMessageContaining("run 3 of seed 7 was interrupted at or after site x[");
        RunInterruptedException e = (RunInterruptedException) thrown;
        assertThat(e.seed()).isEqualTo(7);
        assertThat(e.runIndex()).isEqualTo(3);
        assertThat(e.lastAddress().index()).isBetween(5000, 5000 + RunLimits.CHECK_EVERY);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void aRunOnTheFastPathIsInterruptedToo() {
        int[] interruptAt = {-1};
        Model<Void> m = p -> {
            for (int i = 0; i < 20_000; i++) {
                if (i == interruptAt[0]) {
                    Thread.currentThread().interrupt();
                }
                p.sample("x", i, Normal.STANDARD);
            }
            return null;
        };
        Runner<Void> r = Execution.of(m).leanRunner();
        r.run(1, 0);
        r.run(1, 1);
        interruptAt[0] = 3000; // run 2 repeats run 1's 20,000 addresses, so only checkpoints leave the fast path
        Throwable thrown = catchRun(() -> r.run(1, 2));
        assertThat(thrown).isInstanceOf(RunInterruptedException.class);
        assertThat(((RunInterruptedException) thrown).lastAddress().index())
                .isBetween(3000, 3000 + RunLimits.CHECK_EVERY);
        Thread.interrupted();
        interruptAt[0] = -1;
        r.run(1, 3); // the runner is still usable
        assertThat(r.siteCount()).isEqualTo(20_000);
    }

    @Test
    void aSneakyInterruptedExceptionBecomesARunInterruptedExceptionAndRestoresTheFlag() {
        Model<Void> m = p -> {
            p.sample("a", Normal.STANDARD);
            throw sneaky(new InterruptedException("sleeping"));
        };
        Throwable thrown = catchRun(() -> Execution.of(m).run(2, 5));
        assertThat(thrown).isInstanceOf(RunInterruptedException.class).hasCauseInstanceOf(InterruptedException.class)
                .hasMessageContaining("run 5 of seed 2");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }

    @Test
    void aSneakyCheckedExceptionBecomesAModelExceptionWithTheRunAndTheCause() {
        IOException io = new IOException("disk gone");
        Model<Void> m = p -> {
            p.sample("a", Normal.STANDARD);
            throw sneaky(io);
        };
        assertThatThrownBy(() -> Execution.of(m).run(2, 6)).isInstanceOf(ModelException.class).hasCause(io)
                .hasMessageContaining("the model threw java.io.IOException: disk gone")
                .hasMessageContaining("run 6 of seed 2").hasMessageContaining("site a");
        GuideProgram program = q -> {
            throw sneaky(io);
        };
        assertThatThrownBy(() -> Execution.of(m).guideProgram(program).run(2, 7)).isInstanceOf(ModelException.class)
                .hasCause(io).hasMessageContaining("the guide program threw java.io.IOException");
    }

    /**
     * A guide program that makes a distribution of a bad parameter is told where, as the model is: it named neither
     * its line nor its site (an adversarial tester).
     */
    @Test
    void aGuideProgramsBadParameterNamesItsLineAndSite() {
        Model<Double> m = p -> {
            double mu = p.sample("mu", Normal.STANDARD);
            p.sample("sd", new Gamma(2, 1));
            return mu;
        };
        GuideProgram program = q -> {
            double mu = q.sample("mu", new Normal(0.5, 0.7));
            q.sample("sd", new Gamma(-Math.abs(mu) - 1, 1));
        };
        assertThatThrownBy(() -> Execution.of(m).guideProgram(program).run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("the guide program threw dev.ariadne.core.dist.ParameterException: Gamma: shape")
                .hasMessageContaining("(making a distribution at RunLimitsTest.java:")
                .hasMessageContaining(" for the guide program's site after mu)");
    }

    @Test
    void aRunOverItsTimeIsAnErrorAtACheckpointOrAtItsEnd() {
        Model<Void> slowSites = p -> {
            for (int i = 0; i < 3 * RunLimits.CHECK_EVERY; i++) {
                LockSupport.parkNanos(20_000);
                p.sample("x", i, Normal.STANDARD);
            }
            return null;
        };
        // 1,024 sites take at least 1,024 x 20 us = 20 ms, over the limit of 5 ms: the first checkpoint stops it.
        assertThatThrownBy(() -> Execution.of(slowSites).maxTimePerRun(Duration.ofMillis(5)).run(1, 0))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the run took longer than PT0.005S, the limit per run")
                .hasMessageContaining("site x[" + (RunLimits.CHECK_EVERY - 1) + "]");
        Model<Void> slowEnd = p -> {
            p.sample("x", Normal.STANDARD);
            LockSupport.parkNanos(30_000_000);
            return null;
        };
        assertThatThrownBy(() -> Execution.of(slowEnd).maxTimePerRun(Duration.ofMillis(5)).run(1, 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("the run took longer than PT0.005S");
        Execution.of(slowEnd).maxTimePerRun(Duration.ofMinutes(10)).run(1, 0);
        assertThatThrownBy(() -> Execution.of(slowEnd).maxTimePerRun(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive duration, got PT-1S");
    }

    private static Throwable catchRun(Runnable run) {
        try {
            run.run();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("the run did not stop");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
