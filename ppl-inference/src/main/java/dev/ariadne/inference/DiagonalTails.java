package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.Support;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * A guide too light along a combination of its real sites though along none of them alone, which
 * {@link LightGuideTails} cannot see, as it forces one site at a time. For a normal posterior of covariance S and a
 * normal proposal of covariance C, the weights' variance is infinite exactly when S exceeds 2C along some direction:
 * a mean-field guide whose sds are the posterior's conditional ones meets that along the diagonal of two sites
 * correlated beyond 0.5, however well it fits each. An outside statistician's Bayesian regression (correlation -0.69)
 * under the guide a mean-field search certified was silent in 23 calls of 250, and 9 of those read log Z-hat 3.2 to
 * 5.1 standard errors low.
 *
 * <p>The call's first runs (at most {@link #RUNS}, and {@link #MAX_SITE_VISITS} site visits) are made again with
 * their traces. Over the guided real sites on the whole line that every run makes (the first {@link #MAX_SITES}), the
 * proposal's covariance C is read from the runs and the posterior's S from the same runs weighted; in coordinates
 * where C is the identity, the direction along which S is largest is the candidate. Where it reads above
 * {@link #CANDIDATE_RATIO}, the sites are forced together along it, 4 to 64 proposal sds from the runs' mean on each
 * side, in the light-tail check's probe runs, and the direction is named where weight^2 x proposal density x distance
 * rises in most of them ({@link LightGuideTails#varianceRisesThrough}): the forced runs read the model itself, so a
 * posterior that a likelihood bounds along that direction is not named. Guide programs and defensive guides (whose
 * weights the prior's share bounds) are not read.
 */
final class DiagonalTails {

    /** The most runs whose sites' values are read. */
    static final int RUNS = 4_000;
    /** The fewest runs, completed with positive weight, for the covariances to be read. */
    static final int MIN_RUNS = 500;
    /** The most site visits those runs may make in all (a model of long runs reads fewer runs). */
    static final long MAX_SITE_VISITS = 2_000_000;
    /** The most sites read together. */
    static final int MAX_SITES = 20;
    /**
     * The ratio of the posterior's variance to the proposal's along the candidate direction past which it is probed:
     * 2 is where normal tails make the weights' variance infinite, and the ratio read from 4,000 weighted runs
     * is noisy and, where the weights are heavy, low.
     */
    static final double CANDIDATE_RATIO = 1.5;
    /** The least effective sample size of the runs read for the weighted covariance to mean anything. */
    static final double MIN_ESS = 50;

    private DiagonalTails() {
    }

    /** The verdict on the call of {@code execution} on {@code seed} of {@code callRuns} runs; empty if none. */
    static <T> Optional<String> verdict(Execution<T> execution, long seed, long callRuns) {
        Guide guide = execution.guide();
        if (guide == null || execution.guideProgram() != null || guide.wholeRunPriorShare() > 0) {
            return Optional.empty();
        }
        Runner<T> runner = execution.runner();
        List<Address> sites = new ArrayList<>();
        Map<Address, Integer> index = new HashMap<>();
        List<double[]> values = new ArrayList<>();
        List<Double> logWeights = new ArrayList<>();
        long budget = Math.min(RUNS, callRuns);
        if (budget < MIN_RUNS) {
            return Optional.empty(); // too few runs to read; they were once made again for nothing
        }
        for (int i = 0; i < budget; i++) {
            List<TraceSite> trace;
            try {
                runner.run(seed, i);
                if (runner.failed()) {
                    continue;
                }
                trace = runner.trace().sites();
            } catch (RuntimeException e) {
                continue; // the call made this run itself, and reported what it threw
            }
            if (sites.isEmpty()) {
                for (TraceSite s : trace) {
                    if (guided(s) && sites.size() < MAX_SITES) {
                        index.put(s.address(), sites.size());
                        sites.add(s.address());
                    }
                }
                if (sites.size() < 2) {
                    return Optional.empty();
                }
                budget = Math.min(budget, Math.max(MIN_RUNS, MAX_SITE_VISITS / Math.max(1, trace.size())));
            }
            double[] x = new double[sites.size()];
            int found = 0;
            for (TraceSite s : trace) {
                Integer j = index.get(s.address());
                if (j != null && guided(s)) {
                    x[j] = (Double) s.value();
                    found++;
                }
            }
            if (found == sites.size()) {
                values.add(x);
                logWeights.add(runner.logWeight());
            }
        }
        if (values.size() < MIN_RUNS) {
            return Optional.empty();
        }
        return candidate(values, logWeights).flatMap(c -> probe(execution, seed, sites, index, c));
    }

    /** A guided real site on the whole line whose proposal is not its prior. */
    private static boolean guided(TraceSite s) {
        return s.kind() == SiteKind.LATENT && s.proposal() != s.prior() && s.proposal() instanceof RealDist
                && s.prior() != null && s.prior().support().type() == Support.Type.REAL
                && s.value() instanceof Double v && Double.isFinite(v);
    }

    /**
     * The direction along which the weighted runs spread most beyond the runs themselves.
     *
     * @param centre    the runs' mean (the proposal's)
     * @param direction in the sites' own units, one proposal sd long
     * @param ratio     the posterior's variance over the proposal's along it
     * @param correlation the weighted runs' correlation of the two sites that weigh most in it
     * @param proposed  the runs' own correlation of those two sites: the proposal's
     * @param first     the index of the site that weighs most in it
     * @param second    the index of the site that weighs next most
     */
    private record Candidate(double[] centre, double[] direction, double ratio, double correlation, double proposed,
                             int first, int second) {
    }

    /**
     * The proposal's correlation of two sites past which, of the posterior's sign, it is taken to follow theirs: a
     * structured guide that did, but too narrowly along it (a search stopped early), was told that a guide proposing
     * them independently cannot, and to use GuideFamily.structured(), the family it came from (a new user).
     */
    static final double FOLLOWS = 0.2;

    private static Optional<Candidate> candidate(List<double[]> values, List<Double> logWeights) {
        int n = values.size();
        int d = values.get(0).length;
        double max = logWeights.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NEGATIVE_INFINITY);
        double[] w = new double[n];
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(logWeights.get(i) - max);
            sum += w[i];
            squares += w[i] * w[i];
        }
        if (!(sum > 0) || sum * sum / squares < MIN_ESS) {
            return Optional.empty();
        }
        double[] mean = new double[d];
        double[] weightedMean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += values.get(i)[j] / n;
                weightedMean[j] += w[i] / sum * values.get(i)[j];
            }
        }
        double[][] proposal = new double[d][d];
        double[][] posterior = new double[d][d];
        for (int i = 0; i < n; i++) {
            double[] x = values.get(i);
            for (int j = 0; j < d; j++) {
                for (int k = 0; k <= j; k++) {
                    proposal[j][k] += (x[j] - mean[j]) * (x[k] - mean[k]) / (n - 1);
                    posterior[j][k] += w[i] / sum * (x[j] - weightedMean[j]) * (x[k] - weightedMean[k]);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) {
                proposal[k][j] = proposal[j][k];
                posterior[k][j] = posterior[j][k];
            }
        }
        RealMatrix lower;
        try {
            lower = new CholeskyDecomposition(new Array2DRowRealMatrix(proposal)).getL();
        } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
            return Optional.empty(); // sites the guide ties together exactly: nothing to whiten by
        }
        RealMatrix inverse = MatrixUtils.inverse(lower);
        RealMatrix whitened = inverse.multiply(new Array2DRowRealMatrix(posterior)).multiply(inverse.transpose());
        whitened = whitened.add(whitened.transpose()).scalarMultiply(0.5);
        EigenDecomposition eigen = new EigenDecomposition(whitened);
        double[] eigenvalues = eigen.getRealEigenvalues();
        int top = 0;
        for (int j = 1; j < d; j++) {
            if (eigenvalues[j] > eigenvalues[top]) {
                top = j;
            }
        }
        if (!(eigenvalues[top] > CANDIDATE_RATIO)) {
            return Optional.empty();
        }
        RealVector direction = lower.operate(eigen.getEigenvector(top));
        double[] along = direction.toArray();
        double[] reach = new double[d]; // each site's share of the direction, in its own proposal sds
        for (int j = 0; j < d; j++) {
            reach[j] = Math.abs(along[j]) / Math.sqrt(proposal[j][j]);
        }
        int first = 0;
        for (int j = 1; j < d; j++) {
            if (reach[j] > reach[first]) {
                first = j;
            }
        }
        int second = first == 0 ? 1 : 0;
        for (int j = 0; j < d; j++) {
            if (j != first && reach[j] > reach[second]) {
                second = j;
            }
        }
        double correlation = posterior[first][second] / Math.sqrt(posterior[first][first] * posterior[second][second]);
        double proposed = proposal[first][second] / Math.sqrt(proposal[first][first] * proposal[second][second]);
        return Optional.of(new Candidate(mean, along, eigenvalues[top], correlation, proposed, first, second));
    }

    /**
     * Forces the sites along the candidate's direction in the probe runs, and names it where the weights' variance
     * rises.
     */
    private static <T> Optional<String> probe(Execution<T> execution, long seed, List<Address> sites,
                                              Map<Address, Integer> index, Candidate c) {
        Guide guide = execution.guide();
        double[] point = new double[sites.size()];
        double[] forcedLogQ = new double[1];
        Guide forcing = (site, prior, history) -> {
            Integer j = index.get(site.address());
            Dist q = guide.propose(site, prior, history);
            if (j == null) {
                return q;
            }
            Dist proposal = q == null ? prior : q;
            forcedLogQ[0] += proposal instanceof RealDist r ? r.logDensity(point[j]) : Double.NEGATIVE_INFINITY;
            return LightGuideTails.pointAt(point[j], prior.support());
        };
        Runner<T> forced = execution.guide(forcing).runner();
        double[] distances = LightGuideTails.DISTANCES;
        int rising = 0;
        int probed = 0;
        for (int i = 0; i < LightGuideTails.PROBE_RUNS; i++) {
            for (int side : new int[] {1, -1}) {
                double[] logQ = new double[distances.length];
                double[] logW = new double[distances.length];
                for (int k = 0; k < distances.length; k++) {
                    for (int j = 0; j < point.length; j++) {
                        point[j] = c.centre()[j] + side * distances[k] * c.direction()[j];
                    }
                    forcedLogQ[0] = 0;
                    double logWeight;
                    try {
                        forced.run(seed, i);
                        logWeight = forced.failed() ? Double.NEGATIVE_INFINITY : forced.logWeight();
                    } catch (RuntimeException e) {
                        logWeight = Double.NEGATIVE_INFINITY;
                    }
                    logQ[k] = forcedLogQ[0] > Double.NEGATIVE_INFINITY && logWeight > Double.NEGATIVE_INFINITY
                            ? forcedLogQ[0] : Double.NEGATIVE_INFINITY;
                    logW[k] = logQ[k] == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : logWeight - logQ[k];
                }
                int r = LightGuideTails.varianceRisesThrough(distances, logQ, logW);
                if (r >= 0) {
                    probed++;
                    rising += r;
                }
            }
        }
        if (probed == 0 || 2 * rising <= probed) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the guide's proposals at %s and %s are too light together, "
                + "along a combination of the %d guided real sites read: the call's first runs, weighted, spread %.2f "
                + "times as far along it as the proposal does (in variance; past 2, normal tails make the weights' "
                + "variance infinite), and with the sites forced along it, %d of %d probes' weights grow at least as "
                + "fast as the proposal density falls (weight^2 x density x distance rose at every step, or stopped "
                + "falling), so the weights' variance is infinite and Pareto k-hat, read from runs that seldom go "
                + "there, can miss it: standard errors and self-normalised estimates are not to be trusted (the lower "
                + "bounds stay valid). %s", sites.get(c.first()),
                sites.get(c.second()), sites.size(), c.ratio(), rising, probed, remedy(c, sites)));
    }

    /** What to do: follow the correlation, where the proposal does not; else widen it along the combination. */
    private static String remedy(Candidate c, List<Address> sites) {
        Address a = sites.get(c.first());
        Address b = sites.get(c.second());
        if (c.proposed() * c.correlation() < 0 && Math.abs(c.proposed()) >= FOLLOWS) {
            return String.format(Locale.ROOT, "The proposal correlates them the other way (%.2f between %s and %s in "
                    + "its runs, %.2f in the weighted runs): a proposal correlated as the weighted runs are "
                    + "(GuideFamily.structured(), a MultivariateNormal), or more width (Guide.defensive), helps",
                    c.proposed(), a, b, c.correlation());
        }
        if (Math.abs(c.proposed()) < FOLLOWS) {
            return String.format(Locale.ROOT, "A guide that proposes these sites independently cannot follow their "
                    + "posterior correlation (%.2f between %s and %s in the weighted runs, %.2f in the proposal's): "
                    + "GuideFamily.structured(), a MultivariateNormal proposal, or more width (Guide.defensive) helps",
                    c.correlation(), a, b, c.proposed());
        }
        return String.format(Locale.ROOT, "The proposal already correlates them (%.2f between %s and %s in its "
                + "runs, %.2f in the weighted runs) but is too narrow along that combination: a search that stopped "
                + "before its minimum (give it a larger budget), a proposal wider there or correlated as the weighted "
                + "runs are, or more width (Guide.defensive) helps", c.proposed(), a, b, c.correlation());
    }
}
