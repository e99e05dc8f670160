package dev.ariadne.inference.mcmc;

import dev.ariadne.inference.stats.ScaledSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One quantity's line of the summary, in the columns of ArviZ 0.x's {@code summary}: the posterior mean and sd,
 * the 94% highest-density interval, the Monte Carlo standard errors of the mean and the sd, the bulk and tail
 * effective sample sizes and the rank-normalised split R-hat (see {@link Convergence}).
 *
 * <p>A site that some runs do not make (changing structure) is summarised over the draws where it exists, each
 * chain cut to the shortest chain's count of them: its line describes the site given that it exists, and
 * {@code presence} says how often it did.
 *
 * @param name      the quantity: a printed address ({@code theta[3]}), a vector component ({@code w[0]}) or a
 *                  tracked function's name
 * @param mean      the mean of the draws
 * @param sd        their standard deviation
 * @param hdi3      the lower end of the 94% highest-density interval ({@code hdi_3%})
 * @param hdi97     its upper end ({@code hdi_97%})
 * @param mcseMean  the Monte Carlo standard error of the mean: sd / sqrt(ess of the raw draws); infinite when
 *                  every draw is the same value ({@link #constant()}), which no draw can show to be right, and
 *                  when the draws changed value fewer than {@link #MIN_CHANGES} times ({@link #rarelyChanged()}),
 *                  from which no estimate can read how often the chains leave a value; 0 for a choice the
 *                  kernels showed to be determined ({@link #determined()})
 * @param mcseSd    the Monte Carlo standard error of the sd; infinite or 0 likewise
 * @param essBulk   the bulk effective sample size (rank-normalised)
 * @param essTail   the tail effective sample size (5% and 95% quantiles)
 * @param rHat      the rank-normalised split R-hat
 * @param presence  the fraction of draws in which the quantity exists (1 for a fixed structure)
 * @param draws     the number of draws the line is computed from: the chains times the fewest draws in which the
 *                  quantity exists in any one chain (each chain is cut to that count), so for a choice that exists
 *                  in only some draws it can be far below the draws that hold it
 * @param changes   the times a draw differs from the draw before it in the same chain, over all chains (0 when
 *                  every draw is the same value)
 * @param rHatLimit the R-hat at or above which this line says the chains disagree: {@link #R_HAT_LIMIT}, or, for
 *                  a line whose bulk and tail ESS reach half of {@link #ESS_PER_CHAIN} per chain but whose effective draws
 *                  are too few for chance alone to stay below 1.01, what chains that agree reach with probability
 *                  1% over all the lines of the run ({@link Convergence#rHatLimit})
 */
public record SummaryRow(String name, double mean, double sd, double hdi3, double hdi97, double mcseMean,
                         double mcseSd, double essBulk, double essTail, double rHat, double presence, int draws,
                         int changes, double rHatLimit) {

    /**
     * R-hat below this is the usual sign that the chains agree (Vehtari et al. 2021); a line's own limit ({@link
     * #rHatLimit()}) is higher where chance alone reaches past it.
     */
    public static final double R_HAT_LIMIT = 1.01;
    /** The chance, over all the lines of a run, that chains which agree are said to disagree by some line's R-hat. */
    static final double R_HAT_FALSE_ALARMS = 0.01;
    /** Effective draws per chain below which an ESS is too low to trust the MCSE (Vehtari et al. 2021). */
    public static final double ESS_PER_CHAIN = 100;
    /**
     * Changes of value below which a quantity's draws cannot show how often the chains leave a value. The draws of
     * such a quantity are long stretches at one value broken by a few excursions; the share of the draws at the
     * rarer values is then a count of about changes / 2 excursions, Poisson-like, so with fewer than 10 its relative
     * error is above a third whatever the autocorrelation estimate says, and the autocorrelation (the ESS, the mcse)
     * is itself read from those few events. A value of posterior probability 1/2 visited once in 4,000 draws (chains
     * that rarely switch between two modes) and a value of probability 1/4,000 visited once (a rare value, rightly
     * sampled) give the same draws: no statistic of them can tell the two apart. 20 changes are 10 excursions, the
     * floor importance sampling sets at 10 effective runs on each side of a hypothesis.
     */
    public static final int MIN_CHANGES = 20;

    /** Which kernels leave which choices where they are, for the verdicts on a choice that never moved. */
    static final String STUCK_KERNELS = "randomWalk() moves only real choices and gibbs() only booleans and "
            + "integers of finite support; singleSite() moves a vector or object choice (a Multinomial's counts), or "
            + "one that is not real, only by a fresh draw from "
            + "its prior, which a peaked posterior all but never accepts. A choice tied to another by a hard "
            + "condition moves only when both move together. Kernels.independence(guide), with a guide near the "
            + "posterior, moves all of these. Under gibbs(), a value seldom drawn is unlikely given the other "
            + "choices: rare in the posterior (a value of posterior probability 0.005 draws this line on right "
            + "answers), unless those choices are themselves held in one mode";

    /**
     * This row from the draws of one quantity, [chain][draw], NaN where it is absent, as one of {@code lines} lines
     * of the run (which share the R-hat's chance of a false alarm); null if fewer than 4 draws remain.
     */
    static SummaryRow of(String name, double[][] draws, int lines) {
        int chains = draws.length;
        double[][] present = new double[chains][];
        long total = 0;
        long found = 0;
        int shortest = Integer.MAX_VALUE;
        for (int c = 0; c < chains; c++) {
            double[] kept = new double[draws[c].length];
            int k = 0;
            for (double v : draws[c]) {
                total++;
                if (!Double.isNaN(v)) {
                    kept[k++] = v;
                }
            }
            found += k;
            present[c] = java.util.Arrays.copyOf(kept, k);
            shortest = Math.min(shortest, k);
        }
        if (shortest < 4) {
            return null;
        }
        // Draws past 1e150 are read divided by a power of two near the largest, and the line's locations and scales
        // multiplied back (ESS and r_hat do not depend on it): a tracked quantity of 1e200 x made row() throw "draws:
        // chain 0, draw 0 is Infinity" from its squares, and a choice of 1e300 read sd Infinity (an adversarial
        // tester).
        double largest = 0;
        for (int c = 0; c < chains; c++) {
            present[c] = java.util.Arrays.copyOf(present[c], shortest);
            for (double v : present[c]) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        double scale = ScaledSum.scaleFor(largest);
        if (scale != 1) {
            for (double[] chain : present) {
                for (int i = 0; i < chain.length; i++) {
                    chain[i] /= scale;
                }
            }
        }
        double[] hdi = Convergence.hdi(present, 0.94);
        int changes = changes(present);
        boolean unread = changes < MIN_CHANGES;
        // the ranks' normal scores, sorted for once: the bulk ESS, the R-hat and its limit all read them
        Convergence.RankScores scores = Convergence.RankScores.of(present);
        double essBulk = unread ? 0 : scores == null ? Convergence.essBulk(present) : Convergence.ess(scores.bulk());
        double essTail = unread ? 0 : Convergence.essTail(present);
        // Chance sets the limit only for a line whose ESS is itself enough to read it by: a line far too short to tell
        // keeps 1.01 beside its ESS verdict (ESS 39 read r_hat 1.070 as within chance, and "chains agree"). Half the
        // ESS floor, not the floor: lines of ESS 300 to 394 of 4 chains were told "chains disagree" at r_hat 1.010 to
        // 1.030 in 3 calls of 20, every answer within 2 mcse (a new user); their ESS verdict stands either way.
        boolean enough = Math.min(essBulk, essTail) >= ESS_PER_CHAIN * chains / 2;
        return new SummaryRow(name, scale * Convergence.mean(present), scale * Convergence.sd(present),
                scale * hdi[0], scale * hdi[1],
                unread ? Double.POSITIVE_INFINITY : scale * Convergence.mcseMean(present),
                unread ? Double.POSITIVE_INFINITY : scale * Convergence.mcseSd(present),
                // fewer than MIN_CHANGES changes: no effective draws to speak of (a column that never moved read an
                // ESS of 20,000 beside its infinite mcse)
                essBulk, essTail, scores == null ? 1 : scores.rHat(), (double) found / total, shortest * chains,
                changes, enough && scores != null ? scores.limit(R_HAT_FALSE_ALARMS / Math.max(1, lines))
                : R_HAT_LIMIT);
    }

    /** The same line for a choice whose other values the kernels found impossible in every proposal of them. */
    SummaryRow asDetermined() {
        if (changes != 0 || mcseMean == 0) {
            return this;
        }
        return new SummaryRow(name, mean, sd, hdi3, hdi97, 0, 0, essBulk, essTail, rHat, presence, this.draws, 0,
                rHatLimit);
    }

    /**
     * The one value every draw of every chain in which the quantity exists holds, or NaN where they hold more than one
     * (or it exists in none): what a choice must show before it can be called determined, since chains that each kept
     * a different value show that more than one is possible.
     */
    static double oneValue(double[][] draws) {
        double first = Double.NaN;
        for (double[] chain : draws) {
            for (double v : chain) {
                if (Double.isNaN(v)) {
                    continue; // the quantity does not exist in this draw
                }
                if (Double.isNaN(first)) {
                    first = v;
                } else if (Double.compare(v, first) != 0) {
                    return Double.NaN;
                }
            }
        }
        return first;
    }

    /** The times a draw differs from the draw before it in the same chain, over all chains. */
    static int changes(double[][] draws) {
        int changes = 0;
        for (double[] chain : draws) {
            for (int i = 1; i < chain.length; i++) {
                if (Double.compare(chain[i], chain[i - 1]) != 0) {
                    changes++;
                }
            }
        }
        return changes;
    }

    /**
     * Whether the quantity took one value in every draw of every chain: then no draw shows how far its posterior is
     * from a point mass, and its standard errors are infinite (0 if it is {@link #determined()}).
     */
    public boolean constant() {
        return changes == 0;
    }

    /**
     * Whether the quantity is a choice that took one value in every draw of every chain (the same value in all),
     * every kernel that proposed another value for it found that value impossible (posterior probability 0 given the
     * rest of the run, such as a zero-inflation indicator forced by a positive count, or a prior with no other value,
     * such as Poisson(0)), and no run from the prior of
     * positive density made it otherwise: its posterior is that one value, and its mcse is 0.
     */
    public boolean determined() {
        return changes == 0 && mcseMean == 0;
    }

    /**
     * Whether the quantity moved but changed value fewer than {@link #MIN_CHANGES} times in all chains: then the
     * draws cannot tell a rare value from chains that rarely switch between modes, and its standard errors are
     * infinite.
     */
    public boolean rarelyChanged() {
        return changes > 0 && changes < MIN_CHANGES;
    }

    /** The kinds of verdict a line can have, in the order a line tells them. */
    enum Verdict {
        /** Fewer than {@link #MIN_CHANGES} changes of value. */
        RARELY_CHANGED,
        /** One value within each chain, different values across chains. */
        STUCK_APART,
        /** One value in every draw of every chain. */
        ONE_VALUE,
        /** R-hat at or above the line's {@link #rHatLimit()}. */
        R_HAT,
        /** A bulk ESS below {@link #ESS_PER_CHAIN} per chain. */
        ESS_BULK,
        /** A tail ESS below {@link #ESS_PER_CHAIN} per chain. */
        ESS_TAIL
    }

    /**
     * What is wrong with this line, in plain words, for {@code chains} chains: one value in every draw (unless the
     * choice is {@link #determined()}), fewer than {@link #MIN_CHANGES} changes of value, R-hat at or above 1.01 and
     * beyond chance ({@link #rHatLimit()}), a bulk or tail ESS below 100 per chain. Empty when nothing is.
     */
    public List<String> verdicts(int chains) {
        List<String> out = new ArrayList<>();
        for (Verdict v : verdictKinds(chains)) {
            out.add(describe(v, chains));
        }
        return out;
    }

    /** The kinds of {@link #verdicts(int)}, in the same order. */
    List<Verdict> verdictKinds(int chains) {
        List<Verdict> out = new ArrayList<>();
        if (determined()) {
            return out;
        }
        if (rarelyChanged()) {
            out.add(Verdict.RARELY_CHANGED);
        }
        if (constant()) {
            out.add(Double.compare(hdi3, hdi97) != 0 ? Verdict.STUCK_APART : Verdict.ONE_VALUE);
            return out;
        }
        double essLimit = ESS_PER_CHAIN * chains;
        if (!(rHat < rHatLimit)) {
            out.add(Verdict.R_HAT);
        }
        // a line that rarely changed has no ESS to speak of (0 stands for none): its own verdict says why, and "ess_bulk
        // 0 < 400" beside it read as a figure (an outside statistician)
        if (essBulk < essLimit && !rarelyChanged()) {
            out.add(Verdict.ESS_BULK);
        }
        if (essTail < essLimit && !rarelyChanged()) {
            out.add(Verdict.ESS_TAIL);
        }
        return out;
    }

    /**
     * How bad this line is in one kind of verdict, larger worse: the R-hat (NaN the worst), the ESS's shortfall, the
     * changes' shortfall; 0 for the kinds that have no degree.
     */
    double severity(Verdict v) {
        return switch (v) {
            case R_HAT -> Double.isNaN(rHat) ? Double.POSITIVE_INFINITY : rHat;
            case ESS_BULK -> -essBulk;
            case ESS_TAIL -> -essTail;
            case RARELY_CHANGED -> -changes;
            case STUCK_APART, ONE_VALUE -> 0;
        };
    }

    /** One verdict on this line, in plain words, for {@code chains} chains. */
    String describe(Verdict v, int chains) {
        return describe(v, chains, false);
    }

    /**
     * {@link #describe(Verdict, int)}, for a tracked quantity where {@code computed}: no choice, so the kernels move
     * the choices it is computed from, not "this choice" (a new user).
     */
    String describe(Verdict v, int chains, boolean computed) {
        return describe(v, chains, computed, Held.UNMOVED);
    }

    /** What held a line at one value within each chain, as far as the call can tell, for {@link Verdict#STUCK_APART}. */
    enum Held {
        /** The kernels never move it, or the choices it is computed from. */
        UNMOVED,
        /**
         * A computed quantity whose choices changed value within a chain: each chain stayed in a region of its own
         * (an indicator of a real choice in a bimodal posterior was told that the kernels never move the choices it
         * is computed from, 256 calls in 300, an adversarial statistician).
         */
        MODES_APART,
        /**
         * A choice the kernels proposed to move and refused every time: not one they cannot reach (a random walk of
         * step 1e300 on a coin's bias was told which kernels move which kinds of choice, an adversarial tester).
         */
        REFUSED
    }

    /** {@link #describe(Verdict, int, boolean)}, with what {@code held} the line where it never changed in a chain. */
    String describe(Verdict v, int chains, boolean computed, Held held) {
        double essLimit = ESS_PER_CHAIN * chains;
        return switch (v) {
            case RARELY_CHANGED -> String.format(Locale.ROOT, "%s changed value only %d time%s in %d draws of %d "
                    + "chains: the draws cannot tell a rare value from chains that rarely switch between modes (a value "
                    + "of posterior probability 1/2 visited once looks the same), so its mean may be far off and its "
                    + "mcse is infinite; run longer chains, more chains from dispersed starts, or a kernel that moves "
                    + "it together with what depends on it (%s)", name, changes, changes == 1 ? "" : "s", draws, chains,
                    STUCK_KERNELS);
            case STUCK_APART -> String.format(Locale.ROOT, "%s never changed value within any chain, yet the chains "
                    + "hold different values (%s to %s): each chain kept the value it started from, so the chains "
                    + "disagree without bound (r_hat is infinite) and its mean and mcse mean nothing; %s", name, hdi3,
                    hdi97, switch (held) {
                        case MODES_APART -> "the run's choices moved within each chain, but never so far as to change "
                                + "it: each chain stayed in a region of its own, as chains do in modes apart that no "
                                + "kernel's step crosses, whatever their lines say within a mode, or in one mode they "
                                + "cross too slowly (a narrow ridge of strongly correlated choices, walked one choice "
                                + "at a time in tiny steps: then their own lines read a low ESS, and longer chains or "
                                + "choices reparameterised to be less correlated help); for modes apart run a kernel "
                                + "that jumps between them, such as Kernels.independence(guide) with a guide that "
                                + "covers them all, or weigh the regions by another method (SMC, importance sampling)";
                        case REFUSED -> "the kernels proposed moves of it and refused every one (see the kernels' "
                                + "lines: a step far too large for it, or proposals where the target has no mass). "
                                + "A choice tied to another by a hard condition (condition(c1 == c2)), or whose "
                                + "values each fit only beside other values of the choices after it (a mechanism "
                                + "flag whose rate fits one mechanism), moves only when they move together: "
                                + "Kernels.independence(guide), with a guide whose proposals read it";
                        case UNMOVED -> "the kernels never move " + (computed ? "the choices it is computed from"
                                : "this choice") + " (" + STUCK_KERNELS + ")";
                    });
            case ONE_VALUE -> String.format(Locale.ROOT, "%s took one value, %s, in every draw of every chain, so the "
                    + "draws cannot show whether its posterior is a point mass (then all is well) or the chains never "
                    + "moved it (%s), or values reached only through other modes need more chains or dispersed "
                    + "starts; its mcse is infinite%s", name, hdi3, STUCK_KERNELS, chains == 1 ? "; with one chain "
                    + "nothing can tell these apart: run 4 or more, whose starts from the prior hold different values "
                    + "where the choice is stuck" : "");
            // four decimals near the limit, where three would print 1.0101 as the limit itself
            // one chain is split in two halves, which are what disagree (an adversarial tester read "chains")
            case R_HAT -> String.format(Locale.ROOT, "%s on %s (r_hat %s, not below %s)", chains == 1
                            ? "the chain's first and second halves disagree" : "chains disagree", name,
                    String.format(Locale.ROOT, rHat < rHatLimit + 0.001 ? "%.4f" : "%.3f", rHat),
                    rHatLimit == R_HAT_LIMIT ? String.format(Locale.ROOT, "%.2f", R_HAT_LIMIT)
                            : String.format(Locale.ROOT, "%.4f, past what chains that agree reach by chance with "
                            + "this line's effective draws", rHatLimit));
            // one decimal where the whole number would print the limit itself ("ess_bulk 400 < 400"; a new user)
            case ESS_BULK -> String.format(Locale.ROOT, "ESS too low for the bulk of %s (ess_bulk %s < %.0f)", name,
                    belowLimit(essBulk, essLimit), essLimit);
            case ESS_TAIL -> String.format(Locale.ROOT, "ESS too low for the tail of %s (ess_tail %s < %.0f)", name,
                    belowLimit(essTail, essLimit), essLimit);
        };
    }

    /** An ESS below {@code limit}, to the whole number, or to one decimal where that would read the limit. */
    private static String belowLimit(double ess, double limit) {
        return String.format(Locale.ROOT, Math.round(ess) >= limit ? "%.1f" : "%.0f", ess);
    }
}
