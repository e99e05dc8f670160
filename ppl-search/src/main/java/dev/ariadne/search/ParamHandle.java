package dev.ariadne.search;

/**
 * The handle through which a user-written parameterised guide reads its current parameters by name. Parameters
 * are unconstrained reals: map them yourself (exp for a scale, logistic for a probability).
 */
@FunctionalInterface
public interface ParamHandle {

    /**
     * The current value of the named parameter.
     *
     * @throws IllegalArgumentException naming the parameter when the family does not declare it
     */
    double get(String name);
}
