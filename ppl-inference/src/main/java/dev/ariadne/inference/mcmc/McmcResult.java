package dev.ariadne.inference.mcmc;

import dev.ariadne.core.AddressPattern;
import dev.ariadne.inference.BelowTheDoubles;
import dev.ariadne.inference.ShortList;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The draws of an MCMC run, per chain and by address, with their summary in ArviZ's columns, the kernels'
 * acceptance rates (in all and per site) and plain-language verdicts.
 *
 * <p>How to read it: first the verdicts. R-hat at or above 1.01 means the chains disagree, so none of them has
 * found the whole posterior yet; an ESS below 100 per chain means the Monte Carlo standard errors themselves are
 * unreliable. Only when neither appears are the means and their mcse_mean worth quoting: the true posterior mean
 * then lies within a few mcse_mean of the estimate. These are necessary conditions, not proofs: a mode that no
 * chain visited is invisible to every diagnostic.
 *
 * @param <T> the model's return type
 */
public final class McmcResult<T> {

    /** What one chain produced. */
    record ChainOutput<T>(ChainDraws<T> draws, List<KernelStats> acceptance, int stepsPerDraw)
            implements Serializable {
    }

    private final Kernel kernel;
    private final List<ChainOutput<T>> chains;
    private final int draws;
    private final List<String> names;
    private final List<String> tracked;
    private Summary summary;
    /** Where the runs that test a choice called determined come from. */
    private final OtherValueSearch<T> search;
    /**
     * The choices every chain held at one value, every other value proposed for them impossible, that a run of
     * positive density makes with another value (that value): tied to other choices, not determined. Found once.
     */
    private Map<String, Double> tied;
    /**
     * Of the slow whole-valued choices, those of finite support, found at the first ask of {@link #verdicts} (the
     * draws, and so the slow choices, are the same at every ask; the prior's runs need not be made again).
     */
    private Set<String> finiteSlow;
    /** The patterns of {@code record}, as written; empty if every choice is recorded. */
    private final List<String> recordPatterns;
    /** Whether an independence kernel's guide has weights that grow without bound along a tail. */
    private final UnboundedGuideWeights<T> unbounded;
    private final NeverProposedByGuide<T> neverProposed;
    private final UnmatchedNames<T> unmatchedNames;
    private final HeavyTailedTarget<T> heavyTail;
    /** The chains' means set beside importance sampling from the prior, made once. */
    private final ChainsBesidePrior<T> besidePrior;
    /** The verdict on a model that met no evidence in its first runs ({@code NoEvidence}), made once. */
    private final io.vavr.Lazy<Optional<String>> noEvidence;
    /** The check of the model's distributions of the user's own ({@code UserDistributionCheck}), made once. */
    private final io.vavr.Lazy<Optional<String>> userDistributions;
    /** The recorded names as a set, for look-ups: a list's made the summary of 60,000 choices quadratic. */
    private final Set<String> nameSet;

    McmcResult(Kernel kernel, List<ChainOutput<T>> chains, int draws, List<String> tracked,
            OtherValueSearch<T> search, List<String> recordPatterns, UnboundedGuideWeights<T> unbounded,
            NeverProposedByGuide<T> neverProposed, UnmatchedNames<T> unmatchedNames, HeavyTailedTarget<T> heavyTail,
            ChainsBesidePrior<T> besidePrior,
            io.vavr.Lazy<Optional<String>> userDistributions, io.vavr.Lazy<Optional<String>> noEvidence) {
        this.kernel = kernel;
        this.besidePrior = besidePrior;
        this.noEvidence = noEvidence;
        this.userDistributions = userDistributions;
        this.unbounded = unbounded;
        this.neverProposed = neverProposed;
        this.unmatchedNames = unmatchedNames;
        this.heavyTail = heavyTail;
        this.recordPatterns = recordPatterns;
        this.search = search;
        this.chains = List.copyOf(chains);
        this.draws = draws;
        this.tracked = tracked;
        Set<String> all = new LinkedHashSet<>();
        for (ChainOutput<T> c : chains) {
            all.addAll(c.draws().columns.keySet());
        }
        this.names = List.copyOf(all);
        this.nameSet = all;
    }

    /** The kernel the chains applied. */
    public Kernel kernel() {
        return kernel;
    }

    /** The number of chains. */
    public int chains() {
        return chains.size();
    }

    /** The draws kept per chain. */
    public int drawsPerChain() {
        return draws;
    }

    /** Kernel applications per draw in chain c (one sweep of its first state's choices by default). */
    public int stepsPerDraw(int chain) {
        return chains.get(chainIndex(chain)).stepsPerDraw();
    }

    /** {@code chain}, if it is one of this result's chains. */
    private int chainIndex(int chain) {
        if (chain < 0 || chain >= chains.size()) {
            throw new IllegalArgumentException("chain " + chain + " is not one of the " + chains.size()
                    + " chains (0 to " + (chains.size() - 1) + ")");
        }
        return chain;
    }

    /**
     * The recorded quantities: addresses as printed, vector components as {@code address[j]}, tracked names. A choice
     * that exists in fewer than 4 draws of some chain is listed but has no line: {@link #row} refuses it, and the
     * summary leaves it out.
     */
    public List<String> names() {
        return names;
    }

    /**
     * The draws of one quantity, {@code [chain][draw]}; NaN where a draw's run did not make that choice.
     *
     * @throws IllegalArgumentException naming the recorded quantities when there is no such one
     */
    public double[][] draws(String name) {
        if (!nameSet.contains(name)) {
            throw new IllegalArgumentException("no recorded quantity '" + name + "'; recorded: " + names);
        }
        double[][] out = new double[chains.size()][];
        for (int c = 0; c < chains.size(); c++) {
            ChainDraws.Column col = chains.get(c).draws().columns.get(name);
            out[c] = col == null ? nans(draws) : col.toArray(draws);
        }
        return out;
    }

