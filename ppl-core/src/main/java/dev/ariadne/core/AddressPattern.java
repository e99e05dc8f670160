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

    /** The pattern of the enclosing scopes, or null where this part is outermost. */
    private final AddressPattern scope;
    /** Whether a {@code **} stands between this part and {@link #scope} (before this part, if outermost). */
    private final boolean anyDepthBefore;
    /**
     * Interned, so that a site named by a literal (interned by the JVM) is matched by identity; another name of the
     * same text is matched by {@link String#equals}. {@code *} for any name.
     */
    private final String name;
    /** Whether this part is {@code *}, any name. */
    private final boolean anyName;
    /** {@code name.hashCode()}: a site's name of another hash (cached in the string) is refused without comparing. */
    private final int nameHash;
    private final int index;
    private final String text;

    private AddressPattern(AddressPattern scope, boolean anyDepthBefore, String name, int index, String text) {
        this.scope = scope;
        this.anyDepthBefore = anyDepthBefore;
        this.name = name.intern();
        this.anyName = name.equals("*");
        this.nameHash = name.hashCode();
        this.index = index;
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
        String shown = Address.printable(text); // as a message prints it: a line break written out
        String[] parts = text.split("/", -1);
        int n = parts.length;
        AddressPattern current = null;
        boolean anyDepth = false;
        for (int i = 0; i < n; i++) {
            String part = parts[i];
            if (part.equals("**")) {
                if (i == n - 1) {
                    throw new IllegalArgumentException("malformed address pattern '" + shown + "': its last part names "
                            + "the site, and ** stands for scopes (write " + (n == 1 ? "**/*" : text + "/*")
                            + " for every site " + (n == 1 ? "at any depth" : "inside") + ")");
                }
                anyDepth = true;
                continue;
            }
            if (!part.equals(part.strip())) {
                throw new IllegalArgumentException("malformed address pattern '" + shown + "' at '" + part
                        + "': a part begins or ends with a space, which no site's name is written with");
            }
            String[] nameIndex = splitPart(text, part);
            String name = nameIndex[0];
            if (name.equals("**")) {
                throw new IllegalArgumentException("malformed address pattern '" + shown + "' at '" + part
                        + "': ** stands for any number of whole scopes and takes no index");
            }
            boolean anyName = name.equals("*");
            if (!anyName && name.indexOf('*') >= 0) {
                throw new IllegalArgumentException("malformed address pattern '" + shown + "' at '" + part
                        + "': * stands for a whole name (or index), not for part of one");
            }
            String notAName = anyName ? null : Address.whyNotAName(name);
            if (notAName != null) {
                // a NUL inside a pattern was taken, and printed as "x [1]", though no site can be named so (an
                // adversarial tester)
                throw new IllegalArgumentException("malformed address pattern '" + shown + "': " + notAName
                        + ", so no site can be named by it");
            }
            int idx;
            if (nameIndex[1] == null) {
                idx = anyName ? ANY : Address.NO_INDEX;
            } else if (nameIndex[1].equals("*")) {
                idx = ANY;
            } else {
                try {
                    idx = Integer.parseInt(nameIndex[1]);
                } catch (NumberFormatException tooLarge) {
                    // "x[2147483648]" threw a bare NumberFormatException naming no pattern (an adversarial tester)
                    throw new IllegalArgumentException("malformed address pattern '" + shown + "' at '" + part
                            + "': the index " + nameIndex[1] + " is beyond the largest a site can have, "
                            + Integer.MAX_VALUE, tooLarge);
                }
            }
            current = new AddressPattern(current, anyDepth, name, idx, text);
            anyDepth = false;
        }
        refuseLeadingZeros(text, "address pattern");
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

    /**
     * Refuses a text that is an address or a pattern in every other respect but writes an index with a leading zero,
     * naming the text to write; checked after the rest, so that the text it names is one that parses. "x[07]" matched
     * x[7] in code, yet a guide file's "z[00]" was read as written and matched nothing: an address prints its index as
     * 0, 1, 2, ..., so no other spelling is one (an adversarial tester).
     *
     * @param what "address" or "address pattern", as the parse's other messages name the text
     */
    static void refuseLeadingZeros(String text, String what) {
        if (LEADING_ZERO.matcher(text).find()) {
            throw new IllegalArgumentException("malformed " + what + " '" + Address.printable(text) + "': an index is "
                    + "written without leading zeros, as an address prints it: write "
                    + LEADING_ZERO.matcher(text).replaceAll("[$1"));
        }
    }

    private static final java.util.regex.Pattern LEADING_ZERO = java.util.regex.Pattern.compile("\\[0+(\\d)");

    /** Whether the pattern's last part, the site's own name, is {@code *}. */
    boolean matchesAnyName() {
        return anyName;
    }

    /**
     * The first pair {a, b}, a before b, of {@code patterns} that can match one site, or null: each pattern is compared
     * only with those its name and index do not already rule out (a map of 100,000 site keys compared every pair).
     */
    static int[] firstOverlap(AddressPattern[] patterns) {
        java.util.Map<String, java.util.Map<Integer, java.util.List<Integer>>> byName = new java.util.HashMap<>();
        java.util.List<Integer> loose = new java.util.ArrayList<>(); // of any name: compared with every pattern
        for (int i = 0; i < patterns.length; i++) {
            AddressPattern p = patterns[i];
            if (p.anyName) {
                loose.add(i);
            } else {
                byName.computeIfAbsent(p.name, n -> new java.util.HashMap<>())
                        .computeIfAbsent(p.index, k -> new java.util.ArrayList<>()).add(i);
            }
        }
        for (int i = 0; i < patterns.length; i++) {
            AddressPattern p = patterns[i];
            java.util.Collection<java.util.List<Integer>> rivals;
            if (p.anyName) {
                rivals = java.util.List.of(java.util.stream.IntStream.range(0, patterns.length).boxed().toList());
            } else {
                java.util.Map<Integer, java.util.List<Integer>> named = byName.get(p.name);
                rivals = new java.util.ArrayList<>(p.index == ANY ? named.values()
                        : java.util.List.of(named.get(p.index), named.getOrDefault(ANY, java.util.List.of())));
                rivals.add(loose);
            }
            int nearest = Integer.MAX_VALUE; // the first rival after i in order that overlaps it
            for (java.util.List<Integer> list : rivals) {
                for (int j : list) {
                    if (j > i && j < nearest && p.overlaps(patterns[j])) {
                        nearest = j;
                    }
                }
            }
            if (nearest < Integer.MAX_VALUE) {
                return new int[] {i, nearest};
            }
        }
        return null;
    }

    /** The index the pattern's last part matches, or -2 for any ({@code [*]}); -1 for a bare name's. */
    int siteIndex() {
        return index;
    }

    /** Whether the pattern's last part matches any index ({@code [*]}). */
    boolean matchesAnyIndex() {
        return index == ANY;
    }

    /** The site name the pattern's last part matches, {@code *} for any. */
    String siteName() {
        return name;
    }

    /** Whether a site with this scope, name and index matches the pattern. */
    public boolean matches(Address siteScope, String siteName, int siteIndex) {
        return partMatches(siteName, siteIndex) && scopeMatches(siteScope);
    }

    /** Whether this part alone matches a name and an index. */
    private boolean partMatches(String siteName, int siteIndex) {
        if (index != ANY && index != siteIndex) {
            return false;
        }
        // Patterns are tested at every site a guide or handler sees, most of them against names that differ
        // (a guide of several patterns): a differing hash refuses without comparing the strings.
        return name == siteName || siteName != null
                && (anyName || siteName.hashCode() == nameHash && name.equals(siteName));
    }

    /**
     * Whether the enclosing parts match {@code siteScope}, the scopes of a site this part matched: a loop, not a
     * recursion, so that a guide testing patterns at every site stays small enough to be compiled into the site
     * (recursion inlined into it made it too big, and its proposals were allocated).
     */
    private boolean scopeMatches(Address siteScope) {
        AddressPattern p = this;
        Address a = siteScope;
        while (!p.anyDepthBefore) {
            AddressPattern outer = p.scope;
            if (outer == null) {
                return a == null;
            }
            if (a == null || !outer.partMatches(a.name(), a.index())) {
                return false;
            }
            a = a.scope();
            p = outer;
        }
        return p.scope == null || p.anyAncestorMatches(a);
    }

    /** Whether {@link #scope} matches {@code siteScope} or one of its enclosing scopes: a {@code **} before this part. */
    private boolean anyAncestorMatches(Address siteScope) {
        for (Address s = siteScope; s != null; s = s.scope()) {
            if (scope.matches(s.scope(), s.name(), s.index())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the address matches the pattern. */
    public boolean matches(Address address) {
        return matches(address.scope(), address.name(), address.index());
    }

    /**
     * The name among {@code names} that {@code text} (an address or a pattern, as printed) most likely meant to
     * write: the nearest by edit distance, fewer than 3 edits away and fewer than the longer name's letters, each
     * compared without a trailing index ({@code
     * [3]}, {@code [*]}); empty if none is that near. A name that differs in case alone comes first (a site
     * {@code I} for {@code i}, where {@code D}, one edit away too, was offered to a new user). For messages about a
     * name that matched nothing (a guide's pattern {@code bais} beside a site {@code bias}).
     */
    public static java.util.Optional<String> nearestName(String text, java.util.Collection<String> names) {
        String target = withoutIndex(text);
        for (String n : names) {
            if (withoutIndex(n).equalsIgnoreCase(target)) {
                return java.util.Optional.of(n);
            }
        }
        String best = null;
        int bestDistance = 3;
        for (String n : names) {
            int d = editDistance(target, withoutIndex(n));
            // as many edits as the name has letters rewrite it whole: 'x' beside a site 'b' was asked "did you
            // mean b?" where x was right, made on a branch the runs read had not reached (an outside statistician)
            if (d < bestDistance && d < Math.max(target.length(), withoutIndex(n).length())) {
                bestDistance = d;
                best = n;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private static String withoutIndex(String printed) {
        int bracket = printed.lastIndexOf('[');
        return bracket > printed.lastIndexOf('/') && printed.endsWith("]") ? printed.substring(0, bracket) : printed;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    /**
     * Whether some address matches both this pattern and {@code other}: then a guide that tries them in turn proposes
     * at that address from whichever comes first. Parts are compared as a whole (a name or {@code *}, an index, none
     * or {@code *}), with {@code **} standing for any number of parts on either side.
     */
    public boolean overlaps(AddressPattern other) {
        return overlap(parts(this), 0, parts(other), 0);
    }

    /** The parts from the outermost scope to the site, with a null before each part that a {@code **} precedes. */
    private static java.util.List<AddressPattern> parts(AddressPattern p) {
        java.util.ArrayList<AddressPattern> out = new java.util.ArrayList<>();
        for (AddressPattern q = p; q != null; q = q.scope) {
            out.add(q);
            if (q.anyDepthBefore) {
                out.add(null);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    private static boolean overlap(java.util.List<AddressPattern> a, int i, java.util.List<AddressPattern> b, int j) {
        if (i == a.size() || j == b.size()) {
            return i == a.size() && j == b.size();
        }
        if (a.get(i) == null) {
            // ** in a: it stands for nothing, or it takes b's next part (or b's own **) and stays
            return overlap(a, i + 1, b, j) || overlap(a, i, b, j + 1);
        }
        if (b.get(j) == null) {
            return overlap(a, i, b, j + 1) || overlap(a, i + 1, b, j);
        }
        return a.get(i).partOverlaps(b.get(j)) && overlap(a, i + 1, b, j + 1);
    }

    /** Whether some one part (a name and an index or none) matches both this part and {@code o}. */
    private boolean partOverlaps(AddressPattern o) {
        boolean names = anyName || o.anyName || name.equals(o.name);
        boolean indices = index == ANY || o.index == ANY || index == o.index;
        return names && indices;
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
