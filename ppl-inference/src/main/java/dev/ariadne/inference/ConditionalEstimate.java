package dev.ariadne.inference;

import java.util.Optional;

/**
 * Three answers to P(h | e), each labelled for what it is.
 *
 * @param hypothesis              the hypothesis name
 * @param delta                   the error probability the bounds were computed at
 * @param quotient                L_h / L_e, the quotient of the lower bounds on P(h, e) and P(e): an estimate, not
 *                                a bound (absent when L_e is 0)
 * @param selfNormalised          the self-normalised estimate sum(wbar 1[h]) with its delta-method standard error:
 *                                approximate, and trustworthy only when Pareto k-hat is below its threshold; no
 *                                standard error (+inf, and the label says why) when h held, or failed, in fewer than
 *                                10 effective runs, where the runs cannot show the weight the guide seldom proposes
 * @param approximateInterval     the self-normalised estimate +- z sd, clipped to [0, 1]: approximate; absent when
 *                                the estimate has no standard error
 * @param rigorous                an interval that holds with probability 1 - delta, present only where an upper bound
 *                                on P(e) exists
 * @param rigorousUnavailableWhy  why there is no rigorous interval, when there is none
 */
public record ConditionalEstimate(String hypothesis, double delta, Optional<Estimate> quotient,
                                  Optional<Estimate> selfNormalised, Optional<Interval> approximateInterval,
                                  Optional<Interval> rigorous, String rigorousUnavailableWhy) {

    @Override
    public String toString() {
        String nl = System.lineSeparator();
        return "P(" + hypothesis + " | e)" + nl
                + "  quotient of bounds: " + quotient.map(Estimate::toString).orElse("unavailable (L_e = 0)") + nl
                + "  self-normalised:    " + selfNormalised.map(Estimate::toString).orElse("unavailable") + nl
                + "  approximate:        " + approximateInterval.map(Interval::toString).orElse("unavailable") + nl
                + "  rigorous:           " + rigorous.map(Interval::toString).orElse("none: " + rigorousUnavailableWhy);
    }
}
