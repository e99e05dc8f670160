package dev.ariadne.search;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where one site's parameters live in a family's parameter vector: its key (the address, or the tied pattern),
 * its per-site family and parameter names, its offset and arity, and for structured guides the coefficients of its location on
 * earlier choices (by their addresses). Immutable; adding a coefficient makes a new spec.
 */
final class SiteSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The parameter names of every location family, shared. */
    static final java.util.List<String> LOCATION_PARAMETERS = java.util.List.of("loc", "logScale");
    /** Shared empty arrays for the (usual) sites without structured coefficients. */
    static final String[] NO_REGRESSORS = new String[0];
    static final int[] NO_COEFFICIENTS = new int[0];

    final String key;
    final SiteFamily family;
    /** The parameters' names within the site, such as {@code loc}, in order. */
    final java.util.List<String> parameterNames;
    final int offset;
    final int arity;
    final String[] regressors;
    final int[] coefficientIndex;

    SiteSpec(String key, SiteFamily family, int offset, int arity, String[] regressors, int[] coefficientIndex) {
        this.key = key;
        this.family = family;
        this.parameterNames = family.parameterNames(arity);
        this.offset = offset;
        this.arity = arity;
        this.regressors = regressors;
        this.coefficientIndex = coefficientIndex;
    }

    /** The coefficient's parameter index for the regressor at this address, or -1. */
    int coefficient(String regressor) {
        for (int j = 0; j < regressors.length; j++) {
            if (regressors[j].equals(regressor)) {
                return coefficientIndex[j];
            }
        }
        return -1;
    }

    SiteSpec withCoefficient(String regressor, int index) {
        String[] r = Arrays.copyOf(regressors, regressors.length + 1);
        int[] c = Arrays.copyOf(coefficientIndex, coefficientIndex.length + 1);
        r[regressors.length] = regressor;
        c[regressors.length] = index;
        return new SiteSpec(key, family, offset, arity, r, c);
    }

    /** Whether a structured guide shifts this site's location (its family is a {@link LocationFamily}). */
    boolean isLocation() {
        return family instanceof LocationFamily;
    }

    static String coefficientName(String key, String regressor) {
        return key + ".coef[" + regressor + "]";
    }
}
