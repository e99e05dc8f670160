package dev.ariadne.core;

import dev.ariadne.core.dist.ValueKind;

/**
 * A read-only, indexed view of the run so far: for each site in order, its address, kind and value. A guide
 * reads it to make its proposal depend on earlier choices, as the paper's guide does. Positions run from 0 to
 * {@code size() - 1}; the value accessors must match the site's value kind. Sites can also be read by name, as in
 * {@code h.real("mu")} or {@code h.integer("z", 3)}: names are looked up in the scope of the site being proposed
 * (the top level after a run), and a missing site or a value of another kind is an error that names the address.
 * While a guide or a handler is deciding the current site, the history holds the sites before it.
 */
public interface History {

    /** The number of sites recorded so far in this run. */
    int size();

    /** The address of site {@code i} (allocated on demand). */
    Address address(int i);

    /** The name of site {@code i}. */
    String name(int i);

    /** The index of site {@code i}. */
    int index(int i);

    /** The kind of site {@code i}. */
    SiteKind kind(int i);

    /** The kind of value of site {@code i} (factors and conditions report REAL and BOOL). */
    ValueKind valueKind(int i);

    /** The value of a real site. */
    double real(int i);

    /** The value of an integer site. */
    int integer(int i);

    /** The value of a boolean site (a condition's value is whether it held). */
    boolean bool(int i);

    /** The value of a vector site (a copy). */
    double[] vector(int i);

    /**
     * The value of a site of any kind, boxed: Double, Integer, Boolean, a copy of a double[], the object, a plate's
     * array; a factor's log weight, a plain condition's Boolean, a margin condition's {@link Margin}.
     */
    Object value(int i);

    /** The position of the site {@code name[index]} in the current scope, or -1 if it has not happened yet. */
    int find(String name, int index);

    /** The position of the top-level site {@code name} in the current scope, or -1. */
    default int find(String name) {
        return find(name, Address.NO_INDEX);
    }

    /** The position of the site with this address, or -1. */
    int find(Address address);

    /**
     * The value of the real site {@code name} (without index) in the current scope.
     *
     * @throws IllegalArgumentException naming the address if the run has no such site yet, or if it is not real
     */
    default double real(String name) {
        return real(require(name, Address.NO_INDEX));
    }

    /** The value of the real site {@code name[index]} in the current scope; an error if there is none. */
    default double real(String name, int index) {
        return real(require(name, index));
    }

    /**
     * The value of the integer site {@code name} (without index) in the current scope.
     *
     * @throws IllegalArgumentException naming the address if the run has no such site yet, or if it is not integer
     */
    default int integer(String name) {
        return integer(require(name, Address.NO_INDEX));
    }

    /** The value of the integer site {@code name[index]} in the current scope; an error if there is none. */
    default int integer(String name, int index) {
        return integer(require(name, index));
    }

    /**
     * The value of the boolean site {@code name} (without index) in the current scope; for a condition, whether
     * it held.
     *
     * @throws IllegalArgumentException naming the address if the run has no such site yet, or if it is not boolean
     */
    default boolean bool(String name) {
        return bool(require(name, Address.NO_INDEX));
    }

    /** The value of the boolean site {@code name[index]} in the current scope; an error if there is none. */
    default boolean bool(String name, int index) {
        return bool(require(name, index));
    }

    /**
     * The value (a copy) of the vector site {@code name} (without index) in the current scope.
     *
     * @throws IllegalArgumentException naming the address if the run has no such site yet, or if it is not a vector
     */
    default double[] vector(String name) {
        return vector(require(name, Address.NO_INDEX));
    }

    /** The value (a copy) of the vector site {@code name[index]} in the current scope; an error if there is none. */
    default double[] vector(String name, int index) {
        return vector(require(name, index));
    }

    /** The value, boxed, of the site {@code name} (without index) in the current scope; an error if there is none. */
    default Object value(String name) {
        return value(require(name, Address.NO_INDEX));
    }

    /** The value, boxed, of the site {@code name[index]} in the current scope; an error if there is none. */
    default Object value(String name, int index) {
        return value(require(name, index));
    }

    /**
     * The position of {@code name[index]} in the current scope ({@code index} may be {@link Address#NO_INDEX}).
     *
     * @throws IllegalArgumentException naming the address if the run has no such site yet
     */
    default int require(String name, int index) {
        int i = find(name, index);
        if (i < 0) {
            throw new IllegalArgumentException("no site " + name + (index == Address.NO_INDEX ? "" : "[" + index + "]")
                    + " earlier in this run");
        }
        return i;
    }
}
