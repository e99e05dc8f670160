package dev.ariadne.core;

import java.io.Serializable;
import java.util.Objects;

/**
 * The name of a site: a name, an optional index, and the enclosing scopes, printed as {@code scope[2]/name[3]}.
 * Addresses identify the same random choice across runs, which is what lets a guide, a replay or a saved
 * guide's parameters refer to it. Within one run an address may be used once.
 *
 * <p>Addresses compare structurally; the hash is computed once at construction from the name's cached string
 * hash, so identifying a site costs O(1) and never builds a string.
 */
public final class Address implements Serializable {

    /** The index of an address that has none. */
    public static final int NO_INDEX = -1;

    private final Address scope;
    private final String name;
    private final int index;
    private final int hash;

    private Address(Address scope, String name, int index) {
        this.scope = scope;
        this.name = Objects.requireNonNull(name, "address name");
        if (index < NO_INDEX) {
            throw new IllegalArgumentException("address index must be >= 0, got " + index + " for " + name);
        }
        this.index = index;
        this.hash = hash(scope, name, index);
    }

    /**
     * Why {@code name} cannot name a site or a scope, or null if it can: a name must be non-empty and hold none of
     * {@code [}, {@code ]} and {@code /}, which belong to an address's printed form ({@code scope[2]/x[3]}). A site
     * named {@code "x[0]"} would print as, be matched by guides as and be recorded by MCMC as the site {@code x} with
     * index 0.
     */
    static String whyNotAName(String name) {
        if (name.isEmpty()) {
            return "a site or scope name must not be empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '[' || c == ']' || c == '/') {
                return "the name \"" + name + "\" holds '" + c + "', which belongs to an address's printed form "
                        + "(scope[2]/x[3]), so it would print as, and be taken for, another site; give the index as "
                        + "p.sample(\"x\", 3, d) and the scope with p.call or p.scoped";
            }
            if (c == '*') {
                // "*" read as every site and "a*b" could not be named at all: a pattern's wildcard (an adversarial
                // tester)
                return "the name \"" + name + "\" holds '*', a guide pattern's wildcard, so no pattern could name "
                        + "it alone (\"*\" matches every site, and a '*' inside a name is refused as a pattern)";
            }
            // by code point, so that a format character past the Basic Multilingual Plane (a tag character such as
            // U+E0020), two chars of which neither is a format character alone, is refused too (a false-alarm hunt)
            int type = Character.getType(name.codePointAt(i));
            if (type == Character.SPACE_SEPARATOR && c != ' ') {
                // "mu\u00A0x" was asked "did you mean mu x?" of a pattern "mu x", printed the same (an adversarial
                // tester)
                return String.format(java.util.Locale.ROOT, "the name \"%s\" holds the space U+%04X, which prints as "
                        + "a plain space, so no one reading its address could tell it from \"%s\"", name, (int) c,
                        name.replace(c, ' '));
            }
            if (type == Character.FORMAT) {
                // a zero-width space, a byte-order mark or a right-to-left override printed as another name (an
                // adversarial tester): "mu\u200B" reads as mu in every table, guide pattern and trace
                return String.format(java.util.Locale.ROOT, "the name holds the invisible format character U+%04X, "
                        + "so it prints as another name (\"%s\" without it) and no one reading an address can tell",
                        name.codePointAt(i), name.codePoints().filter(k -> Character.getType(k) != Character.FORMAT)
                                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append));
            }
            if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return String.format(java.util.Locale.ROOT, "the name holds the line separator U+%04X, which would "
                        + "break the lines of every table and message that prints its address", (int) c);
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(name.charAt(i - 1)))) {
                return String.format(java.util.Locale.ROOT, "the name holds the lone surrogate U+%04X, half of a "
                        + "character, which prints as '?'", (int) c);
            }
            if (Character.isISOControl(c)) {
                return String.format(java.util.Locale.ROOT, "the name \"%s\" holds the control character U+%04X, "
                        + "which would break the lines of every table and message that prints its address",
                        printable(name), (int) c);
            }
        }
        // after the characters' own checks, so that "x\n" is told of its control character, not of a space, in a
        // message that printed the line break it warns of (an adversarial tester)
        if (blank(name.charAt(0)) || blank(name.charAt(name.length() - 1))) {
            // "mu " printed as mu, and a guide pattern or MCMC's record, which refuse such a part, could not name it
            // (an adversarial tester)
            return "the name \"" + name + "\" begins or ends with a space, which its printed address does not show "
                    + "and which no guide pattern can name";
        }
        if (!java.text.Normalizer.isNormalized(name, java.text.Normalizer.Form.NFC)) {
            // "e\u0301" (e and a combining accent) and "\u00e9" were two sites printed alike, and a guide pattern of
            // one was told it matched no site, "latent sites seen: \u00e9" (an adversarial tester)
            return "the name \"" + name + "\" is not in Unicode's composed form (NFC): it prints as \""
                    + java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC) + "\", a different name that "
                    + "no one reading its address could tell from it; compose it with java.text.Normalizer.normalize("
                    + "name, Normalizer.Form.NFC)";
        }
        return null;
    }

    /**
     * {@code text} with each control character written as a backslash, u and its four hex digits, as a message prints
     * a name or a pattern that holds one, so that the message keeps its lines.
     *
     * @param text a name, a pattern or a path to print in a message
     * @return the text, its control characters written out
     */
    public static String printable(String text) {
        return text.codePoints().mapToObj(k -> Character.isISOControl(k) ? String.format(java.util.Locale.ROOT,
                "\\u%04X", k) : Character.toString(k)).collect(java.util.stream.Collectors.joining());
    }

    /** Whether {@code c} is a space of any kind: a whitespace character or a Unicode space (a no-break space too). */
    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** A top-level address without index, such as {@code bias}. */
    public static Address of(String name) {
        return new Address(null, name, NO_INDEX);
    }

    /** A top-level indexed address, such as {@code flip[3]}. */
    public static Address of(String name, int index) {
        return new Address(null, name, index);
    }

    /** An address inside the given scope (null for top level). */
    public static Address of(Address scope, String name, int index) {
        return new Address(scope, name, index);
    }

    /** This address's child: {@code this/name[index]}. */
    public Address child(String name, int index) {
        return new Address(this, name, index);
    }

    /**
     * Parses the printed form {@code a[1]/b/c[2]}. Indices are non-negative integers.
     *
     * @throws IllegalArgumentException naming the text when it is not an address
     */
    public static Address parse(String text) {
        Objects.requireNonNull(text, "address");
        Address current = null;
        for (String part : text.split("/", -1)) {
            String[] nameIndex = AddressPattern.splitPart(text, part);
            if (nameIndex[1] != null && nameIndex[1].equals("*")) {
                throw new IllegalArgumentException("not an address (a pattern?): " + text);
            }
            int idx;
            try {
                idx = nameIndex[1] == null ? NO_INDEX : Integer.parseInt(nameIndex[1]);
            } catch (NumberFormatException tooLarge) {
                throw new IllegalArgumentException("not an address: the index " + nameIndex[1] + " in " + text
                        + " is beyond the largest int, " + Integer.MAX_VALUE);
            }
            current = new Address(current, nameIndex[0], idx);
        }
        AddressPattern.refuseLeadingZeros(text, "address");
        return current;
    }

    static int hash(Address scope, String name, int index) {
        int h = name.hashCode() * 31 + index;
        h = h * 0x9E3779B1 + (scope == null ? 0 : scope.hash);
        return h ^ (h >>> 16);
    }

    /** The enclosing scope, or null at top level. */
    public Address scope() {
        return scope;
    }

    /** The site's own name, without scope or index. */
    public String name() {
        return name;
    }

    /** The index, or {@link #NO_INDEX}. */
    public int index() {
        return index;
    }

    /** Whether this address has an index. */
    public boolean hasIndex() {
        return index != NO_INDEX;
    }

    /** True when this address has the given scope, name and index (scopes compared structurally). */
    public boolean is(Address scope, String name, int index) {
        return this.index == index && this.name.equals(name) && Objects.equals(this.scope, scope);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Address)) {
            return false;
        }
        Address a = (Address) o;
        return hash == a.hash && is(a.scope, a.name, a.index);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        // Outermost scope first, without recursion: a model recursing 10,000 calls deep has an address as deep, and
        // printing it recursively overflowed the stack (a new user's grammar).
        int depth = depth();
        Address[] parts = new Address[depth];
        Address a = this;
        for (int i = depth - 1; i >= 0; i--) {
            parts[i] = a;
            a = a.scope;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                sb.append('/');
            }
            parts[i].appendOwn(sb);
        }
        return sb.toString();
    }

    /** How many parts the address has: its scopes and its own name. */
    public int depth() {
        int d = 0;
        for (Address a = this; a != null; a = a.scope) {
            d++;
        }
        return d;
    }

    /** The most characters {@link #toShortString()} prints whole. */
    static final int SHORT_TEXT = 200;

    /**
     * The address as text for a message: whole up to {@value #SHORT_TEXT} characters, else its first and last parts
     * with the middle told by count ({@code R/R/R/... 9,990 scopes .../R/L/plus}); an error deep in a recursion
     * printed an address of 20,000 characters.
     */
    public String toShortString() {
        String whole = toString();
        if (whole.length() <= SHORT_TEXT) {
            return whole;
        }
        int head = whole.indexOf('/', SHORT_TEXT / 3);
        int tail = whole.lastIndexOf('/', whole.length() - SHORT_TEXT / 2);
        if (head < 0 || tail <= head) {
            return whole;
        }
        long skipped = whole.substring(head, tail).chars().filter(c -> c == '/').count() - 1;
        return whole.substring(0, head) + "/... " + String.format(java.util.Locale.ROOT, "%,d", skipped)
                + " scopes ..." + whole.substring(tail);
    }

    private void appendOwn(StringBuilder sb) {
        sb.append(name);
        if (index != NO_INDEX) {
            sb.append('[').append(index).append(']');
        }
    }
}
