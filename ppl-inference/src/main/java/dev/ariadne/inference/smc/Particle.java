package dev.ariadne.inference.smc;

import dev.ariadne.core.Rng;
import dev.ariadne.core.UserText;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.VecDist;
import java.util.Locale;

/**
 * What the steps of a state-space model see of the particle they move: they draw the step's latent choices with
 * {@code sample} and state its evidence with {@code observe}, {@code factor} and {@code condition}. The particle's
 * incremental log weight is the step's log p(evidence) plus, at each latent drawn from a guide's proposal q instead
 * of its prior p, log p(x) - log q(x).
 *
 * <p>One object serves every particle of a sweep in turn: use it only during the call it is passed to. Nothing here
 * allocates: without a guide a {@code sample} is the prior's draw, and an {@code observe} one log density.
 */
public final class Particle {

    private final Rng rng;
    private final StepView<?, ?> view;
    private StepGuide<?, ?> guide;
    double logWeight;
    int step;
    int index;
    /**
     * Draws of this sweep left at weight 0 because the doubles cannot carry the proposal's density there
     * ({@link RealDist#unrepresentableAt}), and the first of them (null if none).
     */
    long leftOut;
    String firstLeftOut;
    /**
     * Values of discrete latents, in this sweep, that the step guide proposed with probability 0 where the prior gives
     * them some, each latent's name and value once a step, at most {@value #UNPROPOSED_NOTED}: the particles never take
     * them, and no weight can show what they hold, unless the step's evidence rules them out ({@link StepGuideZeros}
     * asks; every value is kept, since the evidence may rule out the first and not the next). Looked for in the first
     * {@value #UNPROPOSED_CHECKED} particles of each step, and at latents of at most {@value #UNPROPOSED_VALUES}
     * values. Reset by the sweep.
     */
    final java.util.List<Unproposed> unproposed = new java.util.ArrayList<>();
    static final int UNPROPOSED_CHECKED = 20;
    static final int UNPROPOSED_VALUES = 64;
    static final int UNPROPOSED_NOTED = 2048;

    /**
     * A value of a discrete latent that the step guide gave probability 0 where its prior did not: the step, the
     * latent's name, the value (an Integer or a Boolean), the particle, the prior and the guide's proposal. Its words
     * are made only for the verdict, so that a sweep holds numbers and references, not text, for each.
     */
    record Unproposed(int step, String latent, Object value, int particle, Dist prior, Dist proposal) {
        /** What the verdict says of it. */
        String text() {
            double logPrior = value instanceof Boolean b ? ((BoolDist) prior).logMass(b)
                    : ((IntDist) prior).logMass((Integer) value);
            return String.format(Locale.ROOT, "%s = %s, which the prior %s gives %.3g and the step guide's %s gives 0 "
                    + "(latent '%s' at step %d, particle %d)", latent, value, prior.describe(), Math.exp(logPrior),
                    proposal.describe(), latent, step, particle);
        }
    }
    private static final boolean[] BOTH = {false, true};
    /**
     * The first evidence of this sweep that gave a particle weight 0 (an observation of zero likelihood, a false
     * condition, a factor of -inf), with its step, particle, value and distribution; null if none. What a sweep whose
     * particles all die is told by ({@link Sweep#firstFailure}), as a model's sweep names its failed run.
     */
    String firstFailure;
    /**
     * The first such evidence of the current step, with its particle, value and distribution (reset by the sweep at
     * each step; null if none): what a sweep whose particles all die at that step is told by ({@link
     * Sweep#failureWhereDied}), besides its first.
     */
    String stepFailure;
    /** Whether any particle of this sweep met evidence: an observe, a factor or a condition (reset by the sweep). */
    boolean evidenceMet;

    /**
     * The last latent name a step guide was asked about and found printable: a name made blank or with a line break
     * broke the guide's verdicts, so each is checked once, where a guide reads it.
     */
    private String checkedName;

