package dev.ariadne.inference.mcmc;

import dev.ariadne.core.AddressPattern;
import dev.ariadne.core.FailureCause;
import dev.ariadne.core.Guide;
import java.util.Objects;

/**
 * Independence Metropolis-Hastings with a guide as the whole-run proposal: a step draws a complete run x' from
 * the guided model, whatever the current state, and accepts it with probability
 * min(1, [pi(x') / q(x')] / [pi(x) / q(x)]), the ratio of importance weights. q(x) of a current state the guide
 * did not propose is computed by replaying it under the guide (each choice scored by the proposal the guide makes
 * at that point of the run; the whole-run mixture for a defensive guide), and cached until the state changes.
 *
 * <p>It is reversible for any guide that proposes every run the target can reach; where the guide misses
 * part of the target, the chain cannot get there by this kernel alone (mix it with a single-site kernel). Its
 * acceptance rate is a diagnostic of the guide: near 1 when the guide is close to the target. When the
 * importance weights pi / q are bounded the chain is uniformly ergodic (Mengersen and Tweedie 1996); when they are
 * not, it can stick for long stretches at a state of large weight, which the R-hat and ESS of the result show.
 */
public final class IndependenceKernel extends Kernel {

    private static final long serialVersionUID = 1L;

    private final Guide guide;
    private final Breakage breakage;

    IndependenceKernel(Guide guide, Breakage breakage) {
        this.guide = Objects.requireNonNull(guide, "guide");
        this.breakage = breakage;
    }

    @Override
    public String describe() {
        return "independence (guide)";
    }

    /** The guide that proposes the whole runs. */
    Guide guide() {
        return guide;
    }

    @Override
    Kernel restrictedTo(AddressPattern[] patterns) {
        throw new IllegalArgumentException("an independence kernel proposes whole runs; it cannot be restricted to "
                + java.util.Arrays.toString(patterns) + " (restrict the other kernels, or use a guide that leaves"
                + " those sites to their prior)");
    }

    @Override
    Kernel broken(Breakage b) {
        return new IndependenceKernel(guide, b);
    }

    @Override
    <T> Move<T> newMove() {
        return new CountedMove<>(describe()) {
            @Override
            void step(Sampler<T> c) {
                Rerunner<T> r = c.rerunner;
                TraceState<T> x = c.current;
                double logQx = breakage == Breakage.NO_PROPOSAL_DENSITY ? 0 : r.logQ(x, guide);
                TraceState<T> y = r.fromGuide(guide, c.spare);
                if (r.lastFailureCause == FailureCause.UNREPRESENTABLE_DRAW) {
                    stats.unweighable(r.lastZero);
                }
                boolean accept = false;
                if (y.logTarget != Double.NEGATIVE_INFINITY) {
                    double logQy = breakage == Breakage.NO_PROPOSAL_DENSITY ? 0 : y.logQScore;
                    // A state the guide cannot propose (q(x) = 0, reached by another kernel or from the start) has
                    // an infinite weight pi / q: the ratio is 0 and the kernel stays, as detailed balance asks (the
                    // move back has probability q(x) = 0). It used to leave such a state always, which with gibbs()
                    // in the cycle moved every visit to k = 1 straight back out, a value of posterior 0.43 held in
                    // no draw (an adversarial tester).
                    double logRatio = logQx == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
                            : (y.logTarget - logQy) - (x.logTarget - logQx);
                    accept = c.coin(logRatio);
                }
                if (accept) {
                    c.acceptSpare();
                }
                stats.record(null, accept);
            }
        };
    }
}
