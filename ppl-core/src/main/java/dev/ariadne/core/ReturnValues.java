package dev.ariadne.core;

import java.lang.reflect.Array;

/**
 * A model's return value as kept past its run: by enumeration (a value per path), SMC (a value per particle), MCMC
 * (a value per state), importance sampling's kept runs and its posterior draws, which read it after later runs. A model may
 * return one array that it fills anew at each run, and every kept value was then the last run's: enumeration gave
 * P(x | e) = 1 for 0.37 and SMC read each sweep's share as 0 or 1 (an adversarial tester). An array, of any
 * dimension, is kept as a copy; any other object as it is, so a model that returns a mutable object must return a
 * new one at each run.
 */
public final class ReturnValues {

    private ReturnValues() {
    }

    /**
     * {@code value}, or a copy of it if it is an array: each level of a nested array copied, the objects at its
     * leaves shared.
     *
     * @param value a run's return value, or null
     * @param <T>   its type
     * @return the value to keep
     */
    @SuppressWarnings("unchecked")
    public static <T> T kept(T value) {
        if (value == null || !value.getClass().isArray()) {
            return value;
        }
        return (T) copy(value);
    }

    private static Object copy(Object array) {
        int n = Array.getLength(array);
        Object out = Array.newInstance(array.getClass().getComponentType(), n);
        System.arraycopy(array, 0, out, 0, n);
        if (out instanceof Object[] elements) {
            for (int i = 0; i < n; i++) {
                if (elements[i] != null && elements[i].getClass().isArray()) {
                    elements[i] = copy(elements[i]);
                }
            }
        }
        return out;
    }
}
