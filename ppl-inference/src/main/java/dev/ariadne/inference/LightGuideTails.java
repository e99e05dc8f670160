package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Rng;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.VecDist;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/**
 * A real site where the guide's tail is too light for the posterior's: the weights then have infinite variance,
 * and Pareto k-hat, read from the weights the runs drew, can miss it because the runs seldom reach that tail (a
 * Normal guide for a Cauchy prior: 28 of 300 seeds were silent and off). Found by looking where the runs do not go.
 *
 * <p>The weight w = p(x, e) / q(x) has E_q[w^2] = infinity when, for a site s and the choices before it, the
 * integral over its value t of q_s(t) W(t)^2 diverges, W(t) being the mean weight of runs with x_s forced to t and the
 * rest drawn from the guide, divided by q_s(t) (by Jensen, E_q[w^2] is at least that integral); each probe estimates
 * W(t) from one such run. So each real latent site whose proposal is not its prior is forced, in a few of the call's
 * first runs (same stream: the run is the same up to the site), to points 4, 8, 16, 32 and 64 proposal sds (or scale
 * units, for a proposal without a variance) from the proposal's centre (its mean, or 0 without one), on each side its
 * support leaves open; g(t) = log q_s(t) + 2 log W(t) + log |t - centre| is the integrand on a log scale of distance.
 * Where g rises at every doubling in most of the probed runs, the integrand grows without bound along a grid that spans
 * a factor 16 and the site is named; so it is where g stops falling at the grid's end, the borderline of a power law,
 * whose integral diverges like the log of the distance ({@link #risesThrough}); not where g rises only past a deep
 * trough, in a region that the runs and the posterior all but never reach ({@link #pastAnUnreachedTrough}). On a side
 * where the support ends, the site is forced toward that end instead ({@link #risesAtEnd}). A likelihood that falls off
 * faster than the guide in that tail keeps g falling (a Cauchy prior with a Normal guide and an observation of the site
 * with a smaller sd has bounded weights), and the site is not named: the check reads the whole run's weight, not the
 * prior's tail alone.
 *
 * <p>Cost: at most {@link #MAX_SITES} sites, or one per {@link #RUNS_PER_SITE} runs of the call where that is more
 * (fewer where the runs are long: {@link #MAX_SITE_VISITS})
 * ({@link #probed}: the first of each name first, like sites not twice over; then half as many more of most
 * spread),
 * x 2 sides x 5 points x {@link #PROBE_RUNS} runs, once per diagnostics call, outside the runs of the call
 * itself; sites left out are counted, and {@link Finding#unprobed} says so. A defensive guide (a whole-run mixture
 * with the prior) bounds every weight and is not probed; a guide that leaves a site at its prior has weight 1
 * there and is not probed there.
 */
final class LightGuideTails {

    /** The call's first runs in which each site is forced. */
    static final int PROBE_RUNS = 6;
    /**
     * How many sites are probed at least ({@link #probed}): the first of each name, then two of each pair of prior and
     * proposal, then the first met; one more for every {@link #RUNS_PER_SITE} runs of the call.
     */
    static final int MAX_SITES = 20;
    /** The call's runs for each site probed beyond {@link #MAX_SITES}: the probes then cost about 6% of the call. */
    static final int RUNS_PER_SITE = 1000;
    /**
     * The most site visits the forced runs make in all, or as many as the call made where that is more: fewer sites
     * are probed where the runs are long. Twenty sites of a model of 10^5 sites a run took 6 s beside a call of 200
     * runs that took 1.6 s (an adversarial tester).
     */
    static final long MAX_SITE_VISITS = 20_000_000;
    /**
     * How many sites with the same prior and the same proposal (as {@code describe()} writes them) are probed: their
     * tails are alike, so a model's many like sites do not use up the probes, and a site unlike them is reached
     * (an adversarial tester's 25 Cauchy sites, the one with a light Normal guide the 25th: never probed, 182 seeds of
     * 300 silent and more than 3 standard errors off).
     */
    static final int SAME_PAIR = 2;
    /** At most how many sites are considered for probing, in the order the runs meet them. */
    private static final int MAX_CANDIDATES = 10_000;
    /** Distances from the proposal's centre, in its sds: each doubles the last. */
    static final double[] DISTANCES = {4, 8, 16, 32, 64};

    private LightGuideTails() {
    }

