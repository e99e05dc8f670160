/**
 * The run backend: where the runs of an inference are made. Importance sampling and the guide search hand it a
 * {@link dev.ariadne.inference.run.ShardedJob} ("run shard s, return a mergeable partial"); later SMC sweeps and MCMC
 * chains will too. Every backend returns the left fold of the partials in shard order, so a result is the same, bit
 * for bit, on one thread, on many, or on a cluster.
 *
 * <h2>The contract</h2>
 * <ul>
 *   <li>Shard s is a fixed piece of work (importance sampling: a fixed range of run indices of one seed, whole
 *       batches of the betting bound; the search: a slice of a batch; MCMC: chain s). Its partial depends only on
 *       the job and s: run i of seed s draws from its own stream, whoever runs it.</li>
 *   <li>A worker ({@link dev.ariadne.inference.run.ShardedJob#worker()}) runs shards for one thread or one
 *       partition, in increasing order. It may keep scratch between shards (importance sampling keeps a filter in
 *       front of its shards' Pareto tails) but never anything that changes the merged result.</li>
 *   <li>Between chunks of runs (a {@link dev.ariadne.inference.run.Pacer} keeps the check out of the loop over runs)
 *       a shard asks its {@link dev.ariadne.inference.run.StopSignal}; asked to stop, it returns the partial of its
 *       first runs.</li>
 *   <li>Partials are {@link java.io.Serializable} with stated sizes: importance sampling's is the
 *       {@code Accumulator} (in {@code dev.ariadne.inference}; about {@code 8 (1 + 2H) R / B + 8 min(R, M + 1)}
 *       bytes for R runs in batches of B with H hypotheses, M the Pareto tail size, plus 4 KB and the kept runs).
 *       A distributed backend ships the job once and each shard's partial once, and merges on the driver in shard
 *       order, never in completion order.</li>
 *   <li>The error thrown is that of the lowest-index failing shard, so it is the same at any parallelism; the
 *       caller's interrupt ends the job with {@link dev.ariadne.inference.run.RunCancelledException} after every
 *       worker has stopped; a {@link dev.ariadne.inference.run.RunControl} adds a listener told after each merge
 *       (which may end the job at an exact, deterministic point) and a time budget.</li>
 * </ul>
 *
 * <h2>Adding a backend</h2>
 * Implement {@link dev.ariadne.inference.run.RunBackend#open()} and its {@link dev.ariadne.inference.run.RunSession}
 * (one file each, or one with a nested class), as {@link dev.ariadne.inference.run.LocalBackend} and
 * {@code LocalSession} do for threads. Users select it with {@code Importance.backend(...)}. The tests that check it
 * are in this module's test jar: {@code BackendContract.check(backend)} compares importance sampling (log Z-hat,
 * every bound, conditionals, kept runs, a run until certified) with the local backend bit for bit, and
 * {@code SerialisingBackend} (partitions as ranges of shards, every partial serialised and read back, as Spark would)
 * passes it at 1, 3 and 7 partitions ({@code SerialisingBackendTest}), which also checks the partials' stated sizes.
 * The local backend's own guarantees (threads, cancellation, budget, errors) are in {@code LocalBackendTest}.
 */
package dev.ariadne.inference.run;
