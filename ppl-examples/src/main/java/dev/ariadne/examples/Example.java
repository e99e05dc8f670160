package dev.ariadne.examples;

/**
 * One example of the tour: a model, the inference that answers its question, a readable table, the exact answer
 * where known and the one line to notice. Each example is also a main class.
 */
public abstract class Example {

    /** The name used on the command line, such as {@code two-coins}. */
    public abstract String name();

    /** A one-line title. */
    public abstract String title();

    /** Runs the example, writing to the notebook. */
    public abstract void run(Notebook nb);

    /** Runs this example from a main method, with the runner's options. */
    protected static void main(Example example, String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = example.name();
        System.arraycopy(args, 0, all, 2, args.length);
        System.exit(Main.execute(all, System.out, System.err));
    }
}
