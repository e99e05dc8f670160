package dev.ariadne.inference;

import java.util.Locale;

/**
 * The note on where a call that ran until certified stopped, for importance sampling and SMC alike: whether the
 * betting lower bound reached its target fraction of Z-hat, and if not, what stopped the call. A call stopped by its
 * budget or its sample cap short of the target looks, by its figures alone, like one that reached it.
 */
public final class UntilCertifiedNote {

    private UntilCertifiedNote() {
    }

    /**
     * The note.
     *
     * @param reached      whether the bound reached the target
     * @param delta        the bound's error probability
     * @param tightness    the bound over Z-hat at the end; NaN where Z-hat is 0 (no run had weight), which no bound
     *                     above 0 can be given for
     * @param target       the target tightness
     * @param after        how much was done, such as "1,234 runs" or "12 sweeps"
     * @param shortBecause what stopped the call short of the target, such as "the time budget of PT3S ran out"
     */
    public static String of(boolean reached, double delta, double tightness, double target, String after,
                            String shortBecause) {
        // "0.0000 of Z-hat" read as a ratio where Z-hat itself was 0, on a model whose condition never held (a tester)
        String at = tightness != tightness ? "Z-hat is 0 after " + after + " (no run had weight), so no bound above 0 "
                + "can be given"
                : String.format(Locale.ROOT, "the bound at delta %s is %.4f of Z-hat after %s", delta, tightness, after);
        // "reached its target" read as "within 10% of P(e)" to an outside statistician, whose too narrow guide
        // stopped there with Z-hat 14.5 standard errors low: the target is met by runs that agree with each other
        return reached ? String.format(Locale.ROOT, "reached its target: %s (target %s; a bound close to Z-hat, which "
                + "is P(e) only where the diagnostics find nothing the runs missed)", at, target)
                : String.format(Locale.ROOT, "stopped short of its target %s: %s, when %s", target, at, shortBecause);
    }
}
