package dev.ariadne.inference.rare;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.run.RunCancelledException;
import java.util.Optional;

/**
 * Subset simulation from the prior as a second route to P(e), set beside a guide's estimate where the evidence is
 * stated with margins ({@code p.condition(name, score, threshold)}) and rare: importance sampling from the prior then
 * meets it too seldom to stand beside the guide, but subset simulation's levels climb from the prior's whole
 * population and reach every region of the event its margins rise towards. A guide that settles in one region of an
 * event with several draws runs that all look healthy, and reads P(e) low by the share it misses; no statistic of its
 * own runs can show it. Importance sampling's diagnostics and a search's certification both read this route.
 */
public final class SubsetRoute {

    /** The particles of each level. */
    public static final int PARTICLES = 500;
    /** The sweeps after the pilot: enough for a standard error of the mean of their estimates. */
    public static final int SWEEPS = 40;
    /** The prior runs (margins relaxed) that look for a margin condition. */
    public static final int PROBE_RUNS = 100;

    private SubsetRoute() {
    }

    /**
     * Whether the model states its evidence with margins: some of its first {@link #PROBE_RUNS} runs from the prior,
     * margins relaxed, reach a margin condition. Runs the model fails are passed over (its own call reports them).
     */
    public static boolean statesMargins(Model<?> model, long seed) {
        Runner<?> runner = Execution.of(model).relaxMargins(true).leanRunner().dropValues();
        for (int i = 0; i < PROBE_RUNS; i++) {
            try {
                runner.run(seed, i);
                if (Double.isFinite(runner.margin())) {
                    return true;
                }
            } catch (RuntimeException e) {
                // a run the model fails: the call that made the guide's runs reports it
            }
        }
        return false;
    }

    /**
     * What the route read: an estimate of log P(e) with a finite standard error, or why there is none.
     *
     * @param estimate the estimate, empty where there is none
     * @param whyNone  why there is none, blank where there is one
     * @param threw    whether there is none because the model threw under the route's moves
     */
    public record Reading(Optional<Estimate> estimate, String whyNone, boolean threw) {

        /** An estimate, or why none, without an error thrown. */
        public Reading(Optional<Estimate> estimate, String whyNone) {
            this(estimate, whyNone, false);
        }
    }

    /**
     * Subset simulation's estimate of log P(e) from {@code sweeps} sweeps of {@link #PARTICLES} particles with
     * {@code seed}, or why it gives none: its pilot could not climb, it gave no estimate with a standard error, or the
     * model fails under its moves. A cancelled call still stops.
     */
    public static Reading logEvidence(Model<?> model, int sweeps, long seed) {
        SubsetResult route;
        try {
            route = SubsetSimulation.of(model).particles(PARTICLES).sweeps(sweeps).seed(seed)
                    .parallelism(Math.max(1, Math.min(sweeps, Runtime.getRuntime().availableProcessors()))).run();
        } catch (RunCancelledException cancelled) {
            throw cancelled;
        } catch (RuntimeException cannot) {
            return new Reading(Optional.empty(), "it failed: " + cannot.getMessage(), true);
        }
        if (route.failure().isPresent()) {
            return new Reading(Optional.empty(), "its pilot stopped: " + route.failure().get());
        }
        Estimate other = route.logEvidence();
        if (!(other.value() > Double.NEGATIVE_INFINITY) || !Double.isFinite(other.standardError())) {
            return new Reading(Optional.empty(), "it gave no estimate with a standard error: " + other.label());
        }
        return new Reading(Optional.of(other), "");
    }
}
