package dev.ariadne.bench;

/**
 * {@code java -cp ... dev.ariadne.bench.BenchMain [--model NAME] [--executions N] [--threads K] [--repeats R]
 * [--no-handwritten] [--cpu] [--after-check] [--scaling]}: prints the benchmark lines of {@link BenchCommand}, or with
 * {@code --scaling} its paired measurement of how k threads scale against one.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Runs the harness with command-line options. */
    public static void main(String[] args) {
        try {
            BenchCommand.main(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
