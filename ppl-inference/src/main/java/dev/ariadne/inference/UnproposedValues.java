package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Support;
import java.util.Locale;
import java.util.Optional;

/**
 * A value of a finite discrete latent site that the guide all but never proposes, though the prior gives it real
 * weight: found from the guide's proposals themselves, because the weights cannot show it. Importance sampling
 * estimates P(e) by the runs it draws; a value with proposal probability q at a site is drawn about q N times in N
 * runs, so where q N is far below 1 the estimates leave out whatever share of the posterior that value has, and no
 * weight, k-hat or ESS can say so (a guide that sits on one mode shows healthy diagnostics). The lower bounds stay
 * valid: they only lose that share.
 *
 * <p>Looked for in the first runs of the call (at most {@link #TRIAL_RUNS}, and one in a hundred of its runs), made
 * again with their traces: at each latent site whose prior is a {@link BoolDist} or an {@link IntDist} of at most
 * {@link #MAX_VALUES} values and whose proposal is another distribution, a value v with prior probability p(v) of at
 * least {@link #MIN_PRIOR} and q(v) N below {@link #MAX_EXPECTED_DRAWS}. A guide mixed with the prior over whole runs ({@code Guide.defensive}) proposes every
 * value with at least alpha p(v) and is not checked.
 */
final class UnproposedValues {

    /**
     * At most how many of the call's first runs are made again to read their proposals; never more than one in a
     * hundred of the call's runs, so that the check adds at most 1% to a call of an expensive model.
     */
    static final int TRIAL_RUNS = 100;
    /** The largest finite support whose values are each looked at. */
    static final int MAX_VALUES = 1000;
    /** The least prior probability of a value for its absence to matter. */
    static final double MIN_PRIOR = 0.01;
    /** A value expected to be drawn fewer times than this in the call's runs is one the estimates do not see. */
    static final double MAX_EXPECTED_DRAWS = 0.01;

    private UnproposedValues() {
    }

    /**
     * The verdict for the value the guide proposes least against its prior probability, among the first runs of
     * {@code seed} (see the class comment), for a call of {@code runs} runs; empty if there is none. A run that
     * fails to run again here is skipped: the call itself ran it.
     */
    static <T> Optional<String> verdict(Execution<T> execution, long seed, long runs) {
        if (runs <= 0) {
            return Optional.empty();
        }
        double limit = Math.log(MAX_EXPECTED_DRAWS / runs);
        double logMinPrior = Math.log(MIN_PRIOR);
        Runner<T> runner = execution.runner();
        String worst = null;
        double worstGap = 0;
        long trials = Math.max(1, Math.min(TRIAL_RUNS, runs / 100));
        for (long i = 0; i < trials; i++) {
            try {
                runner.run(seed, i);
                if (runner.defensiveAlpha() > 0) {
                    return Optional.empty();
                }
                for (TraceSite s : runner.trace().sites()) {
                    Dist p = s.prior();
                    Dist q = s.proposal();
                    if (s.kind() != SiteKind.LATENT || q == null || q == p) {
                        continue;
                    }
                    int count = valueCount(p);
                    for (int k = 0; k < count; k++) {
                        double lp = logMass(p, p, k);
                        double lq = logMass(q, p, k);
                        if (lp >= logMinPrior && lq < limit && lp - lq > worstGap) {
                            worstGap = lp - lq;
                            worst = String.format(Locale.ROOT, "the guide proposes %s = %s with probability %s at "
                                    + "run %d, where the prior gives it %.3g: %,d runs expect to draw it %s times, "
                                    + "so the estimates leave out whatever posterior mass that value has, and no "
                                    + "weight can show it (the lower bounds stay valid, only lower); mix the prior "
                                    + "back in (Guide.defensive) or check with Mcmc", s.address(), show(p, k),
                                    probability(lq), i, Math.exp(lp), runs, probability(lq + Math.log(runs)));
                        }
                    }
                }
            } catch (RuntimeException e) {
                // made and reported by the call itself
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

    private static String probability(double logP) {
        if (logP == Double.NEGATIVE_INFINITY) {
            return "0";
        }
        return logP < Math.log(1e-300) ? String.format(Locale.ROOT, "e^%.1f", logP)
                : String.format(Locale.ROOT, "%.3g", Math.exp(logP));
    }
}
