package dev.ariadne.core;

/**
 * Unwinds a run whose weight has become 0 (a false condition, a zero likelihood, a value outside the support)
 * when it reaches its next site. It is an Error without a stack trace, so that user code catching Exception does
 * not swallow it and so that making it costs nothing.
 */
final class RunAborted extends Error {

    private static final long serialVersionUID = 1L;

    static final RunAborted INSTANCE = new RunAborted();

    private RunAborted() {
        super("run aborted: weight 0", null, false, false);
    }
}
