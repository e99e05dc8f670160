package dev.ariadne.search;

import dev.ariadne.core.Address;

/**
 * A guide file that cannot be loaded: not UTF-8 text, not JSON, a duplicated key, an unknown family, missing or
 * extra parameters, NaN, a wrong type, or a newer format version. The message names the file (when loading from
 * one) and the offending field by its JSON path, such as {@code sites.mu.parameters.logScale}; {@link #field()}
 * gives the path alone.
 */
public final class GuideFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String source;

    GuideFileException(String field, String problem) {
        this(null, field, problem);
    }

    GuideFileException(String source, String field, String problem) {
        // the field's control characters written out: a site key holding a line break was refused for the character
        // that would break the lines of every message, in a message that printed it raw (an adversarial tester)
        super("guide file" + (source == null ? "" : " " + source) + ": " + Address.printable(field) + ": " + problem);
        this.field = field;
        this.source = source;
    }

    /** The same problem, naming the file it was found in. */
    GuideFileException in(String file) {
        GuideFileException e = new GuideFileException(file, field, problemText());
        e.setStackTrace(getStackTrace());
        return e;
    }

    private String problemText() {
        String prefix = "guide file" + (source == null ? "" : " " + source) + ": " + Address.printable(field) + ": ";
        return getMessage().substring(prefix.length());
    }

    /** The JSON path of the offending field ({@code (document)} for the file as a whole). */
    public String field() {
        return field;
    }

    /** The file the problem was found in, or null when the guide was parsed from a string. */
    public String source() {
        return source;
    }
}
