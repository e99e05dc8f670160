package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.ValueKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-site Metropolis-Hastings over a model's runs: lightweight MH (Wingate, Stuhlmüller and Goodman 2011). A
 * step picks one site s uniformly from the eligible latent sites D(x) of the current run x, proposes a new value
 * for it, re-runs the model reusing every other choice by address and drawing from its prior any choice the new
 * run makes that x did not ("fresh"), and drops the choices of x the new run no longer makes ("stale").
 *
 * <p><b>The acceptance ratio.</b> For a target pi(x) = p(x) g(x) the forward proposal density is
 * q(x' | x) = 1/|D(x)| q_s(x'_s | x_s) prod_fresh p(x'_f), and the reverse move (from x', pick s, propose x_s back,
 * draw the choices stale here fresh there) has q(x | x') = 1/|D(x')| q_s(x_s | x'_s) prod_stale p(x_t). So
 * <pre>
 *   log a = log pi(x') - log pi(x) + log |D(x)| - log |D(x')| + log q_s(x_s | x'_s) - log q_s(x'_s | x_s)
 *           + sum_stale log p(x_t) - sum_fresh log p(x'_f).
 * </pre>
 * Reuse is by address and kind of value in both directions, so the reverse move reuses exactly the choices the
 * forward move reused, and the sets D, fresh and stale are the ones the formula names. Dropping any term gives a
 * sampler that looks healthy and is wrong (the tests check that each omission fails calibration).
 *
 * <p><b>Proposals at the site.</b> From the prior (the site's prior in x, which is its prior in x' too, since the
 * earlier choices are the same): then q_s is that prior. Or, for a real site, a Gaussian random walk in the
 * unconstrained space of its support ({@link Unconstrained}), symmetric there, so
 * log q_s(x_s | x'_s) - log q_s(x'_s | x_s) = log|dx'/du'| - log|dx/du|. The walk's step is per site and adapts
 * during warm-up only (Robbins-Monro on the log step towards an acceptance rate of 0.44, the optimum in one
 * dimension); after warm-up it is fixed, so the chain is a time-homogeneous Markov chain and the ratio above is
 * exact. A step of an adaptive chain during warm-up is not, which is why warm-up draws are discarded.
 */
public final class SingleSiteKernel extends SiteKernel {

    private static final long serialVersionUID = 1L;

    /** What the kernel picks sites from, and how it proposes. */
    enum Mode {
        /** Every latent site; real ones by random walk, the others from their prior. */
        MIXED,
        /** Every latent site, from its prior. */
        PRIOR,
        /** Real sites only, by random walk. */
        WALK
    }

    private final Mode mode;
    private final AddressPattern[] patterns;
    private final double initialStep;
    private final boolean adaptive;
    private final double targetRate;
    /** Steps fixed per site by address, never adapted, or null. */
    private final HashMap<Address, Double> fixed;
    private final Breakage breakage;

    SingleSiteKernel(Mode mode, AddressPattern[] patterns, double initialStep, boolean adaptive, double targetRate,
                     HashMap<Address, Double> fixed, Breakage breakage) {
        this.mode = mode;
        this.patterns = patterns;
        this.initialStep = initialStep;
        this.adaptive = adaptive;
        this.targetRate = targetRate;
        this.fixed = fixed;
        this.breakage = breakage;
    }

    /** The addresses given fixed steps ({@link #fixedSteps}), none if none. */
    /** The address patterns the kernel is kept to ({@code at}), or null where it moves every choice it can. */
    AddressPattern[] patterns() {
        return patterns;
    }

    java.util.Set<Address> fixedAddresses() {
        return fixed == null ? java.util.Set.of() : fixed.keySet();
    }

    /** Whether the kernel moves real choices by random walk (every mode but {@link #fromPrior()}'s). */
    boolean walks() {
        return mode != Mode.PRIOR;
    }

    /** Every site from its prior: the original lightweight MH. */
    public SingleSiteKernel fromPrior() {
        if (mode == Mode.WALK) {
            throw new IllegalArgumentException("a random walk kernel cannot propose from the prior; use "
                    + "Kernels.singleSite().fromPrior()");
        }
        return new SingleSiteKernel(Mode.PRIOR, patterns, initialStep, adaptive, targetRate, fixed, breakage);
    }

    /**
     * The random walk's starting step in the unconstrained space (by default the prior's sd on the real line and 1
     * elsewhere); warm-up adapts it.
     */
    public SingleSiteKernel step(double step) {
        requirePositive(step);
        return new SingleSiteKernel(mode, patterns, step, adaptive, targetRate, fixed, breakage);
    }

    /** A fixed random-walk step, never adapted: for moves whose parameters must not depend on the chain (SMC). */
    public SingleSiteKernel fixedStep(double step) {
        requirePositive(step);
        return new SingleSiteKernel(mode, patterns, step, false, targetRate, fixed, breakage);
    }

    /**
     * Fixed random-walk steps for some sites, by printed address ({@code "tau"}, {@code "theta[3]"}), in the
     * unconstrained space, never adapted: for moves whose parameters were chosen elsewhere and must stay fixed (SMC
     * rejuvenation with steps chosen in a pilot sweep). Other sites keep the kernel's own setting.
     */
    public SingleSiteKernel fixedSteps(Map<String, Double> steps) {
        HashMap<Address, Double> f = fixed == null ? new HashMap<>() : new HashMap<>(fixed);
        steps.forEach((a, s) -> {
            requirePositive(s);
            f.put(Address.parse(a), s);
        });
        return new SingleSiteKernel(mode, patterns, initialStep, adaptive, targetRate, f, breakage);
    }

    /** The acceptance rate warm-up steers the random walk towards (default 0.44). */
    public SingleSiteKernel targetAcceptance(double rate) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("target acceptance must be in (0, 1), got " + rate);
        }
        return new SingleSiteKernel(mode, patterns, initialStep, adaptive, rate, fixed, breakage);
    }

    @Override
    public SingleSiteKernel at(String... patterns) {
        return (SingleSiteKernel) super.at(patterns);
    }

    @Override
    Kernel restrictedTo(AddressPattern[] p) {
        return new SingleSiteKernel(mode, p, initialStep, adaptive, targetRate, fixed, breakage);
    }

    @Override
    Kernel broken(Breakage b) {
        return new SingleSiteKernel(mode, patterns, initialStep, adaptive, targetRate, fixed, b);
    }

    @Override
    public String describe() {
        String what = mode == Mode.WALK ? "random walk" : mode == Mode.PRIOR ? "single-site (prior)"
                : "single-site (random walk for reals, prior otherwise)";
        return what + Kernels.describePatterns(patterns);
    }

    private static void requirePositive(double step) {
        if (!(step > 0 && step < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("random walk step must be finite and > 0, got " + step);
        }
    }

    @Override
    <T> Move<T> newMove() {
        return new SiteMove<>();
    }

    /** Whether choice i of s is one this kernel may pick. */
    @Override
    boolean eligible(TraceState<?> s, int i) {
        if (mode == Mode.WALK && (s.kinds[i] != ValueKind.REAL || !Unconstrained.walkable(s.priors[i].support()))) {
            return false;
        }
        return Kernels.matches(patterns, s, i);
    }

    private boolean walks(TraceState<?> s, int i) {
        return mode != Mode.PRIOR && s.kinds[i] == ValueKind.REAL && Unconstrained.walkable(s.priors[i].support());
    }

    /** The kernel in one chain: site choice, proposal, re-run, acceptance, and the walk's adaptation. */
    private final class SiteMove<T> extends CountedMove<T> {
        /** Per site: {log step, proposals made during warm-up, 1 if the step is fixed, the log of the first step}. */
        private final Map<Address, double[]> steps = new HashMap<>();
        private boolean warm = true;

        SiteMove() {
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
            boolean walk = walks(x, s);
            double[] step = null;
            Object editValue = null;
            double editTerm = 0;
            Support support = null;
            double newValue = 0;
            if (walk) {
                support = x.priors[s].support();
                step = steps.get(site);
                if (step == null) {
                    Double given = fixed == null ? null : fixed.get(site);
                    double start = given == null ? Math.log(startStep((RealDist) x.priors[s])) : Math.log(given);
                    step = new double[] {start, 0, given == null ? 0 : 1, start};
                    steps.put(site, step);
                }
                double u = Unconstrained.toFree(support, x.scalars[s]);
                newValue = Unconstrained.fromFree(support, u + Math.exp(step[0]) * c.rng.standardNormal());
                if (!Double.isFinite(u) || !Unconstrained.inside(support, newValue)) {
                    finish(site, false, 0, step, false, false);
                    return;
                }
                editValue = newValue;
            }
            Rerunner<T> r = c.rerunner;
            TraceState<T> y = r.replay(x, s, editValue, c.spare);
            // Another value weighed (a fresh vector or object is taken as another: the two replay paths do not keep a
            // scalar of it to compare); one of density 0 shows it impossible given the rest. A walk's step below the
            // value's rounding proposes the value held: fixedStep(1e-300) read "4000 of 4000 accepted, 4000 of them
            // to another value" on chains that never moved (an adversarial tester).
            ValueKind kind = x.valueKind(s);
            boolean other = walk ? Double.compare(newValue, x.scalars[s]) != 0
                    : kind == ValueKind.VECTOR || kind == ValueKind.OBJECT
                    || Double.compare(r.editedValue, x.scalars[s]) != 0;
            if (!other && (kind == ValueKind.INT || kind == ValueKind.BOOL)
                    && Densities.logDensity(x.priors[s], kind, x.scalars[s], null) == 0) {
                // The prior draws this value with probability 1 (a Poisson(0), a Bernoulli(1)): every other value
                // is impossible, as if each had been weighed and found so.
                finish(site, false, 0, step, true, true);
                return;
            }
            if (y.logTarget == Double.NEGATIVE_INFINITY) {
                finish(site, false, 0, step, other, true);
                return;
            }
            if (walk) {
                if (breakage != Breakage.NO_JACOBIAN) {
                    editTerm = Unconstrained.logJacobian(support, newValue)
                            - Unconstrained.logJacobian(support, x.scalars[s]);
                }
            } else {
                editTerm = SiteRatio.priorProposalTerm(x, s, y, r);
            }
            double logRatio = SiteRatio.of(x, y, r, nD, countEligible(y), editTerm, breakage);
            boolean accept = c.coin(logRatio);
            if (accept) {
                c.acceptSpare();
            }
            finish(site, accept, Math.min(1, Math.exp(logRatio)), step, other, false);
        }

        private double startStep(RealDist prior) {
            if (!Double.isNaN(initialStep)) {
                return initialStep;
            }
            if (prior.support().type() != Support.Type.REAL) {
                return 1;
            }
            try {
                double sd = Math.sqrt(prior.variance());
                return sd > 0 && sd < Double.POSITIVE_INFINITY ? sd : 1;
            } catch (RuntimeException undefined) { // a user's moment may throw anything for "none"
                return 1;
            }
        }

        private void finish(Address site, boolean accepted, double acceptance, double[] step, boolean other,
                            boolean zero) {
            stats.record(site, accepted, other, zero);
            if (warm && step != null && adaptive && step[2] == 0) {
                step[1]++;
                step[0] += (acceptance - targetRate) * Math.pow(step[1], -0.6);
                // Bounds relative to the first step (the prior's sd, or the one given), so that the walk adapts the
                // same way at any scale of the model: fixed bounds of e^-30 and e^10 held the step of a choice whose
                // posterior sd was 3e6 at 2.2e4, and four chains then disagreed (r_hat 4.5).
                step[0] = Math.max(step[3] - 30, Math.min(step[3] + 10, step[0]));
            }
        }

        @Override
        void endWarmup() {
            warm = false;
            super.endWarmup();
        }

        @Override
        void collect(List<KernelStats> out) {
            steps.forEach((a, st) -> stats.step(a, st[0]));
            super.collect(out);
        }
    }
}
