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
 * unconstrained space of its support), and the number of latent sites a sweep of the kernel counts. A pilot sweep
 * chooses them ({@link AnnealedSmc#pilot()}); the sweeps that certify then use them unchanged, so that nothing in a
 * certifying sweep is chosen from its own particles. Immutable.
 *
 * <p><b>Why a sweep's length is the same for every particle.</b> Each kernel step leaves the tempered target
 * invariant, and so does any fixed number of them. A number that depends on the particle's own state does not: in a
 * model that makes a choice in only some runs, a particle with more latent sites would take more steps than one
 * with fewer, and the moves would shift the mass between the two kinds of run. So every particle at beta_j takes
 * {@code moves x} {@link #latentSites(int)} steps, whatever its own trace.
 */
public final class Schedule implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double[] betas;
    private final List<Map<String, Double>> steps;
    /** Per temperature, the latent sites a sweep of the kernel counts; null until measured (a fixed schedule). */
    private final int[] sites;
    /**
     * The inverse temperature at which the pilot that chose this schedule had every particle at weight 0 (0 where
     * none of its starting runs met the evidence), after which the schedule steps straight to 1; NaN if the pilot
     * reached 1.
     */
    private final double pilotDiedAt;

    Schedule(double[] betas, List<Map<String, Double>> steps, int[] sites) {
        this(betas, steps, sites, Double.NaN);
    }

    Schedule(double[] betas, List<Map<String, Double>> steps, int[] sites, double pilotDiedAt) {
        this.pilotDiedAt = pilotDiedAt;
        if (sites != null) {
            if (sites.length != betas.length) {
                throw new IllegalArgumentException("internal: " + sites.length + " site counts for " + betas.length
                        + " temperatures");
            }
            for (int n : sites) {
                if (n < 1) {
                    throw new IllegalArgumentException("internal: a sweep must count at least one site, got " + n);
                }
            }
        }
        this.sites = sites == null ? null : sites.clone();
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
        return new Schedule(betas, none, null);
    }

    /** Whether this schedule says how many latent sites a sweep counts ({@link #fixed} does not until it is run). */
    boolean hasLatentSites() {
        return sites != null;
    }

    /** This schedule with a sweep counting {@code n} latent sites at every temperature. */
    Schedule withLatentSites(int n) {
        int[] each = new int[betas.length];
        Arrays.fill(each, n);
        return new Schedule(betas, steps, each, pilotDiedAt);
    }

    /**
     * Whether the pilot sweep that chose this schedule died out (every particle at weight 0) before beta = 1: its
     * schedule then steps from where it died straight to 1, a step whose reweighting a certifying sweep survives only
     * if some of its particles meet the evidence. Such a schedule is still fixed before the certifying sweeps, so
     * their estimates stay unbiased; more particles, or a guide for the start, give the pilot a better chance.
     */
    public boolean pilotDiedOut() {
        return pilotDiedAt == pilotDiedAt;
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
        return betas[index(j)];
    }

    /** The array index of temperature j, j from 1 to J, or an exception that names the range. */
    private int index(int j) {
        if (j < 1 || j > betas.length) {
            throw new IndexOutOfBoundsException(String.format(Locale.ROOT, "temperature j must be from 1 to %d (the "
                    + "schedule's J, counted from 1 as beta_1 .. beta_J), got %d", betas.length, j));
        }
        return j - 1;
    }

    /**
     * The number of latent sites a sweep of the kernel counts at beta_j, j from 1 to J: the pilot's mean over its
     * particles at that temperature, rounded up (for a schedule made by {@link #fixed}, the mean over starting runs,
     * measured when it is run). Every particle takes {@code moves} times this many kernel steps at beta_j.
     *
     * @throws IllegalStateException for a schedule made by {@link #fixed} that has not been run
     */
    public int latentSites(int j) {
        int i = index(j);
        if (sites == null) {
            throw new IllegalStateException("a fixed schedule's sweep length is measured when annealed SMC runs it");
        }
        return sites[i];
    }

    /** The random-walk steps of the moves at beta_j, by printed address (empty: the kernel's default). */
    public Map<String, Double> steps(int j) {
        return steps.get(index(j));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(betas.length + " temperatures:");
        for (double b : betas) {
            sb.append(String.format(Locale.ROOT, " %.4g", b));
        }
        if (pilotDiedOut()) {
            sb.append(String.format(Locale.ROOT, " (the pilot sweep died out at beta = %.4g, every particle at weight "
                    + "0%s, and the schedule steps from there straight to 1)", pilotDiedAt,
                    pilotDiedAt == 0 ? " from its start: no starting run met the evidence" : ""));
        }
        return sb.toString();
    }
}
