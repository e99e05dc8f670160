package dev.ariadne.inference.mcmc;

/**
 * The autocovariance of a series at every lag, by the fast Fourier transform: acov[t] = (1/n) sum over i < n - t
 * of (x_i - mean)(x_(i+t) - mean), the biased estimator ArviZ and Stan use for the effective sample size. The
 * series is zero-padded to a power of two at least 2n, so the circular correlation the transform computes equals
 * the linear one. O(n log n) in time; two arrays of that length.
 */
final class Autocovariance {

    private Autocovariance() {
    }

    /** The autocovariances of {@code x} at lags 0..n-1. */
    static double[] of(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        int m = Integer.highestOneBit(Math.max(1, 2 * n - 1)) << 1;
        double[] re = new double[m];
        double[] im = new double[m];
        for (int i = 0; i < n; i++) {
            re[i] = x[i] - mean;
        }
        fft(re, im, false);
        for (int k = 0; k < m; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
            im[k] = 0;
        }
        fft(re, im, true);
        double[] acov = new double[n];
        for (int t = 0; t < n; t++) {
            acov[t] = re[t] / m / n;
        }
        return acov;
    }

    /**
     * The in-place iterative radix-2 transform of (re, im), whose length is a power of two; the inverse omits the
     * 1/m factor.
     */
    static void fft(double[] re, double[] im, boolean inverse) {
        int m = re.length;
        for (int i = 1, j = 0; i < m; i++) {
            int bit = m >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= m; len <<= 1) {
            double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(angle);
            double wi = Math.sin(angle);
            int half = len >> 1;
            for (int start = 0; start < m; start += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < half; k++) {
                    int a = start + k;
                    int b = a + half;
                    double br = re[b] * cr - im[b] * ci;
                    double bi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                    double nr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = nr;
                }
            }
        }
    }
}
