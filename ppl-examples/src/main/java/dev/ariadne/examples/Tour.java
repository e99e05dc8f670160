package dev.ariadne.examples;

import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.stats.Bound;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/** Small pieces several examples share. */
final class Tour {

    private Tour() {
    }

    /**
     * Plots the anytime lower bound on log P(e) (betting, at confidence 1 - delta) and log Z-hat against the number of runs, for
     * prefixes of the same runs: {@code resultFor(m)} must run the first m runs with a batch size fixed for the
     * largest m, so every point is the same confidence sequence read at a different time.
     */
    static void anytimePlot(Notebook nb, String file, String title, long maxRuns, double exactLogZ, double delta,
                            LongFunction<ImportanceResult<?>> resultFor) {
        List<double[]> points = new ArrayList<>();
        long fewest = Math.max(1000, maxRuns / 256);
        for (long m = fewest; m <= maxRuns; m *= 2) {
            ImportanceResult<?> r = resultFor.apply(m);
            if (r.acceptedRuns() == 0) {
                continue;
            }
            Bound b = r.lowerBound(delta);
            if (b.logValue() > Double.NEGATIVE_INFINITY) {
                points.add(new double[] {m, b.logValue(), r.logEvidence().value()});
            }
        }
        if (points.size() < 2) {
            nb.plotSkipped(file, String.format(java.util.Locale.ROOT, "it needs the bound at two run counts or "
                    + "more, doubling from %,d up to the %,d runs asked, and had %d", fewest, maxRuns, points.size()));
            return;
        }
        double[] runs = new double[points.size()];
        double[] bounds = new double[points.size()];
        double[] zs = new double[points.size()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = points.get(i)[0];
            bounds[i] = points.get(i)[1];
            zs[i] = points.get(i)[2];
        }
        nb.plot(file, png -> Plots.boundVersusRuns(png, title, runs, bounds, zs, exactLogZ, 1 - delta));
    }

    /** The batch size that keeps 4096 batches at the largest run count. */
    static int batchFor(long maxRuns) {
        return (int) Math.max(1, maxRuns / 4096);
    }

    /** P(e) and its standard error from log Z-hat (delta method). */
    static double[] evidence(ImportanceResult<?> r) {
        double z = Math.exp(r.logEvidence().value());
        return new double[] {z, z * r.logEvidence().standardError()};
    }
}
