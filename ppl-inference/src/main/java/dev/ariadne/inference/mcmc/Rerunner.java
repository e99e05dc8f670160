package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.FailureCause;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Handlers;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.RunReplay;
import dev.ariadne.core.Runner;
import dev.ariadne.core.Trace;
import dev.ariadne.core.dist.LogMath;
import dev.ariadne.core.dist.ValueKind;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Runs the model for one chain: a replay of a state with one choice edited, a run from the prior or a guide, or
 * the scoring of a state under a guide. Every run records its choices into a {@link TraceState} and evaluates the
 * chain's target there. Run k of a chain draws its fresh choices from the stream (run seed, k), so a chain is
 * reproducible from its run seed and kernel stream alone, whatever thread it runs on.
 *
 * @param <T> the model's return type
 */
final class Rerunner<T> {

    private final Model<T> model;
    private final Replayer replayer = new Replayer();
    private final Runner<T> runner;
    /** The runner of replays on the engine's own path: no handlers. */
    private final Runner<T> direct;
    private final RunReplay plan = new RunReplay();
    /** The state {@link #plan} holds the choices of, at its {@link TraceState#version}. */
    private TraceState<T> planned;
    private int plannedVersion;
    /** The state the last replay on the engine's path made, at its version, and the choice it edited. */
    private TraceState<T> made;
    private int madeVersion;
    private int madeEdit;
    private final Map<Guide, Runner<T>> guided = new IdentityHashMap<>();
    private final TraceState<T> scratch = new TraceState<>();
    Target<? super T> target;
    private long runSeed;
    private long nextRun;
    /** The fresh choices' and stale choices' log prior sums and counts of the last replay. */
    double freshLogP;
    double staleLogP;
    int freshCount;
    int staleCount;
    /** The position of the edited choice in the last replay's state, or -1. */
    int editedAt;
    /**
     * The value the edited choice took in the last replay, as a number (a boolean as 0 or 1), known also when the run
     * then failed; NaN if unknown (not a scalar).
     */
    double editedValue;
    /** Whether replays try the engine's path first (tests compare it with the handler's by turning it off). */
    boolean engineReplay = true;
    /** How many replays the engine's path made (the others went through the {@link Replayer}). */
    long engineReplays;
    /** Why the last run had target density 0: where it failed, or that the target excludes it; null if it did not. */
    String lastZero;
    /** Why the last run made here failed, or null if it did not. */
    FailureCause lastFailureCause;
    /** The observation at which the last run failed, or null if it did not fail at one (a factor, a condition). */
    Address lastFailureAddress;
    /** What the engine's replay of the current step threw, until the same run made with the handler says more. */
    private ModelException replayThrew;

    Rerunner(Model<T> model, Target<? super T> target) {
        this.model = model;
        this.target = target;
        this.runner = Execution.of(model).with(replayer).leanRunner();
        this.direct = Execution.of(model).leanRunner();
    }

    void reseed(long runSeed) {
        this.runSeed = runSeed;
        this.nextRun = 0;
    }

    /**
     * Re-runs the model reusing {@code source}'s choices except the one at position {@code edit}, which takes
     * {@code editValue} (boxed) or, if that is null, a fresh draw from its prior. Records into {@code into} and sets
     * {@link #freshLogP}, {@link #staleLogP} and {@link #editedAt}.
     */
    TraceState<T> replay(TraceState<T> source, int edit, Object editValue, TraceState<T> into) {
        long run = nextRun++;
        if (engineReplay && replayed(source, edit, editValue, into, run)) {
            engineReplays++;
            freshLogP = 0;
            freshCount = 0;
            staleLogP = 0;
            staleCount = 0;
            editedAt = edit;
            editedValue = edit >= 0 ? into.scalars[edit] : Double.NaN;
            return into;
        }
        ModelException first = replayThrew;
        replayThrew = null;
        replayer.prepare(source, edit, editValue, into, null);
        execute(runner, into, run);
        if (first != null) {
            throw new IllegalStateException("on this step's run, " + ModelException.reasonAndSite(first)
                    + ", and the same run, made again with the same choices and the same stream, did not: a model must"
                    + " be a deterministic function of its choices for MCMC (no randomness or state outside Prob)",
                    first);
        }
        editedValue = replayer.editedValue;
        freshLogP = 0;
        freshCount = 0;
        editedAt = -1;
        int[] origin = replayer.origin;
        for (int k = 0; k < into.size; k++) {
            if (origin[k] == Replayer.FRESH) {
                freshLogP += into.logPs[k];
                freshCount++;
            } else if (origin[k] == Replayer.EDITED) {
                editedAt = k;
            }
        }
        staleLogP = 0;
        staleCount = 0;
        boolean[] used = replayer.used;
        for (int j = 0; j < source.size; j++) {
            if (!used[j] && j != edit) {
                staleLogP += source.logPs[j];
                staleCount++;
            }
        }
        if (edit >= 0 && !replayer.editReached && !runner.failed()) {
            throw new IllegalStateException("replaying the chain's state, the model never reached "
                    + source.address(edit) + ", which it reached with the same earlier choices before: a model must be"
                    + " a deterministic function of its choices for MCMC (no randomness or state outside Prob)");
        }
        return into;
    }

