package dev.ariadne.search;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Failure;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.inference.run.RunBackend;
import dev.ariadne.inference.run.RunControl;
import dev.ariadne.inference.run.RunSession;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The search's runs, made on a run backend session kept open for the whole search: each batch of run indices
 * [from, to) of a seed is a {@link BatchJob}, whose shards merge in index order, so a batch's outcomes do not
 * depend on the backend or its threads. Run i of seed s draws from {@code Rng.forRun(s, i)}.
 */
final class SearchRuns implements AutoCloseable {

    private final Model<?> model;
    private final RunSession session;

    SearchRuns(Model<?> model, RunBackend backend) {
        this.model = model;
        this.session = backend.open();
    }

    /**
     * Runs [from, to) of seed under the guide.
     *
     * @param tape  whether to record proposals (for scores and refits)
     * @param level the level function for elite sets, or null
     * @throws dev.ariadne.inference.run.RunCancelledException if the calling thread is interrupted
     */
    List<RunOutcome> run(FamilyGuide guide, long seed, long from, long to, boolean tape,
                         ToDoubleFunction<History> level) {
        if (to <= from) {
            return new java.util.ArrayList<>();
        }
        BatchJob job = new BatchJob(model, guide, seed, from, to, tape, level);
        return session.run(job, RunControl.none()).checkedAgainst(job, session).merged();
    }

    /**
     * Why the first of runs [from, to) of seed under the guide that fails failed (its margins not relaxed), or empty
     * where none fails or each throws.
     */
    Optional<Failure> firstFailure(FamilyGuide guide, long seed, long from, long to) {
        Runner<?> runner = Execution.of(model).guide(guide).runner();
        for (long i = from; i < to; i++) {
            try {
                runner.run(seed, i);
            } catch (RuntimeException thrown) {
                continue; // the search's own runs report it
            }
            if (runner.failed()) {
                return Optional.of(runner.failure());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        session.close();
    }
}