    /** The summary of every recorded quantity (computed once). */
    public Summary summary() {
        if (summary == null) {
            summary = summary(names.toArray(new String[0]));
        }
        return summary;
    }

    /** The summary of the named quantities only (cheaper for a run that records many). */
    public Summary summary(String... quantities) {
        List<SummaryRow> rows = new ArrayList<>();
        for (String n : quantities) {
            SummaryRow r = row(n, false);
            if (r != null) {
                rows.add(r);
            }
        }
        return new Summary(rows);
    }

    /**
     * What a random walk that rarely moves ended its warm-up with: its steps, which adapt toward its target acceptance
     * only as fast as the warm-up lets them (a Normal mean of prior sd 1e9 under 100 observations kept steps of 460 to
     * 626 after the default warm-up, acceptance 0.002, and its verdicts spoke only of chains and starts; an
     * adversarial tester); empty for a kernel with no walk.
     */
    private static String walkSteps(KernelStats k) {
        Map<dev.ariadne.core.Address, Double> steps = k.stepSizes();
        if (steps.isEmpty()) {
            return "";
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double step : steps.values()) {
            lo = Math.min(lo, step);
            hi = Math.max(hi, step);
        }
        return String.format(Locale.ROOT, ": its random walk's steps ended the warm-up at %s (in each choice's "
                + "unconstrained scale); an adaptive step, which starts at the prior's sd, nears its target acceptance "
                + "only as fast as the warm-up lets it, so a longer warm-up (warmup(n)) or a step of your own "
                + "(singleSite().step(s), or fixedStep(s)) helps", lo == hi ? String.format(Locale.ROOT, "%.3g",
                lo) : String.format(Locale.ROOT, "%.3g to %.3g", lo, hi));
    }

    /** The line of one quantity, null if it exists in fewer than 4 draws of some chain; a determined choice's mcse 0. */
    private SummaryRow row(String name, boolean required) {
        double[][] d = draws(name);
        SummaryRow r = SummaryRow.of(name, d, names.size());
        if (r == null) {
            if (required) {
                throw new IllegalArgumentException(name
                        + " exists in fewer than 4 draws of some chain: not summarised");
            }
            return null;
        }
        return r.constant() && !Double.isNaN(heldDetermined(name, d)) && !tied().containsKey(name)
                ? r.asDetermined() : r;
    }

    /**
     * The value every chain held the choice at, the same in all, where its kernels found every other value they
     * proposed impossible ({@link #determined}); NaN otherwise. {@code draws} are its draws.
     */
    private double heldDetermined(String name, double[][] draws) {
        if (tracked.contains(name)) {
            return Double.NaN;
        }
        double held = SummaryRow.oneValue(draws);
        return Double.isNaN(held) || !determined(name) ? Double.NaN : held;
    }

    /** {@link #tied}, found at the first ask: one search over every choice held so. */
    private Map<String, Double> tied() {
        if (tied == null) {
            Map<String, Double> held = new LinkedHashMap<>();
            for (String n : names) {
                double v = heldDetermined(n, draws(n));
                if (!Double.isNaN(v)) {
                    held.put(n, v);
                }
            }
            tied = held.isEmpty() ? Map.of() : search.otherValues(held);
        }
        return tied;
    }

    /**
     * Whether the kernels of every chain weighed another value for the choice at this printed address, and found
     * target density 0 for every other value they weighed, in every step that weighed one: then the choice's value
     * is fixed by the rest of the run (a zero-inflation indicator forced to 0 by a positive count), and a choice
     * that took one value throughout is not stuck. A value reachable only by changing other choices with it looks
     * the same; the rest of the run's own lines speak for those choices. Asked only of a choice that held one value
     * in every chain: chains that hold different values, each never moved (two counts under a condition on their
     * sum), show that more than one value is possible, and are stuck.
     */
    private boolean determined(String name) {
        for (ChainOutput<T> c : chains) {
            long alternatives = 0;
            long impossible = 0;
            for (KernelStats k : c.acceptance()) {
                for (KernelStats.SiteRate site : k.bySite()) {
                    if (site.site().toString().equals(name)) {
                        alternatives += site.alternatives();
                        impossible += site.impossible();
                    }
                }
            }
            if (alternatives == 0 || impossible != alternatives) {
                return false;
            }
        }
        return true;
    }

    /**
     * The summary line of one quantity.
     *
     * @throws IllegalArgumentException when it exists in fewer than 4 draws of some chain
     */
    public SummaryRow row(String name) {
        return row(name, true);
    }

