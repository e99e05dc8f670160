package dev.ariadne.core;

/** The site being decided, as guides and handlers see it: a view of the last slot of the run so far. */
final class CurrentSite implements Site {

    private final SiteTable sites;

    CurrentSite(SiteTable sites) {
        this.sites = sites;
    }

    private Slot slot() {
        return sites.slots[sites.n - 1];
    }

    @Override
    public String name() {
        return slot().name;
    }

    @Override
    public int index() {
        return slot().index;
    }

    @Override
    public Address scope() {
        return slot().scope;
    }

    @Override
    public SiteKind kind() {
        return slot().kind;
    }

    @Override
    public Address address() {
        return slot().address();
    }

    @Override
    public String toString() {
        return address().toString();
    }
}
