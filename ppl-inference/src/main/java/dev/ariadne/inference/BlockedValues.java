package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Values of a discrete latent site that the guide's proposal gives probability 0 in some runs though the prior gives
 * them weight there: a {@code Poisson(0)} proposed for a {@code Poisson(3)} prior where an earlier choice is negative,
 * a {@code Bernoulli(0)} or a {@code Binomial(n, 1)} made from a computed parameter. Their declared supports cover the
 * prior's, so nothing refuses them, and averaged over the runs the values are proposed often ({@link UnproposedValues}
 * reads averages): the guide leaves out only the combinations of the earlier choices and those values. A guide program
 * proposing k ~ Poisson(a < 0 ? 0 : 4) for k ~ Poisson(3), under 100 observations, read log P(e) 55 of its standard
 * errors low in 20 calls of 20 with every verdict empty (an adversarial tester).
 *
 * <p>Each blocked value is forced in the very run that blocked it ({@link UnproposedValues#forcedRunner}, the run's own
 * stream, so the same earlier choices, the guide elsewhere): the mean over the trial runs of those forced weights,
 * counting 0 for runs that blocked nothing, is an unbiased estimate of the part of P(e) the guide never draws,
 * P(e, x_s = v where the proposal gives v 0). Where it holds enough of P(e) (less two of its standard errors, by the
 * rule a value's share follows, {@link UnproposedValues.CallEstimate#holds}) the site is named. A value the evidence
 * rules out in that run (a structural zero at a positive count) has a forced weight of 0 and is never named.
 */
final class BlockedValues {

    /** At most how many blocked values of the trial runs are forced, one run each. */
    static final int MAX_BLOCKED = 2000;

    private BlockedValues() {
    }

    /** One value the proposal gave probability 0 in one trial run. */
    record Blocked(long run, Address address, String name, boolean bool, int value, double prior, String proposal,
                   String priorName) {
    }

    /**
     * Adds to {@code out} each value of site {@code s}'s prior of probability at least
     * {@link UnproposedValues#MIN_PRIOR} that its proposal gives probability 0, in trial run {@code run}; none for a
     * run of a whole-run defensive mixture ({@code alpha > 0}), a site drawn from its prior, or a prior
     * {@code climbed} accepts.
     */
    static void collect(TraceSite s, long run, double alpha, Predicate<Dist> climbed, List<Blocked> out) {
        Dist p = s.prior();
        Dist q = s.proposal();
        if (alpha > 0 || s.kind() != SiteKind.LATENT || q == null || q == p || climbed.test(p)
                || !(p instanceof BoolDist || p instanceof IntDist) || out.size() >= MAX_BLOCKED) {
            return;
        }
        int count = UnproposedValues.valueCount(p);
        boolean whole = count > 0;
        if (!whole) {
            count = UnproposedValues.MAX_VALUES;
        }
        double mass = 0;
        for (int k = 0; k < count && out.size() < MAX_BLOCKED; k++) {
            double prior = Math.exp(UnproposedValues.logMass(p, p, k));
            mass += prior;
            if (prior >= UnproposedValues.MIN_PRIOR && UnproposedValues.logMass(q, p, k) == Double.NEGATIVE_INFINITY) {
                out.add(new Blocked(run, s.address(), s.address() + " = " + UnproposedValues.show(p, k),
                        p instanceof BoolDist, UnproposedValues.valueOf(p, k), prior, q.describe(), p.describe()));
            }
            if (!whole && 1 - mass < UnproposedValues.MIN_PRIOR) {
                break; // what remains of an unbounded prior holds no value of MIN_PRIOR
            }
        }
    }

    /**
     * The verdict on the values of {@code blocked} that hold enough of P(e) together, or null: see the class comment.
     * {@code call} is the call's estimate, over {@code call.trials()} trial runs of {@code seed}.
     */
    static <T> String verdict(Execution<T> execution, long seed, List<Blocked> blocked,
                              UnproposedValues.CallEstimate call) {
        if (blocked.isEmpty() || call.logZHat() == Double.NEGATIVE_INFINITY) {
            return null;
        }
        Map<String, Runner<T>> runners = new LinkedHashMap<>();
        Map<String, Double> byValue = new LinkedHashMap<>();
        Map<String, Blocked> first = new LinkedHashMap<>();
        Map<Long, Double> byRun = new LinkedHashMap<>();
        for (Blocked b : blocked) {
            Runner<T> runner = runners.computeIfAbsent(b.name(), n -> UnproposedValues.forcedRunner(execution, true,
                    b.address(), b.bool(), b.value()));
            double l = UnproposedValues.forcedLogWeight(runner, seed, b.run(), b.address(), b.bool(), b.value());
            first.putIfAbsent(b.name(), b);
            if (l > Double.NEGATIVE_INFINITY && l < Double.POSITIVE_INFINITY) {
                double share = Math.exp(l - call.logZHat());
                byValue.merge(b.name(), share, Double::sum);
                byRun.merge(b.run(), share, Double::sum);
            }
        }
        long trials = call.trials();
        double sum = 0;
        double sumSq = 0;
        for (double c : byRun.values()) {
            sum += c;
            sumSq += c * c;
        }
        double mean = sum / trials;
        double se = Math.sqrt(Math.max(0, sumSq / trials - mean * mean) / Math.max(1, trials - 1));
        double lower = mean - 2 * se;
        if (!(lower > 0) || !call.holds(call.logZHat() + Math.log(lower), 0)) {
            return null;
        }
        String worst = null;
        for (Map.Entry<String, Double> e : byValue.entrySet()) {
            if (worst == null || e.getValue() > byValue.get(worst)) {
                worst = e.getKey();
            }
        }
        Blocked w = first.get(worst);
        long runsBlocking = blocked.stream().filter(b -> b.name().equals(w.name())).map(Blocked::run).distinct()
                .count();
        return String.format(Locale.ROOT, "the guide's proposal gives %s probability 0 in %d of the first %d runs "
                + "(%s, where the prior is %s and gives it %.3g), though runs that take it there have weight: forced "
                + "there in those runs (the same earlier choices, the guide elsewhere), the values the proposal leaves "
                + "out hold about %.3g times the estimate of P(e) (at least %.3g, less two standard errors), which the "
                + "estimates leave out and no weight can show (the lower bounds stay valid, only lower); give every "
                + "value the prior allows some probability in the proposal, wherever the earlier choices lead",
                w.name(), runsBlocking, trials, w.proposal(), w.priorName(), w.prior(), mean, lower);
    }
}
