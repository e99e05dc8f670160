package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The growing parameter vector of a search: sites and their parameters are added as runs reveal them (in run
 * order, so the result does not depend on the thread count), coefficients as structured sites meet earlier
 * choices. Appending is amortised (the vector grows by doubling and is trimmed when read), so a layout of n
 * parameters is built in O(n). Records the sites left at their prior, with the reason. Not thread-safe: only the
 * search's own thread changes it, between batches.
 */
final class Layout {

    final GuideFamily family;
    final Map<String, SiteSpec> specs = new LinkedHashMap<>();
    final List<String> names = new ArrayList<>();
    private final Map<String, String> atPrior = new LinkedHashMap<>();
    /** The prior each site had when a run first revealed it (for widening, which needs a prior of the site). */
    private final Map<String, Dist> firstPriors = new LinkedHashMap<>();
    private double[] values = new double[0];
    /** Each parameter's value when it was created (the starting point), same growth as values. */
    private double[] initial = new double[0];

    Layout(GuideFamily family) {
        this.family = family;
        if (family.kind() == GuideFamily.Kind.PROGRAM) {
            family.declared().forEach(this::append);
        }
    }

    /** The keys of the sites some merged run made (revealed), at its prior or not. */
    private final java.util.Set<String> revealed = new java.util.HashSet<>();
    /** The keys of the sites some merged run proposed for from the layout's parameters (or added them). */
    private final java.util.Set<String> proposedFor = new java.util.HashSet<>();

    /** A layout holding a guide's sites and parameters. */
    static Layout of(FamilyGuide g) {
        Layout l = new Layout(g.family());
        if (g.family().kind() != GuideFamily.Kind.PROGRAM) {
            l.specs.putAll(g.specs());
            l.names.addAll(g.names());
        }
        l.values = g.theta().clone();
        l.initial = g.theta().clone();
        return l;
    }

    int size() {
        return names.size();
    }

    /** The parameters (the live array: writes change the layout), exactly {@link #size()} long. */
    double[] theta() {
        if (values.length != names.size()) {
            values = Arrays.copyOf(values, names.size());
        }
        return values;
    }

    /** Each parameter's value when it was created: the start of the search (a copy). */
    double[] initialValues() {
        return Arrays.copyOf(initial, names.size());
    }

    /** {@code theta} padded with the initial values of the parameters created after it (a copy). */
    double[] padded(double[] theta) {
        double[] out = initialValues();
        System.arraycopy(theta, 0, out, 0, Math.min(theta.length, out.length));
        return out;
    }

    /** Replaces the parameters with a copy of {@code v} (of length {@link #size()}). */
    void setTheta(double[] v) {
        if (v.length != names.size()) {
            throw new IllegalArgumentException("expected " + names.size() + " parameters, got " + v.length);
        }
        values = v.clone();
    }

    /** Appends a parameter; returns its index. */
    int append(String name, double value) {
        int i = names.size();
        if (i == values.length) {
            values = Arrays.copyOf(values, Math.max(16, 2 * i));
        }
        if (i == initial.length) {
            initial = Arrays.copyOf(initial, Math.max(16, 2 * i));
        }
        values[i] = value;
        initial[i] = value;
        names.add(name);
        return i;
    }

    /** Adds a site's parameters at their initial values, unless the key is known. */
    void addSite(String key, SiteFamily f, Dist prior, double[] init) {
        if (specs.containsKey(key)) {
            return;
        }
        addSite(key, f, f.arity(prior), init);
    }

    /** Adds a site of {@code arity} parameters at the given values (a loaded file's), unless the key is known. */
    void addSite(String key, SiteFamily f, int arity, double[] init) {
        if (specs.containsKey(key)) {
            return;
        }
        heldOut.remove(key); // a run made it: it joins the search at the values it was proposed with
        SiteSpec spec = new SiteSpec(key, f, names.size(), arity, SiteSpec.NO_REGRESSORS,
                SiteSpec.NO_COEFFICIENTS);
        for (int j = 0; j < arity; j++) {
            append(key + "." + spec.parameterNames.get(j), init[j]);
        }
        specs.put(key, spec);
    }

    /** Adds a structured coefficient (at 0) of the site's location on an earlier choice, unless known. */
    void addCoefficient(String key, String regressor) {
        SiteSpec s = specs.get(key);
        if (s == null || s.coefficient(regressor) >= 0) {
            return;
        }
        int idx = append(SiteSpec.coefficientName(key, regressor), 0);
        specs.put(key, s.withCoefficient(regressor, idx));
    }

