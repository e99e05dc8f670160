package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.ValueKind;
import java.util.Arrays;

/**
 * Gibbs updates of finite discrete sites (booleans, integers with a finite support). A step picks one such site s
 * uniformly from the eligible sites D(x), re-runs the model with s set to each other value of its support (every
 * other choice reused), and draws the new value with probability proportional to the target at each.
 *
 * <p><b>Why it is invariant.</b> When no value of s changes the structure (no fresh and no stale choices), the
 * candidates differ from x at s alone, the proposal is the full conditional pi(x_s | x_-s), and the
 * Metropolis-Hastings ratio reduces to |D(x)| / |D(x')| (1 unless a value of s changes which later sites are
 * finite): applied as an acceptance step, which keeps the update exact when the site-selection probabilities
 * differ. When some value does change the structure, the full conditional is not a proposal with a known
 * density (the fresh choices are random), so the step <em>falls back to MH</em>: the new value is drawn from the
 * site's prior and accepted with the single-site ratio of {@link SingleSiteKernel}. The fallback is counted with
 * its reason in {@link KernelStats#fallbacks()}. The same happens when the support has more values than the
 * kernel's limit.
 *
 * <p>Choosing between the two by looking at the candidates is itself state-dependent, so it must not break the
 * balance: whether value v "changes the structure" is decided by the deterministic prefix of the replay (the
 * first fresh choice, or the stale choices of a replay that completes without fresh ones; a replay that fails
 * before either says nothing), hence is a function of x_-s; and a structure-changing move from x to x' lands on
 * a state whose own decision is also "changes" (replaying x_s from x' reaches a choice x' lacks, or leaves one
 * stale). So the decision is the same at both ends of every move, and each branch is reversible on its own.
 */
public final class GibbsKernel extends SiteKernel {

    private static final long serialVersionUID = 1L;

    private final AddressPattern[] patterns;
    private final int maxValues;
    private final Breakage breakage;

    GibbsKernel(AddressPattern[] patterns, int maxValues, Breakage breakage) {
        this.patterns = patterns;
        this.maxValues = maxValues;
        this.breakage = breakage;
    }

