package dev.ariadne.search;

/**
 * A guide file that cannot be loaded: unknown family, missing or extra parameters, NaN, a wrong type, or a newer
 * format version. The message and {@link #field()} name the offending field by its JSON path, such as
 * {@code sites.mu.parameters.logScale}.
 */
public final class GuideFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    GuideFileException(String field, String problem) {
        super("guide file: " + field + ": " + problem);
        this.field = field;
    }

    /** The JSON path of the offending field. */
    public String field() {
        return field;
    }
}
