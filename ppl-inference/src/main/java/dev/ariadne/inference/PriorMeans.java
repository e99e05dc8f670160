package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Runner;
import dev.ariadne.inference.stats.ParetoKHat;
import dev.ariadne.inference.stats.WeightStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Self-normalised importance sampling from the prior of quantities read from each run (a choice's value, a function
 * of the model's return value), under a target density that {@link RunReader#logWeight} gives relative to the prior:
 * a route to posterior means that needs no guide and no chain, set beside an algorithm's own means by the same rules
 * that trust the prior's runs beside a guide's ({@link PriorRuns#untrustedBecause}): some run met the evidence, the
 * weights' tail is judged fine, and their ESS is at least {@link PriorRuns#MIN_ESS}. A mean resting on too few runs
 * off one value ({@code FewEffectiveRuns}) has no standard error, and is not given.
 *
 * @param <T> the model's return type
 */
public final class PriorMeans<T> {

    /** How one run from the prior is read: its log weight and its quantities. */
    public interface RunReader<T> {
        /**
         * The log of the target density over the prior's for the run just made (its log likelihood for the
         * posterior); -inf where the run failed.
         */
        double logWeight(Runner<T> run);

        /** Fills {@code into[k]} with quantity k of the run just made, NaN where the run lacks it. */
        void read(Runner<T> run, double[] into);
    }

    private final List<String> names;
    private final long runs;
    private final WeightStats weights;
    private final ParetoKHat pareto;
    private final WeightedMean[] means;
    private final boolean[] missing;
    private final String failure;

    private PriorMeans(List<String> names, long runs, WeightStats weights, ParetoKHat pareto, WeightedMean[] means,
            boolean[] missing, String failure) {
        this.names = names;
        this.runs = runs;
        this.weights = weights;
        this.pareto = pareto;
        this.means = means;
        this.missing = missing;
        this.failure = failure;
    }

    /**
     * Up to {@code runs} runs of {@code model} from its prior (run i of stream {@code seed}), stopping once they have
     * made {@code maxSites} sites in all, each read by {@code reader} for the quantities {@code names}. A run that
     * throws ends the runs: the estimate would leave out whatever made it throw.
     */
    public static <T> PriorMeans<T> of(Model<T> model, List<String> names, RunReader<T> reader, long runs,
            long maxSites, long seed) {
        Runner<T> runner = Execution.of(model).leanRunner();
        WeightStats weights = new WeightStats();
        ParetoKHat pareto = new ParetoKHat(runs);
        WeightedMean[] means = new WeightedMean[names.size()];
        for (int k = 0; k < means.length; k++) {
            means[k] = new WeightedMean();
        }
        boolean[] missing = new boolean[names.size()];
        double[] values = new double[names.size()];
        long made = 0;
        long sites = 0;
        for (; made < runs && sites < maxSites; made++) {
            try {
                runner.run(seed, made);
            } catch (ModelException e) {
                return new PriorMeans<>(List.copyOf(names), made, weights, pareto, means, missing, String.format(
                        Locale.ROOT, "its run %d threw (%s)", made, e.getMessage()));
            }
            sites += runner.siteCount();
            double l = runner.failed() ? Double.NEGATIVE_INFINITY : reader.logWeight(runner);
            if (Double.isNaN(l) || l == Double.POSITIVE_INFINITY) {
                return new PriorMeans<>(List.copyOf(names), made, weights, pareto, means, missing, String.format(
                        Locale.ROOT, "its run %d has log weight %s", made, l));
            }
            weights.add(l);
            pareto.add(l);
            if (l == Double.NEGATIVE_INFINITY) {
                continue;
            }
            reader.read(runner, values);
            for (int k = 0; k < values.length; k++) {
                if (Double.isNaN(values[k])) {
                    missing[k] = true;
                } else {
                    means[k].add(l, values[k]);
                }
            }
        }
        return new PriorMeans<>(List.copyOf(names), made, weights, pareto, means, missing, null);
    }

    /** The runs made. */
    public long runs() {
        return runs;
    }

    /** The runs' effective sample size, (sum w)^2 / sum w^2. */
    public double ess() {
        return weights.ess();
    }

    /** The runs' estimate of the log of the mean weight: log P(e) where the weights are the likelihood. */
    public Estimate logMeanWeight() {
        return new Estimate(weights.logZHat(), weights.logZHatStandardError(), "log Z-hat");
    }

    /**
     * Why these runs' means are not to be trusted beside another algorithm's: a run threw, none met the evidence,
     * their weights' tail is not judged fine (as {@link Diagnostics#tailOk()} judges it), or their ESS is under
     * {@link PriorRuns#MIN_ESS}; empty where they are trusted.
     */
    public Optional<String> untrustedBecause() {
        if (failure != null) {
            return Optional.of(failure);
        }
        boolean anyAccepted = weights.count() > weights.zeroCount();
        boolean equal = weights.positiveWeightsEqual();
        double k = equal || !anyAccepted ? Double.NEGATIVE_INFINITY : pareto.kHat();
        return PriorRuns.untrustedBecause(anyAccepted, anyAccepted && Diagnostics.tailOk(runs, equal,
                pareto.shape(), weights.ess(), k, pareto.threshold()), k, weights.ess());
    }

    /**
     * The self-normalised estimates of the quantities' posterior means, by name, with their delta-method standard
     * errors: only of those that every run of positive weight had, and that rest on enough runs off one value.
     */
    public Map<String, Estimate> means() {
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            WeightedMean m = means[k];
            if (!missing[k] && m.positiveCount() > 0 && FewEffectiveRuns.forMean(names.get(k), m) == null) {
                out.put(names.get(k), new Estimate(m.mean(), m.standardError(), "self-normalised, from the prior"));
            }
        }
        return out;
    }
}
