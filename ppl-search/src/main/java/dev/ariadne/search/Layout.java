package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The growing parameter vector of a search: sites and their parameters are added as runs reveal them (in run
 * order, so the result does not depend on the thread count), coefficients as structured sites meet earlier
 * choices. Not thread-safe: only the search's own thread changes it, between batches.
 */
final class Layout {

    final GuideFamily family;
    final Map<String, SiteSpec> specs = new LinkedHashMap<>();
    final List<String> names = new ArrayList<>();
    double[] theta = new double[0];

    Layout(GuideFamily family) {
        this.family = family;
        if (family.kind() == GuideFamily.Kind.PROGRAM) {
            family.declared().forEach((k, v) -> append(k, v));
        }
    }

    /** A layout holding a guide's sites and parameters. */
    static Layout of(FamilyGuide g) {
        Layout l = new Layout(g.family());
        if (g.family().kind() != GuideFamily.Kind.PROGRAM) {
            l.specs.putAll(g.specs());
            l.names.addAll(g.names());
        }
        l.theta = g.theta().clone();
        return l;
    }

    int size() {
        return names.size();
    }

    private int append(String name, double value) {
        names.add(name);
        theta = Arrays.copyOf(theta, names.size());
        theta[names.size() - 1] = value;
        return names.size() - 1;
    }

    /** Adds a site's parameters at their initial values, unless the key is known. */
    void addSite(String key, SiteFamily f, Dist prior, double[] init) {
        if (specs.containsKey(key)) {
            return;
        }
        int arity = f.arity(prior);
        String[] pn = f.paramNames(arity);
        int off = names.size();
        for (int j = 0; j < arity; j++) {
            append(key + "." + pn[j], init[j]);
        }
        specs.put(key, new SiteSpec(key, f, off, arity, new String[0], new int[0]));
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
        if (family.kind() == GuideFamily.Kind.PROGRAM) {
            return;
        }
        for (RunOutcome r : runs) {
            for (Tape.Entry e : r.entries) {
                if (!specs.containsKey(e.key)) {
                    addSite(e.key, e.family, e.prior, e.used);
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

    FamilyGuide snapshot() {
        return new FamilyGuide(family, specs, names, theta);
    }

    FamilyGuide snapshot(double[] values) {
        return new FamilyGuide(family, specs, names, values);
    }

    /**
     * The score of log q for one taped proposal, as parameter indices and values (empty when the site's
     * parameters are not in the layout). Closed form for built-in families, central differences for programs.
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
        SiteSpec s = specs.get(e.key);
        if (s == null) {
            return Score.EMPTY;
        }
        double[] base = new double[s.arity];
        e.family.score(e.proposal, e.x, e.vec, base);
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
