package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Execution;
import dev.ariadne.core.FailureCause;
import dev.ariadne.core.Guide;
import dev.ariadne.core.GuideProgram;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.RunRecord;
import dev.ariadne.core.Site;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.inference.stats.ParetoKHat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a few trial runs say about a guide before a long run: the errors it causes (a proposal of the wrong kind
 * or support), the runs that failed and where, the latent sites it never touches (left to the prior), and the
 * address patterns it dispatches on that matched no latent site (a typo such as {@code lamda}).
 *
 * @param runs      the trial runs made
 * @param errors    distinct errors, each as the first run that met it names it (its index, of seed 0, and the last
 *                  site it reached), so that it can be made again (each stops its run; a site whose proposal was
 *                  refused then takes its prior in the runs that follow, and in that run made again, so that every
 *                  refused proposal is named, not only the first a run meets); and a distribution of the user's own
 *                  whose draws disagree with its declared mean and variance ({@link UserDistributionCheck})
 * @param failures  runs with weight 0 by cause, with the first address for each
 * @param untouched latent addresses the guide never proposed at, with indices collapsed to {@code [*]} (a group of
 *                  one address named by it)
 * @param whyUntouched for those of the untouched addresses that the guide leaves at their prior by design, its
 *                  reason ({@link Guide#leavesPriorBecause}), by address
 * @param unmatchedPatterns the guide's address patterns ({@link Guide#patterns()}) that matched no latent site of
 *                  the trial runs (a site where a run stopped with an error, such as a proposal that does not fit its
 *                  prior, counts as matched: the error names it)
 * @param whyUnmatched for those of the unmatched patterns that name evidence (an observation, a factor or a
 *                  condition) of the trial runs, which a guide never proposes at, the first such site, by pattern
 * @param lightTails a real site whose proposal's tail is too light for the weights' (a Normal guide for a Cauchy
 *                  prior the likelihood does not tame): the weights' variance is infinite, which a few runs, or many,
 *                  seldom show; found by forcing the site far out in its proposal's tails in a few runs (see the
 *                  diagnostics' verdict of the same words); and a real site whose guided draws all took one value,
 *                  a proposal of no spread the doubles can show; where none is, and the check made 2,155 runs or
 *                  more, its own weights' Pareto k-hat above its threshold (a count's proposal too light, which no
 *                  probe of a real site sees); empty if none
 * @param unproposedValues a value of a finite discrete site that the guide never, or all but never, proposes though
 *                  the prior gives it weight, or that the trial runs barely draw yet that holds much of P(e) when
 *                  forced (the diagnostics' verdict of the same words): estimates from such a guide leave out that
 *                  value's share; empty if none
 * @param notChecked what the check left out (guided sites whose tails were not probed, past the probes' budget): not
 *                  problems, but where "no problems" says nothing; empty if nothing was left out
 * @param accepted  how many of the trial runs had positive weight
 */
public record GuideCheck(int runs, List<String> errors, Map<FailureCause, String> failures, List<String> untouched,
                         Map<String, String> whyUntouched, List<String> unmatchedPatterns,
                         Map<String, String> whyUnmatched, List<String> lightTails,
                         List<String> unproposedValues, List<String> notChecked, int accepted) {

    /**
     * Whether the trial found no error, the guide touched every latent site but those it leaves at their prior by
     * design ({@code whyUntouched}: a {@code Guide.real} at an integer site), every pattern matched one, no site's
     * proposal has too light a tail, no value the prior allows is left unproposed, no run drew where the doubles
     * cannot carry the guide's density ({@link FailureCause#UNREPRESENTABLE_DRAW}), and some run had positive weight.
     */
    public boolean isClean() {
        return errors.isEmpty() && whyUntouched.keySet().containsAll(untouched) && unmatchedPatterns.isEmpty()
                && lightTails.isEmpty()
                && unproposedValues.isEmpty() && !failures.containsKey(FailureCause.UNREPRESENTABLE_DRAW)
                && (accepted > 0 || !errors.isEmpty());
    }

    static <T> GuideCheck of(Model<T> model, Guide guide, int runs) {
        return of(model, Execution.of(model).guide(guide), guide, runs);
    }

    /**
     * The check of a guide program: as a guide's, but a refused proposal stops its run and the check there (a guide
     * program's site cannot be handed back to the prior), and a guide program has no address patterns.
     */
    static <T> GuideCheck of(Model<T> model, GuideProgram program, int runs) {
        return of(model, Execution.of(model).guideProgram(program), null, runs);
    }

    /**
     * The check's own weights read as the call's diagnostics read them, where there are enough to judge a tail
     * ({@link ParetoKHat#RUNS_TO_JUDGE}): Pareto k-hat above its threshold, the largest weights not a few repeated
     * values. A Poisson(110) guide for a population size whose posterior spreads to 400 was clean at 20,000 runs of
     * the check, and its calls of 20,000 runs, each with a k-hat verdict, read log Z-hat up to 12 standard errors low
     * (a new user): the probes of single sites look at real sites only.
     */
    private static Optional<String> heavyWeights(List<Double> logWeights, int runs) {
        if (runs < ParetoKHat.RUNS_TO_JUDGE || logWeights.isEmpty()) {
            return Optional.empty();
        }
        ParetoKHat tail = new ParetoKHat(runs);
        logWeights.forEach(tail::add);
        for (int i = logWeights.size(); i < runs; i++) {
            tail.add(Double.NEGATIVE_INFINITY);
        }
        double k = tail.kHat();
        double threshold = tail.threshold();
        if (!(k > threshold) || k == Double.POSITIVE_INFINITY || tail.tailIsDiscrete() || tail.tailIsNarrow()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the weights of the %,d runs: Pareto k-hat %s, heavy-tailed, "
                + "so a call's log Z-hat, its standard error and self-normalised estimates would be unreliable (its "
                + "bounds stay valid); a proposal lighter-tailed than the posterior somewhere (a count's Poisson "
                + "against a wider posterior, a Normal against a heavier tail) is the usual cause: widen it there",
                runs, ParetoKHat.above(k, threshold)));
    }

    /**
     * The sites of a group the guide proposed at elsewhere ({@code x[*]} of which some were guided) that it left at
     * their prior in every run, one entry a group: a guide of keys z[1] and z[2] left z[0] at its prior, and the check
     * said "no problems", the group being touched (an adversarial tester).
     */
    private static List<String> partlyGuided(Map<Address, LatentSeen> latent, Set<String> touched,
                                             Set<Address> refused) {
        Map<String, List<Address>> groups = new LinkedHashMap<>();
        latent.forEach((a, site) -> groups.computeIfAbsent(site.shape, k -> new ArrayList<>()).add(a));
        List<String> out = new ArrayList<>();
        groups.forEach((shape, all) -> {
            if (!touched.contains(shape)) {
                return;
            }
            List<String> never = all.stream().filter(a -> !latent.get(a).guided && !refused.contains(a))
                    .map(Address::toString).toList();
            if (!never.isEmpty()) {
                out.add(String.format(java.util.Locale.ROOT, "%s, %s of the %,d sites %s, the others guided",
                        ShortList.of(never), never.size() == 1 ? "one" : String.format(java.util.Locale.ROOT, "%,d",
                        never.size()), all.size(), shape));
            }
        });
        return out;
    }

    /** The check of runs of {@code start}, made under {@code guide} (null for a guide program). */
    private static <T> GuideCheck of(Model<T> model, Execution<T> start, Guide guide, int runs) {
        if (runs <= 0) {
            throw new IllegalArgumentException("runs must be > 0, got " + runs);
        }
        Execution<T> execution = start;
        Map<String, String> errors = new LinkedHashMap<>();
        Map<FailureCause, String> failures = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        // each group's one address where it has only one: x[0] alone beside a site x was named "x[*]", which a
        // tester read as taking in x too
        Map<String, String> shown = new HashMap<>();
        // each latent address the runs met, in order, with what they showed of it
        Map<Address, LatentSeen> latent = new LinkedHashMap<>();
        Set<Address> reached = new LinkedHashSet<>();
        Map<Address, SiteKind> evidence = new LinkedHashMap<>();
        Map<String, String> why = new LinkedHashMap<>();
        // Sites whose proposal stopped a run: later runs, and the same run again, take the prior there, so that the
        // sites after one are still checked (every refused proposal is named, and a pattern that matches only a
        // later site is not said to match nothing). Not for a whole-run defensive guide, whose proposals may be
        // narrower than their priors (the check of each is then the engine's own).
        Set<Address> refused = new LinkedHashSet<>();
        List<Double> logWeights = new ArrayList<>();
        Map<Address, Collapse> collapse = new LinkedHashMap<>();
        boolean unresolved = false;
        boolean skip = guide != null && guide.wholeRunPriorShare() == 0;
        // one runner for the runs, not one each: a run of 40,000 sites built its table of sites afresh every time
        dev.ariadne.core.Runner<T> runner = execution.runner();
        for (int i = 0; i < runs; i++) {
            requireNotInterrupted(i, runs);
            RunRecord<T> r;
            try {
                r = runner.run(0, i).record();
            } catch (ModelException e) {
                errors.putIfAbsent(e.reasonAndSite(), e.getMessage()); // the first run that met it, named
                Address a = e.lastAddress();
                if (a != null) {
                    reached.add(a); // a proposal refused there: its pattern did match the site
                }
                if (a != null && skip && refused.size() < MAX_REFUSED && refused.add(a)) {
                    execution = Execution.of(model).guide(priorAt(refused, guide));
                    runner = execution.runner();
                    i--; // the same run again, past the refused site
                } else {
                    unresolved = true; // an error the check could not step past: the runs after it say less
                }
                continue;
            }
            if (r.failed()) {
                failures.putIfAbsent(r.failure().cause(), r.failure().address().toString());
            } else {
                logWeights.add(r.logWeight());
            }
            for (TraceSite s : r.trace().sites()) {
                if (s.kind() != SiteKind.LATENT) {
                    evidence.putIfAbsent(s.address(), s.kind());
                } else {
                    // one look-up a site and run: a run of 100,000 sites spent 2 microseconds a site in a
                    // handful of them (an adversarial tester)
                    Address address = s.address();
                    LatentSeen site = latent.get(address);
                    if (site == null) {
                        String shape = SiteTable.shape(address);
                        site = new LatentSeen(shape);
                        latent.put(address, site);
                        seen.add(shape);
                        shown.merge(shape, address.toString(), (a, b) -> a.equals(b) ? a : shape);
                    }
                    String key = site.shape;
                    if (s.proposal() != s.prior()) {
                        if (!site.guided) {
                            site.guided = true;
                            touched.add(key);
                        }
                        if (s.value() instanceof Double x && s.proposal() instanceof dev.ariadne.core.dist.RealDist) {
                            if (site.collapse == null) {
                                site.collapse = new Collapse(x, s.proposal());
                                collapse.put(address, site.collapse);
                            }
                            site.collapse.see(x);
                        }
                    } else if (guide != null && !why.containsKey(key)) {
                        String reason = guide.leavesPriorBecause(s.prior());
                        if (reason != null) {
                            why.put(key, reason);
                        }
                    }
                }
            }
        }
        List<String> untouched = new ArrayList<>(seen);
        untouched.removeAll(touched);
        refused.forEach(a -> untouched.remove(SiteTable.shape(a)));
        why.keySet().retainAll(untouched);
        Map<String, String> whyShown = new LinkedHashMap<>();
        why.forEach((k, v) -> whyShown.put(shown.getOrDefault(k, k), v));
        untouched.replaceAll(k -> shown.getOrDefault(k, k));
        untouched.addAll(partlyGuided(latent, touched, refused));
        Set<String> unmatched = new LinkedHashSet<>();
        Map<String, String> namesEvidence = new LinkedHashMap<>();
        List<AddressPattern> patterns = guide == null ? List.of() : guide.patterns();
        // every pattern against every site was the check's square: a guide of 8,000 keys, as in the diagnostics
        Set<Address> met = new LinkedHashSet<>(latent.keySet());
        met.addAll(reached);
        boolean[] matched = new dev.ariadne.core.PatternIndex(patterns).matchedByAny(met);
        for (int i = 0; i < patterns.size(); i++) {
            AddressPattern p = patterns.get(i);
            if (!matched[i]) {
                unmatched.add(p.toString());
                evidence.entrySet().stream().filter(e -> p.matches(e.getKey())).findFirst().ifPresent(e ->
                        namesEvidence.put(p.toString(), "it names evidence, " + e.getKey() + " ("
                                + e.getValue().name().toLowerCase(java.util.Locale.ROOT) + "), whose value the model "
                                + "states, and a guide proposes only at random choices"));
            }
        }
        // With every refused proposal stepped past, the rest of the guide is checked as well (on the guide with the
        // prior at those sites), so that fixing one problem does not reveal the next.
        requireNotInterrupted(runs, runs);
        boolean checkRest = !unresolved;
        LightGuideTails.Finding tails = checkRest ? LightGuideTails.verdict(execution, 0, runs)
                : LightGuideTails.Finding.NONE;
        List<String> light = new ArrayList<>(tails.verdict().stream().toList());
        if (checkRest && light.isEmpty()) {
            DiagonalTails.verdict(execution, 0, runs).ifPresent(light::add);
        }
        // a proposal of no spread the doubles can show: the lightest tail of all
        collapse.forEach((a, c) -> c.verdict(a).ifPresent(light::add));
        if (light.isEmpty()) {
            heavyWeights(logWeights, runs).ifPresent(light::add);
        }
        // Read past a refused proposal, the runs drew from the prior there: "which the runs draw with probability
        // 0.0504" of a value a Binomial(5, 0.5) in place of a Poisson(3) can never draw read as the guide's (an
        // adversarial statistician)
        List<String> unproposed = checkRest
                ? UnproposedValues.verdict(execution, 0, runs, logMeanExp(logWeights, runs)).stream()
                        .map(v -> pastRefusal(v, refused)).toList()
                : List.of();
        List<String> errorsAndUserDistributions = new ArrayList<>(errors.values());
        if (checkRest) {
            UserDistributionCheck.verdict(execution, 0).ifPresent(errorsAndUserDistributions::add);
            ScoresLostToRounding.verdict(execution, 0).ifPresent(errorsAndUserDistributions::add);
        }
        return new GuideCheck(runs, List.copyOf(errorsAndUserDistributions), Collections.unmodifiableMap(failures),
                List.copyOf(untouched), Collections.unmodifiableMap(whyShown), List.copyOf(unmatched),
                Collections.unmodifiableMap(namesEvidence), List.copyOf(light), unproposed,
                tails.unprobed().stream().toList(), logWeights.size());
    }

    /** A verdict on a value of a site whose proposal was refused, said to be of the prior that the runs took there. */
    private static String pastRefusal(String verdict, Set<Address> refused) {
        for (Address a : refused) {
            if (java.util.regex.Pattern.compile("(^|[^\\w\\]/])" + java.util.regex.Pattern.quote(a.toString())
                    + " = ").matcher(verdict).find()) {
                return "with the prior in place of the refused proposal at " + a + ", " + verdict;
            }
        }
        return verdict;
    }

    /**
     * Stops the check where the calling thread was interrupted, as every algorithm's run stops: a check of 200,000
     * runs ran its 12.5 seconds to the end with the flag set (an adversarial tester). The flag stays set.
     */
    private static void requireNotInterrupted(long done, long runs) {
        if (Thread.currentThread().isInterrupted()) {
            throw new dev.ariadne.inference.run.RunCancelledException(String.format(java.util.Locale.ROOT,
                    "interrupted: the guide check was stopped after %,d of its %,d runs", done, runs), null);
        }
    }

    /** The log of the mean weight over {@code runs} runs, those not listed (failed runs) weighing 0. */
    private static double logMeanExp(List<Double> logWeights, int runs) {
        double[] w = new double[logWeights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = logWeights.get(i);
        }
        return dev.ariadne.core.dist.LogMath.logSumExp(w) - Math.log(runs);
    }

    /** What the check's runs showed of one latent address: its shape, whether guided, its guided draws. */
    private static final class LatentSeen {
        final String shape;
        boolean guided;
        Collapse collapse;

        LatentSeen(String shape) {
            this.shape = shape;
        }
    }

    /**
     * A real site's guided draws over the trial runs: whether they all took one value. A proposal of spread below the
     * doubles' spacing there (an adversarial tester's Normal(0.9, 1e-300)) draws one point every time: the weights
     * are then all equal and every figure looks perfect, while log Z-hat read 690 nats low, and the check said "no
     * problems".
     */
    private static final class Collapse {
        private final double first;
        private final Dist proposal;
        private int draws;
        private boolean varied;

        Collapse(double first, Dist proposal) {
            this.first = first;
            this.proposal = proposal;
        }

        void see(double x) {
            draws++;
            varied |= Double.compare(x, first) != 0;
        }

        /** The finding on the site at {@code a}, where {@link #MIN_ALIKE} or more draws all took one value. */
        java.util.Optional<String> verdict(Address a) {
            if (varied || draws < MIN_ALIKE) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the guide's proposal at %s (%s, the "
                    + "first) drew one value, %s, in all %d runs that reached it: its spread is below what the doubles "
                    + "can show there, so every run stands for one point of a continuous prior, the weights all look "
                    + "alike, and the estimates leave out everything else (log Z-hat reads far low, with no sign in "
                    + "its weights); give the proposal a spread", a, proposal.describe(), first, draws));
        }
    }

    /** The fewest guided draws of a real site, all of one value, for the check to name it. */
    static final int MIN_ALIKE = 20;

    /** At most how many refused sites the check steps past (each costs the run it stopped again). */
    private static final int MAX_REFUSED = 50;

    /** The guide, but the prior at the given sites (whose proposals were refused). */
    private static Guide priorAt(Set<Address> refused, Guide guide) {
        Set<Address> sites = Set.copyOf(refused);
        return new Guide() {
            @Override
            public Dist propose(Site site, Dist prior, History history) {
                return sites.contains(site.address()) ? prior : guide.propose(site, prior, history);
            }

            @Override
            public String leavesPriorBecause(Dist prior) {
                return guide.leavesPriorBecause(prior);
            }

            @Override
            public List<AddressPattern> patterns() {
                return guide.patterns();
            }
        };
    }

    /** What a failed run says, in general: the runs' evidence, not the guide's fault. */
    private static final String NOT_A_FAULT = ": evidence those runs did not meet, not a fault of the guide";
    /**
     * What a latent site's failure says: only a proposal puts a latent value where its prior has density 0 (a
     * proposal wider than its prior does so at a cost of runs, which is allowed), or so far out in its tail that the
     * density underflows (a Normal(1e160, 1) guide for a Normal(0, 1) prior, an outside tester).
     */
    private static final String OUTSIDE_THE_PRIOR = ": the guide proposed a value there that the prior gives density 0 "
            + "(outside its support, or so far out in its tail that the density underflows), and such runs weigh 0";
    /** What a run left out for a draw the doubles cannot carry says: the guide's shape at an end of its support. */
    private static final String UNREPRESENTABLE = ": the guide drew "
            + dev.ariadne.core.dist.Support.UNWEIGHABLE_ZONE + "; such runs count with weight 0 and the estimates "
            + "leave out "
            + "that zone (a proposal whose shape at that end is at least 1 almost never draws there)";

    /**
     * What a site the guide never proposed at means, where the guide gave no reason: a guide that leaves a site at its
     * prior on purpose read as broken to a new user, whose guide was right in 200 seeds of 200.
     */
    private static final String LEFT_AT_PRIOR = "drawn from its prior in every run: as meant if the guide leaves it "
            + "there, as a Guide.bySite returning null does; if not, the guide does not name it, as with a misspelt "
            + "site name";

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("guide check over " + runs + " runs");
        if (isClean()) {
            sb.append(": no problems");
            untouched.forEach(u -> sb.append(System.lineSeparator()).append("  never guided: ").append(u)
                    .append(" (").append(whyUntouched.get(u)).append(")"));
            notChecked.forEach(n -> sb.append(System.lineSeparator()).append("  not checked: ").append(n));
            if (failures.isEmpty()) {
                return sb.toString();
            }
        }
        if (!isClean()) {
            // a header of its own, not "...: " left dangling before the first line (a new user)
            sb.append(" found:");
        }
        if (accepted == 0 && errors.isEmpty()) {
            sb.append(System.lineSeparator()).append("  every run failed: no run had positive weight, so the guide "
                    + "misses where the evidence lies, or the evidence is impossible");
        }
        errors.forEach(e -> sb.append(System.lineSeparator()).append("  error: ").append(e));
        // A failed run is evidence the run did not meet: information about the guide's efficiency, not a fault; where
        // every run failed it may be the guide's, and the line above said so, which "not a fault of the guide" below
        // it contradicted (a new user)
        boolean none = accepted == 0;
        failures.forEach((c, a) -> sb.append(System.lineSeparator()).append(none ? "  runs failed (" : "  some runs "
                        + "failed (").append(c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .append("), the first at ").append(a).append(c == FailureCause.UNREPRESENTABLE_DRAW ? UNREPRESENTABLE
                        : c == FailureCause.SUPPORT_VIOLATION ? OUTSIDE_THE_PRIOR
                        : none ? ": evidence those runs did not meet" : NOT_A_FAULT));
        if (!isClean()) {
            untouched.forEach(u -> sb.append(System.lineSeparator()).append("  never guided: ").append(u)
                    .append(" (").append(whyUntouched.getOrDefault(u, LEFT_AT_PRIOR)).append(")"));
        }
        unmatchedPatterns.forEach(p -> sb.append(System.lineSeparator()).append("  guide pattern matched no latent ")
                .append("site: ").append(p).append(whyUnmatched.containsKey(p) ? " (" + whyUnmatched.get(p) + ")"
                        : AddressPattern.nearestName(p, untouched).map(n -> " (did you mean " + n + "?)").orElse("")));
        lightTails.forEach(t -> sb.append(System.lineSeparator()).append("  ").append(t));
        unproposedValues.forEach(t -> sb.append(System.lineSeparator()).append("  ").append(t));
        if (!isClean()) {
            notChecked.forEach(n -> sb.append(System.lineSeparator()).append("  not checked: ").append(n));
        }
        return sb.toString();
    }
}
