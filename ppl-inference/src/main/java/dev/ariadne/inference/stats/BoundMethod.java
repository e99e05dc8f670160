package dev.ariadne.inference.stats;

/** How a confidence bound on the evidence (the mean weight) was obtained. */
public enum BoundMethod {
    /**
     * Betting confidence sequence (Waudby-Smith and Ramdas; Kaplan-Wald) on batch means with a fixed mixture of
     * bets: the tightest, valid at any stopping time. For lower bounds valid whenever weights are nonnegative; for
     * upper bounds only when the weights have a known bound checked on every run.
     */
    BETTING,
    /**
     * Product (free-energy) bound {@code -F-hat - log(1/delta)/n}: Markov's inequality on the product of the n
     * weights. Valid for a fixed n; tends to the ELBO, not to {@code log Z}; zero as soon as one weight is zero.
     */
    PRODUCT,
    /** Markov's inequality on Z-hat: {@code log Z-hat - log(1/delta)}. Valid for a fixed n; loses a factor 1/delta. */
    MARKOV
}
