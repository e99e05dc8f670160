package dev.ariadne.examples;

import dev.ariadne.search.AtomicFile;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The tour's pictures, drawn with XChart and written headless as PNG files, each atomically. */
public final class Plots {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Plots() {
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    /** Writes the chart as a PNG, atomically: a failure never leaves a truncated file behind. */
    private static void save(XYChart c, Path file) {
        try {
            AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            // the message names the file already, with why
            throw new UncheckedIOException("the plot " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A histogram of posterior draws (normalised to a density) against the exact posterior density, if known.
     *
     * @param density the exact density, or null
     */
    public static void histogram(Path file, String title, String x, List<Double> draws, double lo, double hi,
                                 int bins, DoubleUnaryOperator density) {
        double width = (hi - lo) / bins;
        double[] counts = new double[bins];
        int inside = 0;
        for (double d : draws) {
            int b = (int) Math.floor((d - lo) / width);
            if (b >= 0 && b < bins) {
                counts[b]++;
                inside++;
            }
        }
        double[] xs = new double[2 * bins];
        double[] ys = new double[2 * bins];
        for (int b = 0; b < bins; b++) {
            double h = draws.isEmpty() ? 0 : counts[b] / (draws.size() * width);
            xs[2 * b] = lo + b * width;
            xs[2 * b + 1] = lo + (b + 1) * width;
            ys[2 * b] = h;
            ys[2 * b + 1] = h;
        }
        XYChart c = chart(title, x, "density");
        XYSeries hist = c.addSeries("posterior draws (" + inside + ")", xs, ys);
        hist.setMarker(SeriesMarkers.NONE);
        hist.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        if (density != null) {
            int n = 200;
            double[] dx = new double[n];
            double[] dy = new double[n];
            for (int i = 0; i < n; i++) {
                dx[i] = lo + (hi - lo) * i / (n - 1);
                dy[i] = density.applyAsDouble(dx[i]);
            }
            XYSeries exact = c.addSeries("exact posterior", dx, dy);
            exact.setMarker(SeriesMarkers.NONE);
            exact.setLineColor(Color.BLACK);
        }
        save(c, file);
    }

    /** A line with error bars (for example the free energy against the search step), with a reference line. */
    public static void withErrorBars(Path file, String title, String x, String y, double[] xs, double[] ys,
                                     double[] errors, double reference, String referenceLabel) {
        XYChart c = chart(title, x, y);
        XYSeries s = c.addSeries(y, xs, ys, errors);
        s.setMarker(SeriesMarkers.CIRCLE);
        if (!Double.isNaN(reference) && xs.length > 0) {
            XYSeries r = c.addSeries(referenceLabel, new double[] {xs[0], xs[xs.length - 1]},
                    new double[] {reference, reference});
            r.setMarker(SeriesMarkers.NONE);
            r.setLineColor(Color.BLACK);
        }
        save(c, file);
    }

    /**
     * A quantity at each time step: the exact values as a line, an estimate as points with error bars (for example
     * filtered state probabilities against the forward algorithm).
     */
    public static void overTime(Path file, String title, String y, double[] exact, double[] estimate, double[] errors,
                                String estimateLabel) {
        XYChart c = chart(title, "step t", y);
        double[] t = new double[exact.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        XYSeries e = c.addSeries("exact", t, exact);
        e.setMarker(SeriesMarkers.NONE);
        e.setLineColor(Color.BLACK);
        XYSeries s = c.addSeries(estimateLabel, t, estimate, errors);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        save(c, file);
    }

    /**
     * The anytime lower bound on log P(e), each holding with probability {@code confidence}, and the estimate log Z-hat
     * against the number of runs, with the truth.
     */
    public static void boundVersusRuns(Path file, String title, double[] runs, double[] logBound, double[] logZHat,
                                       double exact, double confidence) {
        XYChart c = chart(title, "runs", "log P(e)");
        c.getStyler().setXAxisLogarithmic(true);
        XYSeries b = c.addSeries(String.format(java.util.Locale.ROOT, "certified lower bound (%.4g%%)",
                100 * confidence), runs, logBound);
        b.setMarker(SeriesMarkers.CIRCLE);
        XYSeries z = c.addSeries("log Z-hat", runs, logZHat);
        z.setMarker(SeriesMarkers.DIAMOND);
        if (!Double.isNaN(exact)) {
            XYSeries t = c.addSeries("exact log P(e)", new double[] {runs[0], runs[runs.length - 1]},
                    new double[] {exact, exact});
            t.setMarker(SeriesMarkers.NONE);
            t.setLineColor(Color.BLACK);
        }
        save(c, file);
    }

    /** A scatter plot of draws (for example slope against intercept). */
    public static void scatter(Path file, String title, String x, String y, String[] labels, double[][] xs,
                               double[][] ys) {
        XYChart c = chart(title, x, y);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(4);
        for (int i = 0; i < labels.length; i++) {
            c.addSeries(labels[i], xs[i], ys[i]);
        }
        save(c, file);
    }

    /** Bars of probabilities per category (as a step chart), for two sources side by side. */
    public static void bars(Path file, String title, String x, String[] labels, double[] categories,
                            double[][] probabilities) {
        XYChart c = chart(title, x, "probability");
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(9);
        for (int i = 0; i < labels.length; i++) {
            c.addSeries(labels[i], categories, probabilities[i]);
        }
        save(c, file);
    }

    /**
     * Trace plots: each chain's draws of one quantity against the draw number, one line per chain, with a
     * reference line (the exact posterior mean, say). Chains that have mixed overlap as one band; a chain stuck
     * apart from the others shows as a line of its own. At most {@code maxPoints} points per chain are drawn
     * (evenly thinned).
     */
    public static void traces(Path file, String title, String y, double[][] chains, int maxPoints, double reference,
                              String referenceLabel) {
        XYChart c = chart(title, "draw", y);
        int n = chains[0].length;
        int stride = Math.max(1, (n + maxPoints - 1) / maxPoints);
        for (int k = 0; k < chains.length; k++) {
            int points = (n + stride - 1) / stride;
            double[] xs = new double[points];
            double[] ys = new double[points];
            for (int i = 0; i < points; i++) {
                xs[i] = (double) i * stride;
                ys[i] = chains[k][i * stride];
            }
            XYSeries s = c.addSeries("chain " + k, xs, ys);
            s.setMarker(SeriesMarkers.NONE);
        }
        if (!Double.isNaN(reference)) {
            XYSeries r = c.addSeries(referenceLabel, new double[] {0, n - 1}, new double[] {reference, reference});
            r.setMarker(SeriesMarkers.NONE);
            r.setLineColor(Color.BLACK);
        }
        save(c, file);
    }
}
