package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.dist.ValueKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streams the per-site breakdown of log q - log p over accepted runs. Sites are keyed by (scope, name, index), and a
 * site at the position it had in the previous run is found by identity, so that a run that repeats its sites neither
 * allocates nor hashes. Mergeable (shards merge in index order, so the order of first appearance is deterministic).
 */
final class SiteTable implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private static final class Key implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        Address scope;
        String name;
        int index;
        int hash;

        Key set(Address scope, String name, int index) {
            this.scope = scope;
            this.name = name;
            this.index = index;
            this.hash = (name.hashCode() * 31 + index) * 0x9E3779B1 + (scope == null ? 0 : scope.hashCode());
            return this;
        }

        @Override
        public boolean equals(Object o) {
            Key k = (Key) o;
            return hash == k.hash && index == k.index && name.equals(k.name) && Objects.equals(scope, k.scope);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Stats implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final SiteKind kind;
        long visits;
        double sum;
        double sumCross;
        /** The total of the runs' D - shift over the runs that made the site. */
        double sumDMade;
        /** Whether log q differed from log p at this site in some run: the guide proposed something there. */
        boolean guided;
        /** How the runs' totals spread with a scalar latent site's value; null for any other site. */
        ValueSpread values;
        /** Whether the site's values are booleans (held as 1 and 0), for the verdict that names one. */
        boolean booleans;
        /** Whether some run met this site as evidence: not a latent site, nor an observeAll of no values. */
        boolean evidence;

        Stats(SiteKind kind) {
            this.kind = kind;
        }
    }

    private final Map<Key, Stats> sites = new LinkedHashMap<>();
    /**
     * The key and statistics of the previous run's site at each position: a run that repeats its sites finds each
     * one's statistics by comparing the name and scope objects, with no hashing (the engine hands the same objects
     * from run to run where a model repeats its sites). Any other site goes through the map, as the first does.
     */
    private transient Key[] lastKeys = new Key[16];
    private transient Stats[] lastStats = new Stats[16];
    private long runs;
    private double sumD;
    private double sumD2;
    private double shift = Double.NaN;

    /**
     * The runs, by index, whose scalar latent values are read for their share of the spread ({@link ValueSpread}):
     * the first 2,000, enough for shares adjusted for chance, where the breakdown's 10,000 made a call of 10,000 runs
     * of 300 sites 30% to 50% slower (a hunter). A site that took at most 32 values in them is read in every run of
     * the breakdown, at the cost of a count and a sum a value, so that a value of probability 0.001 under the
     * proposal, which the first 2,000 runs miss one time in seven, is seen.
     */
    static final long VALUE_RUNS = 2_000;

    /** Adds the sites of the runner's last run, which was accepted. */
    void add(Runner<?> r) {
        double d = r.logQ() - r.logP();
        if (Double.isNaN(shift)) {
            shift = d;
        }
        double dc = d - shift;
        runs++;
        sumD += dc;
        sumD2 += dc * dc;
        boolean readValues = r.runIndex() < VALUE_RUNS;
        for (int i = 0, n = r.siteCount(); i < n; i++) {
            Stats s = repeated(i, r.siteScope(i), r.siteName(i), r.siteIndex(i));
            if (s == null) {
                s = find(i, r);
            }
            double di = r.siteLogQ(i) - r.siteLogP(i);
            s.visits++;
            s.sum += di;
            s.sumCross += di * dc;
            s.sumDMade += dc;
            s.guided |= di != 0;
            if (!s.evidence && s.kind != SiteKind.LATENT) {
                s.evidence = !r.siteObservesNothing(i);
            }
            if (s.kind == SiteKind.LATENT && (readValues || s.values != null && s.values.grouped())) {
                double x = r.siteValue(i);
                if (x == x) {
                    if (s.values == null) {
                        s.values = new ValueSpread();
                        s.booleans = r.siteValueKind(i) == ValueKind.BOOL;
                    }
                    s.values.add(x, dc);
                }
            }
        }
    }

    /** The statistics of the previous run's site at position i if this run's has the same address, else null. */
    private Stats repeated(int i, Address scope, String name, int index) {
        if (i >= lastKeys.length) {
            return null;
        }
        Key k = lastKeys[i];
        return k != null && k.index == index && k.name == name && k.scope == scope ? lastStats[i] : null;
    }

    /** The statistics of site i of the runner's last run, made where it is new, and remembered at position i. */
    private Stats find(int i, Runner<?> r) {
        Key key = new Key().set(r.siteScope(i), r.siteName(i), r.siteIndex(i)); // this run's objects, for identity
        Stats s = sites.get(key);
        if (s == null) {
            s = new Stats(r.siteKind(i));
            sites.put(key, s);
        }
        if (i >= lastKeys.length) {
            int n = Math.max(i + 1, 2 * lastKeys.length);
            lastKeys = java.util.Arrays.copyOf(lastKeys, n);
            lastStats = java.util.Arrays.copyOf(lastStats, n);
        }
        lastKeys[i] = key;
        lastStats[i] = s;
        return s;
    }

    void merge(SiteTable o) {
        if (o.runs == 0) {
            return;
        }
        if (runs == 0) {
            shift = o.shift;
        }
        // Re-centre the other table's totals on this table's shift: D - shift = (D - o.shift) + (o.shift - shift).
        double delta = o.shift - shift;
        sumD2 += o.sumD2 + 2 * delta * o.sumD + o.runs * delta * delta;
        sumD += o.sumD + o.runs * delta;
        runs += o.runs;
        for (Map.Entry<Key, Stats> e : o.sites.entrySet()) {
            Stats mine = sites.computeIfAbsent(e.getKey(), k -> new Stats(e.getValue().kind));
            Stats theirs = e.getValue();
            mine.visits += theirs.visits;
            mine.sum += theirs.sum;
            mine.sumCross += theirs.sumCross + delta * theirs.sum;
            mine.sumDMade += theirs.sumDMade + delta * theirs.visits;
            mine.guided |= theirs.guided;
            mine.evidence |= theirs.evidence;
            if (theirs.values != null) {
                if (mine.values == null) {
                    mine.values = new ValueSpread();
                    mine.booleans = theirs.booleans;
                }
                mine.values.merge(theirs.values, delta);
            }
        }
    }

    long runs() {
        return runs;
    }

    /**
     * Which of {@code patterns} some latent site seen so far matches, by position: each site's candidates found by
     * its name and index ({@link dev.ariadne.core.PatternIndex}), not every pattern tested at every site (a guide
     * file of 8,000 sites took 6.8 s for its diagnostics, and one of 100,000 did not finish in 15 minutes).
     */
    boolean[] latentMatched(List<AddressPattern> patterns) {
        List<Address> latent = new ArrayList<>();
        sites.forEach((k, s) -> {
            if (s.kind == SiteKind.LATENT) {
                latent.add(Address.of(k.scope, k.name, k.index));
            }
        });
        return new dev.ariadne.core.PatternIndex(patterns).matchedByAny(latent);
    }

    /**
     * Whether some latent site was seen and every one had log q = log p in every run: the proposal was the prior at
     * every site, whatever the guide.
     */
    boolean everyLatentAtPrior() {
        boolean any = false;
        for (Stats s : sites.values()) {
            if (s.kind == SiteKind.LATENT) {
                if (s.guided) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * Whether some run seen so far made a latent choice. A model whose runs make none is deterministic (a branch needs
     * a choice to take it), so every run is the same run, and its one weight is P(e) exactly.
     */
    boolean anyLatent() {
        for (Stats s : sites.values()) {
            if (s.kind == SiteKind.LATENT) {
                return true;
            }
        }
        return false;
    }

    /** Whether some run seen so far made evidence: an observation, a factor or a condition. */
    boolean anyEvidence() {
        for (Stats s : sites.values()) {
            if (s.evidence) {
                return true;
            }
        }
        return false;
    }

    /** The latent addresses seen so far with indices collapsed to {@code [*]}, in order of first appearance. */
    List<String> latentShapes() {
        return latentShapesMatchingNone(List.of());
    }

    /** An address as printed with its indices collapsed to {@code [*]}: {@code a[*]/x[*]} for {@code a[2]/x[7]}. */
    static String shape(Address a) {
        return INDEX.matcher(a.toString()).replaceAll("[*]");
    }

    /** An index as an address prints it, {@code [7]}. */
    private static final java.util.regex.Pattern INDEX = java.util.regex.Pattern.compile("\\[\\d+]");

    /**
     * The latent addresses seen so far that none of {@code patterns} matches, with indices collapsed to {@code [*]},
     * in order of first appearance.
     */
    List<String> latentShapesMatchingNone(List<dev.ariadne.core.AddressPattern> patterns) {
        java.util.Set<String> shapes = new java.util.LinkedHashSet<>();
        dev.ariadne.core.PatternIndex index = new dev.ariadne.core.PatternIndex(patterns);
        for (Map.Entry<Key, Stats> e : sites.entrySet()) {
            Key k = e.getKey();
            if (e.getValue().kind == SiteKind.LATENT && index.matching(k.scope, k.name, k.index).length == 0) {
                shapes.add(shape(Address.of(k.scope, k.name, k.index)));
            }
        }
        return new ArrayList<>(shapes);
    }

    /**
     * The first site the runs made as evidence (an observation, a factor or a condition) whose address matches the
     * guide's address pattern {@code pattern}, as printed; empty if none does. A guide written for an observed site
     * matches no latent one, and saying which evidence it named says why.
     */
    java.util.Optional<String> evidenceMatching(String pattern) {
        dev.ariadne.core.AddressPattern p;
        try {
            p = dev.ariadne.core.AddressPattern.parse(pattern);
        } catch (IllegalArgumentException notAPattern) {
            return java.util.Optional.empty();
        }
        for (Map.Entry<Key, Stats> e : sites.entrySet()) {
            Key k = e.getKey();
            Address a = Address.of(k.scope, k.name, k.index);
            if (e.getValue().kind != SiteKind.LATENT && p.matches(a)) {
                return java.util.Optional.of(a + " (" + e.getValue().kind.name().toLowerCase(java.util.Locale.ROOT)
                        + ")");
            }
        }
        return java.util.Optional.empty();
    }

    /** The breakdown, largest shares first. */
    List<SiteBreakdown> breakdown() {
        List<SiteBreakdown> out = inOrder();
        out.sort(Comparator.comparingDouble((SiteBreakdown b) -> -Math.abs(b.varianceShare())
                - Math.abs(b.presenceShare())).thenComparing(b -> -Math.abs(b.meanLogQMinusLogP())));
        return out;
    }

    /**
     * What the values of the latent sites say of the weights' spread, where the weights are off: a value drawn far
     * more seldom than its share of the weight (the first such, most so), which the variance of log w weighs
     * little; else the first site in the run whose value explains more than half of that variance though its own term
     * carries far less (a choice drawn given an earlier one shares in the earlier one's share: a new user's rates,
     * each exact given an unguided shape, read 97% by value beside the shape's 94%, and the first is the one to
     * name). Empty where neither is seen.
     */
    java.util.Optional<String> valueVerdict() {
        double[] rarest = null;
        String where = null;
        boolean bool = false;
        for (Map.Entry<Key, Stats> e : sites.entrySet()) {
            Stats s = e.getValue();
            if (s.kind == SiteKind.LATENT && s.values != null) {
                java.util.Optional<double[]> v = s.values.rareHeavyValue();
                if (v.isPresent() && (rarest == null || v.get()[2] / v.get()[1] > rarest[2] / rarest[1])) {
                    rarest = v.get();
                    Key k = e.getKey();
                    where = Address.of(k.scope, k.name, k.index).toString();
                    bool = s.booleans;
                }
            }
        }
        if (rarest != null) {
            double x = rarest[0];
            String value = bool ? Boolean.toString(x != 0) : FewEffectiveRuns.value(x);
            return java.util.Optional.of(String.format(java.util.Locale.ROOT, "the value %s = %s, drawn in %.2g%% "
                    + "of the runs that make %s, carries %.0f%% of their weight: the proposal there draws it "
                    + "far too seldom, and one that draws it nearer its share of the posterior would even the weights "
                    + "(the variance of log w, which the per-site table splits, weighs so rare a value little)", where,
                    value, 100 * rarest[1], where, 100 * rarest[2]));
        }
        return inOrder().stream().filter(s -> s.kind() == SiteKind.LATENT && s.valueShare() > 0.5
                && s.valueDrivesSpread()).findFirst().map(s -> String.format(java.util.Locale.ROOT, "the value of "
                + "site %s explains %.0f%% of the variance of log q - log p where it is made, though its own term "
                + "carries %.0f%%: the proposals or evidence after it follow its value, so a proposal for it nearer "
                + "its posterior (or proposals after it fitted to each of its values) would narrow that spread",
                s.address(), 100 * s.valueShare(), 100 * s.varianceShare()));
    }

    /** The breakdown, in the order the sites were first made. */
    private List<SiteBreakdown> inOrder() {
        List<SiteBreakdown> out = new ArrayList<>();
        if (runs == 0) {
            return out;
        }
        double meanD = sumD / runs;
        double varD = sumD2 / runs - meanD * meanD;
        boolean varies = varD > 1e-20 * (1 + shift * shift);
        for (Map.Entry<Key, Stats> e : sites.entrySet()) {
            Stats s = e.getValue();
            double mean = s.sum / runs;
            double cov = s.sumCross / runs - mean * meanD;
            // m Cov(1[made], D), m the mean where made; exactly 0 for a site every run makes
            double presence = s.visits == runs ? 0 : s.sum / s.visits * (s.sumDMade / runs - s.visits * meanD / runs);
            Key k = e.getKey();
            // A site whose term is infinite in some run (under a whole-run defensive mixture, a value drawn by the
            // prior's share that the inner proposal cannot give) has no share of a variance: 0, its mean -inf says
            // why (an outside statistician read "NaN%")
            double share = varies ? (cov - presence) / varD : 0;
            double presenceShare = varies ? presence / varD : 0;
            double valueShare = s.values == null ? Double.NaN : varies ? s.values.explainedShare() : 0;
            out.add(new SiteBreakdown(Address.of(k.scope, k.name, k.index), s.kind, s.visits, mean,
                    Double.isNaN(share) ? 0 : share, Double.isNaN(presenceShare) ? 0 : presenceShare,
                    valueShare));
        }
        return out;
    }
}
