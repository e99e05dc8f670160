package dev.ariadne.core.dist;

import java.io.Serializable;

/**
 * The set of values a distribution can produce. A guide's proposal must have the same {@link Type} of support as
 * the prior it replaces (a positive proposal for a positive prior, a simplex for a simplex), with bounds at least as
 * wide ({@link #covers}): a proposed value outside the prior's bounds gives the run weight 0, but a value the prior
 * allows and the proposal never draws would bias the weights. Only a whole-run defensive mixture's guide may be
 * narrower, since the mixture's prior share reaches the rest.
 *
 * @param type  the shape of the set
 * @param lower the smallest value (inclusive) for intervals and integer ranges; NaN otherwise
 * @param upper the largest value (inclusive) for intervals and integer ranges; NaN otherwise
 * @param dim   the vector length for {@link Type#SIMPLEX} and {@link Type#REAL_VECTOR}; 1 otherwise
 */
public record Support(Type type, double lower, double upper, int dim) implements Serializable {

    /** The shape of a support. Two supports are compatible when their shapes (and dimensions) match. */
    public enum Type {
        /** The whole real line. */
        REAL,
        /** The non-negative half-line [0, inf) (open or closed at 0, as the density says). */
        POSITIVE,
        /** A bounded interval [lower, upper]. */
        INTERVAL,
        /** The integers from lower to upper inclusive; upper may be {@link Integer#MAX_VALUE} for counts. */
        INTEGERS,
        /** {true, false}. */
        BOOLEAN,
        /** Vectors of non-negative entries that sum to 1. */
        SIMPLEX,
        /** Vectors of real numbers of a fixed length. */
        REAL_VECTOR,
        /** Values of a user-defined type. */
        OBJECTS
    }

    /**
     * Refuses bounds that make no set: an interval or a range of integers whose lower end is above its upper one, or
     * an interval with a NaN end. A user distribution declaring {@code interval(1, 0)} ran at the prior unchecked,
     * and beside a guide read as a proposal of the wrong type (an adversarial tester).
     */
    public Support {
        java.util.Objects.requireNonNull(type, "type");
        if (type == Type.INTERVAL && !(lower <= upper)) {
            throw new IllegalArgumentException("Support.interval: the lower end must be at most the upper one (and "
                    + "neither NaN), got lower " + lower + " and upper " + upper);
        }
        if (type == Type.INTEGERS && !(lower <= upper)) {
            throw new IllegalArgumentException("Support.integers: the lower end must be at most the upper one, got "
                    + "lower " + (long) lower + " and upper " + (long) upper);
        }
    }

    /** The whole real line. */
    public static final Support REAL = new Support(Type.REAL, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1);
    /** The half-line [0, inf). */
    public static final Support POSITIVE = new Support(Type.POSITIVE, 0, Double.POSITIVE_INFINITY, 1);
    /** The unit interval [0, 1]. */
    public static final Support UNIT_INTERVAL = new Support(Type.INTERVAL, 0, 1, 1);
    /** {true, false}. */
    public static final Support BOOLEAN = new Support(Type.BOOLEAN, 0, 1, 1);
    /** The counts 0, 1, 2, .... */
    public static final Support COUNTS = new Support(Type.INTEGERS, 0, Integer.MAX_VALUE, 1);
    /** Values of a user-defined type. */
    public static final Support OBJECTS = new Support(Type.OBJECTS, Double.NaN, Double.NaN, 1);

    /** The interval [lower, upper]. */
    public static Support interval(double lower, double upper) {
        return new Support(Type.INTERVAL, lower, upper, 1);
    }

    /** The integers lower..upper inclusive. */
    public static Support integers(int lower, int upper) {
        return new Support(Type.INTEGERS, lower, upper, 1);
    }

    /**
     * How far from 1 the entries of a point of the simplex of length {@code dim} may sum: 1e-9 per entry, rounding's
     * share, so that a vector normalised in doubles is on it.
     */
    public static double simplexTolerance(int dim) {
        return 1e-9 * dim;
    }

    /** The probability simplex of vectors of length dim. */
    public static Support simplex(int dim) {
        return dim > 0 && dim < SHARED_DIMS ? SIMPLICES[dim] : new Support(Type.SIMPLEX, 0, 1, dim);
    }

