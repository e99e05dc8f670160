package dev.ariadne.inference.smc;

import dev.ariadne.core.dist.ValueKind;
import java.util.Arrays;

/**
 * One particle of generic SMC: the latent values its run has drawn so far, in the order of its latent sites, and
 * where its run stopped. Scalars (real, integer, boolean) are stored as doubles; vectors and objects in a parallel
 * array made on first use. Records are reused from sweep to sweep; a resampled particle copies its ancestor's record,
 * which keeps replay reading one contiguous array.
 */
final class ParticleRecord {

    static final ValueKind[] KINDS = ValueKind.values();

    double[] scalars = new double[16];
    byte[] kinds = new byte[16];
    Object[] objects;
    int size;
    /** The number of sites before the latent site at which the run last stopped; -1 before the first step. */
    int stop;
    boolean finished;
    Object value;

    /** Empties the record for a new sweep. */
    void clear() {
        if (objects != null) {
            Arrays.fill(objects, 0, size, null);
        }
        size = 0;
        stop = -1;
        finished = false;
        value = null;
    }

    /** Makes this record a copy of {@code o}. */
    void copyFrom(ParticleRecord o) {
        if (objects != null) {
            Arrays.fill(objects, 0, size, null);
        }
        if (scalars.length < o.size) {
            scalars = new double[o.scalars.length];
            kinds = new byte[o.scalars.length];
            objects = null;
        }
        System.arraycopy(o.scalars, 0, scalars, 0, o.size);
        System.arraycopy(o.kinds, 0, kinds, 0, o.size);
        if (o.objects != null) {
            if (objects == null || objects.length < scalars.length) {
                objects = new Object[scalars.length];
            }
            System.arraycopy(o.objects, 0, objects, 0, o.size);
        }
        size = o.size;
        stop = o.stop;
        finished = o.finished;
        value = o.value;
    }

    void addScalar(ValueKind kind, double v) {
        ensure();
        kinds[size] = (byte) kind.ordinal();
        scalars[size++] = v;
    }

    void addObject(ValueKind kind, Object v) {
        ensure();
        if (objects == null) {
            objects = new Object[scalars.length];
        }
        kinds[size] = (byte) kind.ordinal();
        objects[size++] = v;
    }

    private void ensure() {
        if (size == scalars.length) {
            scalars = Arrays.copyOf(scalars, 2 * size);
            kinds = Arrays.copyOf(kinds, 2 * size);
            if (objects != null) {
                objects = Arrays.copyOf(objects, 2 * size);
            }
        }
    }
}
