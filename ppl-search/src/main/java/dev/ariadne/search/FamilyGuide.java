package dev.ariadne.search;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Guide;
import dev.ariadne.core.History;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.Site;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.ValueKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One member of a {@link GuideFamily}: the guide at a fixed parameter vector. This is what a search returns, what
 * guide files hold, and what importance sampling runs with. Sites the parameters do not cover (never seen during
 * the search) get the family's initial proposal there, which for the prior's own family is the prior.
 * Immutable and serialisable, so shards can run anywhere.
 */
public final class FamilyGuide implements Guide {

    private static final long serialVersionUID = 1L;

    private final GuideFamily family;
    private final Map<String, SiteSpec> specs;
    private final List<String> names;
    private final double[] theta;
    /**
     * Read from a guide file ({@link GuideFile}): a guide loaded with no site's parameters is not taken for a
     * search's start by design, since whoever loads it expects a fitted guide.
     */
    private final boolean loaded;
    private transient Tape tape;
    private transient Map<String, Integer> nameIndex;
    /** Each thread's keys of the sites by position in the run (see {@link SiteKeys}); made on first use. */
    private transient volatile ThreadLocal<SiteKeys> keys;

    FamilyGuide(GuideFamily family, Map<String, SiteSpec> specs, List<String> names, double[] theta) {
        this(family, specs, names, theta, false);
    }

    private FamilyGuide(GuideFamily family, Map<String, SiteSpec> specs, List<String> names, double[] theta,
                        boolean loaded) {
        this.family = family;
        this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
        this.theta = theta.clone();
        this.loaded = loaded;
    }

    /** This guide as read from a guide file. */
    FamilyGuide asLoaded() {
        return new FamilyGuide(family, specs, names, theta, true);
    }

    /** The family this guide belongs to. */
    public GuideFamily family() {
        return family;
    }