    /**
     * Where chains that disagree or mix slowly ({@code byKind}'s r_hat and ESS lines) hold choices that take whole
     * values only (an integer or a boolean) and no Gibbs kernel ran: the way to move such a choice, if its support is
     * finite.
     * A change point of 39 places under the default single-site kernel read r_hat 1.01 to 1.07 and ESS 122 to 190 in
     * 20 seeds of 20, whose lines named the figures but not the fix; with {@code Kernels.gibbs()} cycled beside it,
     * ESS 3,189 and no problem found (a new user).
     */
    private Optional<String> slowWholeValues(Map<SummaryRow.Verdict, List<SummaryRow>> byKind) {
        if (acceptance().stream().anyMatch(k -> k.kernel().startsWith("gibbs"))) {
            return Optional.empty();
        }
        Set<String> slow = new LinkedHashSet<>();
        for (SummaryRow.Verdict v : List.of(SummaryRow.Verdict.R_HAT, SummaryRow.Verdict.ESS_BULK,
                SummaryRow.Verdict.ESS_TAIL)) {
            for (SummaryRow r : byKind.getOrDefault(v, List.of())) {
                if (!tracked.contains(r.name()) && wholeValuesOnly(draws(r.name()))) {
                    slow.add(r.name());
                }
            }
        }
        // only a choice of finite support, which a Gibbs kernel can move: a Poisson count was pointed to it, which
        // moved it not once (a false-alarm hunt)
        if (finiteSlow == null) {
            finiteSlow = slow.isEmpty() ? Set.of() : search.finiteChoices(slow);
        }
        slow.retainAll(finiteSlow);
        if (slow.isEmpty()) {
            return Optional.empty();
        }
        boolean one = slow.size() == 1;
        // gibbs() scores up to 64 values and draws a larger support from the prior, as singleSite() does: a choice of
        // 65 values was pointed to it, which moved it no better (an adversarial tester)
        long values = slow.stream().mapToLong(search::supportSize).max().orElse(0);
        String gibbs = values > Kernels.DEFAULT_GIBBS_VALUES ? "Kernels.gibbs().maxValues(" + values + ")"
                : "Kernels.gibbs()";
        return Optional.of(String.format(Locale.ROOT, "%s %s whole values only, of a finite support (a category or a "
                + "boolean), and the kernels move %s by proposals accepted or refused: %s draws such a "
                + "choice from its exact conditional given the rest of the run, which mixes it far faster where "
                + "that conditional is spread%s; run Kernels.cycle(%s, Kernels.singleSite()) to move "
                + "the other choices too (a label tied to a real choice, one that decides its mean, stays held under "
                + "gibbs() too: there only a move of both together, Kernels.independence(guide), crosses)",
                ShortList.of(List.copyOf(slow)), one ? "takes" : "take", one ? "it" : "them", gibbs,
                values > Kernels.DEFAULT_GIBBS_VALUES ? " (at " + values + " runs of the model a step: gibbs() "
                + "scores " + Kernels.DEFAULT_GIBBS_VALUES + " values at the most unless told more, and draws a "
                + "larger support from the prior)" : "", gibbs));
    }

    /** The choices with draws below the smallest normal double: see {@link BelowTheDoubles}. */
    private Optional<String> bottomOfTheDoubles() {
        BelowTheDoubles below = new BelowTheDoubles();
        for (String name : names) {
            if (tracked.contains(name)) {
                continue;
            }
            for (double[] chain : draws(name)) {
                below.addDraws(name, chain);
            }
        }
        return below.verdict("draws", "the chains");
    }

