package dev.ariadne.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ariadne.core.Rng;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The convergence diagnostics against ArviZ and against what they estimate.
 *
 * <ul>
 *   <li>Against ArviZ 0.23.4: {@code az.summary(x, round_to="none")} of five fixed arrays stored with the test (an
 *       AR(1) sample, an odd-length one with one chain shifted, integer draws with many ties, heavy-tailed
 *       Student-t(2) draws, a single chain), every column to 1e-8 relative. R-hat of a single chain is ArviZ's NaN
 *       and our split-halves value, so it is checked only for being finite there.</li>
 *   <li>Not tautological: the ESS of AR(1) chains must approach n (1 - rho) / (1 + rho), the exact effective
 *       sample size of the mean of a stationary AR(1) process (its integrated autocorrelation time is
 *       (1 + rho) / (1 - rho)); over 20 independent sets of 4 chains of 20,000 draws, the mean of ESS / exact
 *       within t(19, 1 - 5e-7) = 7.07 standard errors of 1 (false failure ~1e-6 each, 4 checks), with a 2% allowance
 *       for the estimator's truncation bias, stated before the run. Test of the test: the plain n (what an ESS that
 *       ignores autocorrelation would give) fails it by orders of magnitude.</li>
 *   <li>R-hat flags chains whose means are shifted by a known amount: with one of 4 chains of independent N(0, 1)
 *       draws shifted by delta, the plain split R-hat squared is 1 - 2/n + var(half-chain means) whose expectation
 *       is 1.5 delta^2 / 7 + 2/n; checked within 5 sd of its noise (computed below), and the rank-normalised R-hat
 *       is >= 1.01 for delta >= 0.5 and below 1.01 for delta = 0, where P(R >= 1.01) is about 1e-12.</li>
 * </ul>
 */
class ConvergenceTest {

    private static final double T_19 = 7.07;

    /** An indicator stuck at 0 in two chains and at 1 in two: the chains disagree entirely, and R-hat is infinite. */
    @Test
    void chainsStuckAtDifferentValuesHaveAnInfiniteRHat() {
        double[][] stuck = new double[4][1000];
        for (int c = 2; c < 4; c++) {
            java.util.Arrays.fill(stuck[c], 1.0);
        }
        assertThat(Convergence.rHat(stuck)).isInfinite();
        double[][] agreeing = new double[4][1000];
        assertThat(Convergence.rHat(agreeing)).isEqualTo(1.0);
    }

    @Test
    void matchesArviZSummaryOnStoredArrays() throws IOException {
        List<Object[]> cases = readReference();
        assertThat(cases).hasSize(5);
        for (Object[] c : cases) {
            String name = (String) c[0];
            double[] expect = (double[]) c[1];
            double[][] x = (double[][]) c[2];
            double[] hdi = Convergence.hdi(x, 0.94);
            double[] got = {Convergence.mean(x), Convergence.sd(x), hdi[0], hdi[1], Convergence.mcseMean(x),
                    Convergence.mcseSd(x), Convergence.essBulk(x), Convergence.essTail(x), Convergence.rHat(x)};
            String[] columns = Summary.COLUMNS.toArray(new String[0]);
            for (int k = 0; k < got.length; k++) {
                if (Double.isNaN(expect[k])) {
                    assertThat(got[k]).as("%s %s (ArviZ: NaN for one chain)", name, columns[k]).isFinite();
                    continue;
                }
                assertThat(got[k]).as("%s %s", name, columns[k])
                        .isCloseTo(expect[k], within(1e-8 * Math.max(1, Math.abs(expect[k]))));
            }
            SummaryRow row = SummaryRow.of(name, x, 1);
            assertThat(row.essBulk()).isEqualTo(got[6]);
            assertThat(row.mcseMean()).isEqualTo(got[4]);
        }
    }