    Particle(Rng rng, StepView<?, ?> view) {
        this.rng = rng;
        this.view = view;
    }

    void guide(StepGuide<?, ?> g) {
        this.guide = g;
    }

    /**
     * Whether a step function is running with this particle: a particle kept by the user's code and used after its
     * step (after the call, or from another thread) drew from the sweep's stream and scored nothing, silently, where
     * a model's {@code Prob} refuses (an adversarial tester).
     */
    private boolean open;

    /** Prepares the particle for the user's step function. */
    void begin(int step, int index) {
        this.step = step;
        this.index = index;
        this.logWeight = 0;
        this.open = true;
    }

    /** The step functions of a step have all returned: the particle refuses to be used until the next begins. */
    void end() {
        this.open = false;
    }

    /**
     * The step function is running, and it names the latent and its prior: a null prior came out as a bare
     * NullPointerException naming no latent, and a null name turned the step guide's checks off (an adversarial
     * tester), where a model's {@code sample} refuses both.
     */
    private void requireSite(String name, Dist prior) {
        requireOpen();
        if (name == null || prior == null) {
            // the sweep's error names the step and the particle
            throw new IllegalArgumentException((name == null ? "a latent's name is null"
                    : "the prior of latent '" + name + "' is null")
                    + ": every latent a step draws needs a name, which its step guide reads, and a distribution");
        }
    }

