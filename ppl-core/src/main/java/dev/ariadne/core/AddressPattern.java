package dev.ariadne.core;

import java.io.Serializable;
import java.util.Objects;

/**
 * A pattern over addresses: the printed form of an address in which any index may be {@code *} (any index,
 * or none), as in {@code x[*]} or {@code step[*]/z}. A pattern without a scope matches top-level sites only;
 * {@code **}{@code /x} matches {@code x} in any scope. Matching compares names and indices and never builds a string.
 */
public final class AddressPattern implements Serializable {

    private static final int ANY = -2;

    private final AddressPattern scope;
    private final boolean anyScope;
    /**
     * Interned, so that a site named by a literal (interned by the JVM) is matched by identity; another name of the
     * same text is matched by {@link String#equals}.
     */
    private final String name;
    /** {@code name.hashCode()}: a site's name of another hash (cached in the string) is refused without comparing. */
    private final int nameHash;
    private final int index;
    private final String text;

    private AddressPattern(AddressPattern scope, boolean anyScope, String name, int index, String text) {
        this.scope = scope;
        this.anyScope = anyScope;
        this.name = name.intern();
        this.nameHash = name.hashCode();
        this.index = index;
        this.text = text;
    }

    /**
     * Parses a pattern such as {@code x}, {@code x[3]}, {@code x[*]}, {@code a[*]/b[2]} or {@code **}{@code /x[*]}.
     *
     * @throws IllegalArgumentException naming the text when it is not a pattern
     */
    public static AddressPattern parse(String text) {
        Objects.requireNonNull(text, "address pattern");
        String[] parts = text.split("/", -1);
        AddressPattern current = null;
        boolean anyScope = false;
        int start = 0;
        if (parts.length > 1 && parts[0].equals("**")) {
            anyScope = true;
            start = 1;
        }
        for (int i = start; i < parts.length; i++) {
            String[] nameIndex = splitPart(text, parts[i]);
            int idx;
            if (nameIndex[1] == null) {
                idx = Address.NO_INDEX;
            } else if (nameIndex[1].equals("*")) {
                idx = ANY;
            } else {
                idx = Integer.parseInt(nameIndex[1]);
            }
            current = new AddressPattern(current, i == start && anyScope, nameIndex[0], idx, text);
        }
        return current;
    }

    /** Splits {@code name[idx]} into name and index text (null when absent), validating both. */
    static String[] splitPart(String whole, String part) {
        int open = part.indexOf('[');
        if (open < 0) {
            if (part.isEmpty() || part.indexOf(']') >= 0) {
                throw new IllegalArgumentException("malformed address '" + whole + "': empty or bad name '" + part + "'");
            }
            return new String[] {part, null};
        }
        if (open == 0 || !part.endsWith("]") || part.indexOf('[', open + 1) >= 0) {
            throw new IllegalArgumentException("malformed address '" + whole + "' at '" + part + "'");
        }
        String idx = part.substring(open + 1, part.length() - 1);
        if (!idx.equals("*") && !idx.matches("[0-9]+")) {
            throw new IllegalArgumentException("malformed address '" + whole + "': index must be a number or *, got '"
                    + idx + "'");
        }
        return new String[] {part.substring(0, open), idx};
    }

    /** Whether a site with this scope, name and index matches the pattern. */
    public boolean matches(Address siteScope, String siteName, int siteIndex) {
        if (index != ANY && index != siteIndex) {
            return false;
        }
        // Patterns are tested at every site a guide or handler sees, most of them against names that differ
        // (a guide of several patterns): a differing hash refuses without comparing the strings.
        if (name != siteName && (siteName == null || siteName.hashCode() != nameHash || !name.equals(siteName))) {
            return false;
        }
        if (scope == null) {
            return anyScope || siteScope == null;
        }
        return siteScope != null && scope.matches(siteScope.scope(), siteScope.name(), siteScope.index());
    }

    /** Whether the address matches the pattern. */
    public boolean matches(Address address) {
        return matches(address.scope(), address.name(), address.index());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressPattern && ((AddressPattern) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