    /** Real vectors of length dim. */
    public static Support realVector(int dim) {
        return dim > 0 && dim < SHARED_DIMS ? REAL_VECTORS[dim]
                : new Support(Type.REAL_VECTOR, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, dim);
    }

    /**
     * Below this length, the supports of vectors are made once and shared (a record, so equal either way): a
     * vector distribution made at a site in a loop asks for its support at every site.
     */
    private static final int SHARED_DIMS = 17;
    private static final Support[] SIMPLICES = new Support[SHARED_DIMS];
    private static final Support[] REAL_VECTORS = new Support[SHARED_DIMS];

    static {
        for (int d = 1; d < SHARED_DIMS; d++) {
            SIMPLICES[d] = new Support(Type.SIMPLEX, 0, 1, d);
            REAL_VECTORS[d] = new Support(Type.REAL_VECTOR, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, d);
        }
    }

    /**
     * Where a proposal's draw is not weighed, said by the verdicts on runs, particles and moves left out for it: near
     * an end of the proposal's support, where the doubles cannot carry its density ({@link
     * RealDist#unrepresentableAt}).
     */
    public static final String UNWEIGHABLE_ZONE = "where the doubles cannot carry the proposal's density: too near an "
            + "end of its support (within 2^20 doubles of the end, or on the end itself where its density is 0, or, "
            + "for a logit-normal on an interval whose doubles are coarse, where its log density changes by more than "
            + "1/8 from one double to the next), or from a proposal so narrow beside the doubles' spacing that its "
            + "mass over one double's rounding cell is not its density times the cell's width (a Normal, log-normal, "
            + "Student t, Cauchy or Laplace of scale within about 200 spacings of the doubles at its draws); or where "
            + "a distribution of your own gives its own draw a log density of +Infinity, or of -Infinity (a sampler "
            + "that draws where its density says it cannot), which reads the same way";

    /**
     * What is said of a distribution of class {@code c} at {@code site} whose {@code support()} returned null;
     * {@code who} says which distribution it is (the model's, a guide's proposal). A distribution written from a stub
     * whose {@code support()} returns null was a bare NullPointerException inside the engine, MCMC or subset
     * simulation, said to be the model's (an adversarial tester).
     */
    public static String nullFrom(String who, Class<?> c, Object site) {
        return who + " at " + site + ", a " + c.getName() + ", returned null from support(): Dist.support() must say "
                + "where its values may land (Support.REAL, Support.POSITIVE, Support.interval(lower, upper), "
                + "Support.integers(lower, upper), ...), which proposals, moves and checks all read";
    }

    /**
     * Why a distribution's draw must lie in its support, said by the error that refuses a draw that does not (a
     * user-written distribution whose sampler returns NaN): its density there means nothing, and the value would
     * reach the model, its estimates and its bounds as if it were a possible outcome.
     */
    public static final String DRAW_IN_SUPPORT_RULE = "a distribution's sample must return a value of its support "
            + "(never NaN, nor an infinity its support leaves out)";

    /**
     * Why a proposal must have the support of the prior it stands in for, said by the errors that refuse one: weights
     * are unbiased only if the proposal reaches every value the prior does, and a narrower one is right only where
     * the evidence happens to rule out the rest, which no check can know.
     */
    public static final String SAME_SUPPORT_RULE = "a proposal must have its prior's support, since one that never "
            + "draws some values the prior allows biases the weights unless the evidence rules them all out, which "
            + "cannot be checked; propose over the whole support and let the evidence weigh the rest";

    /**
     * Why a proposal whose support is of another type than its prior's is refused, even one that would reach every
     * value of the prior (a Gamma for a Beta, a Normal for a Gamma): the guide's proposals are checked by the type of
     * their support, once per site, and a proposal of the prior's type is what the engine, SMC's particles, the
     * search's families and the defensive mixture all take.
     */
    public static final String SAME_TYPE_RULE = "a proposal's support must be of its prior's type (the real line, "
            + "the half-line, an interval, integers, booleans, a simplex...), even where another would reach every "
            + "value the prior allows: for an interval prior propose a Uniform of at least its bounds, or, to "
            + "concentrate anywhere inside them, a dev.ariadne.search.LogitNormal(loc, scale, lower, upper) on its "
            + "bounds (a Beta's interval is (0, 1): for a prior on (0, 1)), for a positive one a Gamma, a LogNormal "
            + "or an Exponential";

