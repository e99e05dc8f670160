package dev.ariadne.core;

import dev.ariadne.core.dist.ShownArrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The record of one run: every site in order with its prior, proposal, value, log p and log q, and the run's
 * totals. {@link #table()} prints it; it is the first thing to look at when a guide misbehaves. A trace can be
 * replayed ({@link Handlers#replay}).
 */
public final class Trace {

    private final List<TraceSite> sites;
    /** The sites by address, made at the first look-up: most traces are only walked in order. */
    private volatile Map<Address, TraceSite> byAddress;
    private final Failure failure;

    /** A trace of the given sites, with the run's failure or null. */
    public Trace(List<TraceSite> sites, Failure failure) {
        this.sites = Collections.unmodifiableList(new ArrayList<>(sites));
        this.failure = failure;
    }

    /** The sites in the order they happened. */
    public List<TraceSite> sites() {
        return sites;
    }

    /** The site at this address, if the run reached it. */
    public Optional<TraceSite> site(Address address) {
        Map<Address, TraceSite> index = byAddress;
        if (index == null) {
            // built whole before it is published, so a thread that races another builds an equal map of its own
            index = new HashMap<>();
            for (TraceSite s : sites) {
                index.put(s.address(), s);
            }
            byAddress = index;
        }
        return Optional.ofNullable(index.get(address));
    }

    /** The site at the printed address (such as {@code step[2]/x}), if the run reached it. */
    public Optional<TraceSite> site(String address) {
        return site(Address.parse(address));
    }

    /** Why and where the run got weight 0, if it did. */
    public Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** log p(x, e): the sum of the sites' log p. */
    public double logP() {
        double s = 0;
        for (TraceSite t : sites) {
            s += t.logP();
        }
        return s;
    }

    /** log q(x): the sum of the latent sites' log q. */
    public double logQ() {
        double s = 0;
        for (TraceSite t : sites) {
            s += t.logQ();
        }
        return s;
    }

    /** A fixed-width table of the sites: address, kind, value, prior, proposal, log p, log q, and the totals. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-24s %-9s %-16s %-30s %-30s %12s %12s%n";
        sb.append(String.format(Locale.ROOT, fmt, "address", "kind", "value", "prior", "proposal", "log p", "log q"));
        for (TraceSite s : sites) {
            sb.append(String.format(Locale.ROOT, fmt, clip(s.address().toString(), 24),
                    s.kind().name().toLowerCase(Locale.ROOT), clip(show(s.value()), 16),
                    clip(s.prior() == null ? "" : s.prior().describe(), 30),
                    clip(s.proposal() == null || s.proposal() == s.prior() ? "" : s.proposal().describe(), 30),
                    num(s.logP()), s.kind() == SiteKind.LATENT ? num(s.logQ()) : ""));
        }
        sb.append(String.format(Locale.ROOT, fmt, "total", "", "", "", "", num(logP()), num(logQ())));
        if (failure != null) {
            sb.append("run failed: ").append(failure).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** A score with four decimals, or in exponent form past 10^9 (a factor of -1e308 printed 309 digits). */
    private static String num(double v) {
        return String.format(Locale.ROOT, Math.abs(v) < 1e9 || !Double.isFinite(v) ? "%.4f" : "%.4e", v);
    }

    static String show(Object v) {
        if (v instanceof Double) {
            return String.format(Locale.ROOT, "%.6g", (Double) v);
        }
        return ShownArrays.value(v);
    }


    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    @Override
    public String toString() {
        return table();
    }
}
