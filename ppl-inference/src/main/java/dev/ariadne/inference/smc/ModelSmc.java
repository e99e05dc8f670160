package dev.ariadne.inference.smc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import java.util.List;
import java.util.Objects;

/**
 * Sequential Monte Carlo for any {@link Model}, with no change to how the model is written: the particles advance
 * from one evidence site ({@code observe}, {@code observeAll}, {@code factor}, {@code condition}) to the next, and
 * are resampled there when the ESS falls below the threshold. Immutable: each setter returns a new configuration.
 * Made by {@link Smc#of}.
 *
 * <pre>{@code
 * SmcResult<Boolean> r = Smc.of(model).particles(5_000).sweeps(50).seed(4).hypothesis("s0", s0 -> s0).run();
 * r.logEvidence();                 // log Z-hat with its standard error across sweeps
 * r.lowerBound(0.01);              // certified: P(e) >= L with probability 0.99
 * }</pre>
 *
 * <p><b>How a particle moves, and what it costs.</b> A particle is the prefix of its run so far: the latent values
 * its run has drawn, in order. To move it past its next evidence site, its run is made again from the start with the
 * recorded values replayed (neither drawn nor scored), fresh values drawn after them (from the guide, or the prior),
 * and the run stopped at the first latent site after that evidence site ({@link dev.ariadne.core.Runner#continueRun}).
 * Java has no continuations, so step k re-executes the sites before it, and a sweep of a model with T evidence sites
 * visits O(T^2) sites per particle, against O(T) for {@link Smc#stateSpace}; the model needs no rewriting, and any
 * model works, including models whose structure differs between runs. A resampled particle copies its ancestor's
 * prefix (O(k) values at step k). The incremental weight of step k is log p - log q of the latents drawn in it plus
 * log p of its evidence sites. A particle whose model returns is finished: its weight and value stay fixed.
 *
 * <p><b>Why the estimate is unbiased.</b> The targets are the model's unnormalised densities up to each evidence
 * site; a run that ends early keeps its final density. Z-hat, the product of the weighted mean incremental
 * weights, is unbiased and non-negative for any guide (Del Moral 2004), and resampling triggered by the ESS keeps
 * it so (Whiteley, Lee and Heine). Nothing is tuned from the particles, so every sweep is an independent unbiased
 * estimate: see {@link SmcResult} for the bounds.
 *
 * <p>The model's run must be determined by its random choices (replay relies on it; a violation is reported). A
 * whole-run defensive mixture ({@link Guide#defensive}) is refused: it flips one coin per run, and SMC re-runs a
 * particle at every step. Guide programs are not supported.
 *
 * @param <T> the model's return type
 */
public final class ModelSmc<T> extends SmcBuilder<T, ModelSmc<T>> {

    private final Model<T> model;
    private final Guide guide;

    private ModelSmc(Model<T> model, Guide guide, SmcSettings<T> settings) {
        super(settings);
        this.model = model;
        this.guide = guide;
    }

    static <T> ModelSmc<T> of(Model<T> model) {
        return new ModelSmc<>(Objects.requireNonNull(model, "model"), null, SmcSettings.defaults());
    }

    @Override
    ModelSmc<T> with(SmcSettings<T> s) {
        return new ModelSmc<>(model, guide, s);
    }

    /** The proposal for the latent sites (default: the prior). It may read the run's history, as in importance sampling. */
    public ModelSmc<T> guide(Guide g) {
        Objects.requireNonNull(g, "guide");
        if (g.wholeRunPriorShare() > 0) {
            throw new IllegalArgumentException("a whole-run defensive mixture flips one coin per run, and SMC runs a "
                    + "particle again at every evidence site: give SMC the guide itself");
        }
        return new ModelSmc<>(model, g == Guide.prior() ? null : g, settings);
    }

    /**
     * Runs the sweeps and returns the result.
     *
     * @throws SmcException if the model throws or cannot be replayed; it names the sweep, step and particle
     */
    public SmcResult<T> run() {
        dev.ariadne.core.Models.refuseCapturedRandomStreams(model, guide, settings);
        List<Sweep<T>> sweeps = SweepJob.sweeps(settings, () -> new ModelSweep<>(this));
        String description = "SMC over the model's evidence sites (generic form), " + settings.particles
                + " particles, " + (guide == null ? "the prior as proposal" : "a guide as proposal") + ", "
                + settings.resamplingDescription();
        // Each particle draws each latent value once, from the guide or the prior as importance sampling's runs do,
        // and resampling only copies values drawn: a value the proposal all but never draws is in no particle, and
        // the same check as importance sampling's names it.
        Execution<T> start = guide == null ? Execution.of(model) : Execution.of(model).guide(guide);
        return new SmcResult<>(sweeps, settings, List.of(), description).startingFrom(start);
    }

    Model<T> model() {
        return model;
    }

    Guide guide() {
        return guide;
    }
}
