package dev.ariadne.inference.smc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.suite.Budget;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Simulation-based calibration (Talts et al. 2018) of the SMC posterior on the linear-Gaussian state-space model
 * (5 steps) with the locally optimal proposal as a step guide: per replicate, the states and observations are drawn
 * from the model, one sweep of 500 particles resampled at every step keeps its history, and L = 99 draws are resampled from (a) the final
 * particles, for x_4, (b) the smoothing approximation by the genealogy, for x_0, and (c) whole paths by the
 * genealogy, for x_4 - x_0. The rank of the true value among the draws must be uniform on 0..99: chi-square over 20
 * bins at 1e-6. SBC cannot see a posterior that conditions on less data (draws of x_0 given y_0 alone are
 * calibrated too), so the path statistic is what tests the genealogy: it is calibrated only if x_0 and x_4 come
 * from one lineage. Tests of the test, on the same replicates: a filter that draws from the proposal but forgets the
 * weight correction p/q, and a smoother that pairs each final particle with the first-step particle of the same
 * index instead of its ancestor, must give p below 1e-12. R = 2000 replicates in the default suite, 10,000 in the
 * statistical profile.
 */
class SmcCalibrationTest {

    static final int STEPS = 5;
    static final int PARTICLES = 500;
    static final int DRAWS = 99;
    static final int BINS = 20;

    /** The optimal proposal drawn by hand from the particle's stream, with no weight correction: a wrong filter. */
    static StateSpaceSmc<Double, Double> uncorrected(List<Double> ys) {
        double r = Math.sqrt(SmcModels.R);
        return Smc.realStateSpace((Particle p, Double y) -> {
            double x = optimalDraw(p, 0, SmcModels.P0, y);
            p.observe(new Normal(x, r), y);
            return x;
        }, (p, prev, t, y) -> {
            double x = optimalDraw(p, SmcModels.A * prev, SmcModels.Q, y);
            p.observe(new Normal(x, r), y);
            return x;
        }, ys);
    }

    private static double optimalDraw(Particle p, double m, double v, double y) {
        double post = 1 / (1 / v + 1 / SmcModels.R);
        return post * (m / v + y / SmcModels.R) + Math.sqrt(post) * p.rng().standardNormal();
    }

    /**
     * {p-value for x_(T-1) from the final particles, for x_0 by the genealogy, for x_(T-1) - x_0 along paths, for the
     * unpaired mutant, for the uncorrected mutant}.
     */
    static double[] calibrate(int replicates, long seed) {
        long[][] counts = new long[5][BINS];
        for (int rep = 0; rep < replicates; rep++) {
            Rng rng = Rng.forRun(seed, rep);
            double[][] xy = SmcModels.simulateLinearGaussian(STEPS, rng);
            List<Double> ys = SmcModels.boxed(xy[1]);
            SmcResult<Double> res = SmcModels.linearGaussian(ys).guide(SmcModels.LINEAR_GAUSSIAN_OPTIMAL)
                    .particles(PARTICLES).resampleEveryStep().sweeps(1).seed(seed + rep).keepHistory(1).run();
            FilterHistory<Double> h = res.sweep(0).history().orElseThrow();
            counts[0][bin(rank(res.posterior().draws(DRAWS, rng), xy[0][STEPS - 1]))]++;
            counts[1][bin(rank(h.smoothing(0).draws(DRAWS, rng), xy[0][0]))]++;
            double truth = xy[0][STEPS - 1] - xy[0][0];
            WeightedParticles<Double> last = h.filtering(STEPS - 1);
            WeightedParticles<Double> first = h.filtering(0);
            int[] lineage = h.lineageAt(0);
            int[] picks = indices(last, rng);
            List<Double> paths = new java.util.ArrayList<>();
            List<Double> unpaired = new java.util.ArrayList<>();
            for (int i : picks) {
                List<Double> path = h.path(i);
                assertThat(path.get(0)).isEqualTo(first.real(lineage[i]));
                paths.add(path.get(STEPS - 1) - path.get(0));
                unpaired.add(last.real(i) - first.real(i));
            }
            counts[2][bin(rank(paths, truth))]++;
            counts[3][bin(rank(unpaired, truth))]++;
            SmcResult<Double> bad = uncorrected(ys).particles(PARTICLES).resampleEveryStep().sweeps(1).seed(seed + rep)
                    .run();
            counts[4][bin(rank(bad.posterior().draws(DRAWS, rng), xy[0][STEPS - 1]))]++;
        }
        double[] p = new double[5];
        for (int k = 0; k < 5; k++) {
            p[k] = Budget.uniformChiSquarePValue(counts[k]);
        }
        System.out.printf("SBC (R = %d): final state p = %.3g, x_0 by genealogy p = %.3g, x_4 - x_0 along paths p = "
                + "%.3g; mutants: unpaired lineage p = %.3g, uncorrected proposal p = %.3g%n", replicates, p[0], p[1],
                p[2], p[3], p[4]);
        return p;
    }

    /** {@link #DRAWS} particle indices drawn by their weights. */
    private static int[] indices(WeightedParticles<Double> w, Rng rng) {
        double[] cum = new double[w.size()];
        double s = 0;
        for (int i = 0; i < cum.length; i++) {
            s += w.weight(i);
            cum[i] = s;
        }
        int[] out = new int[DRAWS];
        for (int d = 0; d < DRAWS; d++) {
            double u = rng.nextDouble() * s;
            int j = 0;
            while (j < cum.length - 1 && cum[j] <= u) {
                j++;
            }
            out[d] = j;
        }
        return out;
    }

    private static int rank(List<Double> draws, double truth) {
        int r = 0;
        for (double d : draws) {
            r += d < truth ? 1 : 0;
        }
        return r;
    }

    private static int bin(int rank) {
        return rank * BINS / (DRAWS + 1);
    }

    static void check(double[] p) {
        assertThat(p[0]).as("final state calibrated").isGreaterThanOrEqualTo(Budget.ALPHA);
        assertThat(p[1]).as("x_0 by the genealogy calibrated").isGreaterThanOrEqualTo(Budget.ALPHA);
        assertThat(p[2]).as("x_4 - x_0 along the genealogy calibrated").isGreaterThanOrEqualTo(Budget.ALPHA);
        assertThat(p[3]).as("mutant: final particles paired with first-step particles of the same index")
                .isLessThan(1e-12);
        assertThat(p[4]).as("mutant: proposal without its weight correction").isLessThan(1e-12);
    }

    @Test
    void posteriorAndSmoothingAreCalibrated() {
        check(calibrate(2000, 5150));
    }

    @Test
    @Tag("statistical")
    void calibratedAtTenThousandReplicates() {
        check(calibrate(10_000, 5151));
    }
}
