package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.ValueKind;

/**
 * What effect handlers see of a site, in the style of Pyro's messages. Handlers are called innermost first in
 * {@link Handler#process}; any may set the value (replay, condition), the proposal (a guide), the scale, or
 * stop the message from reaching handlers further out (block). Then the engine does the site's work, the same
 * as with no handler: a latent site still without a proposal is proposed by the execution's guide (or guide
 * program), every proposal is checked against the prior, a value not set is drawn from the proposal, and log p and
 * log q are computed. Last, {@link Handler#postprocess} runs on the handlers that processed the site, outermost
 * first. An evidence site (observation, factor, condition) reaches the handlers with its value and log p already
 * fixed by the model; they may scale or stop it, not change its value.
 *
 * <p>One message object is reused for every site of a run: read it during the call only.
 */
public final class Message {

    SiteKind kind;
    String name;
    int index;
    Address scope;
    Dist prior;
    Dist proposal;
    boolean hasValue;
    /** Whether a handler turned this latent site into an observation ({@link #observe}). */
    boolean conditioned;
    double scalar;
    Object object;
    /** A margin condition's score and threshold; null at every other site. */
    Margin margin;
    double scale;
    boolean stop;
    double logP;
    double logQ;
    /** How many handlers processed the site: the ones that see it again in postprocess. */
    int processed;
    private final History history;
    private final Site site;

    Message(Site site, History history) {
        this.site = site;
        this.history = history;
    }

    void reset(SiteKind kind, String name, int index, Address scope, Dist prior) {
        this.kind = kind;
        this.name = name;
        this.index = index;
        this.scope = scope;
        this.prior = prior;
        this.proposal = null;
        this.hasValue = false;
        this.conditioned = false;
        this.scalar = 0;
        this.object = null;
        this.margin = null;
        this.scale = 1;
        this.stop = false;
        this.logP = 0;
        this.logQ = 0;
    }

    /** The site's kind; a condition handler may turn a latent site into an observation. */
    public SiteKind kind() {
        return kind;
    }

    /** The site (name, index, scope, address), valid during this call. */
    public Site site() {
        return site;
    }

    /** The site's address (allocated on demand). */
    public Address address() {
        return Address.of(scope, name, index);
    }

    /** The model's distribution at the site (null for factors and conditions). */
    public Dist prior() {
        return prior;
    }

    /** The proposal set by a guide handler, or null when the value will come from the prior. */
    public Dist proposal() {
        return proposal;
    }

    /** The run so far. */
    public History history() {
        return history;
    }

    /** Whether a value has been set (observed, replayed or conditioned) or drawn. */
    public boolean hasValue() {
        return hasValue;
    }

    /** The multiplier applied to this site's log p (tempering). */
    public double scale() {
        return scale;
    }

    /** Whether a handler stopped the message from reaching handlers further out. */
    public boolean stopped() {
        return stop;
    }

    /** This site's log p (after the value is known; valid in postprocess). */
    public double logP() {
        return logP;
    }

    /** This site's log q (after the value is known; valid in postprocess). */
    public double logQ() {
        return logQ;
    }

    /**
     * The value, boxed (for handlers that store it): as {@link History#value(int)} gives it, so a margin
     * condition's is its {@link Margin}; null while a latent site has no value yet.
     */
    public Object value() {
        if (!hasValue) {
            return null;
        }
        if (margin != null) {
            return margin;
        }
        return Slot.box(kind, prior == null ? null : prior.valueKind(), scalar, object);
    }

