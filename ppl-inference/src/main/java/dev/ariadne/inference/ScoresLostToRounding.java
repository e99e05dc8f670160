package dev.ariadne.inference;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.inference.stats.Neumaier;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a run's log p(x, e), summed site by site in doubles as every run sums it, lost the scores of some sites to
 * the sum's rounding: beside a score of 1e16 (a factor, or a constant added to a log-likelihood), a double keeps no
 * digit of a prior's log density of about -1, so a run weighs as if that density were flat. Two factors of 1e16 and
 * -1e16 that cancel read log P(e) 47 standard errors high with the certified lower bound above P(e) in 20 calls of
 * 20, and a constant factor of -1e15, which changes no P(h | e), moved one by 5.6 standard errors, with nothing said
 * (an adversarial tester). Each of the first runs is summed again here with compensation (Neumaier's), and a run is
 * named whose log p reads more than {@link #ACCUMULATED} away from that sum, or, where a single score is so large that
 * the doubles beside it are more than {@link #TOLERANCE} apart, more than {@link #TOLERANCE} from it or from the next
 * double (a constant factor of -1e15 rounds every weight to an eighth of a nat).
 */
public final class ScoresLostToRounding {

    /** The runs read. */
    static final int RUNS = 20;
    /**
     * How far, in nats, a run's log p may read from its compensated sum: at 0.01 its weight is off by a hundredth, and
     * the sums of honest models (a million observations of log density near -10, partial sums near 10^7) read within
     * 10^-6 of theirs.
     */
    static final double TOLERANCE = 0.01;
    /**
     * How far, in nats, a run's log p may read from its compensated sum where no single score is so large that the
     * doubles beside it are {@link #TOLERANCE} apart: the rounding of many moderate scores adds up to noise that
     * moves no estimate at this size (10^4 observations of sd 1e-9, each scoring about -5e8 and summing to -4.5e12,
     * read 0.01 to 0.04 off their compensated sums, every estimate right; a false-alarm hunt).
     */
    static final double ACCUMULATED = 0.1;

    private ScoresLostToRounding() {
    }

    /**
     * How far below the heaviest of the runs read a run's log weight may lie for its rounding to be named: a run far
     * from the evidence (an observation of sd 1e-7, 10 prior sds off, scores -5e15) holds nothing of the estimates, and
     * its weight's rounding changes none.
     */
    static final double WEIGHTY = 20;

    /** The verdict on the first {@link #RUNS} runs of {@code execution} on {@code seed}'s streams; empty if none. */
    public static Optional<String> verdict(Execution<?> execution, long seed) {
        Runner<?> runner = execution.runner();
        String[] said = new String[RUNS];
        double[] logWeight = new double[RUNS];
        double heaviest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < RUNS; i++) {
            logWeight[i] = Double.NEGATIVE_INFINITY;
            try {
                runner.run(seed, i);
            } catch (RuntimeException e) {
                continue; // the call reported it
            }
            if (runner.failed()) {
                continue;
            }
            logWeight[i] = runner.logWeight();
            heaviest = Math.max(heaviest, logWeight[i]);
            said[i] = lost(runner, i, seed);
        }
        for (int i = 0; i < RUNS; i++) {
            if (said[i] != null && logWeight[i] >= heaviest - WEIGHTY) {
                return Optional.of(said[i]);
            }
        }
        return Optional.empty();
    }

    /** What is said of the last run of {@code runner}, run {@code i} of {@code seed}, if its sum lost; else null. */
    private static String lost(Runner<?> runner, int i, long seed) {
        Neumaier sum = new Neumaier();
        TraceSite largest = null;
        for (TraceSite s : runner.trace().sites()) {
            double x = s.logP();
            sum.add(x);
            if (largest == null || Math.abs(x) > Math.abs(largest.logP())) {
                largest = s;
            }
        }
        if (largest == null) {
            return null; // a run with no sites (a loop over data that turned out empty) has no scores to lose
        }
        double exact = sum.value();
        double read = runner.logP();
        double accumulated = Math.abs(read - exact);
        double off = Math.max(accumulated, Math.ulp(read) / 2);
        boolean huge = Math.ulp(largest.logP()) > TOLERANCE;
        boolean lost = accumulated > ACCUMULATED || huge && off > TOLERANCE;
        if (!(Double.isFinite(exact) && Double.isFinite(read) && lost)) {
            return null;
        }
        return String.format(Locale.ROOT, "the log p(x, e) of run %d of seed %d, summed site by site in doubles, is "
                + "off by up to %.3g nats (it reads %.9g where its sites add up to %.9g, and a double there is %.3g "
                + "from the next): beside a score of %.3g (at %s, %s), a double keeps about 16 significant digits, and "
                + "the other sites' scores are lost to rounding in part or whole, so the runs' weights are not the "
                + "model's, every estimate and bound may be off, and no weight can show it; take the constant part "
                + "out of such a score (a constant factor c multiplies P(e) by e^c and changes no P(h | e))", i, seed,
                off, read, exact, Math.ulp(read), largest.logP(), largest.address(), kindOf(largest));
    }

    private static String kindOf(TraceSite s) {
        return s.kind() == SiteKind.LATENT ? "a choice's prior" : s.kind() == SiteKind.OBSERVED ? "an observation"
                : s.kind() == SiteKind.CONDITION ? "a condition" : "a factor";
    }
}
