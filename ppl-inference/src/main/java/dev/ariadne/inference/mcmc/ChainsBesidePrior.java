package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.PriorMeans;
import dev.ariadne.inference.PriorRuns;
import dev.ariadne.inference.UnproposedValues;
import dev.ariadne.inference.run.RunCancelledException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The chains' means set beside importance sampling from the prior ({@link PriorMeans}), which needs no chain: each
 * quantity that moved and exists in every draw (a recorded real, integer or boolean choice, a tracked function), where
 * the prior's runs are trusted. Chains reach only what their kernels connect to where they started: single-site
 * kernels on proper 3-colourings of a 6-cycle never enter or leave the six colourings in which every choice's
 * neighbours hold both other colours, which hold 8.5% of the posterior, and read P(c0 = c3 | e) 0.095 +- 0.005
 * against 0.170 with "no problem found" in 4 seeds of 30 (an outside user: the chains agree, since none ever
 * visits them); chains that all settle in one mode of several agree too. The prior's runs reach both at their prior
 * rate. A difference beyond {@link PriorRuns#Z_LIMIT} standard errors (the chains' mcse and the prior's standard
 * error together) is named, in either direction: the prior's runs, trusted, are unbiased up to O(1/n). Between
 * {@link #Z_SUSPECT} and that, the prior's runs are made {@link PriorRuns#EXTENSION} times as long before judging, as
 * they are where they carry an ESS of {@link PriorRuns#MIN_ESS} but their tail is not yet judged fine.
 *
 * @param <T> the model's return type
 */
final class ChainsBesidePrior<T> {

    /** The runs from the prior first made. */
    static final long RUNS = 20_000;
    /** The most runs from the prior, where a difference is suspect. */
    static final long MAX_RUNS = 200_000;
    /** The most sites the prior's runs make in all (a model of long runs makes fewer runs). */
    static final long MAX_SITES = 20_000_000;
    /** Standard errors of the difference beyond which a difference is suspect, and the prior's runs made longer. */
    static final double Z_SUSPECT = 3;
    /** Mixed into the chains' seed, so that these runs are none of the chains' own nor the other checks'. */
    private static final long STREAM = 0x7072696F726D6EL;

    /** What the comparison found: a named difference, or the agreement said beside "no problem found". */
    record Outcome(Optional<String> difference, Optional<String> agreement, boolean unchecked) {
        static final Outcome NONE = new Outcome(Optional.empty(), Optional.empty(), false);

        Outcome(Optional<String> difference, Optional<String> agreement) {
            this(difference, agreement, false);
        }
    }

    private final Model<T> model;
    private final Target<? super T> target;
    private final boolean posterior;
    private final long seed;
    private final List<String> trackedNames;
    private final List<SerializableToDoubleFunction<? super T>> tracked;
    private Outcome outcome;

    ChainsBesidePrior(Model<T> model, Target<? super T> target, boolean posterior, long seed,
            List<String> trackedNames, List<SerializableToDoubleFunction<? super T>> tracked) {
        this.model = model;
        this.target = target;
        this.posterior = posterior;
        this.seed = seed;
        this.trackedNames = trackedNames;
        this.tracked = tracked;
    }

    /**
     * The comparison with the chains' summary {@code s}, made once; {@code independence} says whether an independence
     * kernel was among the chains' (its advice differs: such a kernel proposes only where its guide does).
     */
    synchronized Outcome outcome(Summary s, boolean independence) {
        if (outcome == null) {
            outcome = compare(s, independence);
        }
        return outcome;
    }

    private Outcome compare(Summary s, boolean independence) {
        Map<String, SummaryRow> rows = new LinkedHashMap<>();
        Map<String, Address> addresses = new LinkedHashMap<>();
        for (SummaryRow r : s.rows()) {
            if (r.presence() < 1 || r.constant() || !Double.isFinite(r.mcseMean())) {
                continue;
            }
            if (trackedNames.contains(r.name())) {
                rows.put(r.name(), r);
                continue;
            }
            try {
                addresses.put(r.name(), Address.parse(r.name()));
                rows.put(r.name(), r);
            } catch (IllegalArgumentException e) {
                // a vector's component: not read from a run here
            }
        }
        if (rows.isEmpty()) {
            return Outcome.NONE;
        }
        List<String> names = List.copyOf(rows.keySet());
        PriorMeans<T> prior = runs(names, addresses, RUNS);
        // Made longer where enough runs carry the weight but their tail is not yet judged fine (a discrete net's ties:
        // an ESS of 622 from 20,000 runs, under the 1,000 such a tail needs), as the guide's cross-check makes them
        // longer, and where the difference is suspect
        if (prior != null && (prior.untrustedBecause().isPresent() ? prior.ess() >= PriorRuns.MIN_ESS
                : suspect(gaps(rows, prior.means())))) {
            prior = runs(names, addresses, MAX_RUNS);
        }
        if (prior == null) {
            return Outcome.NONE;
        }
        Optional<String> untrusted = prior.untrustedBecause();
        if (untrusted.isPresent()) {
            // Said beside "no problem found", which otherwise reads as if this check had been made: four chains that
            // all settled in one labelling of a symmetric mixture, 700 mcse off, read "no problem found" and nothing
            // of it (an outside statistician)
            return new Outcome(Optional.empty(), Optional.of(String.format(Locale.ROOT, "importance sampling from the "
                    + "prior (%,d runs), which needs no chain, could not check the chains here (%s), so nothing beside "
                    + "them vouches for a mode they all missed", prior.runs(), untrusted.get())), true);
        }
        List<Gap> gaps = gaps(rows, prior.means());
        List<Gap> named = gaps.stream().filter(g -> Math.abs(g.z) > PriorRuns.Z_LIMIT).toList();
        if (named.isEmpty()) {
            if (gaps.isEmpty()) {
                return Outcome.NONE;
            }
            Gap largest = gaps.get(0);
            // Between 3 and 5 standard errors, even after the longer runs, is no agreement: chains 5 to 6 mcse off an
            // indicator of 2% were told "agrees" there (an outside statistician)
            return new Outcome(Optional.empty(), Optional.of(Math.abs(largest.z) > Z_SUSPECT
                    ? String.format(Locale.ROOT, "importance sampling from the prior (%,d runs, ESS %,.0f) reads %s "
                    + "%.1f standard errors of the difference from the chains, short of the %.0f that would name a "
                    + "gap: run longer chains before taking its mcse at its word", prior.runs(), prior.ess(),
                    largest.name, Math.abs(largest.z), PriorRuns.Z_LIMIT)
                    : String.format(Locale.ROOT, "importance sampling from the prior (%,d runs, ESS %,.0f) agrees "
                    + "with the chains on %s it could read, within %.0f standard errors", prior.runs(), prior.ess(),
                    gaps.size() == 1 ? "the one quantity" : "each of the " + gaps.size() + " quantities",
                    Z_SUSPECT)));
        }
        Optional<String> blindSpot = priorsBlindSpot(prior);
        Gap worst = named.get(0);
        String more = named.size() == 1 ? "" : String.format(Locale.ROOT, " (and %d more beyond %.0f: %s)",
                named.size() - 1, PriorRuns.Z_LIMIT, dev.ariadne.inference.ShortList.of(
                        named.subList(1, named.size()).stream().map(g -> g.name).toList()));
        return new Outcome(Optional.of(String.format(Locale.ROOT, "the chains disagree with importance sampling from "
                + "the prior, which needs no chain: %s reads %s in the chains and %s from %,d runs of the prior "
                + "(ESS %,.0f), %.1f standard errors of the difference%s; either the chains miss part of the "
                + "posterior (a region or mode that no chain reached, or that the kernels cannot leave or enter one "
                + "choice at a time, as choices tied by a condition on several), or their mcse reads too small, or the "
                + "prior's runs miss a region they draw too seldom to weigh (a narrow peak far in the prior's tail, "
                + "which no ESS of theirs can show)%s; %s",
                worst.name, new Estimate(worst.chains.mean(), worst.chains.mcseMean(), ""),
                new Estimate(worst.prior.value(), worst.prior.standardError(), ""), prior.runs(),
                prior.ess(), worst.z, more, blindSpot.map(why -> ", and here they do: their own check finds that "
                + why + " (so which side is wrong is not known: chains that are right and chains stuck in one mode "
                + "read alike beside such runs)").orElse(""), independence ? "the independence kernel proposes only "
                + "where its guide "
                + "does, so a guide that misses that region keeps the chains out of it too (a wider guide, or "
                + "Guide.defensive, reaches it), and importance sampling under a guide that covers both readings "
                + "tells which is right"
                : "Kernels.independence(guide) moves choices together, and importance sampling under a guide that "
                + "covers both readings tells which is right")),
                Optional.empty());
    }

    private record Gap(String name, SummaryRow chains, Estimate prior, double z) {
    }

    /**
     * For the posterior, what importance sampling from the prior finds of its own runs ({@link UnproposedValues}): a
     * discrete value of real prior mass that they draw too seldom to weigh, on which their estimate hangs. A named
     * difference then says so, and that it cannot tell which side is wrong: a fault of prior 1e-6 that held 29% of
     * the posterior, which the prior's 20,000 runs never drew, was told "the chains miss part of the posterior ...
     * importance sampling from the prior gives the answer" in 98 calls of 100 whose chains were right (an outside
     * statistician); left out of the comparison instead, chains stuck in one mode beside a fault of prior 1e-5 read
     * "no problem found" 4,000 mcse off in 11 calls of 30 (a false-alarm hunt).
     */
    private Optional<String> priorsBlindSpot(PriorMeans<T> prior) {
        if (!posterior) {
            return Optional.empty();
        }
        Estimate logZ = prior.logMeanWeight();
        try {
            return UnproposedValues.verdict(Execution.of(model), seed ^ STREAM, prior.runs(), logZ.value(),
                    logZ.standardError(), "read the chains, or Enumerate where the choices are finite");
        } catch (RunCancelledException cancelled) {
            throw cancelled;
        } catch (RuntimeException e) {
            return Optional.empty(); // a run the check forces that the model fails: the chains report their own
        }
    }

    /** Whether the largest of {@code gaps} is above {@link #Z_SUSPECT} and not above the limit that names it. */
    private static boolean suspect(List<Gap> gaps) {
        return !gaps.isEmpty() && Math.abs(gaps.get(0).z) > Z_SUSPECT && !(Math.abs(gaps.get(0).z) > PriorRuns.Z_LIMIT);
    }

    /** The quantities both read, with the standard errors of their differences, the largest first. */
    private static List<Gap> gaps(Map<String, SummaryRow> rows, Map<String, Estimate> prior) {
        List<Gap> out = new ArrayList<>();
        for (Map.Entry<String, Estimate> p : prior.entrySet()) {
            SummaryRow r = rows.get(p.getKey());
            double d = r.mean() - p.getValue().value();
            double se = Math.hypot(r.mcseMean(), p.getValue().standardError());
            if (d != 0 && se > 0) {
                out.add(new Gap(p.getKey(), r, p.getValue(), d / se));
            }
        }
        out.sort(Comparator.comparingDouble((Gap g) -> -Math.abs(g.z)));
        return out;
    }

    /**
     * The prior's runs read for {@code names}; null where a tracked function threw on one of them (a run the chains
     * never reached can hold a value it was not written for: it says nothing of the chains).
     */
    private PriorMeans<T> runs(List<String> names, Map<String, Address> addresses, long runs) {
        try {
            return priorMeans(names, addresses, runs);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private PriorMeans<T> priorMeans(List<String> names, Map<String, Address> addresses, long runs) {
        int n = names.size();
        Address[] at = new Address[n];
        int[] trackedIndex = new int[n];
        for (int k = 0; k < n; k++) {
            at[k] = addresses.get(names.get(k));
            trackedIndex[k] = trackedNames.indexOf(names.get(k));
        }
        return PriorMeans.of(model, names, new PriorMeans.RunReader<T>() {
            @Override
            public double logWeight(Runner<T> run) {
                // the posterior's weight read directly: (log p + log l) - log p can break the ties of equal weights
                return posterior ? run.logLikelihood()
                        : target.logDensity(run.logPrior(), run.logLikelihood(), run.value()) - run.logPrior();
            }

            @Override
            public void read(Runner<T> run, double[] into) {
                History h = at.length == 0 ? null : run.history();
                for (int k = 0; k < n; k++) {
                    into[k] = trackedIndex[k] >= 0 ? tracked.get(trackedIndex[k]).applyAsDouble(run.value())
                            : OtherValueSearch.scalar(h, at[k]);
                }
            }
        }, runs, MAX_SITES, seed ^ STREAM);
    }
}