    @Test
    void fftAutocovarianceEqualsTheDirectSum() {
        Rng rng = Rng.forRun(11, 0);
        for (int n : new int[] {1, 2, 3, 7, 64, 100, 513}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.standardNormal() + (i % 3);
            }
            double mean = Arrays.stream(x).average().orElseThrow();
            double[] fast = Autocovariance.of(x);
            for (int t = 0; t < n; t++) {
                double s = 0;
                for (int i = 0; i + t < n; i++) {
                    s += (x[i] - mean) * (x[i + t] - mean);
                }
                assertThat(fast[t]).as("n %d lag %d", n, t).isCloseTo(s / n, within(1e-12));
            }
        }
    }

    @Test
    void essOfAutoregressiveChainsApproachesTheExactValue() {
        for (double rho : new double[] {0.5, 0.9}) {
            int m = 4;
            int n = 20_000;
            double exact = (double) m * n * (1 - rho) / (1 + rho);
            int sets = 20;
            double[] ratioMean = new double[sets];
            double[] ratioBulk = new double[sets];
            double[] naive = new double[sets];
            for (int r = 0; r < sets; r++) {
                double[][] x = ar1(Rng.forRun(2024, r + (rho > 0.6 ? 100 : 0)), m, n, rho, 0);
                ratioMean[r] = Convergence.essMean(x) / exact;
                ratioBulk[r] = Convergence.essBulk(x) / exact;
                naive[r] = (double) m * n / exact;
            }
            for (double[] ratios : List.of(ratioMean, ratioBulk)) {
                double mean = Arrays.stream(ratios).average().orElseThrow();
                double se = sd(ratios) / Math.sqrt(sets);
                assertThat(Math.abs(mean - 1)).as("rho %s: mean ESS / exact %s (se %s)", rho, mean, se)
                        .isLessThanOrEqualTo(T_19 * se + 0.02);
            }
            double naiveMean = Arrays.stream(naive).average().orElseThrow();
            assertThat(Math.abs(naiveMean - 1)).as("test of the test: ignoring autocorrelation")
                    .isGreaterThan(T_19 * sd(ratioMean) / Math.sqrt(sets) + 0.02);
        }
    }

    @Test
    void rHatFlagsChainsShiftedByAKnownAmount() {
        int n = 1000;
        for (double delta : new double[] {0, 0.5, 1}) {
            double[][] x = ar1(Rng.forRun(77, (long) (delta * 10)), 4, n, 0, 0);
            for (int i = 0; i < n; i++) {
                x[3][i] += delta;
            }
            // Plain split R-hat: R^2 = (n'-1)/n' + var(means)/W, n' = n/2, with 8 half-chain means of which two are
            // shifted. Under the shift, var(means) = 1.5 delta^2 / 7 + noise; the noise is 2/n times a chi-square
            // on 7 degrees of freedom (sd sqrt(14)/7 * 2/n) plus the cross term of sd 2 sqrt(1.5 delta^2 * 2/n) / 7.
            double plain = Convergence.plainRHat(Convergence.split(x));
            double expectedSquare = 1 - 2.0 / n + 1.5 * delta * delta / 7 + 2.0 / n;
            double noise = Math.sqrt(14) / 7 * 2.0 / n + 2 * Math.sqrt(1.5 * delta * delta * 2.0 / n) / 7;
            assertThat(plain * plain).as("delta %s", delta).isCloseTo(expectedSquare, within(5 * noise + 0.01 * delta
                    * delta));
            double rank = Convergence.rHat(x);
            if (delta == 0) {
                assertThat(rank).isLessThan(SummaryRow.R_HAT_LIMIT);
            } else {
                assertThat(rank).as("delta %s", delta).isGreaterThanOrEqualTo(SummaryRow.R_HAT_LIMIT);
                SummaryRow row = SummaryRow.of("x", x, 1);
                assertThat(row.verdicts(4)).anySatisfy(v -> assertThat(v).startsWith("chains disagree on x (r_hat"));
            }
        }
    }

    /**
     * An r_hat just above its limit is printed with the digits that show it is: a new user read "r_hat 1.010" for
     * 1.0101 against the limit "< 1.01" as a verdict that contradicted itself.
     */
    @Test
    void anRHatJustAboveTheLimitIsPrintedAboveIt() {
        SummaryRow near = new SummaryRow("tau", 12, 3, 7, 17, 0.1, 0.1, 2_000, 2_000, 1.0101, 1, 8_000, 3_000, SummaryRow.R_HAT_LIMIT);
        assertThat(near.verdicts(4)).containsExactly("chains disagree on tau (r_hat 1.0101, not below 1.01)");
        SummaryRow far = new SummaryRow("tau", 12, 3, 7, 17, 0.1, 0.1, 2_000, 2_000, 1.0834, 1, 8_000, 3_000, SummaryRow.R_HAT_LIMIT);
        assertThat(far.verdicts(4)).containsExactly("chains disagree on tau (r_hat 1.083, not below 1.01)");
        SummaryRow fine = new SummaryRow("tau", 12, 3, 7, 17, 0.1, 0.1, 2_000, 2_000, 1.0099, 1, 8_000, 3_000, SummaryRow.R_HAT_LIMIT);
        assertThat(fine.verdicts(4)).isEmpty();
    }

    @Test
    void edgeCasesGiveNumbersNotNaN() {
        double[][] constant = {{2, 2, 2, 2, 2}, {2, 2, 2, 2, 2}};
        assertThat(Convergence.rHat(constant)).isEqualTo(1);
        assertThat(Convergence.essBulk(constant)).as("ArviZ: the split draws' count").isEqualTo(8);
        assertThat(Convergence.mcseSd(constant)).isZero();
        double[][] stuck = {{1, 1, 1, 1}, {2, 2, 2, 2}};
        assertThat(Convergence.rHat(stuck)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> Convergence.essBulk(new double[][] {{1, 2, 3}}))
                .hasMessageContaining("at least 4 draws");
        assertThatThrownBy(() -> Convergence.mean(new double[][] {{1, 2, 3, Double.NaN}}))
                .hasMessageContaining("chain 0, draw 3 is NaN");
        assertThatThrownBy(() -> Convergence.sd(new double[][] {{1, 2, 3, 4}, {1, 2, 3, 4, 5}}))
                .hasMessageContaining("same length");
    }

    /** m chains of a stationary AR(1) process with unit marginal variance, shifted by {@code shift}. */
    static double[][] ar1(Rng rng, int m, int n, double rho, double shift) {
        double[][] x = new double[m][n];
        double innovation = Math.sqrt(1 - rho * rho);
        for (int c = 0; c < m; c++) {
            double v = rng.standardNormal();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    v = rho * v + innovation * rng.standardNormal();
                }
                x[c][i] = v + shift;
            }
        }
        return x;
    }

    private static double sd(double[] v) {
        double m = Arrays.stream(v).average().orElseThrow();
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    /** The stored cases: name, ArviZ's nine values, the draws. */
    private static List<Object[]> readReference() throws IOException {
        List<Object[]> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ConvergenceTest.class.getResourceAsStream("arviz-summary-reference.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("case ")) {
                    continue;
                }
                String[] head = line.split(" ");
                int chains = Integer.parseInt(head[2]);
                double[] expect = parse(in.readLine().substring("expect ".length()));
                double[][] x = new double[chains][];
                for (int c = 0; c < chains; c++) {
                    x[c] = parse(in.readLine());
                }
                out.add(new Object[] {head[1], expect, x});
            }
        }
        return out;
    }

    private static double[] parse(String line) {
        return Arrays.stream(line.trim().split(" ")).mapToDouble(s -> s.equals("nan") ? Double.NaN
                : Double.parseDouble(s)).toArray();
    }
}