    /**
     * What the probes found: the verdict on the first site whose guide tail is too light, if any, and, where some
     * guided sites were left unprobed, a sentence saying how many (not a problem found, but a limit of the check).
     */
    record Finding(Optional<String> verdict, Optional<String> unprobed, Optional<String> freeEnergy,
                   Optional<String> unboundedWeights) {
        static final Finding NONE = new Finding(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * The verdict on the first site whose guide tail is too light for the weight's, if any: one sentence, naming both
     * sides of the site where both are; {@code runs}, the call's runs, sets how many sites are probed.
     */
    static <T> Finding verdict(Execution<T> execution, long seed, long runs) {
        return verdict(execution, seed, runs, new long[0]);
    }

    /**
     * {@link #verdict(Execution, long, long)}, probing also the runs {@code also} (the first run where each declared
     * hypothesis held, and where it failed): a proposal that only a rare branch makes (mu's, given a z the guide
     * proposes once in 200 runs) is in none of the first runs, and a guide too narrow and misplaced there read
     * P(z | e) 93 standard errors low with nothing said (a new user).
     */
    static <T> Finding verdict(Execution<T> execution, long seed, long runs, long[] also) {
        return verdict(execution, seed, runs, also, Map.of());
    }

    /**
     * {@link #verdict(Execution, long, long, long[])}, where more sites are guided than the budget probes, probing up
     * to half as many more (where the site visits allow) of those left out, in decreasing {@code spread}: each site's
     * share of the variance of the call's log weights (its breakdown's). In the runs' order alone, a guide too narrow
     * at the 36th of 40 sites of distinct posteriors was never probed, and 39 calls of 100 were silent with P(h | e)
     * there at mean z^2 2.53 (an adversarial statistician). The spread only adds to the runs' order: a tail too light
     * that the runs drawn do not show (a Normal guide for a Cauchy prior under a strong StudentT observation, its share
     * under 1%) ranks low by it, and taking the budget itself by spread lost such a site's verdict in 83 calls of 100
     * that the runs' order named (a hunt).
     */
    static <T> Finding verdict(Execution<T> execution, long seed, long runs, long[] also, Map<Address, Double> spread) {
        if (execution.guide() == null && execution.guideProgram() == null) {
            return Finding.NONE;
        }
        int[] probe = probeRuns(also);
        Map<Address, Support> supports = new LinkedHashMap<>();
        Map<Address, String> pairs = new LinkedHashMap<>();
        double[] runLogWeights = new double[probe.length];
        int[] longestRun = {1};
        Map<Address, Dist[]> proposals = proposals(execution, seed, probe, supports, pairs, runLogWeights, longestRun);
        if (proposals == null) {
            return Finding.NONE;
        }
        long visitsPerSite = 2L * DISTANCES.length * probe.length * longestRun[0];
        long visits = Math.max(MAX_SITE_VISITS, Math.min(Long.MAX_VALUE / longestRun[0], runs) * longestRun[0]);
        int budget = (int) Math.max(1, Math.min(Math.min(MAX_CANDIDATES, Math.max(MAX_SITES, runs / RUNS_PER_SITE)),
                visits / visitsPerSite));
        // beyond the budget in the runs' order, up to half as many more of those of most spread, where affordable
        int extra = spread.isEmpty() ? 0
                : (int) Math.max(0, Math.min(budget / 2, Math.min(MAX_CANDIDATES, visits / visitsPerSite) - budget));
        Selection<Dist[]> scalars = probed(only(proposals, RealDist.class), pairs, budget, extra, spread);
        Selection<Dist[]> vectors = probed(only(proposals, VecDist.class), pairs, budget, extra, spread);
        Optional<String> unprobed = unprobed(scalars.leftOut() + vectors.leftOut(), proposals.size(), budget, extra);
        double centre = typicalL(runLogWeights);
        String[] freeEnergyVerdict = {null};
        String[] unbounded = {null};
        Optional<String> light = scalarVerdict(execution, seed, probe, scalars.chosen(), supports, freeEnergyVerdict,
                unbounded, centre);
        if (light.isEmpty()) {
            light = LightVectorTails.verdict(execution, seed, probe, vectors.chosen(), supports);
        }
        return new Finding(light, unprobed, Optional.ofNullable(freeEnergyVerdict[0]),
                Optional.ofNullable(unbounded[0]));
    }

    /**
     * A typical value of l = log q - log p, the median over the probed runs of positive weight (NaN if none), at which
     * the free energy's tail is read: uncentred, a large |log P(e)| in every run's l swamped the part that grows in
     * the tail (a model of log P(e) = +1200 was named for a StudentT(5) guide, one of -1e5 not for a StudentT(2), an
     * outside statistician), and the call's mean of l is itself far off where that tail is heavy (1.5e5 under a Cauchy
     * guide).
     */
    private static double typicalL(double[] runLogWeights) {
        double[] l = java.util.Arrays.stream(runLogWeights).filter(w -> w > Double.NEGATIVE_INFINITY
                && w < Double.POSITIVE_INFINITY).map(w -> -w).sorted().toArray();
        return l.length == 0 ? Double.NaN : l.length % 2 == 1 ? l[l.length / 2]
                : 0.5 * (l[l.length / 2 - 1] + l[l.length / 2]);
    }

    /** The sentence on the guided sites left unprobed, if any. */
    private static Optional<String> unprobed(int leftOut, int guided, int budget, int extra) {
        if (leftOut == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the tails of %,d of the %,d guided real and vector sites were "
                + "not probed for a proposal too light (%,d are: the first of each name, two of each pair of prior and "
                + "proposal, then those met first; one more per %,d runs of the call, fewer where the runs are long"
                + "%s), so a light tail there would not be named", leftOut, guided, budget + extra, RUNS_PER_SITE,
                extra > 0 ? String.format(Locale.ROOT, "; and %,d more of those that spread the log weights most",
                        extra) : ""));
    }

    /** The first {@link #PROBE_RUNS} runs, then those of {@code also} not among them (an int index only). */
    private static int[] probeRuns(long[] also) {
        java.util.LinkedHashSet<Integer> runs = new java.util.LinkedHashSet<>();
        for (int i = 0; i < PROBE_RUNS; i++) {
            runs.add(i);
        }
        for (long r : also) {
            if (r >= 0 && r <= Integer.MAX_VALUE) {
                runs.add((int) r);
            }
        }
        return runs.stream().mapToInt(Integer::intValue).toArray();
    }

    private static <T> Optional<String> scalarVerdict(Execution<T> execution, long seed, int[] probe,
                                                      Map<Address, Dist[]> chosen, Map<Address, Support> supports,
                                                      String[] freeEnergy, String[] unbounded, double centre) {
        for (Map.Entry<Address, Dist[]> e : chosen.entrySet()) {
            Support support = supports.get(e.getKey());
            String first = null;
            for (int side : new int[] {1, -1}) {
                double end = side > 0 ? support.upper() : support.lower();
                boolean bounded = Double.isFinite(end);
                int rising = 0;
                int probed = 0;
                int[] logRising = new int[2]; // the integrands of E_q[l^2] and of E_q[|l|]
                int logProbed = 0;
                int growing = 0;
                int growthProbed = 0;
                // The runs past the first PROBE_RUNS (a hypothesis's first run) are judged on their own too: a branch
                // they alone take is a minority of every site's runs.
                int risingAlso = 0;
                int probedAlso = 0;
                for (int i = 0; i < probe.length; i++) {
                    RealDist q = (RealDist) e.getValue()[i];
                    if (q == null) {
                        continue;
                    }
                    Probe r = bounded ? risesAtEnd(execution, seed, probe[i], e.getKey(), support, q, end)
                            : rises(execution, seed, probe[i], e.getKey(), support, q, side, centre);
                    if (r.weights() >= 0) {
                        probed++;
                        rising += r.weights();
                        if (i >= PROBE_RUNS) {
                            probedAlso++;
                            risingAlso += r.weights();
                        }
                    }
                    if (r.unboundedWeights() >= 0) {
                        growthProbed++;
                        growing += r.unboundedWeights();
                    }
                    if (r.squaredLogWeights() >= 0) {
                        logProbed++;
                        logRising[0] += r.squaredLogWeights();
                        logRising[1] += Math.max(0, r.logWeights());
                    }
                }
                if (unbounded[0] == null && growthProbed > 0 && 2 * growing > growthProbed) {
                    unbounded[0] = unboundedVerdict(e.getKey(), bounded ? end : Double.NaN, side, growing,
                            growthProbed);
                }
                if (freeEnergy[0] == null && logProbed > 0 && 2 * logRising[0] > logProbed) {
                    boolean infinite = 2 * logRising[1] > logProbed;
                    // read along unbounded sides only (risesAtEnd does not read l), so never toward an end
                    freeEnergy[0] = FreeEnergyTail.verdict(e.getKey(), side, infinite,
                            infinite ? logRising[1] : logRising[0], logProbed, firstProposal(e.getValue()));
                }
                if (probed > 0 && 2 * rising <= probed && probedAlso > 0 && 2 * risingAlso > probedAlso) {
                    rising = risingAlso;
                    probed = probedAlso;
                }
                if (probed > 0 && 2 * rising > probed) {
                    if (first != null) {
                        // Both sides: one verdict names both, where naming one had a user fix it and then meet the
                        // other in the next run.
                        return Optional.of(String.format(Locale.ROOT, "%s; it is as light toward %s (%d of %d runs' "
                                + "weights grow there too): give it more mass on both sides", first, bounded
                                ? "its support's end " + end : side > 0 ? "values above its centre"
                                : "values below its centre", rising, probed));
                    }
                    first = bounded ? endVerdict(e.getKey(), end, rising, probed) : String.format(Locale.ROOT,
                            "the guide's tail at %s is too light: with %s "
                            + "forced %s the proposal's centre, %d of %d runs' weights grow at least as fast as the "
                            + "proposal density falls (weight^2 x density x distance rose at every doubling of the "
                            + "distance, out to 64 proposal sds, or stopped falling there), so the weights' variance "
                            + "is infinite, or finite only through values past 64 sds, which runs almost never draw "
                            + "(for the estimates, as bad); Pareto k-hat can miss this, as the runs seldom draw that "
                            + "tail, and standard errors and self-normalised estimates are not to be trusted (the "
                            + "lower bounds stay valid): give %s's proposal a heavier tail or more width (a StudentT, or a "
                            + "defensive mixture with the prior)", e.getKey(), e.getKey(),
                            side > 0 ? "above" : "below", rising, probed, e.getKey());
                }
            }
            if (first != null) {
                return Optional.of(first);
            }
        }
        return Optional.empty();
    }

    /**
     * The guided latent sites of the first {@link #PROBE_RUNS} runs that a probe can force, real sites of one dimension
     * and vector sites ({@link LightVectorTails#probeable}): per site (at most {@link #MAX_CANDIDATES}), its proposal in
     * each run, null where the run did not make it or failed, and its prior's support into {@code supports}. Null when
     * the guide is a whole-run defensive mixture, which bounds every weight: nothing to probe.
     */
    private static <T> Map<Address, Dist[]> proposals(Execution<T> execution, long seed, int[] probe,
                                                      Map<Address, Support> supports, Map<Address, String> pairs,
                                                      double[] runLogWeights, int[] longestRun) {
        Runner<T> runner = execution.runner();
        Map<Address, Dist[]> proposals = new LinkedHashMap<>();
        java.util.Arrays.fill(runLogWeights, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < probe.length; i++) {
            try {
                runner.run(seed, probe[i]);
                runLogWeights[i] = runner.failed() ? Double.NEGATIVE_INFINITY : runner.logWeight();
                if (runner.defensiveAlpha() > 0) {
                    return null;
                }
                List<TraceSite> sites = runner.trace().sites();
                longestRun[0] = Math.max(longestRun[0], sites.size());
                for (TraceSite s : sites) {
                    Dist p = s.prior();
                    Dist q = s.proposal();
                    boolean scalar = q instanceof RealDist && p instanceof RealDist && p.support().dim() == 1;
                    boolean vector = q instanceof VecDist && p instanceof VecDist
                            && LightVectorTails.probeable(p.support());
                    if (s.kind() != SiteKind.LATENT || q == null || q == p || !(scalar || vector)) {
                        continue;
                    }
                    if (!proposals.containsKey(s.address()) && proposals.size() >= MAX_CANDIDATES) {
                        continue;
                    }
                    proposals.computeIfAbsent(s.address(), a -> new Dist[probe.length])[i] = q;
                    supports.putIfAbsent(s.address(), p.support());
                    pairs.putIfAbsent(s.address(), p.describe() + " | " + q.describe());
                }
            } catch (RuntimeException e) {
                // made and reported by the call itself
            }
        }
        return proposals;
    }

    /** The sites with their proposals of class {@code kind} only (others null); a site with none left out. */
    private static Map<Address, Dist[]> only(Map<Address, Dist[]> proposals, Class<? extends Dist> kind) {
        Map<Address, Dist[]> out = new LinkedHashMap<>();
        proposals.forEach((a, qs) -> {
            Dist[] kept = new Dist[qs.length];
            boolean any = false;
            for (int i = 0; i < qs.length; i++) {
                if (kind.isInstance(qs[i])) {
                    kept[i] = qs[i];
                    any = true;
                }
            }
            if (any) {
                out.put(a, kept);
            }
        });
        return out;
    }

    /** The verdict on a site whose proposal falls too fast toward the finite end {@code end} of its support. */
    private static String endVerdict(Address site, double end, int rising, int probed) {
        return String.format(Locale.ROOT, "the guide's proposal at %s falls too fast toward its support's end %s: "
                + "with %s forced nearer and nearer to it, %d of %d runs' weights grow at least as fast as the "
                + "proposal density falls (weight^2 x density x distance rose at every quartering of the distance, to "
                + "1/1024 of the way from the proposal's centre, or stopped falling there), so the weights' variance "
                + "is infinite, or finite only through values nearer still, which runs almost never draw (for the "
                + "estimates, as bad); Pareto k-hat can miss this, as the runs seldom draw that end, and standard "
                + "errors and self-normalised estimates are not to be trusted (the lower bounds stay valid): give %s's "
                + "proposal more mass near %s: for any prior, Guide.defensive(w, guide), which mixes in the prior; "
                + "or a proposal at least as heavy as the prior there (a Beta or Gamma shape at most the prior's, a "
                + "wider LogNormal; a searched guide for a LogNormal or HalfNormal prior is a LogNormal, lighter "
                + "toward 0 than either)", site, end, site,
                rising, probed, site, end);
    }

    /** The sites chosen to probe, and how many guided sites were left out for the budget alone. */
    record Selection<V>(Map<Address, V> chosen, int leftOut) {
    }

    /**
     * The sites to probe, at most {@code budget}: the first site of each name (scope and name, whatever the index), in
     * the order the runs met them, then the others in that order, but at most {@link #SAME_PAIR} of those with one
     * prior and one proposal ({@code pairs}: their tails are alike). A model whose first 100 sites are one name
     * ({@code z[0]} to {@code z[99]}) and whose scale comes after them has its scale probed; taking the first 20 sites
     * met left it out, and a light tail there went unnamed. Sites past the budget that are like none probed count as
     * left out.
     */
    static <V> Selection<V> probed(Map<Address, V> candidates, Map<Address, String> pairs, int budget) {
        return probed(candidates, pairs, budget, 0, Map.of());
    }

    /**
     * {@link #probed(Map, Map, int)}, and then up to {@code extra} more of the sites left out, in decreasing
     * {@code spread} (a site without one last), at most {@link #SAME_PAIR} of one pair still.
     */
    static <V> Selection<V> probed(Map<Address, V> candidates, Map<Address, String> pairs, int budget, int extra,
                                   Map<Address, Double> spread) {
        Map<Address, V> chosen = new LinkedHashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        Map<String, Integer> perPair = new java.util.HashMap<>();
        for (Map.Entry<Address, V> e : candidates.entrySet()) {
            if (chosen.size() < budget && names.add(e.getKey().scope() + "/" + e.getKey().name())) {
                chosen.put(e.getKey(), e.getValue());
                perPair.merge(pairs.get(e.getKey()), 1, Integer::sum);
            }
        }
        List<Map.Entry<Address, V>> rest = new java.util.ArrayList<>();
        for (Map.Entry<Address, V> e : candidates.entrySet()) {
            if (chosen.containsKey(e.getKey()) || perPair.getOrDefault(pairs.get(e.getKey()), 0) >= SAME_PAIR) {
                continue;
            }
            if (chosen.size() < budget) {
                chosen.put(e.getKey(), e.getValue());
                perPair.merge(pairs.get(e.getKey()), 1, Integer::sum);
            } else {
                rest.add(e);
            }
        }
        rest.sort(java.util.Comparator.comparingDouble(e -> -spread.getOrDefault(e.getKey(),
                Double.NEGATIVE_INFINITY)));
        int leftOut = 0;
        int added = 0;
        for (Map.Entry<Address, V> e : rest) {
            if (perPair.getOrDefault(pairs.get(e.getKey()), 0) >= SAME_PAIR) {
                continue;
            }
            if (added < extra) {
                chosen.put(e.getKey(), e.getValue());
                perPair.merge(pairs.get(e.getKey()), 1, Integer::sum);
                added++;
            } else {
                leftOut++;
            }
        }
        return new Selection<>(chosen, leftOut);
    }

    /**
     * 1 if g rose at every doubling in run i with the site forced along one side, 0 if not, -1 if the run could not be
     * probed (it failed, or threw, at the nearest point).
     */
    private static <T> Probe rises(Execution<T> execution, long seed, int i, Address site, Support support, RealDist q,
                                   int side, double centreOfL) {
        double[][] along = tailPoints(q, side);
        return risesThrough(execution, seed, i, site, support, q, along[0], along[1], centreOfL);
    }

    /**
     * The points a probe forces a site to along one side of its proposal {@code q}, and their distances from its
     * centre: {@link #DISTANCES} proposal sds (scale units for a proposal without a variance) from its mean (0 for
     * one without a finite mean, as a Cauchy), as {@code {points, distances}}.
     */
    static double[][] tailPoints(RealDist q, int side) {
        double centre;
        double scale;
        try {
            centre = q.mean();
        } catch (RuntimeException undefined) { // a user's moment may throw anything for "none"
            centre = 0; // a proposal without a mean (a Cauchy): distances from 0, in scale units
        }
        try {
            scale = Math.sqrt(q.variance());
        } catch (RuntimeException undefined) { // a user's moment may throw anything for "none"
            scale = Double.NaN;
        }
        if (!Double.isFinite(centre)) {
            centre = 0;
        }
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            scale = 1;
        }
        double[] points = new double[DISTANCES.length];
        double[] distances = new double[DISTANCES.length];
        for (int k = 0; k < DISTANCES.length; k++) {
            distances[k] = DISTANCES[k] * scale;
            points[k] = centre + side * distances[k];
        }
        return new double[][] {points, distances};
    }

