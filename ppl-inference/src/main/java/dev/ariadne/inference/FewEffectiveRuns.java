package dev.ariadne.inference;

import java.util.Locale;

/**
 * When a self-normalised estimate rests on too few runs for its delta-method standard error. The delta method
 * reads the spread of the weighted values from the runs themselves: a hypothesis that held in no run has share 0
 * with standard error 0 whatever P(h | e) is, and an estimate from one or two runs has standard error 0 too. Below
 * {@link #MINIMUM} effective runs (Kish's (sum w)^2 / sum w^2) on either side of a hypothesis, or in all for a
 * mean, such an estimate is given with no standard error and no approximate interval, and the reason says why.
 */
final class FewEffectiveRuns {

    /** The effective number of runs below which a self-normalised standard error is not given. */
    static final double MINIMUM = 10;

    private FewEffectiveRuns() {
    }

    /**
     * Why the share of hypothesis {@code name} has no standard error, or null when both sides have at least
     * {@link #MINIMUM} effective runs.
     *
     * @param held  the accepted runs where it held
     * @param share the self-normalised share of the runs where it held, over the accepted runs
     */
    static String forHypothesis(String name, long held, WeightedMean share) {
        double heldEffective = share.effectiveRunsWhereOne();
        double failedEffective = share.effectiveRunsWhereZero();
        if (heldEffective >= MINIMUM && failedEffective >= MINIMUM) {
            return null;
        }
        long failed = share.positiveCount() - held;
        return String.format(Locale.ROOT, "'%s' held in %d of the %d accepted runs (effective number %.1f) and "
                + "failed in %d (effective number %.1f): below %.0f effective runs on one side the self-normalised "
                + "P(%s | e) has no standard error, as the runs show nothing of the weight the guide seldom proposes; "
                + "read the bounds on P(%s, e), or estimate it with a guide that proposes runs where it %s",
                name, held, share.positiveCount(), heldEffective, failed, failedEffective, MINIMUM, name, name,
                heldEffective < failedEffective ? "holds" : "fails");
    }

    /**
     * Why the self-normalised mean {@code name} has no standard error, or null when it rests on enough runs. A mean
     * of a function that took one value in every run, or two values with fewer than {@link #MINIMUM} effective runs
     * at one of them, is judged as a hypothesis's share is: the expectation of an indicator of a rare event read
     * 0 +- 0 with nothing said in 29 calls of 100 that drew no run inside it (an adversarial tester).
     */
    static String forMean(String name, WeightedMean mean) {
        double effective = mean.effectiveRuns();
        if (effective < MINIMUM) {
            return String.format(Locale.ROOT, "E[%s | e] rests on an effective number of %.1f runs (%d accepted): "
                    + "below %.0f, no standard error", name, effective, mean.positiveCount(), MINIMUM);
        }
        WeightedMean.FewValues values = mean.fewValues().orElse(null);
        if (values == null) {
            double off = mean.effectiveRunsOffFirst();
            if (!(off < MINIMUM)) {
                return null;
            }
            return String.format(Locale.ROOT, "'%s' was %s in all but a few of the %,d accepted runs, whose effective "
                    + "number is %.1f: below %.0f, the self-normalised E[%s | e] rests on those few and has no standard "
                    + "error, as the runs show nothing of the weight the guide seldom proposes; estimate it with a guide "
                    + "that proposes runs where '%s' is not %s", name, value(mean.firstValue()), mean.positiveCount(),
                    off, MINIMUM, name, name, value(mean.firstValue()));
        }
        if (values.one()) {
            return String.format(Locale.ROOT, "'%s' was %s in every one of the %d accepted runs, so they show no "
                    + "spread whatever E[%s | e] is: no standard error (a value that the guide seldom proposes, such as "
                    + "a rare event's indicator, cannot show in runs that never drew it)", name,
                    value(values.first()), mean.positiveCount(), name);
        }
        if (values.firstRuns() >= MINIMUM && values.secondRuns() >= MINIMUM) {
            return null;
        }
        boolean firstRare = values.firstRuns() < values.secondRuns();
        return String.format(Locale.ROOT, "'%s' took two values, %s (effective number of runs %.1f) and %s (%.1f): "
                + "below %.0f effective runs at one of them the self-normalised E[%s | e] has no standard error, as "
                + "the runs show nothing of the weight the guide seldom proposes; estimate it with a guide that "
                + "proposes runs where '%s' is %s", name, value(values.first()), values.firstRuns(),
                value(values.second()), values.secondRuns(), MINIMUM, name, name,
                value(firstRare ? values.first() : values.second()));
    }

    /** A value of f as a reader would write it: 0 and 1 as such, others to six significant digits. */
    static String value(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }
}