    /** The parameters, by name. */
    public Parameters parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), theta[i]);
        }
        return new Parameters(m);
    }

    Map<String, SiteSpec> specs() {
        return specs;
    }

    List<String> names() {
        return names;
    }

    double[] theta() {
        return theta;
    }

    /** The same guide recording into {@code tape} (for one worker thread). */
    FamilyGuide recording(Tape t) {
        FamilyGuide g = new FamilyGuide(family, specs, names, theta, loaded);
        g.tape = t;
        return g;
    }

    /**
     * The addresses (or tied patterns) this guide has parameters for: a guide searched on one model and loaded for
     * another whose sites are named otherwise proposes from its family's starting point, the prior, at every site,
     * and the diagnostics say so when none of these matched a latent site. Empty for a program family.
     */
    @Override
    public List<AddressPattern> fittedSites() {
        if (family.kind() == GuideFamily.Kind.PROGRAM) {
            return List.of();
        }
        List<AddressPattern> out = new ArrayList<>();
        for (String key : specs.keySet()) {
            try {
                out.add(AddressPattern.parse(key));
            } catch (IllegalArgumentException notAnAddress) {
                // a key the diagnostics cannot match against addresses: left out
            }
        }
        return out;
    }

    /**
     * The family's tie patterns ({@link GuideFamily#tie}), which the diagnostics name where one matched no site: a
     * typo such as {@code tie("zzz")} left every site untied, silently (an outside statistician).
     */
    @Override
    public List<AddressPattern> patterns() {
        List<AddressPattern> out = new ArrayList<>();
        for (String t : family.ties()) {
            out.add(AddressPattern.parse(t));
        }
        return out;
    }

    /** The proposal at this site under this guide's parameters. */
    @Override
    public Dist propose(Site site, Dist prior, History history) {
        if (family.kind() == GuideFamily.Kind.PROGRAM) {
            return proposeProgram(site, prior, history);
        }
        SiteFamily f = SiteFamilies.of(prior);
        if (f == null) {
            if (tape != null) {
                Tape.Entry e = tape.add();
                e.position = history.size();
                e.key = family.keyOf(site);
                e.prior = prior;
                e.atPrior = SiteFamilies.whyNone(prior);
            }
            return prior;
        }
        SiteKeys k = siteKeys();
        int position = history.size();
        String key;
        SiteSpec spec;
        if (k.matches(position, site)) {
            key = k.key[position];
            spec = k.spec[position];
        } else {
            key = family.keyOf(site);
            spec = specs.get(key);
            k.remember(position, site, key, spec);
        }
        double[] params;
        int off;
        if (spec == null) {
            params = f.initial(prior);
            off = 0;
        } else {
            if (spec.family != f && spec.family.accepts(prior) && spec.family.arity(prior) == spec.arity) {
                f = spec.family; // a guide file fitted with another family that takes this prior (NORMAL at a Cauchy)
            }
            int arity = f.arity(prior);
            if (!spec.family.name().equals(f.name()) || arity != spec.arity) {
                // A prior whose family or shape changes between runs (a Categorical over K values, K drawn first):
                // one set of parameters per address cannot propose at both, so runs of the other shape keep the
                // prior here, which any guide may do, and the search says so.
                if (tape != null) {
                    Tape.Entry e = tape.add();
                    e.position = position;
                    e.key = key;
                    e.prior = prior;
                    e.atPrior = Layout.shapeChanged(spec, f, arity, prior);
                    e.startMisfit = Layout.startMisfits(spec, f, arity, prior);
                }
                return prior;
            }
            params = theta;
            off = spec.offset;
        }
        double shift = 0;
        String[] regs = null;
        double[] regVals = null;
        boolean structured = family.kind() == GuideFamily.Kind.STRUCTURED && f instanceof LocationFamily;
        if (structured && !specs.isEmpty()) { // with no site known yet (discovery's first pass) none regresses
            List<String> rs = tape != null ? new ArrayList<>() : null;
            List<Double> vs = tape != null ? new ArrayList<>() : null;
            int n = history.size();
            for (int i = 0; i < n; i++) {
                if (history.kind(i) != SiteKind.LATENT || history.valueKind(i) != ValueKind.REAL) {
                    continue;
                }
                Address a = history.address(i);
                SiteSpec earlier = specs.get(family.keyOf(a));
                if (earlier == null) {
                    continue;
                }
                double r = earlier.family.regressor(history.real(i));
                if (!Double.isFinite(r)) {
                    continue;
                }
                String addr = a.toString();
                if (spec != null) {
                    int c = spec.coefficient(addr);
                    if (c >= 0) {
                        shift += theta[c] * r;
                    }
                }
                if (rs != null) {
                    rs.add(addr);
                    vs.add(r);
                }
            }
            if (rs != null) {
                regs = rs.toArray(new String[0]);
                regVals = new double[vs.size()];
                for (int i = 0; i < regVals.length; i++) {
                    regVals[i] = vs.get(i);
                }
            }
        }
        // An unseen site in the prior's own family proposes the prior itself, so step 0 is exactly likelihood
        // weighting (exp(log 3) need not be 3 in floating point).
        Dist q;
        if (spec == null && shift == 0 && f.reproducesPrior(prior)) {
            q = prior;
        } else if (shift != 0) {
            q = ((LocationFamily) f).proposal(params[off] + shift, Math.exp(params[off + 1]), prior);
        } else {
            q = f.proposal(params, off, prior);
        }
        if (tape != null) {
            Tape.Entry e = tape.add();
            e.position = history.size();
            e.key = key;
            e.family = f;
            e.prior = prior;
            e.proposal = q;
            e.used = java.util.Arrays.copyOfRange(params, off, off + f.arity(prior));
            e.used[0] += shift;
            e.regressors = regs;
            e.regressorValues = regVals;
        }
        return q;
    }

    private SiteKeys siteKeys() {
        ThreadLocal<SiteKeys> t = keys;
        if (t == null) {
            t = ThreadLocal.withInitial(SiteKeys::new);
            keys = t;
        }
        return t.get();
    }

    /**
     * The parameter key and spec of the site at each position of the previous runs on one thread, so that a run
     * that repeats the sites of the one before (same name object, index and scope at the same position) finds them
     * without building the address's string and hashing it. A site's key depends only on its address, and this
     * guide's specs never change, so a hit gives what {@link GuideFamily#keyOf} and the map would.
     */
    private static final class SiteKeys {
        String[] name = new String[16];
        int[] index = new int[16];
        Address[] scope = new Address[16];
        String[] key = new String[16];
        SiteSpec[] spec = new SiteSpec[16];

        boolean matches(int i, Site site) {
            return i < name.length && name[i] != null && name[i] == site.name() && index[i] == site.index()
                    && scope[i] == site.scope();
        }

        void remember(int i, Site site, String k, SiteSpec s) {
            if (i >= name.length) {
                int c = Math.max(i + 1, 2 * name.length);
                name = java.util.Arrays.copyOf(name, c);
                index = java.util.Arrays.copyOf(index, c);
                scope = java.util.Arrays.copyOf(scope, c);
                key = java.util.Arrays.copyOf(key, c);
                spec = java.util.Arrays.copyOf(spec, c);
            }
            name[i] = site.name();
            index[i] = site.index();
            scope[i] = site.scope();
            key[i] = k;
            spec[i] = s;
        }
    }

    /**
     * Why a site with this prior stays at its prior under this guide, or null when the guide proposes there.
     * Program families decide for themselves, so for them this is always null.
     */
    @Override
    public String leavesPriorBecause(Dist prior) {
        if (family.kind() == GuideFamily.Kind.PROGRAM || SiteFamilies.of(prior) != null) {
            return null;
        }
        return SiteFamilies.whyNone(prior);
    }

    /**
     * A guide of a site family with no site's parameters made yet (the start a search returns when its own guide was
     * not better on fresh runs) proposes, at each site, the family's start there: the prior. Not so of one loaded
     * from a file, whose diagnostics say that it left every site at its prior, as the README promises: one with no
     * sites was read in silence (an adversarial tester).
     */
    @Override
    public String priorEverywhereBecause() {
        return family.kind() != GuideFamily.Kind.PROGRAM && names.isEmpty() && !loaded
                ? "the search's starting guide, with no parameters fitted, which proposes each site's prior" : null;
    }

    private int indexOf(String name) {
        Map<String, Integer> m = nameIndex;
        if (m == null) {
            m = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                m.put(names.get(i), i);
            }
            nameIndex = m;
        }
        Integer i = m.get(name);
        if (i == null) {
            throw new IllegalArgumentException("family '" + family.name() + "' declares no parameter '" + name
                    + "'; declared: " + names);
        }
        return i;
    }

    private Dist proposeProgram(Site site, Dist prior, History history) {
        ParamGuide program = family.program();
        // null is the prior, as the README and ParamGuide say: it was taken so only at a real, integer or boolean
        // site, and refused at a vector's (an adversarial tester)
        if (tape == null) {
            Dist q = program.propose(name -> theta[indexOf(name)], site, prior, history);
            return q == null ? prior : q;
        }
        java.util.LinkedHashSet<Integer> read = new java.util.LinkedHashSet<>();
        Dist proposed = program.propose(name -> {
            int i = indexOf(name);
            read.add(i);
            return theta[i];
        }, site, prior, history);
        Dist q = proposed == null ? prior : proposed;
        if (q == prior) {
            Tape.Entry e = tape.add();
            e.position = history.size();
            e.key = site.address().toString();
            e.prior = prior;
            e.atPrior = "the program '" + family.name() + "' returned the prior";
            return q;
        }
        if (read.isEmpty()) {
            return q;
        }
        Tape.Entry e = tape.add();
        e.position = history.size();
        e.proposal = q;
        e.prior = prior;
        e.read = new int[read.size()];
        e.plus = new Dist[read.size()];
        e.minus = new Dist[read.size()];
        e.step = new double[read.size()];
        int j = 0;
        for (int k : read) {
            double h = 1e-5 * Math.max(1, Math.abs(theta[k]));
            double[] tp = theta.clone();
            tp[k] += h;
            double[] tm = theta.clone();
            tm[k] -= h;
            e.read[j] = k;
            e.step[j] = h;
            e.plus[j] = program.propose(name -> tp[indexOf(name)], site, prior, history);
            e.minus[j] = program.propose(name -> tm[indexOf(name)], site, prior, history);
            j++;
        }
        return q;
    }

    @Override
    public String toString() {
        if (names.isEmpty()) {
            // A search that ran no step (a budget of 0) has made none of its sites' parameters: "{}" read as broken.
            return family + " guide with no parameters yet";
        }
        return family + " guide " + parameters();
    }
}