    /**
     * The power of distance by which g's integrand falls, at the grid's end, at or below which it counts as level: a
     * power law whose integrand falls as distance^e, e above 0, has a finite integral over log distance, and one with
     * e = 0 (weight^2 x density x distance tending to a constant) diverges like the log of the distance. The power is
     * read from the last two steps' slopes s1 and s2 as (4 s2 - s1) / 3, which cancels a correction that shrinks by 4
     * at each step (one of the order of the distance toward an end, quartered at each step; one of the order of
     * 1 / t^2 in a tail, at each doubling). Measured 0.000005 for a Beta(2, 2) proposal for a Uniform prior and 0.00017
     * for a Gamma(2, 1) one for an Exponential, both borderline; 0.005 and 0.01 for Gamma(0.015) and Gamma(0.01)
     * proposals for a Gamma(0.01) prior, whose weights' variance is finite (a power of 0.005 and 0.01).
     */
    static final double LEVEL_SLOPE = 0.002;
    /** The slope the last step itself must stay under: g must be near its power law, not still bending. */
    static final double LEVELLING_SLOPE = 0.05;

    /**
     * Whether g(t) = log q(t) + 2 log W(t) + log(distance) rises at every one of {@code points} in turn (each
     * {@code distances[k]} from where the probe measures), or levels off there (its last step falls by at most
     * {@link #LEVELLING_SLOPE} per unit of log distance, and the power read from its last two steps is at most
     * {@link #LEVEL_SLOPE}): 1 if so, 0 if not or if a later point cannot be scored, -1 if the first cannot (a point
     * not finite or outside the support, the forced run failed, or the proposal excludes it). A level g is the
     * borderline of a power law, where the integral diverges like the log of the distance (a Beta(2, 2) proposal for a
     * Uniform prior, a Gamma(2) one for an Exponential, a StudentT with 2 degrees of freedom for a Cauchy prior that
     * no likelihood tames).
     */
    private static <T> Probe risesThrough(Execution<T> execution, long seed, int i, Address site, Support support,
                                          RealDist q, double[] points, double[] distances, double centreOfL) {
        return risesThrough(execution, seed, i, site, support, q, points, distances, centreOfL, null);
    }

