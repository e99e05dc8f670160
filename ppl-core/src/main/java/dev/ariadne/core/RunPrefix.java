package dev.ariadne.core;

import dev.ariadne.core.dist.ValueKind;
import java.util.Arrays;

/**
 * The first sites of a run, kept so that the run can be made again and continued: the values of its latent sites in
 * the order the run reached them, and how many sites (latent or not) there are. {@link Runner#continueRun} makes the
 * run again from its start, gives each latent site inside the prefix its recorded value (neither drawn nor scored: a
 * point mass, with log p and log q of 0), draws fresh values after the prefix, and stops the run at the first latent
 * site after an evidence site past the prefix; the prefix then grows to that site. This is how generic sequential
 * Monte Carlo moves a particle of any model from one evidence site to the next: Java has no continuations, so a run
 * is paused by stopping it and resumed by making it again, which costs the k sites before it at step k.
 *
 * <p>Mutable and reused: one per particle. A resampled particle takes a copy of its ancestor's prefix
 * ({@link #copyFrom}). Vectors and objects are kept by reference: a replayed vector site gives the model a copy.
 */
public final class RunPrefix {

    private static final ValueKind[] KINDS = ValueKind.values();

    /** Per latent site, in order: 1 + the engine's kind of latent site ({@link ProbOverloads#REAL}...). */
    byte[] kinds = new byte[16];
    double[] scalars = new double[16];
    /** The vector and object values, by latent site; null until the first such site. */
    Object[] objects;
    /** The number of latent sites recorded. */
    int latents;
    /** The number of sites in the prefix, latent or not. */
    int sites;

    /** An empty prefix: continuing it makes a run from its start. */
    public RunPrefix() {
    }

    /** The number of sites in the prefix: the position of the latent site at which its run was last stopped. */
    public int sites() {
        return sites;
    }

    /** Empties the prefix, so that the next continued run starts from the beginning. */
    public void clear() {
        if (objects != null) {
            Arrays.fill(objects, 0, latents, null);
        }
        latents = 0;
        sites = 0;
    }

    /** Makes this prefix a copy of {@code other} (as a resampled particle takes its ancestor's). */
    public void copyFrom(RunPrefix other) {
        if (other == this) {
            return;
        }
        clear();
        int n = other.latents;
        ensure(n);
        System.arraycopy(other.kinds, 0, kinds, 0, n);
        System.arraycopy(other.scalars, 0, scalars, 0, n);
        if (other.objects != null) {
            if (objects == null) {
                objects = new Object[kinds.length];
            }
            System.arraycopy(other.objects, 0, objects, 0, n);
        }
        latents = n;
        sites = other.sites;
    }

    /** The kind of value recorded at latent site {@code c} (counted from 0), or null past the last one. */
    ValueKind kindAt(int c) {
        return c < latents ? KINDS[kinds[c] - 1] : null;
    }

    /** Appends the latent sites among sites {@link #sites}..{@code end - 1} of the run in {@code table}. */
    void extend(SiteTable table, int end) {
        Slot[] slots = table.slots;
        for (int j = sites; j < end; j++) {
            Slot s = slots[j];
            if (s.kind != SiteKind.LATENT) {
                continue;
            }
            int c = latents;
            ensure(c + 1);
            int kind = kindOf(s.valueKind);
            kinds[c] = (byte) (kind + 1);
            if (kind >= ProbOverloads.VECTOR) {
                if (objects == null) {
                    objects = new Object[kinds.length];
                }
                objects[c] = table.objectAt(s);
            } else {
                scalars[c] = s.scalar;
            }
            latents = c + 1;
        }
        sites = end;
    }

    private static int kindOf(ValueKind v) {
        switch (v) {
            case REAL:
                return ProbOverloads.REAL;
            case INT:
                return ProbOverloads.INT;
            case BOOL:
                return ProbOverloads.BOOL;
            case VECTOR:
                return ProbOverloads.VECTOR;
            default:
                return ProbOverloads.OBJECT;
        }
    }

    private void ensure(int n) {
        if (n > kinds.length) {
            int size = Math.max(n, 2 * kinds.length);
            kinds = Arrays.copyOf(kinds, size);
            scalars = Arrays.copyOf(scalars, size);
            if (objects != null) {
                objects = Arrays.copyOf(objects, size);
            }
        }
    }

    @Override
    public String toString() {
        return "RunPrefix(" + sites + " sites, " + latents + " latent)";
    }
}
