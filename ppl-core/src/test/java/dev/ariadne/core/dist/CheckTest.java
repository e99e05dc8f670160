package dev.ariadne.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The validation helpers for distribution authors (issue "Architecture", item 3): what each accepts, what it
 * returns (the argument, or a copy for arrays), and the exact message of each rejection.
 */
class CheckTest {

    private static final String D = "Mine";

    private static void rejects(Runnable check, String message) {
        assertThatThrownBy(check::run).isExactlyInstanceOf(ParameterException.class).hasMessage(message);
    }

    @Test
    void scalarsAndRanges() {
        assertThat(Check.atLeast(D, "s", 3, 2)).isEqualTo(3);
        rejects(() -> Check.atLeast(D, "s", 1, 2), "Mine: s must be finite and >= 2.0, got 1.0");
        rejects(() -> Check.atLeast(D, "s", Double.POSITIVE_INFINITY, 2),
                "Mine: s must be finite and >= 2.0, got Infinity");
        assertThat(Check.inRange(D, "q", 0.5, 0, 1)).isEqualTo(0.5);
        rejects(() -> Check.inRange(D, "q", Double.NaN, 0, 1), "Mine: q must be in [0.0, 1.0], got NaN");
        assertThat(Check.inRange(D, "k", 3, 1, 6)).isEqualTo(3);
        rejects(() -> Check.inRange(D, "k", 7, 1, 6), "Mine: k must be in 1..6, got 7");
    }

    @Test
    void arraysAreCheckedEntryByEntryAndCopied() {
        double[] a = {1, 2};
        double[] copy = Check.finite(D, "a", a, 1);
        assertThat(copy).containsExactly(1, 2).isNotSameAs(a);
        rejects(() -> Check.finite(D, "a", new double[] {1, Double.NaN}, 1), "Mine: a[1] must be finite, got NaN");
        rejects(() -> Check.finite(D, "a", null, 1), "Mine: a must be a non-null array, got null");
        rejects(() -> Check.finite(D, "a", new double[0], 1), "Mine: a.length must be >= 1, got 0");
        assertThat(Check.positive(D, "c", new double[] {0.5, 3}, 2)).containsExactly(0.5, 3);
        rejects(() -> Check.positive(D, "c", new double[] {0.5, 0}, 2), "Mine: c[1] must be finite and > 0, got 0.0");
        assertThat(Check.nonNegative(D, "w", new double[] {0, 3}, 1)).containsExactly(0, 3);
        rejects(() -> Check.nonNegative(D, "w", new double[] {-1}, 1), "Mine: w[0] must be finite and >= 0, got -1.0");
        assertThat(Check.sameLength(D, "sd", a, "mean", 2)).isSameAs(a);
        rejects(() -> Check.sameLength(D, "sd", a, "mean", 3), "Mine: sd.length must be mean.length (3), got 2");
    }

    @Test
    void probabilityVectors() {
        assertThat(Check.probabilities(D, "p", new double[] {0.2, 0.3, 0.5})).containsExactly(0.2, 0.3, 0.5);
        rejects(() -> Check.probabilities(D, "p", new double[] {0.2, 0.3, 0.6}),
                "Mine: p must be a probability vector (sum 1), got sum 1.1");
        rejects(() -> Check.probabilities(D, "p", new double[] {1.5, -0.5}), "Mine: p[0] must be in [0, 1], got 1.5");
    }

    @Test
    void covarianceMatrices() {
        double[][] m = {{4, 1}, {1 + 1e-15, 2}};
        double[][] c = Check.covariance(D, "cov", m);
        assertThat(c[1][0]).isEqualTo(c[0][1]);
        assertThat(c).isNotSameAs(m);
        double[][] l = Check.cholesky(D, "cov", new double[][] {{4, 2}, {2, 5}});
        assertThat(l[0]).containsExactly(2);
        assertThat(l[1]).containsExactly(1, 2);
        rejects(() -> Check.covariance(D, "cov", new double[][] {{1, 2}, {2, 1}}),
                "Mine: cov must be symmetric positive definite, got a non-positive Cholesky pivot -3.0 at row 1 of [[1.0, 2.0], [2.0, 1.0]]");
        rejects(() -> Check.covariance(D, "cov", new double[][] {{1, 0.5}, {0.4, 1}}),
                "Mine: cov must be symmetric positive definite, got cov[1][0] = 0.4 but cov[0][1] = 0.5");
        rejects(() -> Check.covariance(D, "cov", new double[][] {{1, 0}, {0}}),
                "Mine: cov must be a 2x2 matrix, got row 1 of length 1");
        rejects(() -> Check.covariance(D, "cov", new double[][] {{Double.NaN}}),
                "Mine: cov must be finite, got cov[0][0] = NaN");
        rejects(() -> Check.squareMatrix(D, "cov", new double[0][]),
                "Mine: cov must be a square matrix of at least one row, got 0 rows");
    }
}
