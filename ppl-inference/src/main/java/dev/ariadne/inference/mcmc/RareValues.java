package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values that a choice's prior makes rare, for each latent scalar choice that runs from the prior make: where a run
 * that tests another choice forces it (see {@code OtherValueSearch}), since a choice tied to a rare region of another
 * is refuted only by a run that reaches that region, which runs drawing the other from its prior almost never do.
 *
 * <ul>
 *   <li>a real choice: its prior's median, as the runs drew it, plus and minus 4, 8, 16, 32 and 64 of its spread (the
 *       interquartile range over 1.349, a standard deviation for a normal); toward a finite end of its support,
 *       1/4, 1/16, 1/64, 1/256 and 1/1024 of the way from the median to it;</li>
 *   <li>an integer choice: the first {@value #COUNTS} values from its support's lower end, and its median plus and
 *       minus 4 to 64 of its spread, rounded;</li>
 *   <li>a boolean choice: both values.</li>
 * </ul>
 * Only values of positive prior density are kept, each once.
 */
final class RareValues {

    /** The integer values tried from a count's lower end. */
    static final int COUNTS = 16;
    private static final double[] SPREADS = {4, 8, 16, 32, 64};
    private static final double[] TOWARD_END = {4, 16, 64, 256, 1024};

    private final Map<String, List<Object>> values;

    private RareValues(Map<String, List<Object>> values) {
        this.values = values;
    }

    /** By printed address, in the order runs first made them, the values to force each choice to. */
    Map<String, List<Object>> values() {
        return values;
    }

    /**
     * The rare values of the latent scalar choices made by {@code runs} runs from the prior of {@code model} (stream
     * {@code seed}), but those at {@code excluded}. A run that fails shows nothing.
     */
    static RareValues seenIn(Model<?> model, long seed, int runs, Collection<Address> excluded) {
        Map<Address, Dist> priors = new LinkedHashMap<>();
        Map<Address, double[]> drawn = new LinkedHashMap<>();
        Map<Address, Integer> count = new LinkedHashMap<>();
        Runner<?> runner = Execution.of(model).runner();
        for (int i = 0; i < runs; i++) {
            try {
                runner.run(seed, i);
            } catch (RuntimeException e) {
                continue;
            }
            for (TraceSite site : runner.trace().sites()) {
                Dist prior = site.prior();
                Address at = site.address();
                if (site.kind() != SiteKind.LATENT || prior == null || excluded.contains(at)
                        || !(prior instanceof RealDist || prior instanceof IntDist || prior instanceof BoolDist)) {
                    continue;
                }
                priors.putIfAbsent(at, prior);
                double[] seen = drawn.computeIfAbsent(at, a -> new double[runs]);
                int n = count.merge(at, 1, Integer::sum);
                seen[n - 1] = site.value() instanceof Boolean b ? (b ? 1 : 0) : ((Number) site.value()).doubleValue();
            }
        }
        Map<String, List<Object>> values = new LinkedHashMap<>();
        priors.forEach((at, prior) -> {
            List<Object> rare = rareValues(prior, Arrays.copyOf(drawn.get(at), count.get(at)));
            if (!rare.isEmpty()) {
                values.put(at.toString(), rare);
            }
        });
        return new RareValues(values);
    }

    private static List<Object> rareValues(Dist prior, double[] drawn) {
        List<Object> out = new ArrayList<>();
        if (prior instanceof BoolDist) {
            out.add(true);
            out.add(false);
            return out;
        }
        Arrays.sort(drawn);
        double median = drawn[drawn.length / 2];
        double spread = (drawn[(3 * drawn.length) / 4] - drawn[drawn.length / 4]) / 1.349;
        if (!(spread > 0)) {
            spread = Math.max(Math.abs(median), 1);
        }
        Support support = prior.support();
        List<Double> candidates = new ArrayList<>();
        if (prior instanceof IntDist) {
            double lower = support.lower();
            for (int k = 0; k < COUNTS && lower + k <= support.upper(); k++) {
                candidates.add(lower + k);
            }
        }
        for (double k : SPREADS) {
            candidates.add(median + k * spread);
            candidates.add(median - k * spread);
        }
        for (double m : TOWARD_END) {
            if (support.lower() > Double.NEGATIVE_INFINITY) {
                candidates.add(support.lower() + (median - support.lower()) / m);
            }
            if (support.upper() < Double.POSITIVE_INFINITY) {
                candidates.add(support.upper() - (support.upper() - median) / m);
            }
        }
        for (double c : candidates) {
            Object value = valueIn(prior, c);
            if (value != null && !out.contains(value)) {
                out.add(value);
            }
        }
        return out;
    }

    /** {@code c} as a value of {@code prior}'s kind (an integer rounded), or null if its prior density is 0. */
    private static Object valueIn(Dist prior, double c) {
        if (prior instanceof IntDist n) {
            double r = Math.rint(c);
            return Math.abs(r) <= Integer.MAX_VALUE && n.logMass((int) r) > Double.NEGATIVE_INFINITY ? (int) r : null;
        }
        RealDist r = (RealDist) prior;
        return Double.isFinite(c) && r.logDensity(c) > Double.NEGATIVE_INFINITY ? c : null;
    }
}