    /** The largest support scored value by value (default 64); a larger one falls back to MH from the prior. */
    public GibbsKernel maxValues(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("Gibbs: maxValues must be >= 2, got " + n);
        }
        return new GibbsKernel(patterns, n, breakage);
    }

    @Override
    public GibbsKernel at(String... patterns) {
        return (GibbsKernel) super.at(patterns);
    }

    @Override
    Kernel restrictedTo(AddressPattern[] p) {
        return new GibbsKernel(p, maxValues, breakage);
    }

    @Override
    Kernel broken(Breakage b) {
        return new GibbsKernel(patterns, maxValues, b);
    }

    /** The address patterns the kernel is kept to ({@code at}), or null where it moves every choice it can. */
    AddressPattern[] patterns() {
        return patterns;
    }

    @Override
    public String describe() {
        return "gibbs" + Kernels.describePatterns(patterns);
    }

    @Override
    boolean eligible(TraceState<?> s, int i) {
        ValueKind k = s.kinds[i];
        if (k != ValueKind.BOOL && !(k == ValueKind.INT && s.priors[i].support().isFinite())) {
            return false;
        }
        return Kernels.matches(patterns, s, i);
    }

    @Override
    <T> Move<T> newMove() {
        return new GibbsMove<>();
    }

    private final class GibbsMove<T> extends CountedMove<T> {
        @SuppressWarnings("unchecked")
        private TraceState<T>[] candidates = new TraceState[0];
        private double[] weight = new double[0];
        private int[] eligibleAfter = new int[0];
        private double[] siteTerm = new double[0];
        private double[] fresh = new double[0];
        private double[] stale = new double[0];

        GibbsMove() {
            super(describe());
        }

        @Override
        void step(Sampler<T> c) {
            TraceState<T> x = c.current;
            int nD = countEligible(x);
            if (nD == 0) {
                return;
            }
            int s = pickEligible(x, c.rng.nextInt(nD));
            Address site = x.address(s);
            Support support = x.priors[s].support();
            int lower = (int) support.lower();
            long count = (long) support.upper() - lower + 1;
            if (count > maxValues) {
                stats.fallback(site + ": its support has " + count + " values, more than Gibbs scores ("
                        + maxValues + "); MH from the prior instead");
                priorMove(c, x, s, site, nD);
                return;
            }
            int k = (int) count;
            ensure(k);
            int current = (int) x.scalars[s] - lower;
            boolean changes = false;
            Rerunner<T> r = c.rerunner;
            for (int v = 0; v < k; v++) {
                if (v == current) {
                    weight[v] = breakage == Breakage.GIBBS_WITHOUT_PRIOR ? x.logTarget - x.logPrior : x.logTarget;
                    continue;
                }
                TraceState<T> y = r.replay(x, s, boxed(x.kinds[s], lower + v), candidates[v]);
                boolean failed = y.logTarget == Double.NEGATIVE_INFINITY;
                changes |= r.freshCount > 0 || (!failed && r.staleCount > 0);
                weight[v] = failed ? Double.NEGATIVE_INFINITY
                        : breakage == Breakage.GIBBS_WITHOUT_PRIOR ? y.logTarget - y.logPrior : y.logTarget;
                if (!failed) {
                    eligibleAfter[v] = countEligible(y);
                    siteTerm[v] = SiteRatio.priorProposalTerm(x, s, y, r);
                    fresh[v] = r.freshLogP;
                    stale[v] = r.staleLogP;
                }
            }
            boolean allZero = true;
            for (int v = 0; v < k; v++) {
                allZero &= v == current || weight[v] == Double.NEGATIVE_INFINITY;
            }
            if (k > 1) {
                stats.alternative(site, allZero);
            }
            if (changes) {
                stats.fallback(site + ": its values change the structure; MH from the prior instead");
                int v = drawFromPrior(c, x, s) - lower;
                if (v == current) {
                    stats.recordMove(site, true, false);
                    return;
                }
                TraceState<T> y = candidates[v];
                if (y.logTarget == Double.NEGATIVE_INFINITY) {
                    stats.recordMove(site, false, true);
                    return;
                }
                r.freshLogP = fresh[v];
                r.staleLogP = stale[v];
                double logRatio = SiteRatio.of(x, y, r, nD, eligibleAfter[v], siteTerm[v], breakage);
                acceptOrNot(c, v, logRatio, site);
                return;
            }
            int v = drawWeighted(c, k);
            if (v == current) {
                stats.recordMove(site, true, false);
                return;
            }
            acceptOrNot(c, v, Math.log(nD) - Math.log(eligibleAfter[v]), site);
        }

        private void acceptOrNot(Sampler<T> c, int v, double logRatio, Address site) {
            boolean accept = c.coin(logRatio);
            if (accept) {
                candidates[v] = c.accept(candidates[v]);
            }
            stats.recordMove(site, accept, true);
        }

        /** A single-site MH step at s with a proposal from its prior (one re-run). */
        private void priorMove(Sampler<T> c, TraceState<T> x, int s, Address site, int nD) {
            Rerunner<T> r = c.rerunner;
            double held = x.scalars[s];
            TraceState<T> y = r.replay(x, s, null, c.spare);
            boolean zero = y.logTarget == Double.NEGATIVE_INFINITY;
            if (Double.compare(r.editedValue, held) != 0) {
                stats.alternative(site, zero);
            }
            if (zero) {
                stats.recordMove(site, false, true);
                return;
            }
            double logRatio = SiteRatio.of(x, y, r, nD, countEligible(y), SiteRatio.priorProposalTerm(x, s, y, r),
                    breakage);
            boolean accept = c.coin(logRatio);
            if (accept) {
                c.acceptSpare();
            }
            stats.recordMove(site, accept, Double.compare(r.editedValue, held) != 0);
        }

        private int drawFromPrior(Sampler<T> c, TraceState<T> x, int s) {
            if (x.kinds[s] == ValueKind.BOOL) {
                return ((BoolDist) x.priors[s]).sample(c.rng) ? 1 : 0;
            }
            return ((IntDist) x.priors[s]).sample(c.rng);
        }

        /** An index drawn with probability proportional to exp(weight). */
        private int drawWeighted(Sampler<T> c, int k) {
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < k; v++) {
                max = Math.max(max, weight[v]);
            }
            double total = 0;
            for (int v = 0; v < k; v++) {
                total += Math.exp(weight[v] - max);
            }
            double u = c.rng.nextDouble() * total;
            int last = 0;
            for (int v = 0; v < k; v++) {
                double w = Math.exp(weight[v] - max);
                if (w > 0) {
                    last = v;
                    if (u < w) {
                        return v;
                    }
                    u -= w;
                }
            }
            return last;
        }

        private void ensure(int k) {
            if (candidates.length >= k) {
                return;
            }
            int old = candidates.length;
            candidates = Arrays.copyOf(candidates, k);
            for (int i = old; i < k; i++) {
                candidates[i] = new TraceState<>();
            }
            weight = new double[k];
            eligibleAfter = new int[k];
            siteTerm = new double[k];
            fresh = new double[k];
            stale = new double[k];
        }
    }

    private static Object boxed(ValueKind kind, int v) {
        return kind == ValueKind.BOOL ? (Object) (v != 0) : (Object) v;
    }
}
