package dev.ariadne.search;

import java.util.SplittableRandom;

/**
 * Coordinate hill climbing with restarts on the common-random-numbers objective. Each sweep tries moving every
 * parameter by +-step and keeps the first improvement; when a sweep finds none the step halves (continuous) or,
 * in {@link #discrete() discrete} mode, the climb ends. Each restart begins at the best point so far plus a random
 * lattice perturbation of up to two steps per coordinate. One step of the history is one sweep. Suited to
 * parameters that a program rounds to integers, where gradients do not exist.
 */
public final class HillClimbStrategy extends Strategy {

    private int crnRuns = 2000;
    private double step = 0.5;
    private double minStep = 1e-3;
    private int restarts = 3;
    private boolean discrete;
    private long restartSeed = 7L;

    HillClimbStrategy() {
    }

    /** The number of common random numbers (default 2000). */
    public HillClimbStrategy crnRuns(int n) {
        this.crnRuns = atLeast("crnRuns", n, 2);
        return this;
    }

    /** The initial move size in every parameter (default 0.5). */
    public HillClimbStrategy step(double s) {
        this.step = positiveFinite("step", s);
        return this;
    }

    /** The number of restarts after the first climb (default 3). */
    public HillClimbStrategy restarts(int r) {
        this.restarts = atLeast("restarts", r, 0);
        return this;
    }

    /** Keeps the step fixed (a lattice search, for integer-valued parameters). */
    public HillClimbStrategy discrete() {
        this.discrete = true;
        return this;
    }

    @Override
    public String name() {
        return "hillClimb";
    }

    @Override
    void search(SearchContext ctx) {
        CrnObjective obj = new CrnObjective(ctx, crnRuns);
        obj.discover();
        int d = ctx.layout.size();
        if (d == 0) {
            ctx.stop("no parameters to search");
            return;
        }
        SplittableRandom random = new SplittableRandom(restartSeed);
        double[] best = ctx.layout.theta.clone();
        double fBest = obj.value(best);
        int sweep = 1;
        outer:
        for (int r = 0; r <= restarts; r++) {
            double[] x = best.clone();
            if (r > 0) {
                for (int i = 0; i < d; i++) {
                    x[i] += step * (random.nextInt(5) - 2);
                }
            }
            double fx = r == 0 ? fBest : obj.value(x);
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
                        double fy = obj.value(y);
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
                    if (discrete || s / 2 < minStep) {
                        break;
                    }
                    s /= 2;
                }
            }
        }
        ctx.choose(best);
    }
}
