package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The check behind a choice called determined: runs from the prior, looking for one of positive target density in
 * which the choice holds another value than the one every chain held. Such a run proves that the other value has
 * positive posterior probability, so the choice is not determined: its kernels found every other value impossible
 * only given the rest of the run, to which it is tied (two counts under a condition on their sum, two coins of which
 * exactly one is true), and the chains, moving one choice at a time, never left the configuration they started in.
 * A choice fixed by the data alone (a zero-inflation indicator forced by a positive count) holds its value in every
 * run of positive density, and no run refutes it. Finding no such run proves nothing; finding one proves the tie.
 *
 * @param <T> the model's return type
 */
final class OtherValueSearch<T> {

    /**
     * Runs from the prior tried: at least this many (unless every choice is refuted first), and more while fewer than
     * {@link #VALID} of them had positive density, up to {@link #MAX_RUNS}; never beyond {@link #MAX_SITES} sites in
     * all. Evidence rare under the prior (two Poisson counts summing to 28, P(e) = 8.5e-4) left about 2 runs of
     * positive density in 2,000, and a tie unseen in 9 of 24 seeds; a model whose prior runs are long (a geometric
     * number of sites, 50,000 on average) spent 5 s on 2,000 of them.
     */
    static final int RUNS = 2_000;
    static final int VALID = 50;
    static final int MAX_RUNS = 50_000;
    static final long MAX_SITES = 20_000_000;
    /** Mixed into the chains' seed, so that these runs are none of the chains' own. */
    private static final long STREAM = 0x6F74686572L;

    private final Model<T> model;
    private final Target<? super T> target;
    private final long seed;

    OtherValueSearch(Model<T> model, Target<? super T> target, long seed) {
        this.model = model;
        this.target = target;
        this.seed = seed;
    }

    /**
     * Of {@code held} (printed address to the value every chain held), the choices that some run of positive target
     * density makes with another value, each with that value.
     */
    Map<String, Double> otherValues(Map<String, Double> held) {
        Map<String, Double> found = new LinkedHashMap<>();
        Map<String, Address> open = new LinkedHashMap<>();
        for (String name : held.keySet()) {
            try {
                open.put(name, Address.parse(name));
            } catch (IllegalArgumentException e) {
                // not an address (a vector's component or a tracked name): no run can refute it
            }
        }
        Runner<T> runner = Execution.of(model).leanRunner();
        int valid = 0;
        long sites = 0;
        for (int i = 0; !open.isEmpty() && i < MAX_RUNS && sites < MAX_SITES && (i < RUNS || valid < VALID); i++) {
            try {
                runner.run(seed ^ STREAM, i);
            } catch (ModelException e) {
                continue; // the chains' own runs report the model's errors; this run proves nothing
            }
            sites += runner.siteCount();
            if (runner.failed() || !(target.logDensity(runner.logPrior(), runner.logLikelihood(), runner.value())
                    > Double.NEGATIVE_INFINITY)) {
                continue;
            }
            valid++;
            History h = runner.history();
            for (var it = open.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Address> choice = it.next();
                double other = scalar(h, choice.getValue());
                if (!Double.isNaN(other) && Double.compare(other, held.get(choice.getKey())) != 0) {
                    found.put(choice.getKey(), other);
                    it.remove();
                }
            }
        }
        return found;
    }

    /** The value of the latent scalar choice at {@code address} in the run, as the chains record it; NaN if none. */
    private static double scalar(History h, Address address) {
        int at = h.find(address);
        if (at < 0 || h.kind(at) != SiteKind.LATENT) {
            return Double.NaN;
        }
        return switch (h.valueKind(at)) {
            case REAL -> h.real(at);
            case INT -> h.integer(at);
            case BOOL -> h.bool(at) ? 1 : 0;
            default -> Double.NaN;
        };
    }
}
