package dev.ariadne.search;

import java.util.Arrays;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * BOBYQA (Powell's bound-constrained quadratic-model optimiser, Commons Math) on the common-random-numbers
 * objective, within a box of +-20 around the starting parameters. Needs at least 2 parameters. One
 * step is 2d + 1 evaluations (one interpolation set). On the deterministic CRN objective the returned point is the
 * optimiser's own minimiser (or the best point evaluated when the budget stops it). Immutable: each setter returns a
 * new strategy.
 */
public final class BobyqaStrategy implements Strategy {

    /**
     * The bytes Commons Math's BOBYQA holds per square of the parameters: its interpolation points (2d + 1 of d
     * values), their second-derivative factor ((2d + 1) x d) and its B matrix ((3d + 1) x d), about 7 d^2 doubles.
     */
    static final long BYTES_PER_D_SQUARED = 56;

    static final BobyqaStrategy DEFAULT = new BobyqaStrategy(2000, 0.5, 1e-5);
    /** The half-width of the box around the starting parameters. */
    private static final double RADIUS = 20;

    private final int crnRuns;
    private final double initialRadius;
    private final double stoppingRadius;

    private BobyqaStrategy(int crnRuns, double initialRadius, double stoppingRadius) {
        this.crnRuns = crnRuns;
        this.initialRadius = initialRadius;
        this.stoppingRadius = stoppingRadius;
    }

    /** The same strategy with n common random numbers (runs per evaluation; default 2000). */
    public BobyqaStrategy crnRuns(int n) {
        return new BobyqaStrategy(Settings.atLeast(name(), "crnRuns", n, 2), initialRadius, stoppingRadius);
    }

    /**
     * The same strategy with these initial and final trust-region radii (defaults 0.5 and 1e-5), in each
     * parameter's natural unit (a location's in its prior's sd, so the search moves alike in any units).
     */
    public BobyqaStrategy trustRegion(double initial, double stopping) {
        if (!(initial > stopping && stopping > 0)) {
            throw new IllegalArgumentException("bobyqa: need initial > stopping > 0, got " + initial + ", " + stopping);
        }
        return new BobyqaStrategy(crnRuns, initial, stopping);
    }

    @Override
    public String name() {
        return "bobyqa";
    }

    @Override
    public void search(SearchContext context) {
        SearchState ctx = SearchState.of(context);
        CrnObjective obj = new CrnObjective(ctx, crnRuns);
        ctx.discover();
        if (ctx.stopped) {
            return; // the run budget cannot hold the discovery
        }
        int d = ctx.layout.size();
        if (d < 2) {
            throw new IllegalArgumentException("bobyqa needs at least 2 parameters, but family "
                    + ctx.layout.family + " has " + d + " " + ctx.layout.names
                    + ": use Strategy.cmaes(), gradient() or crossEntropy()");
        }
        double[] x0 = ctx.layout.theta().clone();
        double[] units = ctx.layout.units(); // the optimiser works in z, theta = x0 + units * z
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, -RADIUS);
        Arrays.fill(hi, RADIUS);
        int per = 2 * d + 1;
        Settings.requireSquareMatricesFit("the matrices BOBYQA keeps over its 2d + 1 interpolation points", d,
                BYTES_PER_D_SQUARED);
        int[] step = {1};
        int[] count = {0};
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            if (count[0] == 0 && !ctx.canStep(step[0], (long) crnRuns * per)) {
                throw BudgetSpent.INSTANCE;
            }
            double v = obj.value(Layout.inUnits(x0, units, x));
            if (++count[0] == per) {
                ctx.record(step[0], obj.best != null ? obj.best : obj.last, "best so far " + obj.bestValue);
                step[0]++;
                count[0] = 0;
            }
            return v;
        });
        BOBYQAOptimizer opt = new BOBYQAOptimizer(per, initialRadius, stoppingRadius);
        try {
            PointValuePair p = opt.optimize(new MaxEval(Integer.MAX_VALUE), f, GoalType.MINIMIZE,
                    new InitialGuess(new double[d]), new SimpleBounds(lo, hi));
            ctx.stop("BOBYQA converged (trust region below " + stoppingRadius + ")");
            ctx.choose(Layout.inUnits(x0, units, p.getPoint()));
        } catch (BudgetSpent | TooManyEvaluationsException e) {
            ctx.choose(obj.bestPoint != null ? obj.bestPoint : x0);
        }
    }

    /** The strategy and its settings, for logs and reports. */
    @Override
    public String toString() {
        return "BOBYQA(crnRuns=" + crnRuns + ", initialRadius=" + initialRadius
                + ", stoppingRadius=" + stoppingRadius + ")";
    }
}
