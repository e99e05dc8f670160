package dev.ariadne.inference.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Diagnostics;
import dev.ariadne.inference.Estimate;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.stats.ParetoKHat;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * How often the diagnostics stay silent (no verdict: "nothing looks wrong") while the evidence estimate is badly
 * wrong, on the heavy-tailed case: normal-normal with y = (1.2, 0.4, 1.6), whose posterior is N(0.8, 0.5^2),
 * under the guide N(0.9, 0.15), so narrow that the weights have infinite variance (tail index k = 1 - 0.15^2 /
 * 0.5^2 = 0.91). "Badly wrong" is |z| > 3 for z = (log Z-hat - log P(e)) / its reported standard error.
 */
class SilentDiagnosticsTest {

    static final double[] Y = {1.2, 0.4, 1.6};

    static final Model<Double> MODEL = p -> {
        double mu = p.sample("mu", new Normal(0, 1));
        for (int i = 0; i < Y.length; i++) {
            p.observe("y", i, new Normal(mu, 1), Y[i]);
        }
        return mu;
    };

    static final Guide NARROW = Guide.at("mu", new Normal(0.9, 0.15));

    /**
     * log P(e) in closed form: y ~ N(0, I + 11^T), whose determinant is 4 and inverse I - 11^T / 4, so
     * log P(e) = -3/2 log(2 pi) - 1/2 log 4 - 1/2 (y'y - (sum y)^2 / 4) = -4.249963.
     */
    static final double LOG_Z;

    static {
        double sum = 0;
        double sq = 0;
        for (double y : Y) {
            sum += y;
            sq += y * y;
        }
        LOG_Z = -1.5 * Math.log(2 * Math.PI) - 0.5 * Math.log(4) - 0.5 * (sq - sum * sum / 4);
    }

    /**
     * Per replicate: whether the verdicts were silent, whether |z| > 3, and whether the verdicts of k-hat's
     * threshold alone (with the ESS and runs-needed verdicts, and without the second, infinite-variance verdict)
     * would have been silent.
     */
    record Outcome(boolean silent, boolean wrong, boolean silentByThresholdAlone, List<String> verdicts) {
    }

    static Outcome[] replicate(int runs, int reps, long seedBase) {
        Outcome[] out = new Outcome[reps];
        IntStream.range(0, reps).parallel().forEach(r -> {
            ImportanceResult<Double> res = Importance.of(MODEL).guide(NARROW).samples(runs).seed(seedBase + r)
                    .keep(0).run();
            Estimate logZ = res.logEvidence();
            double z = (logZ.value() - LOG_Z) / logZ.standardError();
            Diagnostics d = res.diagnostics();
            boolean thresholdAlone = d.runs() >= ParetoKHat.RUNS_TO_JUDGE && d.paretoK() <= d.paretoThreshold()
                    && d.ess() >= Math.min(100, 0.01 * d.runs()) && d.runsNeeded() <= d.runs();
            out[r] = new Outcome(d.verdicts().isEmpty(), Math.abs(z) > 3, thresholdAlone, d.verdicts());
        });
        return out;
    }

    static int count(Outcome[] o, Predicate<Outcome> p) {
        int c = 0;
        for (Outcome x : o) {
            if (p.test(x)) {
                c++;
            }
        }
        return c;
    }

    /**
     * Below the floor the verdict always says the tail cannot be judged: at n = 100, where 472 of 1000 seeds have
     * |z| > 3 (the estimate is about 0.56 nats low with a standard error of 0.1) and 140 of them passed with no
     * warning before, none is silent now. Exact: the floor is a rule, not an estimate.
     */
    @Test
    void belowTheFloorTheVerdictNeverSaysNothingLooksWrong() {
        Outcome[] o = replicate(100, 1000, 1);
        assertThat(count(o, Outcome::silent)).isZero();
        assertThat(count(o, Outcome::wrong)).isGreaterThan(300);
        assertThat(o[0].verdicts()).anyMatch(v -> v.contains("with 100 runs the weights' tail cannot be judged yet"));
    }

    /**
     * Above the floor, at n = 10^4 over seeds 1..1000: silent with |z| > 3 in 1 of 1000 (0.1%; seeds 1001..5000
     * gave 0, 1, 1, 1 per thousand). k-hat's threshold alone would leave 101 of 1000 silent and badly wrong (test of
     * the test): the weights here have tail index 0.91, and at 10^4 runs k-hat lands in (0.5, 0.7) for 112 seeds,
     * below the threshold but above 0.5, where the variance is infinite and the standard error means nothing.
     * The assertion allows 10 (1%, the target); with a true rate near 0.1% a count above 10 has
     * probability below 1e-9. Cost: 10^7 runs, about 5 s of CPU.
     */
    @Test
    void aboveTheFloorTheVerdictsAreRarelySilentWhenTheEstimateIsBadlyWrong() {
        Outcome[] o = replicate(10_000, 1000, 1);
        int silentAndWrong = count(o, x -> x.silent() && x.wrong());
        assertThat(silentAndWrong).as("silent with |z| > 3").isLessThanOrEqualTo(10);
        int thresholdAlone = count(o, x -> x.silentByThresholdAlone() && x.wrong());
        System.out.println("normal-normal, guide N(0.9, 0.15), n = 10^4, seeds 1..1000: silent with |z| > 3 in "
                + silentAndWrong + "; under k-hat's threshold alone " + thresholdAlone + "; |z| > 3 in "
                + count(o, Outcome::wrong));
        assertThat(thresholdAlone).as("k-hat's threshold alone: silent with |z| > 3").isGreaterThan(10);
        assertThat(count(o, Outcome::wrong)).as("|z| > 3").isGreaterThan(300);
    }

    /** Prints the figures for seeds 1..1000 at n = 100 and n = 10^4. */
    public static void main(String[] args) {
        for (int n : new int[] {100, 10_000}) {
            Outcome[] o = replicate(n, 1000, args.length > 0 ? Long.parseLong(args[0]) : 1);
            System.out.println("n = " + n + ": silent with |z| > 3: " + count(o, x -> x.silent() && x.wrong())
                    + " of 1000 (k-hat's threshold alone: " + count(o, x -> x.silentByThresholdAlone() && x.wrong())
                    + "); silent " + count(o, Outcome::silent) + ", |z| > 3 " + count(o, Outcome::wrong));
        }
    }
}