    /**
     * The replay on the engine's own path ({@link Runner#replay}), without the handler: true if the run made
     * {@code source}'s choices site for site (every choice reused but the edited one, none fresh, none stale), which
     * it then recorded into {@code into} exactly as the {@link Replayer} would have; false if the structure changed,
     * the run failed, the model threw, or the edit is not a number, and the caller makes the same run (same stream)
     * with the handler.
     */
    private boolean replayed(TraceState<T> source, int edit, Object editValue, TraceState<T> into, long run) {
        double value;
        if (editValue == null) {
            value = Double.NaN;
        } else if (edit >= 0 && source.kinds[edit] == ValueKind.REAL && editValue instanceof Double) {
            value = (Double) editValue;
        } else if (edit >= 0 && source.kinds[edit] == ValueKind.INT && editValue instanceof Integer) {
            value = (Integer) editValue;
        } else if (edit >= 0 && source.kinds[edit] == ValueKind.BOOL && editValue instanceof Boolean) {
            value = (Boolean) editValue ? 1 : 0;
        } else {
            return false;
        }
        RunReplay plan = planOf(source);
        plan.edit(edit, value);
        into.clear();
        plan.priorsInto(into.priorsForReplay(source.size));
        Runner<T> r = direct;
        try {
            if (!r.replay(runSeed, run, plan)) {
                return false;
            }
        } catch (ModelException e) {
            replayThrew = e; // made again with the handler, which throws it again with its explanation, or must not
            return false;
        }
        into.replayed(source, plan, r.history());
        readTotals(r, into);
        made = into;
        madeVersion = into.version;
        madeEdit = edit;
        return true;
    }

    /**
     * The replay of {@code source}'s choices: kept from the last replay when {@code source} is the state it was made
     * from (a rejected proposal) or the state that replay made (an accepted one, which differs in the edited choice
     * alone), and neither has changed since; otherwise made afresh.
     */
    private RunReplay planOf(TraceState<T> source) {
        RunReplay p = plan;
        if (source == planned && source.version == plannedVersion) {
            return p;
        }
        if (source == made && source.version == madeVersion) {
            if (madeEdit >= 0) {
                p.set(madeEdit, source.scalars[madeEdit], source.objects[madeEdit]);
            }
        } else {
            p.clear();
            for (int c = 0; c < source.size; c++) {
                p.add(source.names[c], source.indices[c], source.scopes[c], source.priors[c], source.scalars[c],
                        source.objects[c]);
            }
        }
        planned = source;
        plannedVersion = source.version;
        made = null;
        return p;
    }

    /** A run from the prior, recorded into {@code into}. */
    TraceState<T> fromPrior(TraceState<T> into) {
        replayer.prepare(null, -1, null, into, null);
        execute(runner, into);
        return into;
    }

    /** A run drawn from the guide, recorded into {@code into}, with its log q cached on the state. */
    TraceState<T> fromGuide(Guide guide, TraceState<T> into) {
        Runner<T> r = guided.computeIfAbsent(guide, g -> Execution.of(model).guide(g).with(replayer).leanRunner());
        replayer.prepare(null, -1, null, into, null);
        execute(r, into);
        into.scoredBy = guide;
        into.logQScore = r.logQ();
        return into;
    }

