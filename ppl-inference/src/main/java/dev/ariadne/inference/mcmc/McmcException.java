package dev.ariadne.inference.mcmc;

/**
 * An MCMC run failed: the model, a guide or a target threw, or a kernel met a model that is not a deterministic
 * function of its choices. The message names the chain, the phase and iteration, and the kernel; the cause is the
 * original exception (a {@link dev.ariadne.core.ModelException} names the run and the site).
 */
public final class McmcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    McmcException(String message, Throwable cause) {
        super(message, cause);
    }
}
