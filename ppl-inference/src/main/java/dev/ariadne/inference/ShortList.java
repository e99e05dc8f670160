package dev.ariadne.inference;

import java.util.List;

/**
 * Names as a verdict lists them: the first five, joined by commas, then ", ..." where there are more. One rule for
 * importance sampling's verdicts and MCMC's.
 */
public final class ShortList {

    /** How many names a list shows. */
    static final int SHOWN = 5;

    private ShortList() {
    }

    /**
     * {@code names} as a verdict lists them.
     *
     * @param names the names, in the order to show them
     * @return "a, b, c, d, e, ..." for more than five, else all of them
     */
    public static String of(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(SHOWN, names.size())))
                + (names.size() > SHOWN ? ", ..." : "");
    }
}