    /** Merges what a batch's tapes revealed, in run order. */
    void merge(List<RunOutcome> runs) {
        for (RunOutcome r : runs) {
            for (Tape.Entry e : r.entries) {
                // a site with parameters before any run made it has them from the starting guide
                boolean started = e.key != null && revealed.add(e.key) && specs.containsKey(e.key);
                if (e.atPrior != null) {
                    atPrior.putIfAbsent(e.key, started && e.startMisfit != null ? e.startMisfit : e.atPrior);
                } else if (e.family != null && !specs.containsKey(e.key)
                        && family.kind() != GuideFamily.Kind.PROGRAM) {
                    addSite(e.key, e.family, e.prior, e.used);
                } else if (e.family != null && e.key != null && !fits(specs.get(e.key), e)) {
                    // revealed in this batch with another shape than the run that added it, or than the start's
                    atPrior.putIfAbsent(e.key, started ? startMisfits(specs.get(e.key), e.family, e.used.length,
                            e.prior) : shapeChanged(specs.get(e.key), e.family, e.used.length, e.prior));
                }
                if (e.family != null && e.key != null) {
                    firstPriors.putIfAbsent(e.key, e.prior);
                    if (e.atPrior == null && fits(specs.get(e.key), e)) {
                        proposedFor.add(e.key);
                    }
                }
            }
        }
        if (family.kind() == GuideFamily.Kind.STRUCTURED) {
            for (RunOutcome r : runs) {
                for (Tape.Entry e : r.entries) {
                    if (e.regressors != null) {
                        for (String reg : e.regressors) {
                            addCoefficient(e.key, reg);
                        }
                    }
                }
            }
        }
    }

    /**
     * Holds out of the search the sites that no merged run has made, with their parameters at the start's values: a
     * starting guide's for another model, or for sites this one makes rarely. A search kept them among the parameters
     * it moved, and CMA-ES spent itself on parameters no run reads: from a guide of another model with 24 such
     * parameters it ended 10 to 60 times further from the posterior than from the family's own start, silently (an
     * adversarial tester). Dropping them instead lost the tuned values of a site the model's own guide had met in 0.1%
     * of its runs (a false-alarm hunt). Held out, they stay in every guide the layout makes ({@link #snapshot}) after
     * the searched parameters, and a site that a later run makes joins the search at the values it was proposed
     * with ({@link #merge}). Only for a mean-field layout, whose parameters all belong to sites, and only where at
     * least {@value #LEAST_SEARCHED} parameters stay searched (BOBYQA needs 2); returns the keys held out.
     */
    List<String> holdOutUnrevealed() {
        if (family.kind() != GuideFamily.Kind.MEAN_FIELD) {
            return List.of();
        }
        List<String> gone = specs.keySet().stream().filter(k -> !revealed.contains(k)).toList();
        int kept = specs.values().stream().filter(sp -> revealed.contains(sp.key)).mapToInt(sp -> sp.arity).sum();
        if (gone.isEmpty() || kept < LEAST_SEARCHED) {
            return List.of();
        }
        double[] v = theta();
        double[] init = initialValues();
        Map<String, SiteSpec> searched = new LinkedHashMap<>();
        List<String> searchedNames = new ArrayList<>();
        double[] searchedValues = new double[v.length];
        double[] searchedInitial = new double[v.length];
        int n = 0;
        for (SiteSpec spec : specs.values()) {
            if (!revealed.contains(spec.key)) {
                heldOut.put(spec.key, new HeldSite(spec.family, spec.arity,
                        List.copyOf(names.subList(spec.offset, spec.offset + spec.arity)),
                        Arrays.copyOfRange(v, spec.offset, spec.offset + spec.arity)));
                continue;
            }
            searched.put(spec.key, new SiteSpec(spec.key, spec.family, n, spec.arity, SiteSpec.NO_REGRESSORS,
                    SiteSpec.NO_COEFFICIENTS));
            for (int j = 0; j < spec.arity; j++) {
                searchedNames.add(names.get(spec.offset + j));
                searchedValues[n] = v[spec.offset + j];
                searchedInitial[n] = init[spec.offset + j];
                n++;
            }
        }
        specs.clear();
        specs.putAll(searched);
        names.clear();
        names.addAll(searchedNames);
        values = Arrays.copyOf(searchedValues, n);
        initial = Arrays.copyOf(searchedInitial, n);
        return gone;
    }

    /** The fewest parameters a search keeps searched when it holds sites out. */
    static final int LEAST_SEARCHED = 2;

    /** A site held out of the search: its family, its parameters' names and their values. */
    private record HeldSite(SiteFamily family, int arity, List<String> names, double[] values) {
    }

    /** The sites held out of the search, by key ({@link #holdOutUnrevealed}). */
    private final Map<String, HeldSite> heldOut = new LinkedHashMap<>();

