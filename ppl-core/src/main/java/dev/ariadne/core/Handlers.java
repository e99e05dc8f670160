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
     * its proposal is the traced proposal (so log q is the density the value was drawn with), or its own prior where
     * the traced one was drawn from its prior. Sites not in the trace are left to handlers further out.
     */
    public static Handler replay(Trace source) {
        java.util.Objects.requireNonNull(source, "Handlers.replay: the trace to replay must not be null");
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
                    // A choice the run drew from its prior is replayed as one: scored under the recorded prior as a
                    // proposal, a draw near an end of the support was one the doubles cannot carry, and annealed SMC
                    // left out 2,394 of 2,400 prior draws of a Gamma(1e-6, 1) (an adversarial tester).
                    // A proposal narrower than its prior, or one that gives the value no mass, was a whole-run
                    // defensive mixture's inner guide, whose runs the prior's share completes: alone, replayed where
                    // no mixture stands around it (annealed SMC's start, an MCMC chain's), it was refused as too
                    // narrow, or scored the prior's runs at weight 0 (an adversarial tester). The value is kept.
                    if (m.proposal == null && s.proposal() != null && s.proposal() != s.prior()
                            && s.logQ() > Double.NEGATIVE_INFINITY
                            && s.proposal().support().covers(s.prior().support())) {
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
     *
     * <p>Every key must name a latent site of every run that reaches the model's end: evidence about a site the run
     * never makes would be left out of that run's weight without a word, so a run that completes without reaching
     * one (a misspelt name, an index the model never makes) is an error naming the site and the run's latent sites
     * (with the nearest name where one is close), and so is a key that names an observation of the model (which
     * already has its value). A value that a handler seeing the site first gave it (a replay) gives way to the
     * datum, as in Pyro, whichever order the two are added in. A run that fails (weight 0) before reaching a
     * conditioned site is not checked. For a
     * model whose structure decides whether a site exists, so that a run may legitimately not make it, use
     * {@link #conditionWhereReached}.
     */
    public static Handler condition(Map<String, ?> data) {
        java.util.Objects.requireNonNull(data, "Handlers.condition: the map of observed values must not be null");
        return new ConditionHandler(data, true);
    }

    /**
     * {@link #condition}, for a model whose structure decides whether a conditioned site exists: a run that does not
     * make a site leaves its datum out of that run's weight, and a key that no run ever reaches is not reported. A
     * key that names an observation of the model is still an error.
     */
    public static Handler conditionWhereReached(Map<String, ?> data) {
        java.util.Objects.requireNonNull(data, "Handlers.conditionWhereReached: the map of observed values must not be null");
        return new ConditionHandler(data, false);
    }

    /** Latent sites observed by address; with {@code strict}, each must be reached in every completed run. */
    private static final class ConditionHandler extends Handler {
        private final Map<Address, Integer> positions = new LinkedHashMap<>();
        private final Address[] addresses;
        private final Object[] values;
        private final boolean strict;
        private final boolean[] reached;
        private int reachedCount;

        ConditionHandler(Map<String, ?> data, boolean strict) {
            this.strict = strict;
            this.addresses = new Address[data.size()];
            this.values = new Object[data.size()];
            data.forEach((k, v) -> {
                if (holdsNaN(v)) {
                    throw new IllegalArgumentException("Handlers.condition: the value given for " + k + " is or holds "
                            + "NaN, which is no outcome of any distribution: a fault in the data, refused as "
                            + "p.observe refuses it");
                }
                Address a = Address.parse(k);
                Integer at = positions.get(a);
                int i = at != null ? at : positions.size();
                positions.put(a, i);
                addresses[i] = a;
                values[i] = v;
            });
            this.reached = new boolean[positions.size()];
        }

        private static String shown(Object v) {
            return v instanceof double[] xs ? java.util.Arrays.toString(xs) : String.valueOf(v);
        }

        private static boolean holdsNaN(Object v) {
            if (v instanceof Double d) {
                return d.isNaN();
            }
            if (v instanceof Float f) {
                return f.isNaN();
            }
            if (v instanceof double[] xs) {
                for (double x : xs) {
                    if (x != x) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        protected void enterRun() {
            if (reachedCount > 0) {
                java.util.Arrays.fill(reached, false);
                reachedCount = 0;
            }
        }

        @Override
        protected void process(Message m) {
            Integer at = positions.get(m.address());
            if (at == null) {
                return;
            }
            if (m.kind != SiteKind.LATENT) {
                if (m.conditioned) {
                    // read as "observed evidence of the model", of a latent that two handlers conditioned (a tester)
                    throw new IllegalArgumentException("Handlers.condition: site " + m.address() + " is conditioned"
                            + " twice, on " + shown(m.value()) + " by a handler that sees it first and on "
                            + shown(values[at]) + " by this one: a random choice is observed once, so give its"
                            + " value in one condition");
                }
                throw new IllegalArgumentException("Handlers.condition: site " + m.address() + " is "
                        + m.kind.name().toLowerCase(java.util.Locale.ROOT) + " evidence of the model, which has"
                        + " its value already, not a random choice to observe (conditioned on " + values[at] + ")");
            }
            if (!reached[at]) {
                reached[at] = true;
                reachedCount++;
            }
            // A value a handler that saw the site first gave it (a replay) gives way to the datum, as in Pyro: kept,
            // the datum was left out of the run's weight without a word (an adversarial tester).
            m.proposal = null;
            m.observe(values[at]);
        }

        @Override
        String unmetAtEnd(History history) {
            if (!strict || reachedCount == reached.length) {
                return null;
            }
            List<Address> missing = new ArrayList<>();
            for (int i = 0; i < reached.length; i++) {
                if (!reached[i]) {
                    missing.add(addresses[i]);
                }
            }
            return unreached(missing, history);
        }
    }

    /** The error for conditioned sites a completed run never reached: which, the run's latent sites, a near name. */
    static String unreached(List<Address> missing, History history) {
        for (Address a : missing) {
            for (int i = 0; i < history.size(); i++) {
                if (history.address(i).equals(a)) {
                    // read "without making the conditioned site x (did you mean x?)" where a block hid x (a tester)
                    return "Handlers.condition: the run made the conditioned site " + a + ", but a handler that "
                            + "sees it before this condition (a block) hid it, so its datum would be left out of the"
                            + " run's weight: add the condition before that handler (the handler added first sees "
                            + "each site first), or leave " + a + " out of what it blocks";
                }
            }
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        Map<String, int[]> indexRange = new LinkedHashMap<>();
        for (int i = 0; i < history.size(); i++) {
            if (history.kind(i) != SiteKind.LATENT && history.kind(i) != SiteKind.OBSERVED) { // not factors
                continue;
            }
            Address a = history.address(i);
            String scope = a.toString();
            int cut = scope.lastIndexOf('/');
            String prefix = cut < 0 ? "" : scope.substring(0, cut + 1);
            String name = prefix + history.name(i);
            names.add(name);
            int index = history.index(i);
            if (index >= 0) {
                int[] range = indexRange.computeIfAbsent(name, n -> new int[] {index, index});
                range[0] = Math.min(range[0], index);
                range[1] = Math.max(range[1], index);
            }
        }
        StringBuilder existing = new StringBuilder();
        int shown = 0;
        for (String n : names) {
            if (shown == 20) {
                existing.append(", ... (").append(names.size() - shown).append(" more)");
                break;
            }
            existing.append(shown++ == 0 ? "" : ", ").append(n);
            int[] r = indexRange.get(n);
            if (r != null) {
                existing.append('[').append(r[0]).append(r[0] == r[1] ? "" : ".." + r[1]).append(']');
            }
        }
        StringBuilder text = new StringBuilder("Handlers.condition: the run reached its end without making ")
                .append(missing.size() == 1 ? "the conditioned site " : "the conditioned sites ");
        for (int i = 0; i < missing.size(); i++) {
            Address a = missing.get(i);
            text.append(i == 0 ? "" : ", ").append(a);
            String near = nearest(a, names);
            if (a.toString().indexOf('*') >= 0) {
                // Map.of("*", true) read as a site named "*" (an adversarial tester)
                text.append(" (a key is one site's exact address, not a pattern: give each site its own key, as"
                        + " x[0], x[1], ...)");
            } else if (near != null) {
                text.append(" (did you mean ").append(near).append("?)");
            }
        }
        text.append(", so ").append(missing.size() == 1 ? "its datum" : "their data")
                .append(" would be left out of the run's weight; the run's random choices and observations are ")
                .append(names.isEmpty() ? "none" : existing)
                .append(". Where the model's structure decides whether a site exists, use"
                        + " Handlers.conditionWhereReached");
        return text.toString();
    }

    /** The name among {@code names} within two edits of the missing address's name (scope included), or null. */
    private static String nearest(Address missing, java.util.Set<String> names) {
        return AddressPattern.nearestName(missing.toString(), names).orElse(null);
    }

    /** Hides the sites matching any of the patterns from every handler further out. */
    public static Handler block(String... patterns) {
        java.util.Objects.requireNonNull(patterns, "Handlers.block: the patterns must not be null");
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
                            + "; return the prior to leave a site alone (a guide made with Guide.bySite, real, "
                            + "integer or bool may return null for that)");
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
                failure = Failure.at(FailureCause.at(m.kind), a, m.kind, v, m.prior);
            }
        }

        /** The trace of the last run, as far as this handler saw it. */
        public Trace trace() {
            return new Trace(sites, failure);
        }
    }
}
