package dev.ariadne.inference.smc;

/**
 * An error inside an SMC sweep: user code threw, a distribution got an invalid parameter, or a log density was NaN.
 * The message says which sweep, step and particle (and the seed), and the original exception is the cause.
 */
public final class SmcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SmcException(String message, Throwable cause) {
        super(message, cause);
    }
}
