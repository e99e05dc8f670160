package dev.ariadne.bench;

/**
 * The hand-written baselines' accumulator: a streaming log-sum-exp of log weights (one exp per run, no
 * allocation), mergeable across threads.
 */
final class LogMeanExp {
    long n;
    double max = Double.NEGATIVE_INFINITY;
    double sum;

    void add(double l) {
        n++;
        if (l == Double.NEGATIVE_INFINITY) {
            return;
        }
        if (l > max) {
            sum = sum * Math.exp(max - l) + 1;
            max = l;
        } else {
            sum += Math.exp(l - max);
        }
    }

    void merge(LogMeanExp o) {
        n += o.n;
        if (o.max == Double.NEGATIVE_INFINITY) {
            return;
        }
        if (o.max > max) {
            sum = sum * Math.exp(max - o.max) + o.sum;
            max = o.max;
        } else {
            sum += o.sum * Math.exp(o.max - max);
        }
    }

    /** log(sum w): the log-sum-exp of the log weights added. */
    double logSum() {
        return max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : max + Math.log(sum);
    }

    /** log((1/n) sum w). */
    double logMean() {
        return max == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : max + Math.log(sum) - Math.log(n);
    }
}
