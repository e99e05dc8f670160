package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.inference.NeverProposedValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The verdict on an independence kernel whose guide gives a value of a finite discrete choice probability 0, though
 * the prior gives it mass, where no draw of any chain holds that value: no other kernel moved the choice there, so the
 * chains leave out whatever posterior mass the value has, and nothing in their draws can show it (an adversarial
 * tester: a guide Categorical(1, 0, 1) for k of posterior (0.19, 0.43, 0.38), cycled with a random walk that moves
 * only the real mu, never visited k = 1 in 60 seeds of 60, read E[k] 1.27 to 1.41 against 1.19 and said "no problem
 * found" in 24). Found once, from {@value #RUNS} runs of each guide.
 */
final class NeverProposedByGuide<T> {

    /** The runs of each independence guide that look for values it never proposes. */
    static final int RUNS = 200;

    private final Model<T> model;
    private final Kernel kernel;
    private final long seed;
    private List<NeverProposedValues.Value> found;

    NeverProposedByGuide(Model<T> model, Kernel kernel, long seed) {
        this.model = model;
        this.kernel = kernel;
        this.seed = seed;
    }

    /**
     * The verdict on the first value an independence kernel's guide never proposes and no chain holds in its draws
     * ({@code draws}: a recorded name's draws by chain, null where the name was not recorded); empty if none.
     */
    synchronized Optional<String> verdict(Function<String, double[][]> draws) {
        if (found == null) {
            found = new ArrayList<>();
            for (Guide g : kernel.guides()) {
                found.addAll(NeverProposedValues.of(Execution.of(model).guide(g), seed, RUNS));
            }
        }
        for (NeverProposedValues.Value v : found) {
            String name = v.address().toString();
            double[][] d = draws.apply(name);
            if (d != null && !holds(d, v.value())) {
                return Optional.of(String.format(Locale.ROOT, "the independence kernel's guide never proposes %s = %s "
                        + "(probability 0 in %d of its runs, where the prior gives it %.3g), and no draw of any chain "
                        + "holds it: no other kernel moved %s there, so the chains leave out whatever posterior mass "
                        + "that value has, and neither their mcse nor their r_hat can show it; cycle the independence "
                        + "kernel with one that moves %s (Kernels.gibbs() for a finite choice), or mix the prior into "
                        + "the guide (Guide.defensive(0.2, guide))", name, v.shown(), RUNS, v.prior(), name, name));
            }
        }
        return Optional.empty();
    }

    private static boolean holds(double[][] draws, double value) {
        for (double[] chain : draws) {
            for (double x : chain) {
                if (x == value) {
                    return true;
                }
            }
        }
        return false;
    }
}