    /** Whether every draw of every chain (NaN where the choice was not made) is a whole number. */
    /**
     * Where chains disagree on two or more 0/1 choices and some two chains read them as mirror images (each choice's
     * mean in one about 1 less its mean in the other, two or more of them far apart): the labels of a model that gives
     * a labelling and its mirror the same probability (a block model's communities, a two-component mixture's
     * assignments), which no kernel that moves one label at a time crosses between, and which no chain can agree on.
     * A new user's block model of 6 people read "chains disagree on z[0]" in 5 seeds of 5, pointed to gibbs(), which
     * changed nothing; a label-free quantity (whether two people share a community) read right.
     */
    private Optional<String> mirroredLabels(Map<SummaryRow.Verdict, List<SummaryRow>> byKind) {
        List<String> labels = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        for (SummaryRow r : byKind.getOrDefault(SummaryRow.Verdict.R_HAT, List.of())) {
            if (tracked.contains(r.name())) {
                continue;
            }
            double[][] d = draws(r.name());
            if (zeroOrOne(d)) {
                labels.add(r.name());
                means.add(chainMeans(d));
            }
        }
        if (labels.size() < 2) {
            return Optional.empty();
        }
        int chainCount = chains.size();
        for (int a = 0; a < chainCount; a++) {
            for (int b = a + 1; b < chainCount; b++) {
                boolean mirrored = true;
                int apart = 0;
                for (double[] m : means) {
                    mirrored &= Math.abs(m[a] + m[b] - 1) < MIRROR_GAP;
                    apart += Math.abs(m[a] - m[b]) > MIRROR_APART ? 1 : 0;
                }
                if (mirrored && apart >= 2) {
                    return Optional.of(String.format(Locale.ROOT, "chains %d and %d read the 0/1 choices %s as mirror "
                            + "images, each mean in one about 1 less its mean in the other: where the model gives a "
                            + "labelling and its mirror the same probability (a block model's communities, a "
                            + "two-component mixture's assignments), the chains settle in either, no kernel that moves "
                            + "one label at a time crosses between them, and their means of the labels have no answer; "
                            + "ask label-free questions (whether two share a label) with track(...), or break the "
                            + "symmetry in the model (fix one label)", a + 1, b + 1, ShortList.of(labels)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * How close to 1 two chains' means of each 0/1 choice must sum to be mirrored, and how far apart two of them at
     * least must lie (a label the data leave near one half sums to about 1 in any two chains).
     */
    private static final double MIRROR_GAP = 0.2;
    private static final double MIRROR_APART = 0.4;

    /** Each chain's mean of its draws, NaN where a chain has none. */
    private static double[] chainMeans(double[][] draws) {
        double[] m = new double[draws.length];
        for (int c = 0; c < draws.length; c++) {
            double sum = 0;
            int n = 0;
            for (double x : draws[c]) {
                if (x == x) {
                    sum += x;
                    n++;
                }
            }
            m[c] = n == 0 ? Double.NaN : sum / n;
        }
        return m;
    }

    /** Whether every draw is 0 or 1 (or absent). */
    private static boolean zeroOrOne(double[][] draws) {
        for (double[] chain : draws) {
            for (double x : chain) {
                if (x == x && x != 0 && x != 1) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean wholeValuesOnly(double[][] draws) {
        for (double[] chain : draws) {
            for (double x : chain) {
                if (x == x && x != Math.rint(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Each kernel's counts after warm-up, summed over the chains, in the kernel's order. */
    public List<KernelStats> acceptance() {
        List<KernelStats> merged = new ArrayList<>(chains.get(0).acceptance());
        for (int c = 1; c < chains.size(); c++) {
            List<KernelStats> next = chains.get(c).acceptance();
            for (int k = 0; k < merged.size(); k++) {
                merged.set(k, merged.get(k).plus(next.get(k)));
            }
        }
        return Collections.unmodifiableList(merged);
    }

    /** Each kernel's counts in one chain. */
    public List<KernelStats> acceptance(int chain) {
        return chains.get(chainIndex(chain)).acceptance();
    }

    /**
     * What looks wrong, in plain words: chains that disagree, effective sample sizes too low for the bulk or the
     * tail, quantities that took one value or changed value too rarely to judge, kernels that never propose or rarely
     * move, sites never moved, Gibbs sites handled by MH, quantities too rare to summarise. A single line saying so
     * when nothing does, naming the choices found {@link SummaryRow#determined() determined}: a choice that took
     * one value because every other value proposed for it was impossible is not a problem. More than {@value
     * #TOLD_ONE_BY_ONE} lines with one kind of verdict are told in one line: the worst in full, then how many more and
     * which. Every verdict on choices that exist in only some draws (a random tree's deep sites, the later events of
     * a random number of them) is told in one line of its own, which says how often they exist.
     */
    public List<String> verdicts() {
        // the names the settings give that the model never makes first: they explain the lines they cause
        List<String> out = new ArrayList<>(unmatchedNames.verdicts());
        Summary s = summary();
        List<String> held = new ArrayList<>();
        List<String> others = new ArrayList<>();
        boolean explained = false;
        int chainCount = chains.size();
        List<SummaryRow> rows = s.rows();
        List<List<SummaryRow.Verdict>> kinds = rows.stream().map(r -> r.verdictKinds(chainCount)).toList();
        Map<SummaryRow.Verdict, List<SummaryRow>> byKind = new EnumMap<>(SummaryRow.Verdict.class);
        List<SummaryRow> partial = new ArrayList<>();
        // whether any choice (not a tracked quantity) changed value within a chain
        boolean choicesMoved = rows.stream().anyMatch(r -> !tracked.contains(r.name()) && !r.constant());
        Set<String> refused = refusedEveryMove();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).presence() < 1) {
                if (!kinds.get(i).isEmpty()) {
                    partial.add(rows.get(i));
                }
                continue;
            }
            for (SummaryRow.Verdict v : kinds.get(i)) {
                byKind.computeIfAbsent(v, x -> new ArrayList<>()).add(rows.get(i));
            }
        }
        Set<SummaryRow.Verdict> told = EnumSet.noneOf(SummaryRow.Verdict.class);
        for (int i = 0; i < rows.size(); i++) {
            SummaryRow r = rows.get(i);
            for (SummaryRow.Verdict kind : r.presence() < 1 ? List.<SummaryRow.Verdict>of() : kinds.get(i)) {
                if (kind == SummaryRow.Verdict.ONE_VALUE && tied().containsKey(r.name())) {
                    continue; // the line on tied choices says more
                }
                List<SummaryRow> alike = byKind.get(kind);
                String v;
                if (alike.size() <= TOLD_ONE_BY_ONE) {
                    v = r.describe(kind, chainCount, tracked.contains(r.name()), held(r, choicesMoved, refused));
                } else if (told.add(kind)) {
                    v = grouped(kind, alike, chainCount, choicesMoved, refused);
                } else {
                    continue;
                }
                // The kernels' reach is told once: a model of many stuck choices repeated it for each one.
                if (v.contains(SummaryRow.STUCK_KERNELS)) {
                    v = explained ? v.replace(SummaryRow.STUCK_KERNELS, "which kernels move which choices: see "
                            + "above") : v;
                    explained = true;
                }
                out.add(v);
            }
            // A choice that only some runs make changes rarely because it rarely exists: its own line says so, and
            // it holds nothing else in place (a geometric number of events, whose x[7] exists in a few draws).
            if (!tracked.contains(r.name()) && r.presence() == 1 && (r.constant() && !r.determined()
                    || r.rarelyChanged())) {
                held.add(r.name());
            } else if (!r.constant()) {
                others.add(r.name());
            }
        }
        // Lines of choices that exist in fewer than half the draws, read from those draws alone, do not stand in the
        // way of "no problem found" on the rest: a random number of normals read right (z sd 1.01 to 1.07 over 279
        // seeds) and was never told so, its x[15], in 4% of the draws, reading r_hat infinite (an outside
        // statistician). They are told after it.
        List<String> sparse = new ArrayList<>();
        if (!partial.isEmpty()) {
            boolean rare = partial.stream().allMatch(r -> r.presence() < SPARSE_PRESENCE);
            (rare ? sparse : out).add(partialVerdict(partial, chainCount));
        }
        if (!held.isEmpty() && !others.isEmpty()) {
            out.add(heldVerdict(held, others));
        }
        // A tracked quantity read from one object that every run refilled, a rejected proposal's values at each draw:
        // its sd read 1.1 to 1.25 against 0.447 with "no problem found" in 19 calls of 20 (an adversarial tester)
        for (int c = 0; c < chains.size(); c++) {
            String changed = chains.get(c).draws().returnedChanged;
            if (changed != null) {
                out.add(0, "chain " + c + ": " + changed);
                break;
            }
        }
        List<String> unsummarised = names.stream().filter(n -> s.row(n).isEmpty()).toList();
        tell(sparse, unsummarised, n -> n + " exists in fewer than 4 draws of some chain: not summarised",
                String.format(Locale.ROOT, "%,d choices exist in fewer than 4 draws of some chain and are not "
                        + "summarised (%s)", unsummarised.size(), ShortList.of(unsummarised)));
        Map<String, Double> tiedChoices = tied();
        if (!tiedChoices.isEmpty()) {
            List<String> shown = tiedChoices.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList();
            boolean one = tiedChoices.size() == 1;
            out.add(String.format(Locale.ROOT, "%s held one value in every chain, and every other value the kernels "
                    + "proposed for %s alone was impossible given the rest of the run, yet a run of positive density "
                    + "(from the prior, or with that value forced) makes %s otherwise (%s): %s tied to other choices "
                    + "(a condition on several at once) that no kernel here moves together with %s, so the chains "
                    + "never left the configuration they started in and every line was read given it; "
                    + "Kernels.independence(guide) moves them together, and importance sampling checks the answer",
                    ShortList.of(List.copyOf(tiedChoices.keySet())), one ? "it" : "each", one ? "it" : "them",
                    ShortList.of(shown), one ? "it is" : "they are", one ? "it" : "them"));
        }
        // An independence kernel that moves often moves every choice at once: a single-site kernel beside it that
        // rarely moves (a Dirichlet's fresh draws from its prior) slows nothing, and was told it "rarely moves" on
        // chains of ESS 2,800 that held their mcse (a new user following the README's advice for vector choices)
        boolean wholeRunsMove = acceptance().stream()
                .anyMatch(k -> k.kernel().startsWith("independence") && k.rate() >= 0.05);
        List<String> fellBack = new ArrayList<>();
        for (KernelStats k : acceptance()) {
            if (k.proposed() == 0) {
                List<String> choices = names.stream().filter(n -> !tracked.contains(n)).toList();
                out.add(choices.isEmpty()
                        ? String.format(Locale.ROOT, "%s made no proposal in any step: the model makes no random "
                        + "choice the chains could record (only evidence, or only choices of other values), so there "
                        + "is nothing for MCMC to move; Enumerate or importance sampling gives its P(e)", k.kernel())
                        : String.format(Locale.ROOT, "%s made no proposal in any step: no choice of the model is "
                        + "one it moves (gibbs moves finite discrete choices; at(...) keeps a kernel to the choices it names, "
                        + "so check its patterns against the model's choices: %s)", k.kernel(), ShortList.of(choices)));
            }
            if (k.proposed() > 0 && k.accepted() > 0 && k.moves().orElse(-1) == 0) {
                out.add(String.format(Locale.ROOT, "%s changed no value in any chain after warm-up: each of its %,d "
                        + "accepted proposals drew the value the choice already held, so its acceptance rate "
                        + "(%.3f) says nothing of how the chains move", k.kernel(), k.accepted(), k.rate()));
            } else if (k.proposed() > 0 && k.rate() < 0.05
                    && (k.kernel().startsWith("independence") || !wholeRunsMove)) {
                out.add(k.kernel().startsWith("independence")
                        ? String.format(Locale.ROOT, "the guide is a poor proposal: independence acceptance %.3f, so "
                        + "the chains move in rare jumps%s", k.rate(), essBeside(s, chains()))
                        : String.format(Locale.ROOT, "%s rarely moves (acceptance %.3f)%s", k.kernel(), k.rate(),
                        walkSteps(k)));
            }
            List<KernelStats.SiteRate> neverMoved = new ArrayList<>();
            // beside an independence kernel that moves, a choice that this kernel never moved still moved: "k never
            // moved under single-site" read as false where k changed value 3,105 times (a false-alarm hunt)
            for (KernelStats.SiteRate site : wholeRunsMove && !k.kernel().startsWith("independence") ? List
                    .<KernelStats.SiteRate>of() : k.bySite()) {
                boolean determined = s.row(site.site().toString()).map(SummaryRow::determined).orElse(false);
                if (site.proposed() >= 20 && site.accepted() == 0 && !determined) {
                    neverMoved.add(site);
                }
            }
            tell(out, neverMoved, site -> String.format(Locale.ROOT, "%s never moved under %s (0 of %d proposals "
                    + "accepted)", site.site(), k.kernel(), site.proposed()),
                    String.format(Locale.ROOT, "%,d choices never moved under %s, each with 20 or more proposals and "
                            + "none accepted (%s)", neverMoved.size(), k.kernel(),
                            ShortList.of(neverMoved.stream().map(site -> site.site().toString()).toList())));
            if (k.unweighable() > 0) {
                out.add(String.format(Locale.ROOT, "%s rejected %,d of its %,d proposals because the guide drew "
                        + dev.ariadne.core.dist.Support.UNWEIGHABLE_ZONE + " (the first: %s), where the acceptance "
                        + "ratio cannot be computed: the chain "
                        + "never enters that zone, so the posterior's mass there is left out of its draws; use a guide "
                        + "whose shape at that end is at least 1", k.kernel(), k.unweighable(), k.proposed(),
                        k.firstUnweighable().orElse("")));
            }
            // A fallback keeps the chain exact (an MH step), so it is told after "no problem found", not in its
            // place: a healthy chain whose choice changes the model's structure read only "gibbs fell back to MH
            // 20000 times", and a check of the first verdict could not tell it was healthy (an outside statistician)
            for (Map.Entry<String, Long> f : k.fallbacks().entrySet()) {
                fellBack.add(String.format(Locale.ROOT, "%s fell back to MH %d times: %s", k.kernel(), f.getValue(),
                        f.getKey()));
            }
        }
        slowWholeValues(byKind).ifPresent(out::add);
        mirroredLabels(byKind).ifPresent(out::add);
        bottomOfTheDoubles().ifPresent(out::add);
        unmatchedRecordPatterns().forEach(out::add);
        userDistributions.get().ifPresent(out::add);
        noEvidence.get().ifPresent(out::add);
        unbounded.verdict().ifPresent(out::add);
        neverProposed.verdict(name -> nameSet.contains(name) ? draws(name) : null).ifPresent(out::add);
        heavyTail.verdict(name -> nameSet.contains(name) ? draws(name) : null).ifPresent(out::add);
        ChainsBesidePrior.Outcome prior = besidePrior.outcome(s,
                acceptance().stream().anyMatch(k -> k.kernel().startsWith("independence")));
        prior.difference().ifPresent(out::add);
        if (out.isEmpty() && !s.rows().isEmpty() && s.rows().stream().allMatch(SummaryRow::constant)) {
            out.add(String.format(Locale.ROOT, "no quantity changed value in any of the %d chain%s: every choice "
                    + "held one value, each because every other value proposed for it alone was impossible given the "
                    + "rest of the run; either the posterior is that one run, or the choices are tied together (a "
                    + "condition on several at once) and the kernels, which move them one at a time, never left the "
                    + "configuration the chains started in, whose means and mcse of 0 then mean nothing: "
                    + "Kernels.independence(guide) moves them together, and importance sampling checks the answer",
                    chains.size(), chains.size() == 1 ? "" : "s"));
        }
        if (out.isEmpty()) {
            List<String> determined = new ArrayList<>();
            for (SummaryRow r : s.rows()) {
                if (r.determined()) {
                    determined.add(r.name());
                }
            }
            String fixed = "";
            if (!determined.isEmpty()) {
                String shown = ShortList.of(determined);
                String it = determined.size() == 1 ? "it" : "them";
                fixed = String.format(Locale.ROOT, "; %d choice%s (%s) took one value that the rest of the run "
                        + "or the prior determines: every other value proposed for %s had probability 0 (or the prior "
                        + "had no other value), and every chain held "
                        + "the same one (if %s tied to other choices, as by a condition on several at once, which "
                        + "the kernels never move together, the other lines were read given %s)", determined.size(),
                        determined.size() == 1 ? "" : "s", shown, it, determined.size() == 1 ? "it is" : "they are",
                        it);
            }
            // Not "no problem found" first where nothing beside the chains could check them: four chains held in one
            // of two modes 17,800 mcse off read it as their first words (an outside statistician)
            out.add(String.format(Locale.ROOT, "%s: every r_hat < %.2f%s and every ESS >= %.0f%s%s%s%s%s",
                    prior.unchecked() ? UNCHECKED : "no problem found", SummaryRow.R_HAT_LIMIT, withinChance(s),
                    SummaryRow.ESS_PER_CHAIN * chains.size(),
                    determined.isEmpty() ? "" : " among the quantities that moved", sparse.isEmpty() ? ""
                    : " among the quantities that exist in half the draws or more (those in fewer are told below)",
                    nearThreshold(s, chains.size()), fixed,
                    UNSEEN_MODES + prior.agreement().map(a -> "; " + a).orElse("")));
        }
        out.addAll(sparse);
        out.addAll(fellBack);
        return out;
    }

    /**
     * A line for each pattern of {@code record} that matched no real, integer, boolean or vector choice in any draw of
     * any chain: it recorded nothing, whether it is mistyped or names choices the runs never made (or only choices
     * of other values, which are never recorded).
     */
    private List<String> unmatchedRecordPatterns() {
        List<String> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        chains.forEach(c -> seen.addAll(c.draws().namesSeen));
        for (int j = 0; j < recordPatterns.size(); j++) {
            int p = j;
            if (chains.stream().anyMatch(c -> c.draws().patternMatched[p])) {
                continue;
            }
            String pattern = recordPatterns.get(j);
            out.add(String.format(Locale.ROOT, "record's pattern '%s' matched no real, integer, boolean or vector "
                    + "choice in any draw, so nothing is recorded for it: mistyped, or naming choices the runs never "
                    + "made (choices seen: %s%s)", pattern, seen.isEmpty() ? "none" : ShortList.of(List.copyOf(seen)),
                    AddressPattern.nearestName(pattern, seen).map(near -> near.equals(pattern + "[*]")
                            // "did you mean x?" for record("x") of choices x[0], x[1], ... (a false-alarm hunt)
                            ? "; the choices of that name are indexed, and a pattern without an index names only an "
                            + "unindexed one: record(\"" + pattern + "[*]\") names them all"
                            : "; did you mean " + near + "?").orElse("")));
        }
        return out;
    }

    /**
     * What "no problem found" cannot see, said with it as importance sampling's "nothing looks wrong" says it: chains
     * that all settle in one mode of several agree and pass (an outside statistician: a mixture of weights 0.8 and
     * 0.2, four chains, "no problem found" in 10% of seeds with the mean 40 to 100 mcse off).
     */
    /** The first words of the line on chains that pass their own checks where nothing beside them could check them. */
    static final String UNCHECKED = "the chains' own checks found no problem, but nothing beside them could check them";

    static final String UNSEEN_MODES = " (in the chains drawn: a mode that no chain visits cannot show, and chains "
            + "that all settle in one mode of several agree and pass)";

    /**
     * Below this many times the ESS threshold, the lowest ESS gets a word beside "no problem found": an ESS is
     * estimated from the draws whose mean it vouches for, and the runs whose ESS read high near the threshold are
     * the ones whose mcse reads small. An outside statistician's 5,000 replicates of a sprinkler network at 1,000
     * draws a chain (ESS about 330 in most) drew no verdict in 93, whose ESS read 400 to 600, and the truth fell outside
     * +-3 mcse in 6.5% of those; at 2,000 draws a chain (ESS about 650) in 0.5%.
     */
    static final double NEAR_THRESHOLD = 1.5;

    /**
     * Beside a low acceptance, what the lowest ESS says: well above the threshold, that the low acceptance cost draws
     * rather than accuracy (a new user's independence kernel at acceptance 0.038 read ESS 9,700 and means within 0.3
     * mcse, and "poor proposal" alone read as an alarm); else nothing, the ESS verdicts saying the rest.
     */
    private static String essBeside(Summary s, int chains) {
        SummaryRow lowest = lowestEss(s);
        if (lowest == null || !(ess(lowest) >= NEAR_THRESHOLD * SummaryRow.ESS_PER_CHAIN * chains)) {
            return "";
        }
        return String.format(Locale.ROOT, "; the lowest ESS, %.0f, is still well above its threshold, so this costs "
                + "draws rather than accuracy (a guide closer to the posterior would need fewer), unless the guide "
                + "misses a region the chains then never reach", ess(lowest));
    }

    /** The row of least ESS (bulk or tail) among the quantities that moved, or null if none did. */
    private static SummaryRow lowestEss(Summary s) {
        return lowestEss(s, r -> true);
    }

    /** The row of least ESS among the quantities that moved and are {@code read}, or null if none. */
    private static SummaryRow lowestEss(Summary s, java.util.function.Predicate<SummaryRow> read) {
        SummaryRow lowest = null;
        double least = Double.POSITIVE_INFINITY;
        for (SummaryRow r : s.rows()) {
            if (!r.constant() && read.test(r) && ess(r) < least) {
                least = ess(r);
                lowest = r;
            }
        }
        return lowest;
    }

    /** A row's ESS as the thresholds read it: the lesser of bulk and tail. */
    private static double ess(SummaryRow r) {
        return Math.min(r.essBulk(), r.essTail());
    }

    /**
     * Empty when no line's r_hat is at or above 1.01 yet below its own limit; else what "no problem found" says of
     * the highest such, which chance explains at its line's effective draws.
     */
    private static String withinChance(Summary s) {
        SummaryRow highest = null;
        for (SummaryRow r : s.rows()) {
            if (r.rHat() >= SummaryRow.R_HAT_LIMIT && r.rHat() < r.rHatLimit()
                    && (highest == null || r.rHat() > highest.rHat())) {
                highest = r;
            }
        }
        if (highest == null) {
            return "";
        }
        return String.format(Locale.ROOT, " or within chance (the highest, %.4f on %s, is below %.4f, what chains "
                + "that agree reach by chance with its effective draws)", highest.rHat(), highest.name(),
                highest.rHatLimit());
    }

    /**
     * The share of the draws below which the lines of choices that exist in only some draws are told after "no
     * problem found" instead of in its place: read from so few draws, their ESS and r_hat say little.
     */
    static final double SPARSE_PRESENCE = 0.5;

    /**
     * The caveat for the lowest ESS, when it is within {@link #NEAR_THRESHOLD} times the threshold; else empty. Lines
     * told apart after "no problem found" (choices in fewer than half the draws, with verdicts) are not its lowest.
     */
    private static String nearThreshold(Summary s, int chains) {
        double limit = SummaryRow.ESS_PER_CHAIN * chains;
        SummaryRow lowest = lowestEss(s, r -> r.presence() >= SPARSE_PRESENCE || r.verdictKinds(chains).isEmpty());
        if (lowest == null || !(ess(lowest) < NEAR_THRESHOLD * limit)) {
            return "";
        }
        // which ESS it is, since a tail's says nothing of mcse_mean (a new user read 419 against an ess_bulk of 754)
        boolean tail = lowest.essTail() < lowest.essBulk();
        return String.format(Locale.ROOT, ", but the lowest, %s %.0f (%s), is near that threshold, where an ESS that "
                + "reads high goes with %s that reads small (a network of booleans whose chains read ESS 400 to "
                + "600 put the truth outside +-3 mcse in 6.5%% of 93 replicates): run longer chains before taking %s "
                + "at its word", tail ? "ess_tail" : "ess_bulk", ess(lowest), lowest.name(),
                tail ? "a tail's quantile estimate" : "a mcse", tail ? "its quantiles" : "a mcse");
    }

    /** Up to this many lines of one kind of verdict are told one by one; more are told as one line. */
    static final int TOLD_ONE_BY_ONE = 3;

    /**
     * Adds a line for each of {@code items}, up to {@value #TOLD_ONE_BY_ONE} of them; for more, the one line
     * {@code together}.
     */
    private static <E> void tell(List<String> out, List<E> items, java.util.function.Function<E, String> each,
            String together) {
        if (items.size() <= TOLD_ONE_BY_ONE) {
            items.forEach(item -> out.add(each.apply(item)));
        } else {
            out.add(together);
        }
    }

    /**
     * What held line {@code r} within each chain: a tracked quantity whose run's choices moved ({@code choicesMoved})
     * sat in modes apart; a choice whose every proposed move was {@code refused}, refusals; else kernels that never
     * move it.
     */
    private SummaryRow.Held held(SummaryRow r, boolean choicesMoved, Set<String> refused) {
        boolean computed = tracked.contains(r.name());
        return computed && choicesMoved ? SummaryRow.Held.MODES_APART
                : !computed && refused.contains(r.name()) ? SummaryRow.Held.REFUSED : SummaryRow.Held.UNMOVED;
    }

    /**
     * The choices that kernels proposed to move 20 or more times in all and never moved (no proposal accepted), or
     * weighed another value for 20 or more times: for a choice that never changed value within a chain (what
     * {@link #held} is asked of), every such move was refused. A bool's or an int's fresh draw from its prior is often
     * its current value, accepted as the chain staying, and a mechanism flag whose every move to the other value was
     * refused was told that the kernels never move it (a new user).
     */
    private Set<String> refusedEveryMove() {
        Map<String, long[]> counts = new HashMap<>();
        for (KernelStats k : acceptance()) {
            for (KernelStats.SiteRate site : k.bySite()) {
                long[] c = counts.computeIfAbsent(site.site().toString(), x -> new long[3]);
                c[0] += site.proposed();
                c[1] += site.accepted();
                c[2] += site.alternatives();
            }
        }
        Set<String> out = new HashSet<>();
        counts.forEach((name, c) -> {
            if (c[0] >= 20 && c[1] == 0 || c[2] >= 20) {
                out.add(name);
            }
        });
        return out;
    }

    /**
     * One line for many lines' verdicts of one kind (many choices that mix slowly; a random tree's deep sites, before
     * {@link #partialVerdict} took them, gave 1,402 lines): the worst line's verdict in full, then how many more there
     * are and the first of them, worst first.
     */
    private String grouped(SummaryRow.Verdict kind, List<SummaryRow> alike, int chains, boolean choicesMoved,
                           Set<String> refused) {
        List<SummaryRow> worstFirst = new ArrayList<>(alike);
        worstFirst.sort(Comparator.comparingDouble((SummaryRow r) -> -r.severity(kind)));
        List<String> rest = worstFirst.subList(1, worstFirst.size()).stream().map(SummaryRow::name).toList();
        SummaryRow worst = worstFirst.get(0);
        return String.format(Locale.ROOT, "%s; the same for %,d more line%s (%s; summary() has each one)",
                worst.describe(kind, chains, tracked.contains(worst.name()), held(worst, choicesMoved, refused)),
                rest.size(),
                rest.size() == 1 ? "" : "s",
                ShortList.of(rest));
    }

    /**
     * One line for every verdict on the choices that exist in only some draws (a random number of events, whose
     * x[7] exists in a few percent of them): each such line is read from the draws in which its choice exists, so the
     * fewer they are, the noisier it reads, and told one by one they buried a correct answer under a dozen lines.
     * The worst of them is told in full (chains that disagree before low ESS, within a kind the worst line), then
     * the count of each kind and the choices, and how often they exist.
     */
    private static String partialVerdict(List<SummaryRow> partial, int chains) {
        Map<SummaryRow.Verdict, Integer> counts = new EnumMap<>(SummaryRow.Verdict.class);
        for (SummaryRow r : partial) {
            for (SummaryRow.Verdict v : r.verdictKinds(chains)) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        SummaryRow.Verdict first = counts.keySet().stream().min(Comparator.comparingInt(PARTIAL_ORDER::indexOf))
                .orElseThrow();
        SummaryRow worst = partial.stream().filter(r -> r.verdictKinds(chains).contains(first))
                .max(Comparator.comparingDouble(r -> r.severity(first))).orElseThrow();
        List<String> names = new ArrayList<>();
        names.add(worst.name());
        partial.stream().map(SummaryRow::name).filter(n -> !n.equals(worst.name())).forEach(names::add);
        double presence = partial.stream().mapToDouble(SummaryRow::presence).max().orElse(1);
        String tally = counts.entrySet().stream().map(e -> KIND_WORDS.get(e.getKey()) + " (" + e.getValue() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        boolean one = partial.size() == 1;
        return String.format(Locale.ROOT, "%s; in all, %,d choice%s that exist%s in only some draws (at most %.1f%% "
                + "of them: %s) ha%s lines that say: %s (summary() has each line); each such line describes its "
                + "choice given that it exists, read from those draws alone, so the fewer they are the noisier it "
                + "reads; it is not a verdict on the lines of choices and quantities that exist in every draw, which "
                + "are judged on their own", worst.describe(first, chains), partial.size(), one ? "" : "s",
                one ? "s" : "", 100 * presence, ShortList.of(names), one ? "s" : "ve", tally);
    }

    /** Which kind of verdict on choices made in some draws is told in full first: disagreement before ESS. */
    private static final List<SummaryRow.Verdict> PARTIAL_ORDER = List.of(SummaryRow.Verdict.STUCK_APART,
            SummaryRow.Verdict.R_HAT, SummaryRow.Verdict.RARELY_CHANGED, SummaryRow.Verdict.ONE_VALUE,
            SummaryRow.Verdict.ESS_BULK, SummaryRow.Verdict.ESS_TAIL);

    /** The words that count each kind of verdict in {@link #partialVerdict}. */
    private static final Map<SummaryRow.Verdict, String> KIND_WORDS = Map.of(
            SummaryRow.Verdict.STUCK_APART, "never changed within a chain",
            SummaryRow.Verdict.R_HAT, "chains disagree",
            SummaryRow.Verdict.RARELY_CHANGED, "rarely changed",
            SummaryRow.Verdict.ONE_VALUE, "one value",
            SummaryRow.Verdict.ESS_BULK, "bulk ESS low",
            SummaryRow.Verdict.ESS_TAIL, "tail ESS low");

    /**
     * What choices the chains held (or all but held) say of every other line: a real choice whose prior or
     * likelihood hangs on a held integer is explored given that integer's value, and its own ESS, r_hat and mcse,
     * read from that conditional posterior, can look healthy (a single chain under randomWalk() held a Poisson count
     * at 0 and read the Normal beside it at 2.03 +- 0.033 where the posterior mean is 3.75).
     */
    private static String heldVerdict(List<String> held, List<String> others) {
        return String.format(Locale.ROOT, "every other line (%s) was read while the chains held %s where they were "
                + "(or all but held %s): %s the posterior given %s, not the posterior, and may be far off however "
                + "small %s mcse and however good %s ESS and r_hat; move %s too before trusting any line",
                ShortList.of(others), ShortList.of(held), held.size() == 1 ? "it" : "them",
                others.size() == 1 ? "its mean describes" : "their means describe", held.size() == 1 ? "that value"
                        : "those values", others.size() == 1 ? "its" : "their", others.size() == 1 ? "its" : "their",
                held.size() == 1 ? "that choice" : "those choices");
    }

    /** The summary table, the acceptance rates and the verdicts, for printing. */
    public String report() {
        StringBuilder sb = new StringBuilder(summary().table());
        String nl = System.lineSeparator();
        sb.append(nl).append("acceptance after warm-up (").append(chains.size()).append(" chains):").append(nl);
        for (KernelStats k : acceptance()) {
            sb.append("  ").append(k).append(nl);
        }
        sb.append(nl);
        for (String v : verdicts()) {
            sb.append("- ").append(v).append(nl);
        }
        return sb.toString();
    }

    /** The names of the tracked functions of the return value. */
    public List<String> tracked() {
        return tracked;
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    @Override
    public String toString() {
        return report();
    }
}
