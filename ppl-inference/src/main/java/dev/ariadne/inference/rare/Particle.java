package dev.ariadne.inference.rare;

import dev.ariadne.core.Address;
import dev.ariadne.core.Site;
import dev.ariadne.core.dist.Dist;
import java.util.Arrays;

/**
 * One run of the model as subset simulation keeps it: its latent choices in order (address, prior in this run,
 * value, log prior density at the value, and for real and discrete choices the standard coordinate with its
 * mismatch), and what the run said of the evidence (its least margin, log p(x) and log
 * p(e | x), with the margin conditions relaxed). Immutable once recorded; a move records into a fresh particle.
 */
final class Particle {

    int size;
    String[] names = new String[8];
    int[] indices = new int[8];
    Address[] scopes = new Address[8];
    Dist[] priors = new Dist[8];
    /** Scalar values (integers and booleans as doubles). */
    double[] values = new double[8];
    /** Vector and object values (null for scalars). */
    Object[] objects = new Object[8];
    double[] logPs = new double[8];
    /**
     * Real and discrete choices: the standard coordinate under the choice's prior in this run
     * ({@link StandardCoordinates}, {@link DiscreteCoordinates}); NaN for other kinds and where there is none.
     */
    double[] xis = new double[8];
    /**
     * Real choices: log p(x) - log |dxi/dx| - log phi(xi) ({@link StandardCoordinates#mismatch}); discrete ones:
     * log p(v) - log w(v) ({@link DiscreteCoordinates.Table#mismatch}), NaN where the prior has no coordinates.
     */
    double[] mismatches = new double[8];
    double margin;
    double logPrior;
    double logLikelihood;

    Particle() {
    }

    /** An empty particle with room for {@code capacity} choices. */
    Particle(int capacity) {
        int c = Math.max(8, capacity);
        names = new String[c];
        indices = new int[c];
        scopes = new Address[c];
        priors = new Dist[c];
        values = new double[c];
        objects = new Object[c];
        logPs = new double[c];
        xis = new double[c];
        mismatches = new double[c];
    }

    /** Starts recording a run. */
    void clear() {
        Arrays.fill(objects, 0, size, null);
        size = 0;
    }

    /**
     * Appends a latent choice; {@code xi} and {@code mismatch} are NaN and 0 for choices with no coordinate
     * (vectors, objects), NaN and NaN for a discrete choice whose prior has none.
     */
    void add(Site site, Dist prior, double value, Object object, double logP, double xi, double mismatch) {
        if (size == names.length) {
            int c = 2 * size;
            names = Arrays.copyOf(names, c);
            indices = Arrays.copyOf(indices, c);
            scopes = Arrays.copyOf(scopes, c);
            priors = Arrays.copyOf(priors, c);
            values = Arrays.copyOf(values, c);
            objects = Arrays.copyOf(objects, c);
            logPs = Arrays.copyOf(logPs, c);
            xis = Arrays.copyOf(xis, c);
            mismatches = Arrays.copyOf(mismatches, c);
        }
        names[size] = site.name();
        indices[size] = site.index();
        scopes[size] = site.scope();
        priors[size] = prior;
        values[size] = value;
        objects[size] = object;
        logPs[size] = logP;
        xis[size] = xi;
        mismatches[size] = mismatch;
        size++;
    }

    /** Whether choice i of this particle is at the site's address. */
    boolean isAt(int i, Site site) {
        return i < size && indices[i] == site.index() && names[i].equals(site.name())
                && (scopes[i] == site.scope() || scopes[i] != null && scopes[i].equals(site.scope()));
    }

    /**
     * Whether choice i is a discrete one whose prior had no coordinates ({@link DiscreteCoordinates}), so that a
     * move keeps or redraws it rather than stepping it: recorded with its mismatch NaN.
     */
    boolean redrawn(int i) {
        return Double.isNaN(mismatches[i]);
    }

    /** The address of choice i, for messages. */
    Address address(int i) {
        return Address.of(scopes[i], names[i], indices[i]);
    }
}
