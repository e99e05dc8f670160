package dev.ariadne.core;

/** Why a run has weight 0 (log p = -inf). */
public enum FailureCause {
    /** A {@code condition} was false. */
    CONDITION_FALSE,
    /** An observation had density 0, or a factor was -inf. */
    ZERO_LIKELIHOOD,
    /** A proposal put a latent value outside the prior's support. */
    SUPPORT_VIOLATION
}