    /**
     * {@link #risesThrough(Execution, long, int, Address, Support, RealDist, double[], double[], double)}, the weights'
     * variance judged against {@code end}, the proposal's centre forced (null: against the first point, {@link
     * #varianceRisesThrough(double[], double[], double[])}).
     */
    private static <T> Probe risesThrough(Execution<T> execution, long seed, int i, Address site, Support support,
                                          RealDist q, double[] points, double[] distances, double centreOfL,
                                          Reference end) {
        double[] logQ = new double[points.length];
        double[] logW = new double[points.length];
        for (int k = 0; k < points.length; k++) {
            double t = points[k];
            logQ[k] = !Double.isFinite(t) || !support.contains(t) ? Double.NEGATIVE_INFINITY : q.logDensity(t);
            logW[k] = logQ[k] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                    : forcedLogWeight(execution, seed, i, site, new Point(t, support), logQ[k]);
        }
        // The run's l = log q - log p with the site at t is -log W(t), read less its mean (centreOfL; NaN: not read);
        // a weight of 0 has no finite l to score.
        boolean readL = !Double.isNaN(centreOfL);
        int variance = varianceRisesThrough(distances, logQ, logW);
        if (end != null && variance == 1 && end.unreachedPastLowest(distances, logQ, logW)) {
            variance = 0;
        }
        return new Probe(variance,
                readL ? risesThrough(distances, k -> logQ[k] + 2 * logAbsOfFinite(-logW[k] - centreOfL)) : -1,
                readL ? risesThrough(distances, k -> logQ[k] + logAbsOfFinite(-logW[k] - centreOfL)) : -1,
                growsWithoutBound(logW));
    }