    /**
     * The name checked as a question's name is: thrown from here, so that the sweep's error reads it as Ariadne's
     * refusal, not as "the step function threw" (a false-alarm hunt).
     */
    private static void checkName(String name) {
        try {
            dev.ariadne.inference.QuestionName.check("state-space latent", name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("this Particle belongs to a step that has ended: use it only inside the "
                    + "step (or first step) function it was passed to, while that call runs");
        }
    }

    /** The sweep's random stream, for draws that need no weight (use it only inside this call). */
    public Rng rng() {
        requireOpen();
        return rng;
    }

    /** The time step t, from 0. */
    public int step() {
        return step;
    }

    /** This particle's index in the particle system, from 0. */
    public int index() {
        return index;
    }

    /** The incremental log weight of this step so far. */
    public double logWeight() {
        return logWeight;
    }

    // ------------------------------------------------------------------ latent choices

    /**
     * Draws the latent {@code name} of this step from its prior, or from the guide's proposal with the weight
     * correction. A step's names are labels for its {@link StepGuide}, not addresses: the state carries the values,
     * nothing is recorded by name, and two draws of one name in a step are two independent draws, each weighted.
     */
    public double sample(String name, RealDist prior) {
        requireSite(name, prior);
        if (guide == null) {
            return prior.sample(rng);
        }
        RealDist q = (RealDist) proposal(name, prior);
        double x = q.sample(rng);
        if (q != prior) {
            double logQ = RealDist.proposalLogDensity(q, x);
            if (logQ == Double.POSITIVE_INFINITY) {
                leaveOut(name, Double.toString(x));
            } else {
                correct(name, prior.logDensity(x), logQ, q, x);
            }
        }
        return x;
    }

    /** Draws an integer latent, as {@link #sample(String, RealDist)}. */
    public int sample(String name, IntDist prior) {
        requireSite(name, prior);
        if (guide == null) {
            return prior.sample(rng);
        }
        IntDist q = (IntDist) proposal(name, prior);
        int x = q.sample(rng);
        if (q != prior) {
            correct(name, prior.logMass(x), q.logMass(x), q, x);
            if (index < UNPROPOSED_CHECKED) {
                lookForUnproposed(name, prior, q);
            }
        }
        return x;
    }

    /** Draws a boolean latent, as {@link #sample(String, RealDist)}. */
    public boolean sample(String name, BoolDist prior) {
        requireSite(name, prior);
        if (guide == null) {
            return prior.sample(rng);
        }
        BoolDist q = (BoolDist) proposal(name, prior);
        boolean x = q.sample(rng);
        if (q != prior) {
            correct(name, prior.logMass(x), q.logMass(x), q, x);
            if (index < UNPROPOSED_CHECKED) {
                for (boolean v : BOTH) {
                    if (q.logMass(v) == Double.NEGATIVE_INFINITY && prior.logMass(v) > Double.NEGATIVE_INFINITY) {
                        noteUnproposed(name, v, prior, q);
                    }
                }
            }
        }
        return x;
    }

    /** Draws a vector latent (a new array), as {@link #sample(String, RealDist)}. */
    public double[] sample(String name, VecDist prior) {
        requireSite(name, prior);
        if (guide == null) {
            return prior.sample(rng);
        }
        VecDist q = (VecDist) proposal(name, prior);
        double[] x = q.sample(rng);
        if (q != prior) {
            double logQ = VecDist.proposalLogDensity(q, x);
            if (logQ == Double.POSITIVE_INFINITY) {
                leaveOut(name, java.util.Arrays.toString(x));
            } else {
                correct(name, prior.logDensity(x), logQ, q, (Object) x);
            }
        }
        return x;
    }

    /** Draws a latent of any type, as {@link #sample(String, RealDist)}. */
    @SuppressWarnings("unchecked")
    public <V> V sample(String name, ObjDist<V> prior) {
        requireSite(name, prior);
        if (guide == null) {
            return prior.sample(rng);
        }
        ObjDist<V> q = (ObjDist<V>) proposal(name, prior);
        V x = q.sample(rng);
        if (q != prior) {
            correct(name, prior.logDensity(x), q.logDensity(x), q, x);
        }
        return x;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Dist proposal(String name, Dist prior) {
        if (name != checkedName) {
            checkName(name);
            checkedName = name;
        }
        view.name = name;
        Dist q;
        try {
            q = ((StepGuide) guide).propose(view, prior);
        } catch (RuntimeException e) {
            // the user's guide: named, with the latent it proposed for (a new user's guide read previousReal() at
            // step 0, and the error named only a Normal's NaN mean)
            throw new IllegalArgumentException("the step guide threw " + UserText.of(e) + " proposing for "
                    + where(name)
                    + (step == 0 ? " (at step 0 there is no previous state: previous() is null, previousReal() NaN)"
                    : ""), e);
        }
        if (q == prior || q == null) { // null leaves the latent at its prior, as it does for a model's Guide
            return prior;
        }
        if (q.valueKind() != prior.valueKind() || !q.support().covers(prior.support())) {
            throw new IllegalArgumentException("the step guide's proposal " + q.describe() + " (support "
                    + q.support() + ") does not fit the prior " + prior.describe() + " (support " + prior.support()
                    + ") for " + where(name)
                    + (q.valueKind() != prior.valueKind() ? ""
                    : ": " + q.support().ruleBrokenAgainst(prior.support())));
        }
        return q;
    }

    /**
     * Notes each value of a latent of at most {@value #UNPROPOSED_VALUES} values that {@code q} gives probability 0 and
     * {@code prior} does not. A new user's step guide for a 3-state HMM, Categorical(0.5, 0.5, 0), read log P(e)
     * 107 standard errors low with nothing said: its particles never took state 2, which held most of P(e).
     */
    private void lookForUnproposed(String name, IntDist prior, IntDist q) {
        Support s = prior.support();
        if (!(s.lower() >= Integer.MIN_VALUE && s.upper() - s.lower() < UNPROPOSED_VALUES)) {
            return;
        }
        for (int v = (int) s.lower(); v <= (int) s.upper(); v++) {
            double lp = prior.logMass(v);
            if (lp > Double.NEGATIVE_INFINITY && q.logMass(v) == Double.NEGATIVE_INFINITY) {
                noteUnproposed(name, v, prior, q);
            }
        }
    }

    private void noteUnproposed(String name, Object value, Dist prior, Dist q) {
        if (unproposed.size() >= UNPROPOSED_NOTED) {
            return;
        }
        for (int i = unproposed.size() - 1; i >= 0 && unproposed.get(i).step() == step; i--) {
            Unproposed u = unproposed.get(i);
            if (u.latent().equals(name) && u.value().equals(value)) {
                return; // noted at this step already
            }
        }
        unproposed.add(new Unproposed(step, name, value, index, prior, q));
    }

    /**
     * Gives this particle weight 0 for a proposal's draw the doubles cannot carry (within 2^20 doubles of an end of
     * its support where the density is unbounded), and counts it: the sweep's estimate leaves out that zone's share.
     */
    private void leaveOut(String name, String x) {
        logWeight = Double.NEGATIVE_INFINITY;
        if (leftOut++ == 0) {
            firstLeftOut = where(name) + " (value " + x + ")";
        }
    }

    private void correct(String name, double logP, double logQ, Dist q, double x) {
        double d = logP - logQ;
        if (d != d || d == Double.POSITIVE_INFINITY) {
            throw badCorrection(name, logP, logQ, q, Double.toString(x));
        }
        logWeight += d;
    }

    private void correct(String name, double logP, double logQ, Dist q, boolean x) {
        double d = logP - logQ;
        if (d != d || d == Double.POSITIVE_INFINITY) {
            throw badCorrection(name, logP, logQ, q, Boolean.toString(x));
        }
        logWeight += d;
    }

    private void correct(String name, double logP, double logQ, Dist q, Object x) {
        double d = logP - logQ;
        if (d != d || d == Double.POSITIVE_INFINITY) {
            throw badCorrection(name, logP, logQ, q, x instanceof double[] ? java.util.Arrays.toString((double[]) x)
                    : String.valueOf(x));
        }
        logWeight += d;
    }

    private IllegalArgumentException badCorrection(String name, double logP, double logQ, Dist q, String x) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "log p - log q is %s for %s at value %s "
                + "(log p %s, log q %s under %s)", logP - logQ, where(name), x, logP, logQ, q.describe()));
    }

    // ------------------------------------------------------------------ evidence

    /** Scores the observation {@code value} under {@code d}: evidence for this step. */
    public void observe(RealDist d, double value) {
        evidenceMet = true;
        requireOpen();
        if (value != value) {
            throw nanObservation(d, "NaN");
        }
        double l = d.logDensity(value);
        if (l - l != 0) { // NaN or an infinity: one test on the usual path
            if (l == Double.NEGATIVE_INFINITY && value - value != 0) {
                throw infiniteObservation(d, Double.toString(value));
            }
            if (l != Double.NEGATIVE_INFINITY || stepFailure == null) {
                unusualEvidence(d, l, Double.toString(value)); // NaN, +inf or the step's first -inf
            }
        }
        logWeight += l;
    }

    /** Scores an integer observation. */
    public void observe(IntDist d, int value) {
        evidenceMet = true;
        requireOpen();
        double l = d.logMass(value);
        if (l - l != 0 && (l != Double.NEGATIVE_INFINITY || stepFailure == null)) {
            unusualEvidence(d, l, Integer.toString(value)); // NaN, +inf or the step's first -inf: one test
        }
        logWeight += l;
    }

    /** Scores a boolean observation. */
    public void observe(BoolDist d, boolean value) {
        evidenceMet = true;
        requireOpen();
        double l = d.logMass(value);
        if (l - l != 0 && (l != Double.NEGATIVE_INFINITY || stepFailure == null)) {
            unusualEvidence(d, l, Boolean.toString(value)); // NaN, +inf or the step's first -inf: one test
        }
        logWeight += l;
    }

    /** Scores a vector observation. */
    public void observe(VecDist d, double[] value) {
        evidenceMet = true;
        requireOpen();
        for (double v : value) {
            if (v != v) {
                throw nanObservation(d, java.util.Arrays.toString(value));
            }
        }
        double l = d.logDensity(value);
        if (l == Double.NEGATIVE_INFINITY) {
            for (double v : value) {
                if (v - v != 0) {
                    throw infiniteObservation(d, java.util.Arrays.toString(value));
                }
            }
        }
        if (l - l != 0 && (l != Double.NEGATIVE_INFINITY || stepFailure == null)) {
            unusualEvidence(d, l, java.util.Arrays.toString(value)); // NaN, +inf or the step's first -inf: one test
        }
        logWeight += l;
    }

    /** Scores an observation of any type. */
    public <V> void observe(ObjDist<V> d, V value) {
        evidenceMet = true;
        requireOpen();
        if (value instanceof Double x && x.isNaN()) {
            throw nanObservation(d, "NaN");
        }
        double l = d.logDensity(value);
        if (l - l != 0 && (l != Double.NEGATIVE_INFINITY || stepFailure == null)) {
            unusualEvidence(d, l, String.valueOf(value)); // NaN, +inf or the step's first -inf: one test
        }
        logWeight += l;
    }

    /** Adds a soft evidence term {@code logWeight} (finite or {@code -inf}). */
    public void factor(double logWeight) {
        evidenceMet = true;
        requireOpen();
        if (logWeight != logWeight || logWeight == Double.POSITIVE_INFINITY) {
            throw badEvidence(null, logWeight, Double.toString(logWeight));
        }
        if (logWeight == Double.NEGATIVE_INFINITY) {
            failedFirst("a factor of -inf");
        }
        this.logWeight += logWeight;
    }

    /** Hard evidence: when {@code holds} is false the particle's weight becomes 0. */
    public void condition(boolean holds) {
        evidenceMet = true;
        requireOpen();
        if (!holds) {
            logWeight = Double.NEGATIVE_INFINITY;
            failedFirst("a condition false");
        }
    }

    /**
     * An observation's log density that is not finite: NaN or +inf is refused; -inf gives the particle weight 0 and
     * is remembered if it is the step's first such evidence.
     */
    private void unusualEvidence(Dist d, double l, String value) {
        if (l != l || l == Double.POSITIVE_INFINITY) {
            throw badEvidence(d, l, value);
        }
        failedFirst("zero likelihood (observed " + value + " under " + d.describe() + ")");
    }

    /**
     * Records {@code what} gave this particle weight 0, if it is the step's first such evidence (and, with its step,
     * if it is the sweep's first).
     */
    private void failedFirst(String what) {
        if (stepFailure == null) {
            stepFailure = "particle " + index + ": " + what;
            if (firstFailure == null) {
                firstFailure = "step " + step + ", " + stepFailure;
            }
        }
    }

    private IllegalArgumentException badEvidence(Dist d, double l, String value) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s is %s at step %d, particle %d (value %s)",
                d == null ? "a factor's log weight" : "the log density of " + d.describe(), l, step, index, value));
    }

    /**
     * A NaN observation is missing data, not evidence: a density reads it as weight 0 (or NaN), which would take every
     * particle's weight with it and blame the proposal, so it is refused, as the model's own {@code observe} does.
     */
    private IllegalArgumentException nanObservation(Dist d, String value) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "observed value is NaN at step %d (steps "
                + "count from 0, one per observation in the list), particle %d (%s, value %s): leave a missing "
                + "observation out of its step instead", step, index, d.describe(), value));
    }

    /**
     * An observed infinity its distribution gives density 0 is a fault in the data, refused as the model's own
     * {@code observe} refuses it; it was scored as an impossible observation, and every sweep died (an adversarial
     * tester).
     */
    private IllegalArgumentException infiniteObservation(Dist d, String value) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "observed value %s (%s): an infinity is no "
                + "value of any real distribution (refused as NaN is, not scored as an impossible observation: a fault "
                + "in the data)", value, d.describe()));
    }

    private String where(String name) {
        return "latent '" + name + "' at step " + step + ", particle " + index;
    }
}
