package dev.ariadne.core;

/** Why a run has weight 0 (log p = -inf). */
public enum FailureCause {
    /** A {@code condition} was false. */
    CONDITION_FALSE,
    /** An observation had density 0, or a factor was -inf. */
    ZERO_LIKELIHOOD,
    /** A proposal put a latent value outside the prior's support. */
    SUPPORT_VIOLATION,
    /**
     * A proposal drew a value where doubles cannot carry its density's mass (within rounding of an end of its support
     * where the density is unbounded, or from a proposal so narrow that its density changes within one double's
     * rounding cell; {@link dev.ariadne.core.dist.RealDist#unrepresentableAt}), or its log density
     * at the draw was {@code +inf}, or {@code -inf} where the prior's is finite (a draw rounded onto an end of the
     * proposal's support where its density is 0): the run counts with weight 0, so the estimates leave out that zone
     * and the lower bounds hold.
     */
    UNREPRESENTABLE_DRAW;

    /** Why a run fails at a site of this kind whose log p is -inf. */
    static FailureCause at(SiteKind kind) {
        switch (kind) {
            case LATENT:
                return SUPPORT_VIOLATION;
            case CONDITION:
                return CONDITION_FALSE;
            default:
                return ZERO_LIKELIHOOD;
        }
    }
}