    /**
     * Whether log W rises at every step of the probe without its rises dying away: each at least half the one before
     * it at the last step (a power law's are equal, a Gaussian's quadruple; one that tends to a bound shrinks by 2
     * or more at each doubling of the distance), and W at least doubles from the first point to the second (4 to 8
     * proposal sds), so that the growth is already under way where a posterior's tail can still hold mass (a Normal
     * guide 0.06% narrower than a Normal posterior has unbounded weights, which grow 1.03 times over that step): 1 if
     * so, 0 if not, -1 if the first point cannot be scored.
     */
    static int growsWithoutBound(double[] logW) {
        if (!(logW[0] > Double.NEGATIVE_INFINITY)) {
            return -1;
        }
        int n = logW.length;
        for (int k = 1; k < n; k++) {
            if (!(logW[k] > logW[k - 1]) || logW[k] == Double.POSITIVE_INFINITY) {
                return logW[k] == Double.POSITIVE_INFINITY ? 1 : 0;
            }
        }
        double last = logW[n - 1] - logW[n - 2];
        double before = logW[n - 2] - logW[n - 3];
        return last >= 0.5 * before && logW[1] - logW[0] >= Math.log(2) ? 1 : 0;
    }

    /** The verdict on a site whose weights grow without bound along one tail (for independence MH). */
    private static String unboundedVerdict(Address site, double end, int side, int growing, int probed) {
        String where = Double.isNaN(end) ? String.format(Locale.ROOT, "forced %s the proposal's centre, out to 64 "
                + "proposal sds", side > 0 ? "above" : "below") : "forced nearer and nearer to its support's end " + end;
        return String.format(Locale.ROOT, "the guide's tail at %s is lighter than the target's: with %s %s, %d of %d "
                + "runs' weights p / q rose at every step without levelling off, so the weights are unbounded there, "
                + "or bounded only further out, at many times their size nearer in", site, site, where, growing,
                probed);
    }

