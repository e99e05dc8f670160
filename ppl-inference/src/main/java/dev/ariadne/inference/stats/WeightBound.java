package dev.ariadne.inference.stats;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one place that knows whether every importance weight of a run is bounded, and by what: an upper bound on
 * P(e), and with it the rigorous interval for P(h | e), rest on it. It is derived from a bound the user
 * <em>states</em> on the likelihood ({@code Importance.of(m).maxLogLikelihood(C)}: no run's evidence weighs more
 * than e^C) and from the form of the proposal; every run is checked against the statement.
 *
 * <p><b>Why the bound holds for every possible run, not only the sampled ones.</b> A run x has the weight
 * {@code w(x) = p(x, e) / q(x) = p(e | x) * p(x) / q(x)}. The statement {@code log p(e | x) <= C} is a fact about
 * the model, for all x, that its author knows: every observation of a discrete value has mass at most 1 and a
 * condition weighs 0 or 1, so such a model has {@code C = 0}; a factor of at most log 1000 adds log 1000; a
 * normal observation with sd s has density at most {@code 1 / (s sqrt(2 pi))}. The second factor is bounded by
 * the construction of the proposal, for every x alike:
 * <ul>
 *   <li>the prior as proposal: {@code q(x) = p(x)}, so {@code p(x) / q(x) = 1} and {@code log w(x) <= C};</li>
 *   <li>the whole-run defensive mixture ({@link Guide#wholeRunPriorShare()} = alpha &gt; 0): {@code q(x) =
 *       alpha p(x) + (1 - alpha) g(x) >= alpha p(x)}, so {@code log w(x) <= C - log alpha};</li>
 *   <li>any other guide or guide program: q(x) may be as small as it likes where p(x) is not, so no bound holds
 *       for every x, however small the sampled weights are.</li>
 * </ul>
 * Neither step looks at a sample, so the bound covers runs that were never drawn, and the betting upper
 * confidence bound that uses it ({@link BettingBound#logUpperBound(double)}) is valid whenever the statement is
 * true. Without a statement there is no bound, and no upper bound on P(e): checking the weights of the runs that
 * were made cannot prove a bound on the runs that were not (a branch of probability 1e-3 that multiplies the
 * weight by 1000 is missed by 100 runs in 90% of seeds, and an interval resting on "the weights seen were at most
 * 1" was then offered and wrong 913 times in 1000).
 *
 * <p><b>The check.</b> A statement cannot be proven from runs, but a run can disprove it: {@link #check(Runner)}
 * compares each run's {@code log p(e | x)} ({@link Runner#logLikelihood()}) with C and throws a
 * {@link LikelihoodBoundException} naming the run, the site that pushed it over and the value. A false statement
 * is an error, never a silent refusal of the interval. The check costs one comparison per run.
 *
 * <p><b>Rounding.</b> A log weight is computed as log p - log q over many sites, so it may exceed the exact
 * {@code C - log alpha} by a few units in the last place. Weights up to {@link #ROUNDING} (in log) above the bound
 * are admitted, and the upper bound is computed for weights at most {@code c e^ROUNDING}, so it holds for the
 * computed weights exactly; it is looser by a relative 1e-9.
 *
 * <p>Immutable and serialisable, so a plan that carries it can run anywhere.
 */
public final class WeightBound implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How far (in log) a computed log weight may exceed the bound through rounding: a relative 1e-9. */
    public static final double ROUNDING = 1e-9;

    private static final String NO_STATEMENT = "no bound on the likelihood was stated, and the weights of the runs "
            + "that were made cannot prove a bound on the runs that were not: state one with "
            + "maxLogLikelihood(C), C >= log p(e | x) for every possible run x (C = 0 when all evidence is discrete "
            + "observations and conditions)";

    private static final WeightBound NONE = new WeightBound(Double.NaN, Double.POSITIVE_INFINITY, "no proposal",
            "no known bound on the weights: from importance weights alone no upper confidence bound exists");

    /** The stated bound C on log p(e | x), or NaN when none was stated. */
    private final double maxLogLikelihood;
    /** The log of the bound on every weight, or +inf when there is none. */
    private final double logBound;
    /** The proposal the bound was derived for, in words. */
    private final String proposal;
    /** Why there is no bound, or null when there is one. */
    private final String reason;

    private WeightBound(double maxLogLikelihood, double logBound, String proposal, String reason) {
        this.maxLogLikelihood = maxLogLikelihood;
        this.logBound = logBound;
        this.proposal = proposal;
        this.reason = reason;
    }

    /** No bound on the weights: lower bounds only. */
    public static WeightBound none() {
        return NONE;
    }

    /**
     * A bound on every weight known directly, {@code log w <= logC} for every possible run: for callers that feed
     * {@link BettingBound} with weights of their own and can vouch for the bound (it is not derived here).
     *
     * @param logC the log of the bound, finite
     */
    public static WeightBound atMost(double logC) {
        if (!Double.isFinite(logC)) {
            throw new IllegalArgumentException("the log of a weight bound must be finite, got " + logC);
        }
        return new WeightBound(Double.NaN, logC, "weights bounded by the caller", null);
    }

    /**
     * The bound for importance sampling with {@code guide} as the proposal (null or {@link Guide#prior()} for the
     * prior) and the user's statement about the likelihood, if any (see the class notes for the derivation).
     *
     * @param maxLogLikelihood the stated C with {@code log p(e | x) <= C} for every run, or empty
     * @param guide            the guide, or null for the prior
     */
    public static WeightBound forGuide(OptionalDouble maxLogLikelihood, Guide guide) {
        double c = stated(maxLogLikelihood);
        double alpha = guide == null ? 0 : guide.wholeRunPriorShare();
        if (guide == null || guide == Guide.prior()) {
            return derived(c, 0, "the prior");
        }
        if (alpha > 0) {
            return derived(c, -Math.log(alpha), "a whole-run defensive mixture (the prior's share alpha = "
                    + alpha + ")");
        }
        return new WeightBound(c, Double.POSITIVE_INFINITY, "a guide", "the proposal is a guide other than the "
                + "prior or a whole-run defensive mixture, so p(x) / q(x) has no bound that holds for every run, "
                + "however small the sampled weights (Guide.defensive(alpha, guide) bounds it by 1 / alpha)");
    }

    /**
     * The bound for importance sampling with a guide program as the proposal: none, since its density q(x) has no
     * lower bound in terms of the prior; the statement, if any, is still checked on every run.
     */
    public static WeightBound forGuideProgram(OptionalDouble maxLogLikelihood) {
        return new WeightBound(stated(maxLogLikelihood), Double.POSITIVE_INFINITY, "a guide program",
                "the proposal is a guide program, so p(x) / q(x) has no bound that holds for every run (only the "
                        + "prior or a whole-run defensive mixture bounds it)");
    }

    private static double stated(OptionalDouble maxLogLikelihood) {
        if (maxLogLikelihood.isEmpty()) {
            return Double.NaN;
        }
        double c = maxLogLikelihood.getAsDouble();
        checkStatement(c);
        return c;
    }

    /**
     * Validates a stated bound on log p(e | x): finite (a bound of +inf states nothing; use no statement instead).
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static void checkStatement(double maxLogLikelihood) {
        if (!Double.isFinite(maxLogLikelihood)) {
            throw new IllegalArgumentException("maxLogLikelihood must be finite (the largest log p(e | x) any run "
                    + "can reach), got " + maxLogLikelihood);
        }
    }

    private static WeightBound derived(double c, double logRatio, String proposal) {
        if (Double.isNaN(c)) {
            return new WeightBound(c, Double.POSITIVE_INFINITY, proposal, NO_STATEMENT);
        }
        return new WeightBound(c, c + logRatio, proposal, null);
    }

    /** Whether every weight is bounded, so that P(e) has an upper confidence bound. */
    public boolean isBounded() {
        return reason == null;
    }

    /** The log of the bound on every weight, {@code +inf} when there is none. */
    public double logWeightBound() {
        return logBound;
    }

    /** The stated bound C on log p(e | x), if one was stated. */
    public OptionalDouble maxLogLikelihood() {
        return Double.isNaN(maxLogLikelihood) ? OptionalDouble.empty() : OptionalDouble.of(maxLogLikelihood);
    }

    /** Why there is no bound on the weights (and so no upper bound on P(e)), or empty when there is one. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(reason);
    }

    /** Whether a computed log weight lies within the bound, rounding included ({@link #ROUNDING}). */
    public boolean admits(double logWeight) {
        return logWeight <= logBound + ROUNDING;
    }

    /** The log bound the upper confidence bound is computed for: the bound widened by {@link #ROUNDING}. */
    double logCapacity() {
        return logBound + ROUNDING;
    }

    /**
     * Checks the runner's last run against the statement: its {@code log p(e | x)} must not exceed the stated C,
     * and (where the weights are bounded) its log weight must lie within the bound. Does nothing without a
     * statement.
     *
     * @throws LikelihoodBoundException if the run's likelihood exceeds the statement; it names the run, the site
     *                                  that pushed the likelihood over C and the values
     * @throws IllegalStateException    if the likelihood is within the statement but the weight is not (the
     *                                  proposal is not what it claims to be: an internal error)
     */
    public void check(Runner<?> r) {
        if (Double.isNaN(maxLogLikelihood)) {
            return;
        }
        double ll = r.logLikelihood();
        // The likelihood as its sites' log p sum it may exceed a bound exact in real arithmetic by a few units in the
        // last place (a chain of factors whose all-up run reaches (N - 1) J + N H read 10.600000000000001 for a stated
        // 10.6); a run within ROUNDING of it is admitted, as the upper bound is computed for weights up to e^ROUNDING
        // above the bound (logCapacity), so it still holds for such a run.
        if (ll > maxLogLikelihood + ROUNDING) {
            throw violation(r, ll);
        }
        if (reason == null && !admits(r.logWeight())) {
            throw new IllegalStateException(String.format(Locale.ROOT, "run %d of seed %d has log weight %.9g "
                    + "above the bound %.9g derived for %s, though its log likelihood %.9g is within the stated "
                    + "%.9g: the proposal's density is not what the bound assumes", r.runIndex(), r.seed(),
                    r.logWeight(), logBound, proposal, ll, maxLogLikelihood));
        }
    }

    private LikelihoodBoundException violation(Runner<?> r, double ll) {
        // The site that pushed the running sum of evidence log p over C for the last time.
        double sum = 0;
        int culprit = -1;
        for (int i = 0, n = r.siteCount(); i < n; i++) {
            if (r.siteKind(i) == SiteKind.LATENT) {
                continue;
            }
            double before = sum;
            sum += r.siteLogP(i);
            if (before <= maxLogLikelihood && sum > maxLogLikelihood) {
                culprit = i;
            }
        }
        String why;
        if (culprit >= 0) {
            why = "the " + kindName(r.siteKind(culprit)) + " site " + r.siteAddress(culprit) + " (log p "
                    + show(r.siteLogP(culprit)) + ") pushed it over";
        } else if (sum > maxLogLikelihood) {
            // "never came down to it" read as if the sum had stayed at 0, where it fell to -7.81 against -8 (a new user)
            why = "no one site pushed it over: its evidence sites' log p add up to " + show(sum) + ", and their running "
                    + "sum started at 0, above the stated bound, and ended at " + show(sum) + " without falling below "
                    + show(maxLogLikelihood);
        } else {
            why = "its evidence sites' log p add up to " + show(sum) + ", within the bound, and the scaling of them "
                    + "by the run's handlers (tempering, say) took it over";
        }
        boolean close = show(ll).equals(show(maxLogLikelihood)); // then every digit, so that they differ in print
        String message = "run " + r.runIndex() + " of seed " + r.seed() + " has log p(e | x) = "
                + (close ? Double.toString(ll) : show(ll)) + ", above the stated maxLogLikelihood("
                + (close ? Double.toString(maxLogLikelihood) : show(maxLogLikelihood)) + "); " + why + ". "
                + "The upper bound on P(e) and the rigorous interval rest on that statement holding for every run: "
                + "state the largest log p(e | x) any run can reach, or state none";
        return new LikelihoodBoundException(message, r.seed(), r.runIndex(),
                culprit < 0 ? null : r.siteAddress(culprit), ll, maxLogLikelihood);
    }

    /** e^l, or "e^l" where it underflows or overflows a double (a statistician read "weights at most 0"). */
    static String showExp(double l) {
        double x = Math.exp(l);
        return x > 0 && x < Double.POSITIVE_INFINITY ? show(x) : "e^" + show(l);
    }

    /** A number to six significant digits, without trailing zeros: 0, 2000, 6.90776, 1.5E-7. */
    static String show(double x) {
        if (!Double.isFinite(x)) {
            return String.valueOf(x);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros();
        double a = Math.abs(x);
        return a == 0 || (a >= 1e-4 && a < 1e7) ? d.toPlainString() : d.toString();
    }

    private static String kindName(SiteKind k) {
        switch (k) {
            case OBSERVED:
                return "observe";
            case FACTOR:
                return "factor";
            case CONDITION:
                return "condition";
            default:
                return k.name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The bound in words, for notes: the weight bound and where it comes from, or why there is none.
     */
    public String describe() {
        if (reason != null) {
            return reason;
        }
        if (Double.isNaN(maxLogLikelihood)) {
            return "weights at most " + showExp(logBound) + " (" + proposal + ")";
        }
        return "weights at most " + showExp(logBound) + ": the stated maxLogLikelihood("
                + show(maxLogLikelihood) + ") with " + proposal + " as proposal";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WeightBound)) {
            return false;
        }
        WeightBound w = (WeightBound) o;
        return Double.compare(w.maxLogLikelihood, maxLogLikelihood) == 0 && Double.compare(w.logBound, logBound) == 0
                && java.util.Objects.equals(w.reason, reason);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(maxLogLikelihood, logBound, reason);
    }

    @Override
    public String toString() {
        return "WeightBound(" + describe() + ")";
    }
}
