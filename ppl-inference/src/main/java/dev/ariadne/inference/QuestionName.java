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
     * Returns {@code name} when it has a character other than white space.
     *
     * @param kind what is named, for the message (such as "hypothesis")
     * @throws NullPointerException     when it is null
     * @throws IllegalArgumentException when it is empty or blank: a summary would print {@code P( | e)}
     */
    public static String check(String kind, String name) {
        Objects.requireNonNull(name, () -> "a " + kind + " needs a name, got null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " needs a name that is not blank, got '" + name
                    + "': results are read by it and summaries print it");
        }
        return name;
    }
}
