package dev.ariadne.inference.rare;

import dev.ariadne.core.Execution;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.dist.CumulativeRealDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.inference.FirstRuns;
import dev.ariadne.inference.UserDistributionCheck;
import java.util.Locale;
import java.util.Optional;

/**
 * A prior of the user's own, a {@link CumulativeRealDist} on a support unbounded above, whose survival functions lose
 * its upper tail: the interface's defaults, 1 - F(x) and F^-1(1 - p), cannot tell a tail probability below about
 * 1e-16 from 0, so subset simulation, which maps such a prior through them, climbs no further than the value they
 * reach there, and its pilot stops with every run at one margin. An adversarial tester's Exponential(1) of that kind
 * stopped at x = 36.7 below an event x >= 40, its failure naming five causes, none of them this.
 */
final class LostUpperTail {

    /** Tail probabilities at which the inverse survival function must give a finite value of positive survival. */
    private static final double[] TAILS = {1e-20, 1e-40};
    /** The runs whose latent priors are read. */
    private static final int RUNS = 20;

    private LostUpperTail() {
    }

    /** The first such prior met in the first runs of {@code execution} on {@code seed}, said; empty if none. */
    static Optional<String> of(Execution<?> execution, long seed) {
        String[] found = {null};
        FirstRuns.visit(execution.runner(), seed, RUNS, s -> {
            Dist prior = s.prior();
            if (found[0] == null && s.kind() == SiteKind.LATENT && prior instanceof CumulativeRealDist c
                    && UserDistributionCheck.isUsersOwn(prior)) {
                String lost = lost(c);
                if (lost != null) {
                    found[0] = s.address() + "'s prior, " + c + ", a CumulativeRealDist of your own, " + lost;
                }
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /** How {@code d} loses its upper tail, or null where it keeps it (or its support ends above). */
    static String lost(CumulativeRealDist d) {
        Support support;
        try {
            support = d.support();
            if (support == null || support.upper() < Double.POSITIVE_INFINITY) {
                return null;
            }
            for (double p : TAILS) {
                double y = d.inverseSurvivalProbability(p);
                double s = Double.isFinite(y) ? d.survivalProbability(y) : Double.NaN;
                if (!Double.isFinite(y) || !(s > 0)) {
                    return String.format(Locale.ROOT, "loses its upper tail: inverseSurvivalProbability(%s) = %s%s, "
                            + "so subset simulation's moves, which map the prior through these functions, reach no "
                            + "value beyond where its tail probability rounds to 0 (the defaults, 1 - "
                            + "cumulativeProbability(x) and inverseCumulativeProbability(1 - p), do so below about "
                            + "1e-16): override survivalProbability and inverseSurvivalProbability with forms exact in "
                            + "the tail", p, y, Double.isFinite(y) ? " where survivalProbability reads " + s : "");
                }
            }
        } catch (RuntimeException e) {
            return null; // a function that throws is reported where the moves meet it
        }
        return null;
    }
}
