package dev.ariadne.search;

import java.util.SplittableRandom;

/**
 * Coordinate hill climbing with restarts on the common-random-numbers objective. Each sweep tries moving every
 * parameter by +-step and keeps the first improvement; when a sweep finds none the step halves (continuous) or,
 * in {@link #discrete() discrete} mode, the climb ends. Each restart begins at the best point so far plus a random
 * lattice perturbation of up to two steps per coordinate. One step of the history is one sweep. Suited to
 * parameters that a program rounds to integers, where gradients do not exist. Immutable: each setter returns a new
 * strategy.
 */
public final class HillClimbStrategy implements Strategy {

    static final HillClimbStrategy DEFAULT = new HillClimbStrategy(2000, 0.5, 3, false);
    private static final double MIN_STEP = 1e-3;
    private static final long RESTART_SEED = 7L;

    private final int crnRuns;
    private final double step;
    private final int restarts;
    private final boolean discrete;

    private HillClimbStrategy(int crnRuns, double step, int restarts, boolean discrete) {
        this.crnRuns = crnRuns;
        this.step = step;
        this.restarts = restarts;
        this.discrete = discrete;
    }

    /** The same strategy with n common random numbers (default 2000). */
    public HillClimbStrategy crnRuns(int n) {
        return new HillClimbStrategy(Settings.atLeast(name(), "crnRuns", n, 2), step, restarts, discrete);
    }

    /**
     * The same strategy with initial move size s in every parameter (default 0.5), in each parameter's natural unit
     * (a location's in its prior's sd; a program's own parameters in their own units).
     */
    public HillClimbStrategy step(double s) {
        return new HillClimbStrategy(crnRuns, Settings.positiveFinite(name(), "step", s), restarts, discrete);
    }

    /** The same strategy with r restarts after the first climb (default 3). */
    public HillClimbStrategy restarts(int r) {
        return new HillClimbStrategy(crnRuns, step, Settings.atLeast(name(), "restarts", r, 0), discrete);
    }

    /** The same strategy with the step kept fixed (a lattice search, for integer-valued parameters). */
    public HillClimbStrategy discrete() {
        return new HillClimbStrategy(crnRuns, step, restarts, true);
    }

    @Override
    public String name() {
        return "hillClimb";
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
        if (d == 0) {
            ctx.stop("no parameters to search");
            return;
        }
        SplittableRandom random = new SplittableRandom(RESTART_SEED);
        double[] origin = ctx.layout.theta().clone();
        double[] units = ctx.layout.units(); // the climb moves z, theta = origin + units * z
        double[] best = new double[d];
        int sweep = 1;
        // every evaluation within the budget: the start's and each restart's too (they once came before its test)
        if (!ctx.canStep(sweep, crnRuns)) {
            return;
        }
        double fBest = obj.value(origin);
        outer:
        for (int r = 0; r <= restarts; r++) {
            double[] x = best.clone();
            if (r > 0) {
                for (int i = 0; i < d; i++) {
                    x[i] += step * (random.nextInt(5) - 2);
                }
                if (!ctx.canStep(sweep, crnRuns)) {
                    break;
                }
            }
            double fx = r == 0 ? fBest : obj.value(Layout.inUnits(origin, units, x));
            double s = step;
            while (true) {
                if (!ctx.canStep(sweep, (long) crnRuns * 2 * d)) {
                    break outer;
                }
                boolean improved = false;
                for (int i = 0; i < d && !improved; i++) {
                    for (int dir = 1; dir >= -1; dir -= 2) {
                        double[] y = x.clone();
                        y[i] += dir * s;
                        double fy = obj.value(Layout.inUnits(origin, units, y));
                        if (fy < fx) {
                            x = y;
                            fx = fy;
                            improved = true;
                            break;
                        }
                    }
                }
                if (fx < fBest) {
                    fBest = fx;
                    best = x.clone();
                }
                ctx.record(sweep++, obj.best != null ? obj.best : obj.last, "restart " + r + ", step " + s
                        + ", current " + fx);
                if (!improved) {
                    if (discrete || s / 2 < MIN_STEP) {
                        break;
                    }
                    s /= 2;
                }
            }
        }
        ctx.choose(Layout.inUnits(origin, units, best));
    }

    /** The strategy and its settings, for logs and reports. */
    @Override
    public String toString() {
        return "hill climbing(crnRuns=" + crnRuns + ", step=" + step + ", restarts=" + restarts
                + ", discrete=" + discrete + ")";
    }
}
