package dev.ariadne.search;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * CMA-ES (Commons Math) on the common-random-numbers objective. One step is one generation. The result is the
 * distribution's last mean, read from the optimiser's statistics, not the best point it ever evaluated: under
 * noise the best-ever point is optimistic (Commons Math 3.6.1 returns it). Immutable: each setter returns a new
 * strategy.
 */
public final class CmaesStrategy implements Strategy {

    /**
     * The bytes Commons Math's CMA-ES holds per entry of a d x d matrix: six such matrices of doubles alive at once
     * (the covariance, its eigenvectors, their scaled product, and the update's terms).
     */
    static final long BYTES_PER_D_SQUARED = 48;

    /**
     * The optimiser seed that says "derive it from the search's seed": CMA-ES's own sampling took one fixed seed, so
     * searches of 20 seeds all fell into the same mode of a bimodal posterior, where 20 optimiser seeds found the
     * other in 8 (an adversarial statistician).
     */
    private static final long FROM_SEARCH_SEED = Long.MIN_VALUE;
    /** Mixed into the search seed for the optimiser's own sampling, so that its stream is not the runs' seed. */
    private static final long OPTIMISER_STREAM = 20240917L;

    static final CmaesStrategy DEFAULT = new CmaesStrategy(2000, 0.3, 0, FROM_SEARCH_SEED);

    private final int crnRuns;
    private final double sigma;
    private final int population;
    private final long optimiserSeed;

    private CmaesStrategy(int crnRuns, double sigma, int population, long optimiserSeed) {
        this.crnRuns = crnRuns;
        this.sigma = sigma;
        this.population = population;
        this.optimiserSeed = optimiserSeed;
    }

    /** The same strategy with n common random numbers (runs per evaluation; default 2000). */
    public CmaesStrategy crnRuns(int n) {
        return new CmaesStrategy(Settings.atLeast(name(), "crnRuns", n, 2), sigma, population, optimiserSeed);
    }

    /**
     * The same strategy with initial step size s in every unconstrained parameter (default 0.3), in each
     * parameter's natural unit (a location's in its prior's sd, so the search moves alike in any units).
     */
    public CmaesStrategy sigma(double s) {
        return new CmaesStrategy(crnRuns, Settings.positiveFinite(name(), "sigma", s), population, optimiserSeed);
    }

    /** The same strategy with population size lambda (default 4 + 3 ln d). */
    public CmaesStrategy population(int lambda) {
        return new CmaesStrategy(crnRuns, sigma, Settings.atLeast(name(), "population", lambda, 2), optimiserSeed);
    }

    /**
     * The same strategy with this seed for the optimiser's own sampling, whatever the search's seed; by default it is
     * derived from the search's {@code seed(s)}, so that searches of different seeds search differently.
     */
    public CmaesStrategy optimiserSeed(long s) {
        if (s == FROM_SEARCH_SEED) {
            throw new IllegalArgumentException("cmaes: optimiserSeed " + s + " is reserved (it means: derive the "
                    + "seed from the search's seed); give another");
        }
        return new CmaesStrategy(crnRuns, sigma, population, s);
    }

    @Override
    public String name() {
        return "cmaes";
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
            ctx.stop("no parameters to search: the model revealed no site the family parameterises");
            return;
        }
        Settings.requireSquareMatricesFit("the d x d matrices CMA-ES keeps (its covariance, their eigenvectors and "
                + "updates)", d, BYTES_PER_D_SQUARED);
        double[] x0 = ctx.layout.theta().clone();
        double[] units = ctx.layout.units(); // the optimiser works in z, theta = x0 + units * z
        int lambda = population > 0 ? population : 4 + (int) (3 * Math.log(d));
        int[] gen = {1};
        int[] inGen = {0};
        double[] genBest = {Double.POSITIVE_INFINITY};
        CMAESOptimizer opt = new CMAESOptimizer(Integer.MAX_VALUE, Double.NEGATIVE_INFINITY, true, 0, 0,
                new MersenneTwister(optimiserSeed == FROM_SEARCH_SEED ? ctx.seed() ^ OPTIMISER_STREAM : optimiserSeed),
                true, null);
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            if (inGen[0] == 0 && !ctx.canStep(gen[0], (long) crnRuns * lambda)) {
                throw BudgetSpent.INSTANCE;
            }
            double v = obj.value(Layout.inUnits(x0, units, x));
            inGen[0]++;
            if (obj.last != null && v <= genBest[0]) {
                genBest[0] = v;
            }
            if (inGen[0] == lambda) {
                ctx.record(gen[0], obj.last, "generation best " + genBest[0]);
                gen[0]++;
                inGen[0] = 0;
                genBest[0] = Double.POSITIVE_INFINITY;
            }
            return v;
        });
        double[] s = new double[d];
        Arrays.fill(s, sigma);
        try {
            opt.optimize(new MaxEval(Integer.MAX_VALUE), new MaxIter(Integer.MAX_VALUE), f, GoalType.MINIMIZE,
                    new InitialGuess(new double[d]), SimpleBounds.unbounded(d), new CMAESOptimizer.Sigma(s),
                    new CMAESOptimizer.PopulationSize(lambda));
            ctx.stop("CMA-ES converged");
        } catch (BudgetSpent | TooManyEvaluationsException | TooManyIterationsException e) {
            // budget reached: read the last mean below
        }
        List<RealMatrix> means = opt.getStatisticsMeanHistory();
        double[] mean = means.isEmpty() ? x0 : Layout.inUnits(x0, units, means.get(means.size() - 1).getRow(0));
        ctx.choose(mean);
    }

    /** The strategy and its settings, for logs and reports. */
    @Override
    public String toString() {
        return "CMA-ES(crnRuns=" + crnRuns + ", sigma=" + sigma + ", population=" + population + ", optimiserSeed="
                + (optimiserSeed == FROM_SEARCH_SEED ? "from the search's seed" : optimiserSeed) + ")";
    }
}