    /**
     * Why a proposal that draws another kind of value than its prior (a real for an int, say) is refused: a new user's
     * Beta guide for a DiscreteUniform site was refused with no reason given.
     */
    public static final String SAME_KIND_RULE = "a proposal must draw the kind of value its prior draws (an int for "
            + "an int, a real for a real, a boolean for a boolean)";

    /**
     * {@link #SAME_KIND_RULE} with what to propose for a prior of kind {@code prior}: "for an int prior propose a
     * Categorical ..." followed a Poisson proposal at a Normal site and a Beta at a Bernoulli's (an adversarial
     * tester).
     */
    public static String sameKindRule(ValueKind prior) {
        String what = switch (prior) {
            case INT -> "for an int prior propose a Categorical, a DiscreteUniform, a Binomial, a Poisson or another "
                    + "int distribution over its support";
            case REAL -> "for a real prior propose a real distribution over a support of its type: a Normal, StudentT, "
                    + "Cauchy or Laplace for the real line, a Gamma, LogNormal or Exponential for a positive one, a "
                    + "Beta for (0, 1), a Uniform of at least its bounds for another interval";
            case BOOL -> "for a boolean prior propose a Bernoulli";
            case VECTOR -> "for a vector prior propose a vector distribution of its dimension over its support (a "
                    + "Dirichlet for a simplex)";
            case OBJECT -> "for an object prior propose an object distribution over its values";
        };
        return SAME_KIND_RULE + ": " + what;
    }

    /**
     * True when this support has the shape and length of {@code other}: what a component of a whole-run defensive
     * mixture needs, since the mixture's prior share reaches the rest. A proposal standing in for a prior alone
     * must also {@link #covers cover} it.
     */
    public boolean compatibleWith(Support other) {
        return type == other.type && dim == other.dim;
    }

    /**
     * True when a proposal with this support may stand in for a prior with support {@code prior}: the same shape and
     * length, and for intervals and integer ranges bounds at least as wide, so that the proposal reaches every value
     * the prior does (a wider one is fine: a value outside the prior's bounds gives its run weight 0).
     * {@code Uniform(0, 0.5)} does not cover {@code Uniform(0, 1)}, nor {@code Binomial(2, p)} a {@code Binomial(3,
     * p)}, nor a {@code DiscreteUniform(0, 2)} a {@code Poisson}: each would bias the weights ({@link #SAME_SUPPORT_RULE}).
     */
    public boolean covers(Support prior) {
        return compatibleWith(prior) && (!bounded(prior.type) || (lower <= prior.lower && upper >= prior.upper));
    }

    /**
     * True when this support holds every value of {@code prior}'s, whatever their types: what it covers, and besides
     * the real line holds the half-line and any interval, and the half-line any interval of non-negative values. A
     * proposal that reaches its prior's support but is of another type is still refused ({@link #SAME_TYPE_RULE});
     * this says which rule its error states.
     */
    public boolean reaches(Support prior) {
        if (covers(prior)) {
            return true;
        }
        if (dim != prior.dim) {
            return false;
        }
        return switch (type) {
            case REAL -> prior.type == Type.POSITIVE || prior.type == Type.INTERVAL;
            case POSITIVE -> prior.type == Type.INTERVAL && prior.lower >= 0;
            default -> false;
        };
    }

    /**
     * Which rule a proposal of this support breaks where it does not {@link #covers cover} {@code prior}:
     * {@link #SAME_TYPE_RULE} where it reaches every value of the prior from a support of another type, else
     * {@link #SAME_SUPPORT_RULE}, that it misses values the prior allows; for vectors, that it has another dimension
     * or another type (a Dirichlet of 4 entries for one of 3 was told to propose over the whole support, an
     * adversarial tester).
     */
    public String ruleBrokenAgainst(Support prior) {
        if (type == prior.type && dim != prior.dim) {
            return String.format(java.util.Locale.ROOT, "a vector proposal must have its prior's dimension (%s here, "
                    + "against the prior's %d): propose a vector distribution of %s", entries(dim), prior.dim,
                    entries(prior.dim));
        }
        if (type != prior.type && (vector(type) || vector(prior.type))) {
            return "a vector proposal's support must be of its prior's type, even where another would reach every "
                    + "value the prior allows: for a simplex prior propose a Dirichlet (or a "
                    + "dev.ariadne.search.StickBreakingNormal), for a real vector one a MultivariateNormal, each of "
                    + entries(prior.dim);
        }
        return !compatibleWith(prior) && reaches(prior) ? SAME_TYPE_RULE : SAME_SUPPORT_RULE;
    }

