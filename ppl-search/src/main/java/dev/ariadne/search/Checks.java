package dev.ariadne.search;

import dev.ariadne.core.dist.ParameterException;

/** Parameter checks for the search module's own distributions, with the core's message form. */
final class Checks {

    private Checks() {
    }

    static double finite(String dist, String param, double v) {
        if (!(v > Double.NEGATIVE_INFINITY && v < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(dist, param, v, "finite");
        }
        return v;
    }

    static double positive(String dist, String param, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(dist, param, v, "finite and > 0");
        }
        return v;
    }
}
