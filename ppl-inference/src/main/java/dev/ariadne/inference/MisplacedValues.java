package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.inference.stats.LogSumExp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A discrete value that the guide draws often enough, but with the other choices proposed for another value: a rare
 * fault b of prior 10^-3 that explains y with mu near 0, beside the usual b = 0 with mu near 3.2, under a mean-field
 * guide fitted to the second. The runs that draw b = 1 put mu at 3.2, where that value has no weight, so the
 * estimate of P(e) leaves out b = 1's share (38% there) while every weight looks healthy and the value, drawn at its
 * prior's rate, is not rare enough for {@link UnproposedValues} to force. An outside statistician's searches read
 * log P(e) 0.47 nats low, 1,300 standard errors, with no verdict, in 30 seeds of 30.
 *
 * <p>The check forces such a value twice, on streams of its own: with the guide elsewhere, as the call's runs that
 * draw it do, and with the prior elsewhere. Each mean of w(x) 1[x_s = v] is an unbiased estimate of P(e, x_s = v), so
 * two that disagree beyond their standard errors show that one misses where that value's mass lies; where the
 * guide's reads lower, the call's runs miss it too. The values looked at are, at each site, those other than the one
 * the guide proposes most (its runs are fitted to that one), of prior probability at least {@link #MIN_PRIOR}, the
 * likeliest first, at most {@link #VALUES}: {@link #SCREEN_RUNS} runs each way screen them, and one whose prior
 * runs read twice what its guide's runs do, and hold {@link UnproposedValues#SHARE} of the call's estimate more, is
 * forced again in {@link #CONFIRMING_RUNS} fresh runs each way, and named only if the prior's estimate less two
 * standard errors is still twice the guide's plus two, and exceeds it by that share, or by a shortfall of two of the
 * call's standard errors. Forcing with the prior elsewhere finds only what the prior reaches: a value whose mode the
 * prior's other choices rarely meet (many observations) shows in neither, and nothing is said.
 *
 * <p>A whole-run defensive mixture ({@code Guide.defensive}) is forced with its guide elsewhere, not the mixture: its
 * runs that follow the prior weigh the value where its mass lies, but only in about alpha p(v) N of the call's runs,
 * and a value below {@link #PRIOR_DRAWS} of them is looked at (the same fault under a mixture of alpha 0.01 read
 * log P(e) hundreds of standard errors low with nothing said in 93 seeds of 100; an outside statistician), and named
 * only where the error those few runs leave in the value's share is beyond the call's standard error ({@link
 * #withinTheMixturesError}).
 */
final class MisplacedValues {

    /** At most how many values are screened. */
    static final int VALUES = 5;
    /**
     * The least prior probability of a value screened, as {@link UnproposedValues} reads a count's tail: a fault of
     * prior 5e-5 holding 96% of P(e) went unnamed under a floor of 1e-4 (an outside statistician).
     */
    static final double MIN_PRIOR = UnproposedValues.TAIL_FLOOR;
    /** The runs of each screen, each way. */
    static final int SCREEN_RUNS = 20;
    /** The fresh runs that confirm a screened value, each way. */
    static final int CONFIRMING_RUNS = 200;

    private MisplacedValues() {
    }

    /** A value to look at: its site, its name as a verdict writes it, and its prior probability. */
    record Candidate(Address address, String name, boolean bool, int value, double prior) {
    }

    /**
     * The verdict on the first candidate whose runs with the prior elsewhere hold, beyond their and the guide's
     * standard errors, a share of P(e) that its runs with the guide elsewhere do not; empty if none. {@code logZHat}
     * and {@code standardError} are the call's estimate of log P(e) and its reported standard error (NaN or infinite:
     * only the share rule).
     */
    static <T> Optional<String> verdict(Execution<T> execution, long seed, List<Candidate> candidates,
                                        double logZHat, double standardError, double priorShare, long runs) {
        Guide guide = execution.guide();
        if ((guide == null && execution.guideProgram() == null) || !(logZHat > Double.NEGATIVE_INFINITY)) {
            return Optional.empty();
        }
        // A whole-run defensive mixture's runs that follow the prior weigh the value where its mass lies; its guide's
        // runs are the ones that may miss it.
        Execution<T> guided = priorShare > 0 ? execution.guide(guide.guideComponent()) : execution;
        List<Candidate> sorted = new ArrayList<>();
        for (Candidate v : candidates) {
            if (priorShare * v.prior() * runs < PRIOR_DRAWS) {
                sorted.add(v);
            }
        }
        sorted.sort((a, b) -> Double.compare(b.prior(), a.prior()));
        for (int c = 0; c < Math.min(VALUES, sorted.size()); c++) {
            Candidate v = sorted.get(c);
            long streams = seed ^ (0xC2B2AE3D27D4EB4FL * (c + 1));
            UnproposedValues.Forced byPrior = UnproposedValues.forced(execution, false, streams, v.address(),
                    v.bool(), v.value(), SCREEN_RUNS);
            UnproposedValues.Forced byGuide = UnproposedValues.forced(guided, true, streams, v.address(),
                    v.bool(), v.value(), SCREEN_RUNS);
            if (!missing(byPrior.logMean(), byGuide.logMean(), logZHat, standardError)) {
                continue;
            }
            long fresh = ~streams;
            byPrior = UnproposedValues.forced(execution, false, fresh, v.address(), v.bool(), v.value(),
                    CONFIRMING_RUNS);
            byGuide = UnproposedValues.forced(guided, true, fresh, v.address(), v.bool(), v.value(),
                    CONFIRMING_RUNS);
            if (missing(byPrior.logLower(), byGuide.logUpper(), logZHat, standardError)
                    && !withinTheMixturesError(byPrior.logMean() - logZHat, priorShare * v.prior() * runs,
                    standardError)
                    && !weighedWhereDrawn(guided, fresh, v, priorShare, logZHat)) {
                return Optional.of(said(v, byPrior, byGuide, logZHat, priorShare, runs));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the runs of the call that would draw the value weigh what its average run weighs, within a factor of
     * {@link #LOG_FACTOR} and with a spread (coefficient of variation) of at most 1: then they fit the value, and the
     * verdict would say what is not so. The forced runs take the choices before the site from the guide, as every run
     * does, but the call's runs that draw the value are the ones whose earlier choices make it likely: an exact guide
     * for a sticky chain draws z[1] = false after z[0] = false, one run in 2,000, and all but never after z[0] = true.
     * Forced after the guide's own z[0], its runs read P(e, z[1] = false) e^-11 times the prior's, and the value was
     * named in 20 calls of 20 (an outside hunt), though every run the call drew, that value's among them, weighed
     * P(e) exactly. A forced run's weight w over r, the probability with which the call's proposal would have drawn
     * the value after its choices ({@link UnseenCombinations#logDrawn}), is the weight that run carries in the call;
     * weighted by r, these are the weights of the call's runs that draw the value. A guide that draws the value too
     * seldom and misplaces its other choices as well gives them weights far above the call's mean, or spread wide,
     * and is named as before.
     */
    private static <T> boolean weighedWhereDrawn(Execution<T> guided, long streams, Candidate v, double priorShare,
                                                 double logZHat) {
        UnproposedValues.Seen seen = new UnproposedValues.Seen(v.address(), v.name(), v.bool(), v.value());
        Dist point = UnproposedValues.point(v.bool(), v.value());
        Dist[] proposed = new Dist[1];
        Runner<T> runner = ForcedValue.seeingTheProposal(guided, v.address(), point, d -> proposed[0] = d).runner();
        double logSumW = Double.NEGATIVE_INFINITY;
        double logSumR = Double.NEGATIVE_INFINITY;
        double logSumSquareOverR = Double.NEGATIVE_INFINITY; // sum of r (w / r)^2
        for (int i = 0; i < CONFIRMING_RUNS; i++) {
            proposed[0] = null;
            double logW = UnproposedValues.forcedLogWeight(runner, streams, i, v.address(), v.bool(), v.value());
            if (logW != logW) {
                continue; // the site not reached
            }
            double logR = UnseenCombinations.logDrawn(runner, seen, proposed[0], priorShare);
            boolean weighs = logW > Double.NEGATIVE_INFINITY;
            if (logW == Double.POSITIVE_INFINITY || logR == Double.NEGATIVE_INFINITY && weighs) {
                return false; // a weight the call's runs could never carry
            }
            // a run of weight 0 counts too: the call's runs that draw the value there weigh nothing
            logSumR = LogSumExp.logAddExp(logSumR, logR);
            if (weighs) {
                logSumW = LogSumExp.logAddExp(logSumW, logW);
                logSumSquareOverR = LogSumExp.logAddExp(logSumSquareOverR, 2 * logW - logR);
            }
        }
        double logMeanWeight = logSumW - logSumR;
        double logOnePlusSquaredVariation = logSumSquareOverR + logSumR - 2 * logSumW;
        return logSumW > Double.NEGATIVE_INFINITY && Math.abs(logMeanWeight - logZHat) <= LOG_FACTOR
                && logOnePlusSquaredVariation <= Math.log(2);
    }

    /**
     * Below how many of a defensive mixture's runs that follow the prior and draw the value (its prior share alpha
     * times p(v) times the call's runs) the call's estimate of that value's share rests on too few of them to trust.
     */
    static final double PRIOR_DRAWS = 10;

    /**
     * Whether a defensive mixture's runs that follow the prior, about {@code priorDraws} of them expected to draw the
     * value, read its share of P(e) (log {@code logShare}) with no more error than the call's standard error of log
     * Z-hat says. Their count is about Poisson, so they read the share s with a relative error of 1 / sqrt(m) for m
     * expected draws: where s / sqrt(m) is within the standard error, even none of them (probability e^-m) leaves the
     * estimate short by s, at most sqrt(m) &lt; sqrt({@link #PRIOR_DRAWS}) standard errors, and the value is not named.
     * A mixture of alpha 0.3 whose guide missed a value of share 8% expected 8 such runs and was named in about half
     * of all seeds while its estimates held (an outside statistician); alpha 0.01 expects a tenth of one, and is named.
     */
    static boolean withinTheMixturesError(double logShare, double priorDraws, double standardError) {
        return priorDraws > 0 && standardError >= 0 && standardError < Double.POSITIVE_INFINITY
                && Math.exp(logShare) <= standardError * Math.sqrt(priorDraws);
    }

    /**
     * How many times the guide's estimate of P(e, x_s = v) the prior's must be, beyond their standard errors: two
     * estimates of one quantity that agree within a factor of 2 are noise as often as not (with none, a guide that
     * followed the value, whose runs read P(e, b = 1) within 2% of the truth, was named in 1 seed of 200).
     */
    private static final double LOG_FACTOR = Math.log(2);

    /**
     * Whether P(e, x_s = v) read {@code logByPrior} exceeds {@code logByGuide} by a factor of {@link #LOG_FACTOR} and
     * by {@link UnproposedValues#SHARE} of the call's estimate, or by enough to take log Z-hat two of its standard
     * errors low.
     */
    private static boolean missing(double logByPrior, double logByGuide, double logZHat, double standardError) {
        if (!(logByPrior - logByGuide >= LOG_FACTOR) || logByPrior == Double.POSITIVE_INFINITY) {
            return false;
        }
        // (P_prior - P_guide) / Z-hat, in log space
        double logGap = logByPrior + Math.log1p(-Math.exp(logByGuide - logByPrior)) - logZHat;
        if (logGap >= Math.log(UnproposedValues.SHARE)) {
            return true;
        }
        return standardError >= 0 && standardError < Double.POSITIVE_INFINITY
                && Math.log1p(Math.exp(logGap)) >= Math.max(UnproposedValues.STANDARD_ERRORS * standardError,
                UnproposedValues.LEAST_ERROR);
    }

    private static String said(Candidate v, UnproposedValues.Forced byPrior, UnproposedValues.Forced byGuide,
                               double logZHat, double priorShare, long runs) {
        String guide = byGuide.logMean() == Double.NEGATIVE_INFINITY ? "0"
                : "about " + UnproposedValues.power(byGuide.logMean());
        String mixture = priorShare == 0 ? "" : String.format(Locale.ROOT, " (the mixture's runs that follow the "
                + "prior, its share %.3g of them, weigh it where its mass lies, but %,d runs expect %.3g such runs "
                + "that draw it)", priorShare, runs, priorShare * v.prior() * runs);
        return String.format(Locale.ROOT, "the runs that draw %s propose the other choices for another value: "
                + "forced there in %d runs with the prior elsewhere, P(e, %s) reads about %s (%.3g times the estimate "
                + "of P(e), %s), and with the guide elsewhere, as the call's runs that draw it do, %s%s; so the "
                + "estimates read that value's share low, or high where a rare run lands where its mass lies, and no "
                + "weight need show it (the lower bounds stay valid, only lower); use a guide whose proposals depend "
                + "on that choice%s", v.name(), CONFIRMING_RUNS, v.name(), UnproposedValues.power(byPrior.logMean()),
                Math.exp(byPrior.logMean() - logZHat), UnproposedValues.power(logZHat), guide, mixture,
                priorShare == 0 ? ", or mix the prior back in (Guide.defensive)" : ", or a larger prior share");
    }
}