    private static String entries(int n) {
        return n + (n == 1 ? " entry" : " entries");
    }

    private static boolean vector(Type type) {
        return type == Type.SIMPLEX || type == Type.REAL_VECTOR;
    }

    /** Whether supports of this type have bounds that differ from one distribution to another (intervals, integers). */
    static boolean bounded(Type type) {
        return type == Type.INTERVAL || type == Type.INTEGERS;
    }

    /** True when the support is a finite set that exact enumeration can walk (booleans, bounded integers). */
    public boolean isFinite() {
        return type == Type.BOOLEAN
                || (type == Type.INTEGERS && upper < Integer.MAX_VALUE && lower > Integer.MIN_VALUE);
    }

    /**
     * How many doubles from a finite end of its support a proposal's draw is too near it to be weighed
     * ({@link #withinRoundingOfAnEnd}).
     */
    public static final double ROUNDING_CELLS = 0x1p20;

    /**
     * Whether x lies strictly inside (lower, upper) within {@link #ROUNDING_CELLS} doubles of a finite end: above
     * {@code 1 - 2^-33} below an end at 1 (the doubles there are 2^-53 apart), below {@code 2^-1054} above an end at 0
     * (among the subnormals, 2^-1074 apart). There a double's rounding cell is at least a millionth of the distance to
     * the end, and a density unbounded at the end (a shape below 1) changes by a large factor across it, so the
     * density ratio at the rounded value is not the ratio of the cells' masses; a proposal's draw there is not weighed
     * ({@link RealDist#unrepresentableAt}). Farther out a cell is less than a millionth of the distance, and a
     * density of any shape below about a thousand changes by less than 0.1% across it.
     */
    public static boolean withinRoundingOfAnEnd(double x, double lower, double upper) {
        return x > lower && x - lower < ROUNDING_CELLS * Math.ulp(lower)
                || x < upper && upper - x < ROUNDING_CELLS * Math.ulp(Math.nextDown(upper));
    }

    /** Whether the real value x lies in this support. */
    public boolean contains(double x) {
        switch (type) {
            case REAL:
                return !Double.isNaN(x);
            case POSITIVE:
                return x >= 0;
            case INTERVAL:
                return x >= lower && x <= upper;
            case INTEGERS:
                return x >= lower && x <= upper && x == Math.rint(x);
            case BOOLEAN:
                return x == 0 || x == 1;
            default:
                return false;
        }
    }

    /** Whether the integer k lies in this support. */
    public boolean contains(int k) {
        return type == Type.INTEGERS && k >= lower && k <= upper;
    }

    /** Whether the vector x lies in this support (length, and for the simplex non-negative entries summing to 1). */
    public boolean contains(double[] x) {
        if (x == null || x.length != dim) {
            return false;
        }
        if (type == Type.REAL_VECTOR) {
            for (double v : x) {
                if (Double.isNaN(v)) {
                    return false;
                }
            }
            return true;
        }
        if (type != Type.SIMPLEX) {
            return false;
        }
        double sum = 0;
        for (double v : x) {
            if (!(v >= 0)) {
                return false;
            }
            sum += v;
        }
        return Math.abs(sum - 1) <= simplexTolerance(dim);
    }

    @Override
    public String toString() {
        switch (type) {
            case REAL:
                return "real";
            case POSITIVE:
                return "positive";
            case INTERVAL:
                return "[" + lower + ", " + upper + "]";
            case INTEGERS:
                return upper == Integer.MAX_VALUE ? "{" + (int) lower + ", ...}" : "{" + (int) lower + ".." + (int) upper + "}";
            case BOOLEAN:
                return "boolean";
            case SIMPLEX:
                return "simplex(" + dim + ")";
            case REAL_VECTOR:
                return "real^" + dim;
            default:
                return "objects";
        }
    }
}
