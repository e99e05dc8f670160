package dev.ariadne.inference.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend shaped like a distributed one, for tests: the shards are cut into {@code partitions} ranges, each range
 * runs on a worker of its own (as a Spark partition does, the ranges run last first, to scramble the order), every
 * shard's partial is serialised and read back (as a task result is), and the partials are merged in shard order.
 * It runs the shards in waves of 8, so that a listener can stop a long job early.
 * It records the size of each serialised partial. No time budget (a distributed backend cancels its job instead).
 */
public final class SerialisingBackend implements RunBackend {

    private static final int WAVE = 8;
    private final int partitions;
    private final List<Integer> sizes = new ArrayList<>();

    /** @param partitions how many ranges of shards, each with a worker of its own */
    public SerialisingBackend(int partitions) {
        this.partitions = partitions;
    }

    /** The serialised size in bytes of every partial so far, in the order they were made. */
    public synchronized List<Integer> partialSizes() {
        return List.copyOf(sizes);
    }

    @Override
    public RunSession open() {
        return new RunSession() {
            @Override
            public <P> Outcome<P> run(ShardedJob<P> job, RunControl<P> control) {
                long n = job.shardCount();
                P merged = null;
                // In waves of WAVE shards (a job that may stop early is not run to its end first).
                for (long wave = 0; wave < n; wave += WAVE) {
                    int size = (int) Math.min(WAVE, n - wave);
                    @SuppressWarnings("unchecked")
                    P[] parts = (P[]) new Object[size];
                    for (int r = partitions - 1; r >= 0; r--) {
                        long from = (long) size * r / partitions;
                        long to = (long) size * (r + 1) / partitions;
                        ShardWorker<P> worker = job.worker();
                        for (long s = from; s < to; s++) {
                            parts[(int) s] = roundTrip(worker.run(wave + s, StopSignal.NEVER));
                        }
                    }
                    for (int s = 0; s < size; s++) {
                        merged = merged == null ? parts[s] : job.merge(merged, parts[s]);
                        if (control.tell(wave + s, merged)) {
                            return new Outcome<>(merged, wave + s + 1, Outcome.Stop.LISTENER);
                        }
                    }
                }
                return new Outcome<>(merged, n, Outcome.Stop.COMPLETE);
            }

            @Override
            public void close() {
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <P> P roundTrip(P partial) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(partial);
            }
            synchronized (this) {
                sizes.add(bytes.size());
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (P) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