    /** The run that replays a recorded trace's latent values by address (fresh where it has none). */
    TraceState<T> fromTrace(Trace trace, TraceState<T> into) {
        return fromHandler(Handlers.replay(trace), into);
    }

    /** The run whose latent values come from a map of printed addresses to values (fresh where it has none). */
    TraceState<T> fromValues(Map<String, ?> values, TraceState<T> into) {
        return fromHandler(new FixedChoices(values), into);
    }

    private TraceState<T> fromHandler(dev.ariadne.core.Handler values, TraceState<T> into) {
        Runner<T> r = Execution.of(model).with(values).with(replayer).leanRunner();
        replayer.prepare(null, -1, null, into, null);
        execute(r, into);
        return into;
    }

    /**
     * log q(x) of the state's choices under the guide, as a run guided by it would have scored them (the whole-run
     * mixture for a defensive guide). Cached on the state until its choices change.
     */
    double logQ(TraceState<T> state, Guide guide) {
        if (state.scoredBy == guide) {
            return state.logQScore;
        }
        replayer.prepare(state, -1, null, scratch, guide);
        execute(runner, scratch);
        if (scratch.size != state.size || runner.failed()) {
            throw new IllegalStateException("replaying a state of the chain did not reproduce it (" + state.size
                    + " choices, replayed " + scratch.size + "): a model must be a deterministic function of its"
                    + " choices for MCMC");
        }
        double lq = replayer.scoreLogQ;
        double alpha = guide.wholeRunPriorShare();
        if (alpha > 0) {
            lq = LogMath.logAddExp(Math.log(alpha) + state.logPrior, Math.log1p(-alpha) + lq);
        }
        state.scoredBy = guide;
        state.logQScore = lq;
        return lq;
    }

    /** The target's log density at a state whose totals are known. */
    double logTarget(TraceState<T> s) {
        double lt = target.logDensity(s.logPrior, s.logLikelihood, s.value);
        if (Double.isNaN(lt) || lt == Double.POSITIVE_INFINITY) {
            // +inf too: two states of infinite density make an acceptance ratio of inf - inf
            throw new IllegalStateException("the target's log density is " + lt + " (log prior " + s.logPrior
                    + ", log likelihood " + s.logLikelihood + "); a target must return a finite number or -inf");
        }
        return lt;
    }

    private void execute(Runner<T> r, TraceState<T> into) {
        execute(r, into, nextRun++);
    }

    private void execute(Runner<T> r, TraceState<T> into, long run) {
        r.run(runSeed, run);
        lastFailureCause = r.failed() ? r.failureCause() : null;
        lastFailureAddress = r.failed() && r.failure().distribution() != null ? r.failure().address() : null;
        if (r.failed()) {
            lastZero = String.valueOf(r.failure());
            into.logPrior = Double.NEGATIVE_INFINITY;
            into.logLikelihood = Double.NEGATIVE_INFINITY;
            into.logTarget = Double.NEGATIVE_INFINITY;
            into.value = null;
            return;
        }
        readBack(r, into);
    }

    /** Reads the values of the run {@code r} made into the choices recorded in {@code into}, and its totals. */
    private void readBack(Runner<T> r, TraceState<T> into) {
        History h = r.history();
        for (int i = 0; i < into.size; i++) {
            int p = into.positions[i];
            switch (into.kinds[i]) {
                case REAL:
                    into.scalars[i] = h.real(p);
                    break;
                case INT:
                    into.scalars[i] = h.integer(p);
                    break;
                case BOOL:
                    into.scalars[i] = h.bool(p) ? 1 : 0;
                    break;
                case VECTOR:
                    into.objects[i] = h.vector(p);
                    break;
                default:
                    into.objects[i] = h.value(p);
            }
        }
        readTotals(r, into);
    }

    /** Reads the totals and the return value of the run {@code r} made into {@code into}, and its target density. */
    private void readTotals(Runner<T> r, TraceState<T> into) {
        lastZero = null;
        into.logPrior = r.logPrior();
        into.logLikelihood = r.logLikelihood();
        into.value = dev.ariadne.core.ReturnValues.kept(r.value());
        into.logTarget = logTarget(into);
        if (into.logTarget == Double.NEGATIVE_INFINITY) {
            lastZero = "outside the target";
        }
    }
}
