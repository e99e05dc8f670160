package dev.ariadne.search;

import java.util.Arrays;
import java.util.List;

/**
 * The elite set of one cross-entropy iteration: which runs a refit learns from, with which log weights. Three
 * sources of a run's score s, in order: the user's level function (target: its level), the model's margin
 * conditions (s = the run's least margin, target 0), or, with neither, the plain evidence (s = 0 for an accepted
 * run, -inf for a failed one, target 0). With gamma the (1 - rho) quantile of s:
 * <ul>
 *   <li>gamma at or above the target: the accepted runs, with their importance weights p(x, e) / q(x) (the
 *   cross-entropy method's last stage, which fits the guide to the posterior);</li>
 *   <li>gamma below the target but finite: the runs with s >= gamma, with the likelihood ratio of the run with its
 *   hard conditions dropped (Rubinstein and Kroese's elite level sets);</li>
 *   <li>otherwise (fewer than rho n runs have a score at all, as when a plain condition holds in few runs): the
 *   runs that have one, if there are at least {@link #MIN_ELITE}; else none, and the search widens its proposals.</li>
 * </ul>
 * The weights are tempered, w^tau with the largest tau in (0, 1] that leaves an effective sample size of at least
 * {@link #minEss} (weights from widened proposals span hundreds of nats, and a refit on one run would collapse the
 * guide onto it): the refit then fits p^tau q^(1 - tau) on the elite set, between the posterior and the proposal
 * the runs came from, and tau returns to 1 as the guide improves.
 */
final class Elites {

    /** The fewest runs with a score from which a refit learns when fewer than rho n have one. */
    static final int MIN_ELITE = 100;
    /** The effective sample size below which the elite weights are tempered, at most. */
    static final double MAX_MIN_ESS = 50;

    /** How the elite set was chosen. */
    enum Stage { TARGET_REACHED, LEVEL, FEW, NONE }

    final Stage stage;
    /** Per run: the log weight in the refit, -inf outside the elite set. */
    final double[] logW;
    /** The elite level (score quantile); NaN when not a level stage. */
    final double gamma;
    /** The tempering exponent applied to the weights. */
    final double tau;
    final int size;
    final String note;

    private Elites(Stage stage, double[] logW, double gamma, double tau, int size, String note) {
        this.stage = stage;
        this.logW = logW;
        this.gamma = gamma;
        this.tau = tau;
        this.size = size;
        this.note = note;
    }

    /** The same elites with another note. */
    Elites withNote(String n) {
        return new Elites(stage, logW, gamma, tau, size, n);
    }

    /**
     * The elites of a batch.
     *
     * @param scores per run: the level or margin, or for plain evidence 0 (accepted) and -inf (failed)
     * @param target the level at which the evidence holds
     * @param what   what the scores are, for the note ("margin", "level", "evidence")
     */
    static Elites select(List<RunOutcome> rs, double[] scores, double target, double rho, String what) {
        int n = rs.size();
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double gamma = sorted[Math.min(n - 1, (int) Math.floor((1 - rho) * n))];
        double[] logW = new double[n];
        Arrays.fill(logW, Double.NEGATIVE_INFINITY);
        int size = 0;
        Stage stage;
        if (gamma >= target) {
            for (int i = 0; i < n; i++) {
                if (!rs.get(i).failed) {
                    logW[i] = rs.get(i).logWeight();
                    size++;
                }
            }
            stage = Stage.TARGET_REACHED;
        } else {
            boolean level = gamma > Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (level ? scores[i] >= gamma : scores[i] > Double.NEGATIVE_INFINITY) {
                    RunOutcome r = rs.get(i);
                    logW[i] = r.failed ? r.relaxedLogWeight : r.logWeight();
                    if (logW[i] > Double.NEGATIVE_INFINITY) {
                        size++;
                    }
                }
            }
            stage = level ? Stage.LEVEL : size >= MIN_ELITE ? Stage.FEW : Stage.NONE;
        }
        if (stage == Stage.NONE) {
            return new Elites(stage, logW, gamma, 1, size, size + " of " + n + " runs " + reached(what)
                    + " (fewer than " + MIN_ELITE + ")");
        }
        double minEss = Math.max(2, Math.min(MAX_MIN_ESS, 0.05 * size));
        double tau = temper(logW, minEss);
        if (tau < 1) {
            for (int i = 0; i < n; i++) {
                logW[i] *= tau;
            }
        }
        String tempered = tau < 1 ? String.format(java.util.Locale.ROOT, ", weights tempered to the power %.3g", tau)
                : "";
        String note;
        switch (stage) {
            case TARGET_REACHED:
                note = (what.equals("evidence") ? "refit on " + size + " accepted runs"
                        : "target " + what + " " + target + " reached: refit on " + size + " accepted runs")
                        + " with importance weights" + tempered;
                break;
            case LEVEL:
                note = String.format(java.util.Locale.ROOT, "elite %s %.6g (target %s), %d runs", what, gamma,
                        target, size) + tempered;
                break;
            default:
                note = size + " of " + n + " runs " + reached(what) + ": refit on them" + tempered;
        }
        return new Elites(stage, logW, gamma, tau, size, note);
    }

    private static String reached(String what) {
        return what.equals("evidence") ? "were accepted" : "have a " + what;
    }

    /**
     * The largest tau in (0, 1] such that the weights w^tau have an effective sample size of at least
     * {@code minEss} (1 when the weights already do; found by bisection, the ESS being continuous in tau and
     * equal to the number of finite weights at tau = 0).
     */
    static double temper(double[] logW, double minEss) {
        if (ess(logW, 1) >= minEss) {
            return 1;
        }
        double lo = 0;
        double hi = 1;
        for (int it = 0; it < 50; it++) {
            double mid = 0.5 * (lo + hi);
            if (ess(logW, mid) >= minEss) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.max(lo, 1e-12);
    }

    /** Kish's effective sample size of the weights exp(tau l), over the finite ones. */
    static double ess(double[] logW, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logW) {
            max = Math.max(max, tau * l);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double s1 = 0;
        double s2 = 0;
        for (double l : logW) {
            if (l > Double.NEGATIVE_INFINITY) {
                double w = Math.exp(tau * l - max);
                s1 += w;
                s2 += w * w;
            }
        }
        return s1 * s1 / s2;
    }

    /**
     * log(1 + chi^2) of the batch's importance weights, every run counted (a failed run weighs 0): log E[w^2] -
     * 2 log E[w], the log of the relative second moment that sets how many runs a certification needs; +inf when
     * no run was accepted.
     */
    static double logRelativeSecondMoment(List<RunOutcome> rs) {
        double max = Double.NEGATIVE_INFINITY;
        for (RunOutcome r : rs) {
            max = Math.max(max, r.logWeight());
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double s1 = 0;
        double s2 = 0;
        for (RunOutcome r : rs) {
            double w = Math.exp(r.logWeight() - max);
            s1 += w;
            s2 += w * w;
        }
        return Math.log(rs.size() * s2 / (s1 * s1));
    }
}