    /**
     * The parameters {@code theta} with every site's proposal widened by {@code factor}
     * ({@link SiteFamily#widened}); sites no run has revealed yet, and families that cannot widen, keep theirs.
     */
    double[] widened(double[] theta, double factor) {
        double[] out = theta.clone();
        for (SiteSpec spec : specs.values()) {
            Dist prior = firstPriors.get(spec.key);
            if (prior == null || spec.offset + spec.arity > theta.length) {
                continue;
            }
            double[] w = new double[spec.arity];
            spec.family.widened(theta, spec.offset, prior, factor, w);
            for (int j = 0; j < spec.arity; j++) {
                if (Double.isFinite(w[j])) {
                    out[spec.offset + j] = w[j];
                }
            }
        }
        return out;
    }

    /**
     * Each parameter's natural unit at the start of the search, so that optimisers that step in the parameters' own
     * units (CMA-ES's sigma, BOBYQA's trust region, hill climbing's moves, Adam's step) move a guide the same way
     * whatever the units the model is written in: a location's unit is the starting scale of its site's proposal
     * (for a guide started at the prior, the prior's sd in the unconstrained coordinate), a structured
     * coefficient's is its site's unit over its regressor's, and every other parameter's (log scales, log shapes,
     * logits, a program's own parameters) is 1. In these units a normal mean whose prior sd is 10^8 moves as one
     * whose prior sd is 1; in raw units CMA-ES and BOBYQA, stepping by 0.3 and 0.5, stayed near the prior's mean
     * and reported convergence there.
     */
    double[] units() {
        double[] u = new double[size()];
        Arrays.fill(u, 1);
        for (SiteSpec spec : specs.values()) {
            double unit = locationUnit(spec);
            if (Double.isNaN(unit)) {
                continue;
            }
            u[spec.offset] = unit;
            for (int j = 0; j < spec.regressors.length; j++) {
                SiteSpec r = specs.get(family.keyOf(dev.ariadne.core.Address.parse(spec.regressors[j])));
                double regressorUnit = r == null ? Double.NaN : locationUnit(r);
                if (spec.coefficientIndex[j] < u.length && !Double.isNaN(regressorUnit)) {
                    double c = unit / regressorUnit;
                    u[spec.coefficientIndex[j]] = c > 0 && c < Double.POSITIVE_INFINITY ? c : 1;
                }
            }
        }
        return u;
    }

    /** The starting scale of a location family's proposal, if positive and finite; NaN for any other site. */
    private double locationUnit(SiteSpec spec) {
        if (!spec.isLocation() || spec.offset + 1 >= size()) {
            return Double.NaN;
        }
        double unit = Math.exp(initial[spec.offset + 1]);
        return unit > 0 && unit < Double.POSITIVE_INFINITY ? unit : Double.NaN;
    }

