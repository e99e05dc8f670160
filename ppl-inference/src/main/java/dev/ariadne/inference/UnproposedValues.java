package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Support;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A value of a finite discrete latent site that the guide all but never proposes, though the prior gives it real
 * weight: found from the guide's proposals themselves, because the weights cannot show it. Importance sampling
 * estimates P(e) by the runs it draws; a value with proposal probability q at a site is drawn about q N times in N
 * runs, so where q N is far below 1 the estimates leave out whatever share of the posterior that value has, and no
 * weight, k-hat or ESS can say so (a guide that sits on one mode shows healthy diagnostics). The lower bounds stay
 * valid: they only lose that share.
 *
 * <p>Looked for in the first runs of the call (see {@link #TRIAL_RUNS}), made again with their traces: at each
 * latent site whose prior is a {@link BoolDist} or an {@link IntDist} of at most {@link #MAX_VALUES} values, a value v
 * with prior probability p(v) of at least {@link #MIN_PRIOR} (in some run) and q(v) N below
 * {@link #MAX_EXPECTED_DRAWS}, where q(v) is its proposal probability averaged over those runs. A guide mixed with the
 * prior over whole runs ({@code Guide.defensive}) proposes every value with at least alpha p(v) and is not checked.
 */
final class UnproposedValues {

    /**
     * At most how many of the call's first runs are made again to read their proposals: one in a hundred of the
     * call's runs, between {@link #MIN_TRIAL_RUNS} and this, so that the check adds at most 1% to a call of more
     * than 2,000 runs of an expensive model (and 20 runs to a shorter call).
     */
    static final int TRIAL_RUNS = 100;
    /** At least how many runs are made again (or all the call's runs, if fewer). */
    static final int MIN_TRIAL_RUNS = 20;
    /** The largest finite support whose values are each looked at. */
    static final int MAX_VALUES = 1000;
    /** The least prior probability of a value for its absence to matter. */
    static final double MIN_PRIOR = 0.01;
    /** A value expected to be drawn fewer times than this in the call's runs is one the estimates do not see. */
    static final double MAX_EXPECTED_DRAWS = 0.01;

    private UnproposedValues() {
    }

    /** What the trial runs said of one value at one address: its proposal probabilities' sum, and its largest prior. */
    private static final class Seen {
        double proposed;
        double prior;
    }

    /**
     * The verdict for the value the guide proposes least against its prior probability, over the first runs of
     * {@code seed} (see the class comment), for a call of {@code runs} runs; empty if there is none. A value's
     * proposal probability is averaged over those runs (0 in a run without its site), which estimates how often the
     * guide draws it: a guide whose proposal at a site depends on earlier choices (one mode in some runs, another in
     * others) proposes in some runs what it never proposes in others. A run that fails to run again here is skipped:
     * the call itself ran it.
     */
    static <T> Optional<String> verdict(Execution<T> execution, long seed, long runs) {
        if (runs <= 0) {
            return Optional.empty();
        }
        Runner<T> runner = execution.runner();
        Map<String, Seen> seen = new LinkedHashMap<>();
        long trials = Math.min(runs, Math.max(MIN_TRIAL_RUNS, Math.min(TRIAL_RUNS, runs / 100)));
        for (long i = 0; i < trials; i++) {
            try {
                runner.run(seed, i);
                if (runner.defensiveAlpha() > 0) {
                    return Optional.empty();
                }
                for (TraceSite s : runner.trace().sites()) {
                    Dist p = s.prior();
                    Dist q = s.proposal() == null ? p : s.proposal();
                    int count = s.kind() == SiteKind.LATENT ? valueCount(p) : 0;
                    for (int k = 0; k < count; k++) {
                        Seen v = seen.computeIfAbsent(s.address() + " = " + show(p, k), a -> new Seen());
                        double prior = Math.exp(logMass(p, p, k));
                        v.prior = Math.max(v.prior, prior);
                        v.proposed += q == p ? prior : Math.exp(logMass(q, p, k));
                    }
                }
            } catch (RuntimeException e) {
                // made and reported by the call itself
            }
        }
        String worst = null;
        double worstRatio = 0;
        for (Map.Entry<String, Seen> e : seen.entrySet()) {
            double q = e.getValue().proposed / trials;
            double p = e.getValue().prior;
            if (p >= MIN_PRIOR && q * runs < MAX_EXPECTED_DRAWS && p / q > worstRatio) {
                worstRatio = p / q;
                worst = String.format(Locale.ROOT, "the guide proposes %s with probability %s on average over the "
                        + "first %d runs, where the prior gives it %.3g: at that rate %,d runs expect to draw it %s "
                        + "times, so the estimates leave out whatever posterior mass that value has, and no weight "
                        + "can show it (the lower bounds stay valid, only lower); mix the prior back in "
                        + "(Guide.defensive) or check with Mcmc", e.getKey(), probability(q), trials, p, runs,
                        probability(q * runs));
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The number of values of a finite discrete prior with at most {@link #MAX_VALUES} values, else 0. */
    private static int valueCount(Dist p) {
        if (p instanceof BoolDist) {
            return 2;
        }
        if (p instanceof IntDist) {
            Support s = p.support();
            double n = s.upper() - s.lower() + 1;
            return s.isFinite() && n <= MAX_VALUES ? (int) n : 0;
        }
        return 0;
    }

    /** The log probability under {@code d} of the k-th value of {@code p}'s support (-inf if d has another kind). */
    private static double logMass(Dist d, Dist p, int k) {
        if (p instanceof BoolDist) {
            return d instanceof BoolDist b ? b.logMass(k == 1) : Double.NEGATIVE_INFINITY;
        }
        return d instanceof IntDist n ? n.logMass(valueOf(p, k)) : Double.NEGATIVE_INFINITY;
    }

    private static int valueOf(Dist p, int k) {
        return (int) p.support().lower() + k;
    }

    private static String show(Dist p, int k) {
        return p instanceof BoolDist ? Boolean.toString(k == 1) : Integer.toString(valueOf(p, k));
    }

    private static String probability(double x) {
        return x == 0 ? "0" : String.format(Locale.ROOT, "%.3g", x);
    }
}