    /**
     * The margin of a condition site: {@code score - threshold} for a margin condition
     * ({@link Prob#condition(String, double, double)}); for a plain condition +inf if it held and -inf if not, so
     * that the least margin over a run's conditions is the run's ({@link Runner#margin()}).
     *
     * @throws IllegalStateException at a site that is not a condition
     */
    public double margin() {
        if (kind != SiteKind.CONDITION) {
            throw new IllegalStateException("site " + address() + " is " + kindName() + ", not a condition: it has"
                    + " no margin");
        }
        if (margin != null) {
            return margin.margin();
        }
        return scalar != 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Sets the proposal the latent value will be drawn from. Must fit the prior (kind and support shape); null
     * clears a proposal set by an inner handler, so the value comes from the prior.
     */
    public void setProposal(Dist q) {
        this.proposal = q;
    }

    /**
     * Multiplies the site's log p by {@code factor} (tempering: the site's density raised to that power).
     *
     * @param factor a finite multiplier >= 0; the product of all the handlers' factors at the site must be finite too
     * @throws IllegalArgumentException naming the site when the factor is negative, NaN or infinite: a density raised
     *                                  to such a power is none, and it read as a NaN log density or a silent weight 0
     */
    public void scaleBy(double factor) {
        double product = scale * factor;
        if (!(factor >= 0 && product < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("a handler scaled site " + address() + " (" + kindName() + ", "
                    + (prior == null ? "no distribution" : prior.describe()) + ") by " + factor
                    + (factor >= 0 && factor < Double.POSITIVE_INFINITY ? ", which makes its scale " + product : "")
                    + ": a scale must be finite and >= 0 (it multiplies the site's log p)");
        }
        this.scale = product;
    }

    /** Stops the message from reaching the handlers further out (they do not see this site). */
    public void stop() {
        this.stop = true;
    }

    /**
     * Sets the value from a boxed object of the prior's kind: Double (or any Number) for real, Integer for int,
     * Boolean for bool, double[] for vectors, the object itself otherwise.
     *
     * @throws IllegalArgumentException naming the address when the value does not fit the prior's kind, or is or holds
     *                                  NaN; an infinity is a value outside every shipped prior's support, and the run
     *                                  has weight 0
     * @throws IllegalStateException    at a site that is not latent
     */
    public void setValue(Object value) {
        if (kind != SiteKind.LATENT) {
            throw new IllegalStateException("site " + address() + " is " + kindName()
                    + ": only a latent site's value can be set; an evidence site's value is the model's");
        }
        ValueKind vk = prior.valueKind();
        switch (vk) {
            case REAL:
                if (!(value instanceof Number)) {
                    throw wrongKind(value, vk);
                }
                scalar = ((Number) value).doubleValue();
                if (scalar != scalar) {
                    throw refusedValue(scalar, "NaN is no value of any distribution");
                }
                break;
            case INT:
                if (!(value instanceof Integer || value instanceof Long || value instanceof Short
                        || value instanceof Byte)) {
                    throw wrongKind(value, vk);
                }
                long whole = ((Number) value).longValue();
                if (whole != (int) whole) {
                    throw new IllegalArgumentException("value " + whole + " (a Long) does not fit site " + address()
                            + " whose prior " + prior.describe() + " draws int values: it is outside the int range ["
                            + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "], and narrowed it would be another "
                            + "value");
                }
                scalar = (int) whole;
                break;
            case BOOL:
                if (!(value instanceof Boolean)) {
                    throw wrongKind(value, vk);
                }
                scalar = ((Boolean) value) ? 1 : 0;
                break;
            case VECTOR:
                if (!(value instanceof double[])) {
                    throw wrongKind(value, vk);
                }
                double[] v = ((double[]) value).clone();
                for (double x : v) {
                    if (x != x) {
                        throw refusedValue(x, "NaN is no value of any distribution");
                    }
                }
                object = v;
                break;
            default:
                if (value == null) {
                    throw wrongKind(null, vk);
                }
                object = value;
        }
        hasValue = true;
    }

    /**
     * Turns this latent site into an observation of {@code value} (the condition handler): it then counts in
     * log p as evidence and is not proposed by any guide.
     *
     * @throws IllegalArgumentException as {@link #setValue} does, and for a value that is or holds an infinity, which
     *                                  {@code p.observe} refuses too
     */
    public void observe(Object value) {
        setValue(value);
        double infinite = infinityIn();
        if (infinite != 0) {
            throw refusedValue(infinite, "an observed infinity is no outcome of any distribution (refused as "
                    + "p.observe refuses it)");
        }
        kind = SiteKind.OBSERVED;
        conditioned = true;
    }

    /** The first infinity in the value set, or 0 if none. */
    private double infinityIn() {
        if (object instanceof double[]) {
            for (double x : (double[]) object) {
                if (Double.isInfinite(x)) {
                    return x;
                }
            }
            return 0;
        }
        return object == null && Double.isInfinite(scalar) ? scalar : 0;
    }

    private String kindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    private IllegalArgumentException refusedValue(double x, String why) {
        return new IllegalArgumentException("value " + x + " set at site " + address() + " whose prior "
                + prior.describe() + " draws " + prior.valueKind().name().toLowerCase(java.util.Locale.ROOT)
                + " values: " + why + " (a handler's fault, refused rather than scored as a run of weight 0)");
    }

    private IllegalArgumentException wrongKind(Object value, ValueKind vk) {
        return new IllegalArgumentException("value " + Trace.show(value) + " "
                + (value == null ? "" : "(a " + value.getClass().getSimpleName() + ") ")
                + "does not fit site " + address() + " whose prior " + prior.describe() + " draws "
                + vk.name().toLowerCase(java.util.Locale.ROOT) + " values");
    }
}
