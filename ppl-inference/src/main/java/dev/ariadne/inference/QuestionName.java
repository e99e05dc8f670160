package dev.ariadne.inference;

import java.util.Objects;

/**
 * The name of a question asked of the runs (a hypothesis, an expectation, a tracked quantity): what results are read
 * by and summaries print, as {@code P(name | e)}. Every method that declares one checks it here.
 */
public final class QuestionName {

    private QuestionName() {
    }

    /**
     * Returns {@code name} when it has a character other than white space and holds no character that breaks or hides
     * in a printed line (a control character, a line separator, an invisible format character).
     *
     * @param kind what is named, for the message (such as "hypothesis")
     * @throws NullPointerException     when it is null
     * @throws IllegalArgumentException when it is empty or blank (a summary would print {@code P( | e)}), or holds
     *                                  such a character: {@code track("a\nb", f)} split a row of MCMC's summary in two
     *                                  (an adversarial tester), as a site's name may not
     */
    public static String check(String kind, String name) {
        Objects.requireNonNull(name, () -> "a " + kind + " needs a name, got null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " needs a name that is not blank, got '" + name
                    + "': results are read by it and summaries print it");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (hides(c)) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "the %s name '%s' holds "
                        + "the character U+%04X, which breaks or hides in the lines of every table and message that "
                        + "prints it", kind, name.codePoints().mapToObj(k -> hides(k)
                        ? String.format(java.util.Locale.ROOT, "\\u%04X", k) : Character.toString(k))
                        .collect(java.util.stream.Collectors.joining()), (int) c));
            }
        }
        return name;
    }

    /** A control character, a line or paragraph separator, or an invisible format character. */
    private static boolean hides(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }
}