    /** log |x| for a finite x, -inf (cannot be scored) for an infinite one. */
    private static double logAbsOfFinite(double x) {
        return Double.isFinite(x) ? Math.log(Math.abs(x)) : Double.NEGATIVE_INFINITY;
    }

    /**
     * What one probed run said of three integrands over log distance, each 1 if it rose at every step or levelled
     * off, 0 if not, -1 if the run could not be probed ({@link #risesThrough(double[], IntToDoubleFunction)}): q W^2
     * (the weights' variance), q l^2 and q |l| (the variance and the mean of l = log q - log p, the free energy's
     * terms; see {@link FreeEnergyTail}); and W itself, growing without bound ({@link #growsWithoutBound}).
     */
    record Probe(int weights, int squaredLogWeights, int logWeights, int unboundedWeights) {
        static final Probe NONE = new Probe(-1, -1, -1, -1);
    }

    /**
     * The same decision for any site: {@code logQW2} gives log q + 2 log W at the k-th point ({@code -inf} where it
     * cannot be scored), {@code distances[k]} its distance. 1 if g rose at every step or levelled off, 0 if not or if
     * a later point cannot be scored, -1 if the first cannot.
     */
    static int risesThrough(double[] distances, IntToDoubleFunction logQW2) {
        double[] g = new double[distances.length];
        boolean rising = true;
        for (int k = 0; k < distances.length; k++) {
            double score = logQW2.applyAsDouble(k);
            if (!(score > Double.NEGATIVE_INFINITY)) {
                return k == 0 ? -1 : 0;
            }
            g[k] = score + Math.log(distances[k]);
            rising &= k == 0 || g[k] > g[k - 1];
        }
        int n = distances.length;
        double before = fallSlope(g, distances, n - 2);
        double last = fallSlope(g, distances, n - 1);
        return rising || last <= LEVELLING_SLOPE && (4 * last - before) / 3 <= LEVEL_SLOPE ? 1 : 0;
    }

    /**
     * {@link #risesThrough} for the weights' variance, g = log q + 2 log W + log(distance), from log q and log W at
     * each point; 0 where g rises only past a trough that neither the runs nor the posterior reach
     * ({@link #pastAnUnreachedTrough}).
     */
    static int varianceRisesThrough(double[] distances, double[] logQ, double[] logW) {
        int r = risesThrough(distances, k -> logQ[k] + 2 * logW[k]);
        return r == 1 && pastAnUnreachedTrough(distances, logQ, logW) ? 0 : r;
    }