    /** {@code origin + units * z}, the parameters at z in the units of {@link #units()} about {@code origin}. */
    static double[] inUnits(double[] origin, double[] units, double[] z) {
        double[] theta = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            theta[i] = origin[i] + units[i] * z[i];
        }
        return theta;
    }

    /**
     * Whether a taped proposal was made with the site's parameters as the layout holds them (the same family and
     * number of parameters): a site whose prior changes shape between runs has entries of the other shape, made
     * from the family's starting values, which neither score nor refit its parameters.
     */
    static boolean fits(SiteSpec spec, Tape.Entry e) {
        return spec == null || e.family == null || e.used == null
                || spec.family.name().equals(e.family.name()) && spec.arity == e.used.length;
    }

    /**
     * Why a site whose starting guide has parameters of another family or shape than this model's runs give it stays
     * at its prior: a Beta guide saved for x ~ Beta(2, 2), the start of a search of x ~ Uniform(0, 2), was said to
     * have a prior that changes between runs, and CMA-ES spent 14 steps on parameters no run read (an adversarial
     * tester).
     */
    static String startMisfits(SiteSpec spec, SiteFamily f, int arity, Dist prior) {
        return START_MISFITS + spec.arity + " parameters of the " + spec.family.name() + " family, "
                + "but this model's runs give it " + arity + " of the " + f.name() + " family for " + prior.describe()
                + " (a guide fitted to another model?): the site stays at its prior and is not searched; start from "
                + "the family's own start, or from a guide of this model, to search it";
    }

    /** Why a site whose prior changes family or shape between runs stays at its prior in the runs of the other. */
    static String shapeChanged(SiteSpec spec, SiteFamily f, int arity, Dist prior) {
        return PRIOR_CHANGES + " (" + spec.arity + " parameters of the " + spec.family.name()
                + " family in one run, " + arity + " of the " + f.name() + " family for " + prior.describe()
                + " in another): the family keeps one set of parameters per address, so runs where the prior takes "
                + "the other form leave the site at its prior";
    }

    /**
     * The sites seen so far that stay at their prior, by key, with the reason. A site that other runs fitted says so:
     * a count N[t + 1] ~ Poisson(N[t] R) was listed as "a point mass at 0: there is nothing to fit" beside its fitted
     * log rate, because one run's N[t] had reached 0 (a new user).
     */
    Map<String, String> atPrior() {
        Map<String, String> out = new LinkedHashMap<>();
        atPrior.forEach((key, why) -> out.put(key, specs.containsKey(key) && !why.startsWith(PRIOR_CHANGES)
                && !why.startsWith(START_MISFITS)
                ? "fitted, but left at its prior in the runs where " + why : why));
        return Collections.unmodifiableMap(out);
    }

    /** How {@link #shapeChanged} begins. */
    private static final String PRIOR_CHANGES = "its prior changes between runs";
    /** How {@link #startMisfits} begins. */
    private static final String START_MISFITS = "the starting guide gives it ";

    FamilyGuide snapshot() {
        return snapshot(theta());
    }

    /**
     * The guide at the searched parameters {@code values}, with the sites held out after them at their values, and
     * a starting guide's sites that misfit every run so far ({@link #startMisfits}) at the start's values: no run
     * reads them, so a strategy moves them freely, and a guide of another model searched from its file came back
     * with them changed, differently for each seed, while the result said they were not searched (an adversarial
     * tester).
     */
    FamilyGuide snapshot(double[] values) {
        values = startMisfitsAtTheirStart(values);
        if (heldOut.isEmpty()) {
            return new FamilyGuide(family, specs, names, values);
        }
        Map<String, SiteSpec> all = new LinkedHashMap<>(specs);
        List<String> allNames = new ArrayList<>(names);
        double[] allValues = Arrays.copyOf(values, values.length + heldOut.values().stream()
                .mapToInt(HeldSite::arity).sum());
        int at = values.length;
        for (Map.Entry<String, HeldSite> e : heldOut.entrySet()) {
            HeldSite h = e.getValue();
            all.put(e.getKey(), new SiteSpec(e.getKey(), h.family(), at, h.arity(), SiteSpec.NO_REGRESSORS,
                    SiteSpec.NO_COEFFICIENTS));
            allNames.addAll(h.names());
            System.arraycopy(h.values(), 0, allValues, at, h.arity());
            at += h.arity();
        }
        return new FamilyGuide(family, all, allNames, allValues);
    }

    /** {@code values} with the parameters of start-misfit sites no run proposed for at their initial values. */
    private double[] startMisfitsAtTheirStart(double[] values) {
        double[] out = values;
        for (Map.Entry<String, String> e : atPrior.entrySet()) {
            SiteSpec spec = specs.get(e.getKey());
            if (spec == null || !e.getValue().startsWith(START_MISFITS) || proposedFor.contains(spec.key)
                    || spec.offset + spec.arity > Math.min(values.length, names.size())) {
                continue;
            }
            if (out == values) {
                out = values.clone();
            }
            System.arraycopy(initial, spec.offset, out, spec.offset, spec.arity);
        }
        return out;
    }

    /**
     * The score of log q for one taped proposal, as parameter indices and values (empty for a site at its prior or
     * whose parameters are not in the layout). Closed form for site families, central differences for programs.
     */
    Score score(Tape.Entry e) {
        if (e.read != null) {
            int k = e.read.length;
            double[] g = new double[k];
            for (int j = 0; j < k; j++) {
                double d = (Values.logDensity(e.plus[j], e.x, e.vec) - Values.logDensity(e.minus[j], e.x, e.vec))
                        / (2 * e.step[j]);
                g[j] = Double.isFinite(d) ? d : 0;
            }
            return new Score(e.read.clone(), g);
        }
        SiteSpec s = e.family == null ? null : specs.get(e.key);
        if (s == null || !fits(s, e)) {
            return Score.EMPTY;
        }
        double[] base = new double[s.arity];
        e.family.score(e.used, 0, e.prior, e.x, e.vec, base);
        int nc = e.regressors == null ? 0 : e.regressors.length;
        int[] idx = new int[s.arity + nc];
        double[] g = new double[s.arity + nc];
        for (int j = 0; j < s.arity; j++) {
            idx[j] = s.offset + j;
            g[j] = base[j];
        }
        int m = s.arity;
        for (int j = 0; j < nc; j++) {
            int c = s.coefficient(e.regressors[j]);
            if (c >= 0) {
                idx[m] = c;
                g[m] = base[0] * e.regressorValues[j];
                m++;
            }
        }
        return new Score(Arrays.copyOf(idx, m), Arrays.copyOf(g, m));
    }

    /** A sparse gradient of log q. */
    record Score(int[] index, double[] value) {
        static final Score EMPTY = new Score(new int[0], new double[0]);
    }
}
