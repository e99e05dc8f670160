package dev.ariadne.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A guide's parameters by name: unconstrained reals (log scales, logits), named after the site's address (or
 * the tied pattern) and the parameter, such as {@code mu.loc}, {@code z[*].logScale} or
 * {@code slope.coef[intercept]}. Immutable; iteration order is the order in which the search created them.
 */
public final class Parameters {

    private final Map<String, Double> values;

    Parameters(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The parameters as an ordered, read-only map from name to value. */
    public Map<String, Double> asMap() {
        return values;
    }

    /** The number of parameters. */
    public int size() {
        return values.size();
    }

    /**
     * The value of one parameter.
     *
     * @throws IllegalArgumentException naming the parameter when there is none of that name
     */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; have " + values.keySet());
        }
        return v;
    }

    /**
     * Equal to other parameters of the same names with the same values ({@link Double#equals}: bit for bit, so that
     * a guide loaded back from its file, whose values round-trip exactly, equals the one saved; an adversarial
     * tester found them unequal with the same text). The order of the names does not count.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Parameters p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