    /**
     * Whether g falls by {@link #TROUGH} nats or more from the first point to its lowest before it rises again, and at
     * the points past that lowest one, where it rises, the proposal's mass and the target's (per unit of log distance:
     * q x distance and q W x distance) are both at most e^-{@link #UNREACHED} of the first point's. The variance is
     * then infinite, but only through a region that a run lands in with probability about e^-25 times that of the first
     * point (itself a quarter of the way to the end, or 4 proposal sds out) and that holds as little of the posterior,
     * so its contribution to P(e)-hat, whose mean is P(e) times that posterior mass, moves no estimate at any run
     * count: a logistic-normal proposal (a searched guide's, for a Dirichlet or Beta site) falls faster than any power
     * toward the faces, and its weights' variance is infinite there however good the guide; a new user's calibrated
     * guides were named in 150 calls of 150 (here, the searched guide for a Dirichlet(31, 51, 21) posterior: g fell 16
     * nats, then rose 130 where q was e^-60 and p e^-39 of the first point's; log Z-hat's z-scores over 30 seeds of sd
     * 0.88; for a Dirichlet(15, 15, 15) one g fell only 3.3 nats, named in 60 calls of 60 of z sd 0.88). A Normal(0, 1)
     * guide for a StudentT(100) prior likewise: g fell from 4 to 8 sds and rose past 16, where q is e^-120 and p e^-55
     * of their values at 4 (named in 100 calls of 100 of z sd 1.01; a hunt for false alarms). Where g is level (a
     * Dirichlet proposal twice as concentrated as the posterior: log Z-hat 0.8 standard errors low on average where
     * nothing else was said) or rises from the first point, the region runs reach carries the divergence, and no trough
     * is found.
     */
    static boolean pastAnUnreachedTrough(double[] distances, double[] logQ, double[] logW) {
        int n = distances.length;
        int lowest = lowestG(distances, logQ, logW);
        if (lowest == 0 || lowest == n - 1
                || !(g(distances, logQ, logW, 0) - g(distances, logQ, logW, lowest) >= TROUGH)) {
            return false;
        }
        double q0 = logQ[0] + Math.log(distances[0]);
        return unreachedFrom(lowest + 1, distances, logQ, logW, q0, q0 + logW[0]);
    }

    /** g = log q + 2 log W + log(distance) at the k-th point. */
    private static double g(double[] distances, double[] logQ, double[] logW, int k) {
        return logQ[k] + 2 * logW[k] + Math.log(distances[k]);
    }

    /** The first point at which g is lowest. */
    private static int lowestG(double[] distances, double[] logQ, double[] logW) {
        int lowest = 0;
        for (int k = 1; k < distances.length; k++) {
            if (g(distances, logQ, logW, k) < g(distances, logQ, logW, lowest)) {
                lowest = k;
            }
        }
        return lowest;
    }

