package dev.ariadne.search;

import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.Site;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parameterised family of guides: a map from a vector of named, unconstrained parameters to a guide. Three
 * kinds:
 * <ul>
 *   <li>{@link #meanField()}: every latent site independent, each with its own parameters, created lazily as the
 *   model reveals sites. A site keeps the prior's own family where it can (Normal, Beta, Gamma, Poisson,
 *   Bernoulli, Categorical, Binomial, LogNormal), initialised at the prior, so the initial guide is the prior and
 *   step 0 is likelihood weighting. Other real sites use a Normal in an unconstrained coordinate with the
 *   Jacobian counted: log for positive sites, logit for intervals, stick breaking for the simplex. Sites of
 *   other kinds (unbounded integer laws other than Poisson, objects, real vectors) keep their prior.</li>
 *   <li>{@link #structured()}: mean-field, except that each continuous site's location (in its unconstrained
 *   coordinate) is affine in the earlier continuous choices of the run, with coefficients starting at 0. It
 *   captures posterior correlation such as that of a slope and an intercept.</li>
 *   <li>{@link #program}: a user-written {@link ParamGuide} over declared parameters.</li>
 * </ul>
 * {@link #tie} makes every site matching a pattern such as {@code x[*]} share one set of parameters.
 */
public final class GuideFamily implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kind of family. */
    public enum Kind {
        /** Independent sites, each in the prior's own family where possible. */
        MEAN_FIELD,
        /** Mean-field with locations affine in earlier continuous choices. */
        STRUCTURED,
        /** A user-written parameterised guide. */
        PROGRAM
    }

    private final Kind kind;
    private final String name;
    private final List<String> ties;
    private final transient List<AddressPattern> tiePatterns;
    private final ParamGuide program;
    private final Map<String, Double> declared;

    private GuideFamily(Kind kind, String name, List<String> ties, ParamGuide program, Map<String, Double> declared) {
        this.kind = kind;
        this.name = name;
        this.ties = Collections.unmodifiableList(new ArrayList<>(ties));
        List<AddressPattern> ps = new ArrayList<>();
        for (String t : ties) {
            ps.add(AddressPattern.parse(t));
        }
        this.tiePatterns = ps;
        this.program = program;
        this.declared = declared == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    }

    /** The mean-field family, starting at the prior. */
    public static GuideFamily meanField() {
        return new GuideFamily(Kind.MEAN_FIELD, "meanField", List.of(), null, null);
    }

    /**
     * The structured family: continuous locations affine in earlier continuous choices; starts at the prior. Each
     * continuous site has a coefficient on every earlier one, so a guide of s such sites has s (s - 1) / 2 and each
     * taped run as many regressor values: it grows as s^2. A search whose taped batch could not fit in the JVM's
     * heap (1,500 latents, say) is refused with an {@code IllegalArgumentException} naming the sites, the memory
     * and {@link #meanField()}, which grows linearly.
     */
    public static GuideFamily structured() {
        return new GuideFamily(Kind.STRUCTURED, "structured", List.of(), null, null);
    }

    /**
     * A user-written parameterised guide over the declared parameters.
     *
     * @param name    the family's name, recorded in guide files (a loaded file must name the same family)
     * @param initial every parameter's name and initial (unconstrained) value, in the map's order where it has one (a
     *                {@code LinkedHashMap} or a {@code SortedMap}), else in the names' order: a {@code Map.of} iterates
     *                in an order that changes from one JVM to the next, and the search's steps (and its result, at a
     *                given seed) followed it (a second adversarial tester)
     * @param program the guide, reading its parameters from the handle
     */
    public static GuideFamily program(String name, Map<String, Double> initial, ParamGuide program) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(program, "program");
        if (initial == null) {
            throw new IllegalArgumentException("program family '" + name + "': its initial parameters are null; give "
                    + "a map from each parameter's name to its starting value");
        }
        if (initial.isEmpty()) {
            throw new IllegalArgumentException("program family '" + name + "' declares no parameters");
        }
        initial.forEach((k, v) -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("program family '" + name + "': parameter " + k
                        + " must be finite, got " + v);
            }
        });
        Map<String, Double> ordered = initial instanceof LinkedHashMap || initial instanceof java.util.SortedMap
                ? initial : new java.util.TreeMap<>(initial);
        return new GuideFamily(Kind.PROGRAM, name, List.of(), program, ordered);
    }

    /**
     * The same family with the parameters of every site matching each pattern (such as {@code x[*]}) shared:
     * one set per pattern, named after the pattern; a site matching several takes the first's. The sites so tied are
     * proposed alike (a guide for x[0..n] of any n: one searched on a short program of a family serves a longer one).
     * A pattern tied twice is refused.
     */
    public GuideFamily tie(String... patterns) {
        if (kind == Kind.PROGRAM) {
            throw new IllegalStateException("a program family names its own parameters; tie them in the program");
        }
        List<String> t = new ArrayList<>(ties);
        for (String p : patterns) {
            AddressPattern.parse(p);
            if (t.contains(p)) {
                throw new IllegalArgumentException("tie: the pattern " + p + " is tied twice; each pattern names one "
                        + "shared set of parameters");
            }
            t.add(p);
        }
        return new GuideFamily(kind, name, t, program, declared);
    }

    /** The kind of family. */
    public Kind kind() {
        return kind;
    }

    /** The family's name: {@code meanField}, {@code structured}, or the program's name. */
    public String name() {
        return name;
    }

    /** The tie patterns, in order. */
    public List<String> ties() {
        return ties;
    }

    /** The declared parameters and initial values of a program family (empty for the others). */
    public Map<String, Double> declared() {
        return declared;
    }

    ParamGuide program() {
        return program;
    }

    /** The parameter key of a site: the first tie pattern it matches, else its printed address. */
    String keyOf(Site site) {
        List<AddressPattern> ps = patterns();
        for (int i = 0; i < ps.size(); i++) {
            if (site.matches(ps.get(i))) {
                return ties.get(i);
            }
        }
        return site.address().toString();
    }

    /** The parameter key of an address. */
    String keyOf(dev.ariadne.core.Address a) {
        List<AddressPattern> ps = patterns();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).matches(a)) {
                return ties.get(i);
            }
        }
        return a.toString();
    }

    private List<AddressPattern> patterns() {
        if (tiePatterns != null) {
            return tiePatterns;
        }
        List<AddressPattern> ps = new ArrayList<>();
        for (String t : ties) {
            ps.add(AddressPattern.parse(t));
        }
        return ps;
    }

    @Override
    public String toString() {
        return name + (ties.isEmpty() ? "" : " tied " + ties);
    }
}
