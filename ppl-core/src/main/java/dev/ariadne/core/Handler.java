package dev.ariadne.core;

/**
 * An effect handler, in the style of Pyro's poutine messengers. Handlers wrap a model in a stack: at each site
 * {@link #process} runs from the innermost handler outwards (stopping at one that calls {@link Message#stop}),
 * then the site's value is drawn if none was set, its log p and log q are computed, and {@link #postprocess}
 * runs on the handlers that processed it, outermost first.
 *
 * <p>A handler instance belongs to one runner (it may hold per-run state such as a trace); create one per
 * thread.
 */
public abstract class Handler {

    /** Called at the start of every run. */
    protected void enterRun() {
    }

    /** Called before the site's value is known: may set the value, the proposal or the scale, or stop it. */
    protected void process(Message m) {
    }

    /** Called after the site's value, log p and log q are known. */
    protected void postprocess(Message m) {
    }

    /** Called when a run ends, whether it completed or failed. */
    protected void exitRun() {
    }

    /**
     * Called when a run has reached the model's end without failing, with the run's sites: returns what the run
     * lacks for this handler to have done its work (a conditioned site that it never reached), or null. The engine
     * turns a returned text into the run's error. Only the library's own handlers say so.
     */
    String unmetAtEnd(History history) {
        return null;
    }

    /**
     * The prior's share alpha when this handler guides whole runs as a defensive mixture (as
     * {@link Guide#wholeRunPriorShare()} says of a guide): the engine then flips the run's coin when the run starts,
     * draws every latent value of a run that follows the prior from its prior, and scores the run under the
     * mixture. 0, the default, for every other handler. At most one guide or handler of an execution may say so.
     */
    protected double wholeRunPriorShare() {
        return 0;
    }
}
