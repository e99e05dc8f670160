package dev.ariadne.inference.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LocalBackendTest {

    /**
     * A job whose partial lists the shards it holds: shard s sleeps a pseudo-random time, so shards finish out of
     * order, and fails if it is in {@code failing}, after {@code failAfterMillis}.
     */
    private static class ListJob implements ShardedJob<List<Long>> {
        private static final long serialVersionUID = 1L;
        final long shards;
        final long[] failing;
        final long failAfterMillis;

        ListJob(long shards, long failAfterMillis, long... failing) {
            this.shards = shards;
            this.failing = failing;
            this.failAfterMillis = failAfterMillis;
        }

        @Override
        public long shardCount() {
            return shards;
        }

        @Override
        public ShardWorker<List<Long>> worker() {
            return (s, stop) -> {
                for (long f : failing) {
                    if (f == s) {
                        sleep(failAfterMillis);
                        throw new IllegalArgumentException("shard " + s + " failed");
                    }
                }
                sleep((s * 7919) % 5);
                List<Long> l = new ArrayList<>();
                l.add(s);
                return l;
            };
        }

        @Override
        public List<Long> merge(List<Long> soFar, List<Long> next) {
            soFar.addAll(next);
            return soFar;
        }
    }

    static void sleep(long ms) {
        LockSupport.parkNanos(ms * 1_000_000L);
    }

    @AfterEach
    void noWorkerOutlivesACall() {
        assertThat(Threads.ariadne()).isEmpty();
    }

    @Test
    void mergesInShardOrderWhateverTheThreads() {
        for (int k : new int[] {1, 2, 7}) {
            Outcome<List<Long>> o = RunBackend.local(k).run(new ListJob(40, 0), RunControl.none());
            assertThat(o.merged()).as("threads %d", k).containsExactlyElementsOf(range(40));
            assertThat(o.stop()).isEqualTo(Outcome.Stop.COMPLETE);
            assertThat(o.shardsMerged()).isEqualTo(40);
        }
    }

    @Test
    void aWorkersErrorReachesTheCallerWithTheCallersFrames() {
        // Thrown on a worker thread, the error keeps its type and message and shows the call that ran the job, as
        // an error on the caller's own thread would (a trace of the worker's frames alone hides where it was called).
        for (int k : new int[] {1, 2}) {
            Throwable t = null;
            try {
                RunBackend.local(k).run(new ListJob(4, 0, 2), RunControl.none());
            } catch (IllegalArgumentException e) {
                t = e;
            }
            assertThat(t).as("threads %d", k).isNotNull().hasMessage("shard 2 failed");
            assertThat(t.getStackTrace()).as("threads %d", k).anySatisfy(e -> {
                assertThat(e.getClassName()).isEqualTo(LocalBackendTest.class.getName());
                assertThat(e.getMethodName()).isEqualTo("aWorkersErrorReachesTheCallerWithTheCallersFrames");
            });
        }
    }

    @Test
    void theLowestFailingShardIsThrownWhateverTheThreads() {
        // Shard 9 fails at once, shard 5 only after 50 ms: the error is still shard 5's, as at one thread.
        for (int k : new int[] {1, 2, 7}) {
            ListJob job = new ListJob(30, 50, 9, 5) {
                private static final long serialVersionUID = 1L;

                @Override
                public ShardWorker<List<Long>> worker() {
                    ShardWorker<List<Long>> w = super.worker();
                    return (s, stop) -> {
                        if (s == 9) {
                            throw new IllegalArgumentException("shard 9 failed");
                        }
                        return w.run(s, stop);
                    };
                }
            };
            assertThatThrownBy(() -> RunBackend.local(k).run(job, RunControl.none())).as("threads %d", k)
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("shard 5 failed");
        }
    }

    @Test
    void aListenerStopGivesExactlyThePrefix() {
        for (int k : new int[] {1, 2, 7}) {
            List<Long> seen = new ArrayList<>();
            RunControl<List<Long>> c = RunControl.<List<Long>>none().onMerge((s, merged) -> {
                seen.add(s);
                return s == 11;
            });
            Outcome<List<Long>> o = RunBackend.local(k).run(new ListJob(1000, 0), c);
            assertThat(o.merged()).containsExactlyElementsOf(range(12));
            assertThat(seen).containsExactlyElementsOf(range(12));
            assertThat(o.stop()).isEqualTo(Outcome.Stop.LISTENER);
        }
    }

    @Test
    void neverMoreThreadsThanShardsOrTheCap() {
        int[] most = {0};
        RunControl<List<Long>> c = RunControl.<List<Long>>none().onMerge((s, merged) -> {
            most[0] = Math.max(most[0], Threads.ariadne().size());
            return false;
        });
        RunBackend.local(20_000).run(new ListJob(3, 0), c);
        assertThat(most[0]).isBetween(1, 3);
        assertThat(((LocalBackend) RunBackend.local(100_000)).threads()).isEqualTo(LocalBackend.MAX_THREADS);
        assertThatThrownBy(() -> RunBackend.local(0)).hasMessageContaining("threads must be >= 1, got 0");
    }

    @Test
    void aSessionKeepsItsWorkersBetweenJobsAndJoinsThemWhenClosed() {
        try (RunSession s = RunBackend.local(4).open()) {
            for (int j = 0; j < 5; j++) {
                assertThat(s.run(new ListJob(2, 0), RunControl.none()).merged()).containsExactly(0L, 1L);
                assertThat(Threads.ariadne().size()).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    @Timeout(30)
    void aBudgetEndsTheJobWithAPrefixThatIsNeverEmpty() {
        // Shards of 200 ms each and a budget of 300 ms: whatever ran is a prefix, with at least shard 0.
        ShardedJob<List<Long>> slow = new ListJob(1_000_000, 0) {
            private static final long serialVersionUID = 1L;

            @Override
            public ShardWorker<List<Long>> worker() {
                return (s, stop) -> {
                    List<Long> done = new ArrayList<>();
                    for (int run = 0; run < 20; run++) {
                        if (stop.requested()) {
                            break;
                        }
                        sleep(10);
                        done.add(s * 100 + run);
                    }
                    return done;
                };
            }
        };
        for (int k : new int[] {1, 2}) {
            long t0 = System.nanoTime();
            Outcome<List<Long>> o = RunBackend.local(k).run(slow, RunControl.<List<Long>>none()
                    .budget(Duration.ofMillis(300)));
            double seconds = (System.nanoTime() - t0) * 1e-9;
            assertThat(o.stop()).isEqualTo(Outcome.Stop.BUDGET);
            assertThat(o.merged()).isNotEmpty().startsWith(0L);
            List<Long> l = o.merged();
            for (int i = 1; i < l.size(); i++) {
                long a = l.get(i - 1);
                long b = l.get(i);
                assertThat(b == a + 1 || (b % 100 == 0 && b / 100 == a / 100 + 1 && a % 100 == 19))
                        .as("%s is a prefix of the runs in order", l).isTrue();
            }
            assertThat(seconds).as("a 0.3 s budget (machine loaded: allowance 2 s)").isLessThan(2.3);
        }
        // The first run of shard 0 is made even when the budget is gone before any worker starts.
        Outcome<List<Long>> tiny = RunBackend.local(2).run(slow, RunControl.<List<Long>>none()
                .budget(Duration.ofNanos(1)));
        assertThat(tiny.merged()).startsWith(0L);
        assertThatThrownBy(() -> RunControl.none().budget(Duration.ofSeconds(-1)))
                .hasMessageContaining("time budget must be positive, got PT-1S");
    }

    @Test
    @Timeout(30)
    void interruptingTheCallerStopsEveryWorkerAndSaysSo() throws Exception {
        ShardedJob<List<Long>> stuck = new ListJob(1000, 0) {
            private static final long serialVersionUID = 1L;

            @Override
            public ShardWorker<List<Long>> worker() {
                return (s, stop) -> {
                    while (!stop.requested()) {
                        Thread.onSpinWait(); // a model that makes runs forever, checking between them
                    }
                    return new ArrayList<>();
                };
            }
        };
        for (int k : new int[] {1, 2, 7}) {
            Threads.Interrupted r = Threads.interruptAfter(200, () -> RunBackend.local(k).run(stuck, RunControl.none()));
            assertThat(r.ended()).isTrue();
            assertThat(r.secondsToEnd()).as("seconds to stop").isLessThan(5.0);
            assertThat(r.thrown()).as("threads %d", k).isInstanceOf(RunCancelledException.class)
                    .hasMessageContaining("interrupted");
            assertThat(r.flagSetAfter()).as("the interrupt flag is set again").isTrue();
            assertThat(Threads.ariadne()).isEmpty();
        }
    }

    private static List<Long> range(long n) {
        List<Long> l = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }
}
