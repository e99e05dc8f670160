package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Handlers;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Support;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check behind a choice called determined: runs from the prior, looking for one of positive target density in
 * which the choice holds another value than the one every chain held. Such a run proves that the other value has
 * positive posterior probability, so the choice is not determined: its kernels found every other value impossible
 * only given the rest of the run, to which it is tied (two counts under a condition on their sum, two coins of which
 * exactly one is true), and the chains, moving one choice at a time, never left the configuration they started in.
 * A choice fixed by the data alone (a zero-inflation indicator forced by a positive count) holds its value in every
 * run of positive density, and no run refutes it. Finding no such run proves nothing; finding one proves the tie.
 *
 * <p>Then the discrete choices that the prior's runs left unrefuted and that held one value together are forced to
 * each other value at once, and each alone to each of its other values (observed at its address, the rest drawn
 * from the prior), {@link #FORCED_RUNS} runs a forcing at most: the prior's runs meet a value the prior makes rare
 * as rarely as it does (an adversarial tester: two labels under a condition that they be equal, whose value 2, of
 * prior 0.001 each, held 0.9995 of the posterior through a factor; the pair came once in 10^6 prior runs, and the
 * chains, stuck at 0, were called determined with mcse 0 in 98 seeds of 100), where forced, the other label meets it
 * once in 1,000.
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
    /** Runs with one other value of a discrete choice forced, at most (fewer once one has positive density). */
    static final int FORCED_RUNS = 5_000;
    /** Runs with a choice forced together with a rare value of another ({@link RareValues}), at most. */
    static final int PAIRED_RUNS = 20;
    /** Forced runs in all, at most, beside {@link #MAX_SITES}. */
    static final int MAX_FORCED_RUNS = 50_000;
    /** The most values of a discrete choice forced: a count's first, from its support's lower end. */
    static final int MAX_VALUES = 16;
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
        Map<String, Address> open = addresses(held.keySet());
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
        forceOtherValues(open, held, found, sites);
        return found;
    }

    /**
     * For the choices still {@code open} whose prior is discrete and finite (as the first prior run to make it shows
     * it): first those that held one value together, forced to each other value at once; then each alone, forced to
     * each of its other values of positive prior mass, the rest drawn from the prior. Up to {@link #FORCED_RUNS} runs a
     * forcing; the first of positive target density refutes the choices forced, which then go into {@code found} with
     * that value. Forcing one at a time missed a tie of many (thirteen coins under a condition that all be equal,
     * whose value true a factor made hold 0.9995 of the posterior: "determined" in 259 seeds of 300, the others'
     * values from the prior meeting the condition once in 10^6 runs) and of two labels of prior 1e-5 (272 of 300; an
     * outside statistician); forced together, the first run meets the condition.
     */
    private void forceOtherValues(Map<String, Address> open, Map<String, Double> held, Map<String, Double> found,
                                  long sitesSoFar) {
        if (open.isEmpty()) {
            return;
        }
        Map<Address, Dist> priors = priorsOf(open);
        Budget budget = new Budget(sitesSoFar);
        Map<Double, List<String>> together = new LinkedHashMap<>();
        for (String name : open.keySet()) {
            if (priors.containsKey(open.get(name))) {
                together.computeIfAbsent(held.get(name), v -> new ArrayList<>()).add(name);
            }
        }
        for (Map.Entry<Double, List<String>> group : together.entrySet()) {
            List<String> names = group.getValue();
            if (names.size() < 2) {
                continue;
            }
            for (double v : otherValues(priors.get(open.get(names.get(0))), group.getKey())) {
                Map<String, Object> forced = new LinkedHashMap<>();
                for (String name : names) {
                    Dist prior = priors.get(open.get(name));
                    if (massOf(prior, v) > Double.NEGATIVE_INFINITY) {
                        forced.put(name, valueOf(prior, v));
                    }
                }
                if (forced.size() >= 2 && refutedBy(forced, open, budget, FORCED_RUNS)) {
                    forced.keySet().forEach(name -> found.put(name, v));
                    break;
                }
            }
        }
        for (Map.Entry<String, Address> choice : open.entrySet()) {
            Dist prior = priors.get(choice.getValue());
            if (prior == null || found.containsKey(choice.getKey())) {
                continue;
            }
            for (double v : otherValues(prior, held.get(choice.getKey()))) {
                if (refutedBy(Map.of(choice.getKey(), valueOf(prior, v)), open, budget, FORCED_RUNS)) {
                    found.put(choice.getKey(), v);
                    break;
                }
            }
        }
        forceWithRareValuesOfOthers(open, held, found, priors, budget);
    }

    /**
     * For the choices still unrefuted: each other value forced together with one other choice of the run at a value
     * its prior makes rare ({@link RareValues}), {@link #PAIRED_RUNS} runs a pair. A choice tied to a rare region of
     * another (a coin that must equal x > 4.5 for x ~ N(0, 1), or k >= 9 for k ~ Poisson(1), which a factor made hold
     * 0.80 and 0.58 of the posterior) meets that region once in 3 x 10^5 and 10^6 runs with the other drawn from its
     * prior, so that neither the prior's runs nor the forcing of the coin alone refuted it: "determined", with mcse 0
     * and "no problem found", in 270 and 298 seeds of 300 (an outside statistician). Forced to 8 sds, or to 9, the
     * first run meets it.
     */
    private void forceWithRareValuesOfOthers(Map<String, Address> open, Map<String, Double> held,
                                             Map<String, Double> found, Map<Address, Dist> priors, Budget budget) {
        if (found.keySet().containsAll(open.keySet()) || budget.runs >= MAX_FORCED_RUNS) {
            return;
        }
        RareValues rare = RareValues.seenIn(model, seed ^ STREAM, PRIOR_RUNS, open.values());
        for (Map.Entry<String, Address> choice : open.entrySet()) {
            Dist prior = priors.get(choice.getValue());
            if (prior == null || found.containsKey(choice.getKey())) {
                continue;
            }
            search:
            for (double v : otherValues(prior, held.get(choice.getKey()))) {
                for (Map.Entry<String, List<Object>> other : rare.values().entrySet()) {
                    for (Object value : other.getValue()) {
                        if (budget.runs >= MAX_FORCED_RUNS || budget.sites >= MAX_SITES) {
                            return;
                        }
                        Map<String, Object> forced = new LinkedHashMap<>();
                        forced.put(choice.getKey(), valueOf(prior, v));
                        forced.put(other.getKey(), value);
                        if (refutedBy(forced, open, budget, PAIRED_RUNS)) {
                            found.put(choice.getKey(), v);
                            break search;
                        }
                    }
                }
            }
        }
    }

    /**
     * The values of positive mass under the finite discrete {@code prior} other than {@code held}: a boolean's other
     * one, a count's first {@link #MAX_VALUES} from its support's lower end.
     */
    private static List<Double> otherValues(Dist prior, double held) {
        Support support = prior.support();
        double lower = support.type() == Support.Type.BOOLEAN ? 0 : support.lower();
        double upper = support.type() == Support.Type.BOOLEAN ? 1 : Math.min(support.upper(), lower + MAX_VALUES - 1);
        List<Double> out = new ArrayList<>();
        for (double v = lower; v <= upper; v++) {
            if (v != held && massOf(prior, v) > Double.NEGATIVE_INFINITY) {
                out.add(v);
            }
        }
        return out;
    }

    /** What the forced runs may still spend: runs and sites in all. */
    private static final class Budget {
        long sites;
        int runs;
        long stream = 1;

        Budget(long sites) {
            this.sites = sites;
        }
    }

    /**
     * Whether a run with the {@code forced} values (by printed address), the rest from the prior, has positive target
     * density and makes every forced choice that is {@code open}, within {@code runs} runs and the budget left.
     */
    private boolean refutedBy(Map<String, Object> forced, Map<String, Address> open, Budget budget, int runs) {
        Runner<T> runner = Execution.of(model).with(Handlers.conditionWhereReached(forced)).leanRunner();
        budget.stream++;
        for (int i = 0; i < runs && budget.runs < MAX_FORCED_RUNS && budget.sites < MAX_SITES; i++) {
            budget.runs++;
            try {
                runner.run(seed ^ STREAM ^ (0x9E3779B97F4A7C15L * budget.stream), i);
            } catch (RuntimeException e) {
                continue; // the model fails with these values forced: this run proves nothing
            }
            budget.sites += runner.siteCount();
            if (!runner.failed() && forced.keySet().stream().filter(open::containsKey)
                    .allMatch(name -> runner.history().find(open.get(name)) >= 0)
                    && target.logDensity(runner.logPrior(), runner.logLikelihood(), runner.value())
                    > Double.NEGATIVE_INFINITY) {
                return true;
            }
        }
        return false;
    }

    /**
     * Of {@code names} (printed addresses), those whose prior is a boolean or integer one of finite support, as the
     * first {@link #PRIOR_RUNS} runs from the prior that make them show it: the choices a Gibbs kernel can move.
     */
    Set<String> finiteChoices(Collection<String> names) {
        Map<String, Address> open = addresses(names);
        Map<Address, Dist> priors = priorsOf(open);
        Set<String> finite = new LinkedHashSet<>();
        open.forEach((name, address) -> {
            if (priors.containsKey(address)) {
                finite.add(name);
                Support s = priors.get(address).support();
                supportSizes.put(name, (long) Math.min(Long.MAX_VALUE, s.upper() - s.lower() + 1));
            }
        });
        return finite;
    }

    /** The number of values of each choice {@link #finiteChoices} found finite, by name. */
    private final Map<String, Long> supportSizes = new LinkedHashMap<>();

    /** The number of values of a choice {@link #finiteChoices} found finite; 0 for another. */
    long supportSize(String name) {
        return supportSizes.getOrDefault(name, 0L);
    }

    /**
     * Each of {@code names} that is a printed address, with that address; not a vector's component or a tracked name,
     * which no run of the model makes as a site.
     */
    private static Map<String, Address> addresses(Collection<String> names) {
        Map<String, Address> open = new LinkedHashMap<>();
        for (String name : names) {
            try {
                open.put(name, Address.parse(name));
            } catch (IllegalArgumentException e) {
                // not an address: no run can refute it, nor show its prior
            }
        }
        return open;
    }

    /**
     * The priors of the {@code open} choices whose support is finite, as the first {@link #PRIOR_RUNS} runs from the
     * prior that make them show them.
     */
    private Map<Address, Dist> priorsOf(Map<String, Address> open) {
        Map<Address, Dist> priors = new LinkedHashMap<>();
        Runner<T> runner = Execution.of(model).runner();
        for (int i = 0; i < PRIOR_RUNS && priors.size() < open.size(); i++) {
            try {
                runner.run(seed ^ STREAM, i);
                for (TraceSite site : runner.trace().sites()) {
                    Dist prior = site.prior();
                    if (site.kind() == SiteKind.LATENT && open.containsValue(site.address()) && prior != null
                            && prior.support().isFinite() && (prior instanceof BoolDist || prior instanceof IntDist)) {
                        priors.putIfAbsent(site.address(), prior);
                    }
                }
            } catch (RuntimeException e) {
                // the model fails on that run: it shows no prior
            }
        }
        return priors;
    }

    /** The runs from the prior that look for the open choices' priors. */
    private static final int PRIOR_RUNS = 100;

    /** The value {@code v} (0 or 1 for a boolean) as a run of {@code prior}'s site holds it, to force it there. */
    private static Object valueOf(Dist prior, double v) {
        return prior instanceof BoolDist ? (Object) (v == 1) : (Object) (int) v;
    }

    /** The prior mass of value {@code v} (0 or 1 for a boolean). */
    private static double massOf(Dist prior, double v) {
        return prior instanceof BoolDist b ? b.logMass(v == 1) : ((IntDist) prior).logMass((int) v);
    }

    /** The value of the latent scalar choice at {@code address} in the run, as the chains record it; NaN if none. */
    static double scalar(History h, Address address) {
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
