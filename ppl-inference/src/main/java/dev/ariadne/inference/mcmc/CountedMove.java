package dev.ariadne.inference.mcmc;

import java.util.List;

/** A move that keeps one kernel's counts: they restart when warm-up ends, and are reported as the kernel's. */
abstract class CountedMove<T> extends Move<T> {

    final KernelStats stats;

    CountedMove(String kernel) {
        this.stats = new KernelStats(kernel);
    }

    @Override
    void endWarmup() {
        stats.reset();
    }

    @Override
    void collect(List<KernelStats> out) {
        out.add(stats);
    }
}
