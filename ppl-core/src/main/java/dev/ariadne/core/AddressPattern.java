package dev.ariadne.core;

import java.io.Serializable;
import java.util.Objects;

/**
 * A pattern over addresses: the printed form of an address, {@code scope[2]/name[3]}, in which
 * <ul>
 *   <li>an index may be {@code *}: any index, or none ({@code x[*]}, {@code step[*]/z});</li>
 *   <li>a part may be {@code *}: any one name, with any index or none ({@code *}{@code /z} is {@code z} in any
 *       scope one level deep; {@code *[3]} is any name with index 3);</li>
 *   <li>a part may be {@code **}: any number of whole scopes, none included ({@code **}{@code /z} is {@code z} at
 *       any depth, {@code S/**}{@code /rule} is {@code rule} anywhere inside {@code S}).</li>
 * </ul>
 * A pattern without a scope matches top-level sites only. Its last part names the site, so it cannot be
 * {@code **} ({@code a/**}{@code /*} is every site inside {@code a}). A {@code *} inside a name ({@code x*}) is
 * refused rather than read as a literal star, since it reads as a wildcard that it would not be. Matching compares
 * names and indices and never builds a string.
 */
public final class AddressPattern implements Serializable {

    private static final int ANY = -2;

    /**
     * Each part's name, outermost scope first and the site last; null for {@code *} and {@code **}. Interned, so that
     * a site named by a literal (interned by the JVM) is matched by identity; another name of the same text is
     * matched by {@link String#equals}.
     */
    private final String[] names;
    /** Each name's {@code hashCode()}: a site's name of another hash (cached in the string) is refused at once. */
    private final int[] nameHashes;
    /** Each part's index: {@link Address#NO_INDEX}, a number, or any. */
    private final int[] indices;
    /** Whether each part is {@code **}. */
    private final boolean[] anyDepth;
    private final String text;

    private AddressPattern(String[] names, int[] indices, boolean[] anyDepth, String text) {
        this.names = names;
        this.indices = indices;
        this.anyDepth = anyDepth;
        this.nameHashes = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                names[i] = names[i].intern();
                nameHashes[i] = names[i].hashCode();
            }
        }
        this.text = text;
    }

    /**
     * Parses a pattern such as {@code x}, {@code x[3]}, {@code x[*]}, {@code a[*]/b[2]}, {@code *}{@code /x},
     * {@code **}{@code /x[*]} or {@code S/**}{@code /rule}.
     *
     * @throws IllegalArgumentException naming the text and the part when it is not a pattern
     */
    public static AddressPattern parse(String text) {
        Objects.requireNonNull(text, "address pattern");
        String[] parts = text.split("/", -1);
        int n = parts.length;
        String[] names = new String[n];
        int[] indices = new int[n];
        boolean[] anyDepth = new boolean[n];
        for (int i = 0; i < n; i++) {
            String part = parts[i];
            if (part.equals("**")) {
                if (i == n - 1) {
                    throw new IllegalArgumentException("malformed address pattern '" + text + "': its last part names "
                            + "the site, and ** stands for scopes (write " + (n == 1 ? "**/*" : text + "/*")
                            + " for every site " + (n == 1 ? "at any depth" : "inside") + ")");
                }
                anyDepth[i] = true;
                continue;
            }
            String[] nameIndex = splitPart(text, part);
            String name = nameIndex[0];
            if (name.equals("**")) {
                throw new IllegalArgumentException("malformed address pattern '" + text + "' at '" + part
                        + "': ** stands for any number of whole scopes and takes no index");
            }
            boolean anyName = name.equals("*");
            if (!anyName && name.indexOf('*') >= 0) {
                throw new IllegalArgumentException("malformed address pattern '" + text + "' at '" + part
                        + "': * stands for a whole name (or index), not for part of one");
            }
            names[i] = anyName ? null : name;
            if (nameIndex[1] == null) {
                indices[i] = anyName ? ANY : Address.NO_INDEX;
            } else if (nameIndex[1].equals("*")) {
                indices[i] = ANY;
            } else {
                indices[i] = Integer.parseInt(nameIndex[1]);
            }
        }
        return new AddressPattern(names, indices, anyDepth, text);
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
        int last = names.length - 1;
        return partMatches(last, siteName, siteIndex) && scopesMatch(last - 1, siteScope);
    }

    /** Whether the address matches the pattern. */
    public boolean matches(Address address) {
        return matches(address.scope(), address.name(), address.index());
    }

    /** Whether part {@code k} (never {@code **}) matches one name and index. */
    private boolean partMatches(int k, String name, int index) {
        int want = indices[k];
        if (want != ANY && want != index) {
            return false;
        }
        // Patterns are tested at every site a guide or handler sees, most of them against names that differ
        // (a guide of several patterns): a differing hash refuses without comparing the strings.
        String n = names[k];
        if (name == null) {
            return false;
        }
        return n == null || n == name || name.hashCode() == nameHashes[k] && n.equals(name);
    }

    /** Whether parts 0 to {@code k} match the scope chain ending in {@code scope} (null: top level), whole. */
    private boolean scopesMatch(int k, Address scope) {
        Address a = scope;
        for (int j = k; j >= 0; j--) {
            if (anyDepth[j]) {
                for (Address s = a; ; s = s.scope()) {
                    if (scopesMatch(j - 1, s)) {
                        return true;
                    }
                    if (s == null) {
                        return false;
                    }
                }
            }
            if (a == null || !partMatches(j, a.name(), a.index())) {
                return false;
            }
            a = a.scope();
        }
        return a == null;
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
