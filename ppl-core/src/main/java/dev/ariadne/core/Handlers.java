package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard effect handlers, with Pyro's semantics: trace, replay, condition, block, scale and guide. Stack them
 * with {@link Execution#with}, innermost first.
 */
public final class Handlers {

    private Handlers() {
    }

    /** Records every site it sees (sites blocked below it are hidden); {@link TraceHandler#trace()} after a run. */
    public static TraceHandler trace() {
        return new TraceHandler();
    }

    /**
     * Replays latent values by address from a trace: each latent site found there takes the traced value, and
     * its proposal is the traced proposal (so log q is the density the value was drawn with). Sites not in the
     * trace are left to handlers further out.
     */
    public static Handler replay(Trace source) {
        Map<Address, TraceSite> latent = new LinkedHashMap<>();
        for (TraceSite s : source.sites()) {
            if (s.kind() == SiteKind.LATENT) {
                latent.put(s.address(), s);
            }
        }
        return new Handler() {
            @Override
            protected void process(Message m) {
                if (m.kind != SiteKind.LATENT || m.hasValue) {
                    return;
                }
                TraceSite s = latent.get(m.address());
                if (s != null) {
                    m.setValue(s.value());
                    if (m.proposal == null && s.proposal() != null) {
                        m.setProposal(s.proposal());
                    }
                }
            }
        };
    }

    /**
     * Turns latent sites into observations by address, so evidence can come from outside the model: the map's
     * keys are printed addresses ({@code y[3]}, {@code step[1]/x}) and its values are boxed values of the
     * site's kind (Double, Integer, Boolean, double[] or the object).
     */
    public static Handler condition(Map<String, ?> data) {
        Map<Address, Object> byAddress = new LinkedHashMap<>();
        data.forEach((k, v) -> byAddress.put(Address.parse(k), v));
        return new Handler() {
            @Override
            protected void process(Message m) {
                if (m.kind == SiteKind.LATENT && !m.hasValue) {
                    Object v = byAddress.get(m.address());
                    if (v != null) {
                        m.observe(v);
                    }
                }
            }
        };
    }

    /** Hides the sites matching any of the patterns from every handler further out. */
    public static Handler block(String... patterns) {
        List<AddressPattern> parsed = new ArrayList<>();
        for (String p : patterns) {
            parsed.add(AddressPattern.parse(p));
        }
        return new Handler() {
            @Override
            protected void process(Message m) {
                for (AddressPattern p : parsed) {
                    if (p.matches(m.scope, m.name, m.index)) {
                        m.stop();
                        return;
                    }
                }
            }
        };
    }

    /** Hides every site from the handlers further out. */
    public static Handler blockAll() {
        return new Handler() {
            @Override
            protected void process(Message m) {
                m.stop();
            }
        };
    }

    /**
     * Multiplies the log p of every site it sees by {@code factor} (tempering; log q is not scaled).
     *
     * @param factor a finite, non-negative multiplier
     */
    public static Handler scale(double factor) {
        if (!(factor >= 0 && factor < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("scale: factor must be finite and >= 0, got " + factor);
        }
        return new Handler() {
            @Override
            protected void process(Message m) {
                m.scaleBy(factor);
            }
        };
    }

    /**
     * The guide as a handler: proposes at every latent site it sees that has no value or proposal yet. A
     * {@link Guide#defensive whole-run defensive mixture} flips its coin when the run starts.
     */
    public static Handler guide(Guide guide) {
        return new GuideHandler(guide);
    }

    /** The guide as a handler: a proposal for each latent site that has none, and the guide's prior share. */
    private static final class GuideHandler extends Handler {
        private final Guide guide;

        GuideHandler(Guide guide) {
            this.guide = java.util.Objects.requireNonNull(guide, "guide");
        }

        @Override
        protected void process(Message m) {
            if (m.kind() == SiteKind.LATENT && !m.hasValue() && m.proposal() == null) {
                Dist q = guide.propose(m.site(), m.prior(), m.history());
                if (q == null) {
                    throw new IllegalStateException("the guide returned null at " + m.address()
                            + "; return the prior to leave a site alone");
                }
                m.setProposal(q);
            }
        }

        @Override
        protected double wholeRunPriorShare() {
            return guide.wholeRunPriorShare();
        }
    }

    /** Records the sites it sees; the trace of the last run is {@link #trace()}. */
    public static final class TraceHandler extends Handler {
        private final List<TraceSite> sites = new ArrayList<>();
        private Failure failure;

        TraceHandler() {
        }

        @Override
        protected void enterRun() {
            sites.clear();
            failure = null;
        }

        @Override
        protected void postprocess(Message m) {
            Address a = m.address();
            Object v = m.value();
            if (v instanceof double[]) {
                v = ((double[]) v).clone();
            }
            boolean latent = m.kind == SiteKind.LATENT;
            sites.add(new TraceSite(a, m.kind, m.prior, latent ? (m.proposal == null ? m.prior : m.proposal) : null,
                    v, m.logP, latent ? m.logQ : 0));
            if (m.logP == Double.NEGATIVE_INFINITY && failure == null) {
                failure = new Failure(FailureCause.at(m.kind), a);
            }
        }

        /** The trace of the last run, as far as this handler saw it. */
        public Trace trace() {
            return new Trace(sites, failure);
        }
    }
}
