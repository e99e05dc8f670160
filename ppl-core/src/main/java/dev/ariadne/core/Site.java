package dev.ariadne.core;

/**
 * The site a guide is asked about: its address and kind. The object is a view of the run's current site and is
 * valid only during the call it is passed to; keep {@link #address()} if you need it later.
 */
public interface Site {

    /** The site's own name. */
    String name();

    /** Its index, or {@link Address#NO_INDEX}. */
    int index();

    /** Its enclosing scope, or null at top level. */
    Address scope();

    /** What kind of site it is. */
    SiteKind kind();

    /** Its full address (allocated on demand). */
    Address address();

    /** Whether the site matches the pattern, without building a string. */
    default boolean matches(AddressPattern pattern) {
        return pattern.matches(scope(), name(), index());
    }
}
