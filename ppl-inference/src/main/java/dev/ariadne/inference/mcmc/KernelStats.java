package dev.ariadne.inference.mcmc;

import java.io.Serializable;
import dev.ariadne.core.Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one kernel of a chain did after warm-up: its proposals and acceptances, in all and per site, the random
 * walk's step sizes in the unconstrained space, and how often it could not do what it was asked (a Gibbs site
 * whose values change the structure, handled by MH) and why. An independence kernel's acceptance rate is a
 * diagnostic of its guide: near 1 when the guide is close to the posterior.
 */
public final class KernelStats implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * One site's counts.
     *
     * @param site         the site, by address
     * @param proposed     the steps that picked it
     * @param accepted     those accepted (a proposal of its current value counts as accepted: the chain stays)
     * @param alternatives the steps that weighed another value for it: a proposal of a different value (single-site
     *                     MH), or a Gibbs step, which weighs every value
     * @param impossible   those in which every other value weighed had target density 0 given the rest of the run
     *                     (the model failed a condition or an observation had likelihood 0): when this equals
     *                     {@code alternatives}, the site's other values are impossible in every state that tried them
     */
    public record SiteRate(Address site, long proposed, long accepted, long alternatives, long impossible)
            implements Serializable {
        /** accepted / proposed, 0 when nothing was proposed. */
        public double rate() {
            return proposed == 0 ? 0 : (double) accepted / proposed;
        }
    }

    private final String kernel;
    private long proposed;
    private long accepted;
    private final Map<Address, long[]> bySite = new LinkedHashMap<>();
    private final Map<String, Long> fallbacks = new LinkedHashMap<>();
    private final Map<Address, double[]> logSteps = new LinkedHashMap<>();
    private long unweighable;
    private String firstUnweighable;
    /** Accepted proposals of another value than the one held, where the kernel tells them apart ({@link #moves}). */
    private long moved;
    private boolean countsMoves;

    KernelStats(String kernel) {
        this.kernel = kernel;
    }

    /** The kernel, as described (such as {@code random walk at theta[*]}). */
    public String kernel() {
        return kernel;
    }

    /** Proposals made after warm-up. */
    public long proposed() {
        return proposed;
    }

    /** Proposals accepted after warm-up. */
    public long accepted() {
        return accepted;
    }

    /** accepted / proposed, 0 when nothing was proposed. */
    public double rate() {
        return proposed == 0 ? 0 : (double) accepted / proposed;
    }

    /**
     * The accepted proposals that changed a choice's value, where the kernel tells them apart (the single-site
     * kernel, whose draw from the prior may be the value held, and is then accepted without moving the chain); empty
     * for the others. A chain whose every accepted proposal redrew the value held never moved, whatever its
     * acceptance rate.
     */
    public java.util.OptionalLong moves() {
        return countsMoves ? java.util.OptionalLong.of(moved) : java.util.OptionalLong.empty();
    }

    /** The counts per site, in the order sites were first proposed (empty for whole-run kernels). */
    public List<SiteRate> bySite() {
        List<SiteRate> out = new ArrayList<>();
        bySite.forEach((a, c) -> out.add(new SiteRate(a, c[0], c[1], c[2], c[3])));
        return out;
    }

    /**
     * Proposals rejected because the guide drew within 2^20 doubles of an end of its support, where the doubles cannot
     * carry its density ({@link dev.ariadne.core.dist.RealDist#unrepresentableAt}) and the acceptance ratio would be
     * wrong: the chain never enters that zone, so the posterior's mass there is left out of its draws.
     */
    public long unweighable() {
        return unweighable;
    }

    /** The first such proposal's failure (the site and value), or empty if none. */
    public java.util.Optional<String> firstUnweighable() {
        return java.util.Optional.ofNullable(firstUnweighable);
    }

    /** The times the kernel fell back to MH, by reason. */
    public Map<String, Long> fallbacks() {
        return Collections.unmodifiableMap(fallbacks);
    }

    /**
     * The random walk's step per site, in the unconstrained space, as warm-up left it (merged over chains: their
     * geometric mean).
     */
    public Map<Address, Double> stepSizes() {
        Map<Address, Double> out = new LinkedHashMap<>();
        logSteps.forEach((a, s) -> out.put(a, Math.exp(s[0] / s[1])));
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d of %d accepted (%.3f)%s", kernel, accepted, proposed, rate(),
                countsMoves ? String.format(Locale.ROOT, ", %d of them to another value", moved) : "");
    }

    // ---------------------------------------------------------------- package

    void record(Address site, boolean wasAccepted) {
        count(site, wasAccepted, false, false);
    }

    /**
     * A step at the site of a kernel that proposes one value for it; {@code alternative}: the value differs from the
     * one held, and {@code zero}: it had target density 0. An accepted alternative is a move ({@link #moves}).
     */
    void record(Address site, boolean wasAccepted, boolean alternative, boolean zero) {
        countsMoves = true;
        if (wasAccepted && alternative) {
            moved++;
        }
        count(site, wasAccepted, alternative, zero);
    }

    /**
     * A step at the site of a kernel that weighs its other values itself ({@link #alternative}), telling whether an
     * accepted step changed the value ({@code changes}): Gibbs, whose steps that drew the value held read as accepted,
     * and which read "32000 of 32000 accepted" on chains that never moved, with nothing said (a new user).
     */
    void recordMove(Address site, boolean wasAccepted, boolean changes) {
        countsMoves = true;
        if (wasAccepted && changes) {
            moved++;
        }
        count(site, wasAccepted, false, false);
    }

    private void count(Address site, boolean wasAccepted, boolean alternative, boolean zero) {
        proposed++;
        if (wasAccepted) {
            accepted++;
        }
        if (site != null) {
            long[] c = bySite.computeIfAbsent(site, a -> new long[4]);
            c[0]++;
            if (wasAccepted) {
                c[1]++;
            }
            if (alternative) {
                c[2]++;
                if (zero) {
                    c[3]++;
                }
            }
        }
    }

    /** A step weighed another value (or all others) for the site, apart from its record; {@code zero}: each had 0. */
    void alternative(Address site, boolean zero) {
        long[] c = bySite.computeIfAbsent(site, a -> new long[4]);
        c[2]++;
        if (zero) {
            c[3]++;
        }
    }

    void unweighable(String failure) {
        if (unweighable++ == 0) {
            firstUnweighable = failure;
        }
    }

    void fallback(String reason) {
        fallbacks.merge(reason, 1L, Long::sum);
    }

    void step(Address site, double logStep) {
        logSteps.put(site, new double[] {logStep, 1});
    }

    void reset() {
        proposed = 0;
        accepted = 0;
        bySite.clear();
        fallbacks.clear();
        unweighable = 0;
        firstUnweighable = null;
        moved = 0;
        countsMoves = false;
    }

    /** The sum of this kernel's counts and another chain's (same kernel). */
    KernelStats plus(KernelStats o) {
        KernelStats s = new KernelStats(kernel);
        for (KernelStats from : List.of(this, o)) {
            s.proposed += from.proposed;
            s.accepted += from.accepted;
            s.moved += from.moved;
            s.countsMoves |= from.countsMoves;
            from.bySite.forEach((a, c) -> {
                long[] t = s.bySite.computeIfAbsent(a, k -> new long[4]);
                for (int i = 0; i < 4; i++) {
                    t[i] += c[i];
                }
            });
            from.fallbacks.forEach((r, n) -> s.fallbacks.merge(r, n, Long::sum));
            if (s.firstUnweighable == null) {
                s.firstUnweighable = from.firstUnweighable;
            }
            s.unweighable += from.unweighable;
            from.logSteps.forEach((a, v) -> {
                double[] t = s.logSteps.computeIfAbsent(a, k -> new double[2]);
                t[0] += v[0];
                t[1] += v[1];
            });
        }
        return s;
    }
}
