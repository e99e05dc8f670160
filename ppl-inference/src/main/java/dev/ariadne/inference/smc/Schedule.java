package dev.ariadne.inference.smc;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The frozen plan of annealed SMC: the inverse temperatures 0 < beta_1 < ... < beta_J = 1 and, for each, the fixed
 * random-walk steps of the rejuvenation moves, by the printed address of each real latent site (in the
 * unconstrained space of its support). A pilot sweep chooses them ({@link AnnealedSmc#pilot()}); the sweeps that
 * certify then use them unchanged, so that nothing in a certifying sweep is chosen from its own particles.
 * Immutable.
 */
public final class Schedule implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] betas;
    private final List<Map<String, Double>> steps;

    Schedule(double[] betas, List<Map<String, Double>> steps) {
        this.betas = betas.clone();
        List<Map<String, Double>> copy = new ArrayList<>();
        for (Map<String, Double> m : steps) {
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        }
        this.steps = Collections.unmodifiableList(copy);
    }

    /**
     * A fixed schedule of inverse temperatures, increasing to 1 (the last must be 1), with no steps of its own: the
     * rejuvenation moves then use the kernel's default fixed step.
     *
     * @throws IllegalArgumentException when the temperatures are not increasing in (0, 1] and ending at 1
     */
    public static Schedule fixed(double... betas) {
        if (betas.length == 0 || betas[betas.length - 1] != 1.0) {
            throw new IllegalArgumentException("a schedule must end at beta = 1 (the posterior), got "
                    + Arrays.toString(betas));
        }
        double last = 0;
        for (double b : betas) {
            if (!(b > last && b <= 1)) {
                throw new IllegalArgumentException("inverse temperatures must increase strictly in (0, 1], got "
                        + Arrays.toString(betas));
            }
            last = b;
        }
        List<Map<String, Double>> none = new ArrayList<>();
        for (int j = 0; j < betas.length; j++) {
            none.add(Map.of());
        }
        return new Schedule(betas, none);
    }

    /** The number of temperatures J. */
    public int size() {
        return betas.length;
    }

    /** The inverse temperatures beta_1 .. beta_J (a copy). */
    public double[] temperatures() {
        return betas.clone();
    }

    /** The inverse temperature beta_j, j from 1 to J. */
    public double temperature(int j) {
        return betas[j - 1];
    }

    /** The random-walk steps of the moves at beta_j, by printed address (empty: the kernel's default). */
    public Map<String, Double> steps(int j) {
        return steps.get(j - 1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(betas.length + " temperatures:");
        for (double b : betas) {
            sb.append(String.format(Locale.ROOT, " %.4g", b));
        }
        return sb.toString();
    }
}