    /**
     * Whether at each point from {@code from} on the proposal's mass and the target's per unit of log distance (q x
     * distance and q W x distance, on a log scale) are at most e^-{@link #UNREACHED} of {@code logQ0} and {@code logP0}.
     */
    private static boolean unreachedFrom(int from, double[] distances, double[] logQ, double[] logW, double logQ0,
                                         double logP0) {
        for (int k = from; k < distances.length; k++) {
            double mass = logQ[k] + Math.log(distances[k]);
            if (!(mass <= logQ0 - UNREACHED) || !(mass + logW[k] <= logP0 - UNREACHED)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How far (nats) g must fall before a rise past it is judged by where runs and the posterior go: a g level from
     * the first point (a Dirichlet proposal twice as concentrated as the posterior) spreads the divergence over the
     * region the runs reach, and is named whatever lies further out.
     */
    static final double TROUGH = 2;
    /** How far below the first probe point's (nats) the proposal's and the target's mass past the trough must be. */
    static final double UNREACHED = 25;
    /**
     * How far below the centre's (nats) g may lie at the points toward an end that are passed over before the
     * region the rise carries is judged unreached: over the five quarterings they add at most 7 e^-5 of the
     * centre's g, a few hundredths of the weights' second moment, where the rise past them grows without bound. A
     * searched Gamma(29) proposal for a peak's amplitude of Gamma(2) prior, whose g rose from e^-12 of the centre's
     * at a quarter of the way to 0 (proposal mass e^-19 there) and passed it at 1/64 (e^-93, the posterior's e^-41),
     * was named in 9 calls of 10, every estimate right (a new user).
     */
    static final double BELOW_THE_BULK = 5;

    /** How fast g falls over step k, per unit of log distance (negative where it rises). */
    private static double fallSlope(double[] g, double[] distances, int k) {
        return (g[k - 1] - g[k]) / Math.abs(Math.log(distances[k] / distances[k - 1]));
    }

    /** Fractions of the way from the proposal's centre to a finite end of the support: each a quarter of the last. */
    static final double[] TOWARD_END = {1.0 / 4, 1.0 / 16, 1.0 / 64, 1.0 / 256, 1.0 / 1024};

    /**
     * {@link #rises} at a finite end of the support: the site forced to points {@code end + delta} approaching the
     * end, delta a quarter, a sixteenth, ... of the way from the proposal's centre. Near an end the integral of
     * q W^2 over t is the integral over log delta of q W^2 delta; where that integrand rises at every quartering,
     * it grows without bound toward the end (a Beta(2, 10) proposal for a Beta(0.5, 0.5) prior: q W^2 delta grows
     * like 1 / delta), and the weights' variance is infinite. 1 if it rose at every step, 0 if not, -1 if the run
     * could not be probed (no centre inside the support, a point the support or the proposal excludes).
     */
    private static <T> Probe risesAtEnd(Execution<T> execution, long seed, int i, Address site, Support support,
                                        RealDist q, double end) {
        double centre;
        try {
            centre = q.mean();
        } catch (RuntimeException undefined) { // a user's moment may throw anything for "none"
            return Probe.NONE;
        }
        double gap = centre - end;
        if (!Double.isFinite(gap) || gap == 0 || !support.contains(centre)) {
            return Probe.NONE;
        }
        double[] points = new double[TOWARD_END.length];
        double[] distances = new double[TOWARD_END.length];
        for (int k = 0; k < TOWARD_END.length; k++) {
            double delta = gap * TOWARD_END[k];
            distances[k] = Math.abs(delta);
            points[k] = end + delta == end ? Double.NaN : end + delta; // a point that rounds onto the end: none
        }
        // No reading of the free energy toward an end: where l grows like log(distance) (a Beta(0.05, 0.05) guide
        // for a Beta(9, 5)), q l^2 x distance keeps rising over the probe's range though its integral is finite
        // (an outside statistician), and a grid of quarterings cannot tell that growth from a power's.
        double centreLogQ = q.logDensity(centre);
        double centreLogW = centreLogQ > Double.NEGATIVE_INFINITY
                ? forcedLogWeight(execution, seed, i, site, new Point(centre, support), centreLogQ)
                : Double.NEGATIVE_INFINITY;
        return risesThrough(execution, seed, i, site, support, q, points, distances, Double.NaN,
                new Reference(centreLogQ, centreLogW, Math.log(Math.abs(gap))));
    }

    /**
     * The proposal's centre forced, as the measure of where runs and the posterior go toward an end of the support:
     * log q and log W there, and the log of the distance from the centre to the end.
     */
    record Reference(double centreLogQ, double centreLogW, double logDistance) {

        /**
         * Whether, at the points from which g = log q + 2 log W + log(distance) rises toward the end (those past its
         * lowest point, all where it is lowest at the first, the last where it is lowest there), the proposal's mass and the target's, per unit of
         * log distance (q x distance and q W x distance), are both at most e^-{@link #UNREACHED} of the centre's (q x
         * and q W x the centre's distance to the end). The weights' variance is then infinite only through a region
         * that a run lands in with probability about e^-25 and that holds as little of the posterior, as past a
         * trough ({@link #pastAnUnreachedTrough}), whatever the first point holds: that point, a quarter of the way to
         * the end, can itself lie many proposal sds out. A searched guide's logistic normal for a Uniform(0, 0.5)
         * recombination fraction was named toward 0.5 in 20 calls of 20, every estimate right, where the posterior
         * at 0.5 is e^-38 of its mode and its first point already e^-25 of the centre's (a new user). A Beta(2, 10)
         * proposal for a Beta(0.5, 0.5) prior, whose posterior holds real mass at the end, is named as before. The
         * points past the lowest where g is still {@link #BELOW_THE_BULK} nats or more below the centre's are passed
         * over: the rise that matters begins where g nears the bulk's.
         */
        boolean unreachedPastLowest(double[] distances, double[] logQ, double[] logW) {
            if (!(centreLogQ > Double.NEGATIVE_INFINITY) || !(centreLogW > Double.NEGATIVE_INFINITY)) {
                return false;
            }
            int lowest = lowestG(distances, logQ, logW);
            double q0 = centreLogQ + logDistance;
            // where g is lowest at the last point it levels off there (the borderline of a power law): that point
            int from = lowest == 0 ? 0 : Math.min(lowest + 1, distances.length - 1);
            double bulk = q0 + 2 * centreLogW;
            while (from < distances.length - 1 && g(distances, logQ, logW, from) < bulk - BELOW_THE_BULK) {
                from++;
            }
            return unreachedFrom(from, distances, logQ, logW, q0, q0 + centreLogW);
        }
    }

    /**
     * log W: the log weight of run i with the site forced to {@code point} (a proposal of probability 1 at one value),
     * over the proposal's log density there; {@code -inf} if the forced run fails or throws.
     */
    static <T> double forcedLogWeight(Execution<T> execution, long seed, int i, Address site, Dist point,
                                      double logQ) {
        try {
            Runner<T> forced = ForcedValue.execution(execution, true, site, point).runner();
            forced.run(seed, i);
            return forced.failed() ? Double.NEGATIVE_INFINITY : forced.logWeight() - logQ;
        } catch (RuntimeException e) {
            return Double.NEGATIVE_INFINITY;
        }
    }

    /** The value t with probability 1 on {@code support}, as a proposal that forces a site to it. */
    static Dist pointAt(double t, Support support) {
        return new Point(t, support);
    }

    /** The value t with probability 1, declared on its prior's support (a proposal must cover its prior's support). */
    private record Point(double value, Support support) implements RealDist {
        @Override
        public double sample(Rng rng) {
            return value;
        }

        @Override
        public double logDensity(double x) {
            return x == value ? 0 : Double.NEGATIVE_INFINITY;
        }

        @Override
        public double mean() {
            return value;
        }

        @Override
        public double variance() {
            return 0;
        }
    }

    /** The first probed run's proposal at a site, or null if no run proposed there. */
    private static RealDist firstProposal(Dist[] proposals) {
        for (Dist q : proposals) {
            if (q instanceof RealDist r) {
                return r;
            }
        }
        return null;
    }
}
