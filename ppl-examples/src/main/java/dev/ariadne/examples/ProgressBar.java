package dev.ariadne.examples;

import dev.ariadne.inference.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on the terminal: runs done, rate and time left. Silent when output is not a terminal
 * or when the runner writes JSON.
 */
final class ProgressBar implements ProgressListener {

    private final PrintStream out;
    private final boolean enabled;
    private final String label;
    private final String unit;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream out, boolean enabled, String label, String unit) {
        this.out = out;
        this.enabled = enabled;
        this.label = label;
        this.unit = unit;
    }

    /** Whether standard output is an interactive terminal. */
    static boolean terminal() {
        return System.console() != null;
    }

    @Override
    public void onProgress(long done, long total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - start) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        double left = (total - done) / Math.max(rate, 1e-9);
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        out.print(String.format(Locale.ROOT, "\r  %-18s [%s%s] %,d/%,d %s  %,.1f/s  %.0fs left ", label,
                "#".repeat(filled), " ".repeat(width - filled), done, total, unit, rate, left));
        if (done >= total) {
            out.print("\r" + " ".repeat(100) + "\r");
        }
        out.flush();
    }
}
