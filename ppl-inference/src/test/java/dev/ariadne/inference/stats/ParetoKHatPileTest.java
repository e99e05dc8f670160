package dev.ariadne.inference.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Rng;
import org.junit.jupiter.api.Test;

/**
 * A pile: many weights near the largest a bounded bulk of them can have (runs near the mode of a proposal slightly
 * wider than its posterior), with a seldom-drawn branch's weights above it. Fitted with the pile, k-hat reads the
 * weights as heavier than they are; {@link ParetoKHat#lightAbovePile} reads those above the pile alone.
 */
class ParetoKHatPileTest {

    /**
     * 100,000 log weights: one in {@code every} of them {@code branch} of a standard normal draw, the rest those of a
     * Normal proposal 1.05 times as wide as its Normal target, {@code -(z^2 / 2) (1 - 1 / 1.05^2)}, whose largest lie
     * within a few millionths of a nat of their bound, 0.
     */
    private static ParetoKHat pileAnd(int every, java.util.function.DoubleUnaryOperator branch) {
        Rng rng = Rng.forRun(23, 0);
        ParetoKHat k = new ParetoKHat(100_000);
        double curvature = 0.5 * (1 - 1 / (1.05 * 1.05));
        for (int i = 0; i < 100_000; i++) {
            double z = rng.standardNormal();
            k.add(i % every == 0 ? branch.applyAsDouble(z) : -curvature * z * z);
        }
        return k;
    }

    /**
     * A bounded branch, drawn at 1%, whose weights reach e^3.6 times the pile's at a draw 3.5 sds out (as a bad batch's
     * do under a guide fitted to the good one): about 200 of them above the pile. Fitted with the pile, k-hat reads
     * above 0.5, a variance that may be infinite; above the pile the tail is light.
     */
    @Test
    void aBoundedBranchAboveAPileIsLight() {
        ParetoKHat k = pileAnd(100, z -> 3.6 - 0.5 * (z + 3.5) * (z + 3.5));
        assertThat(k.kHat()).as("fitted with the pile").isGreaterThan(ParetoKHat.INFINITE_VARIANCE);
        assertThat(k.shape()).isEqualTo(ParetoKHat.Shape.TAIL);
        assertThat(k.lightAbovePile()).isTrue();
    }

    /** A log-normal branch of log-sd 2.5, drawn at 2%, about 400 of its weights above the pile: heavy, and read so. */
    @Test
    void aHeavyBranchAboveAPileIsNotLight() {
        ParetoKHat k = pileAnd(50, z -> -2 + 2.5 * z);
        assertThat(k.kHat()).isGreaterThan(0.7);
        assertThat(k.lightAbovePile()).isFalse();
    }

    /**
     * A tail is never read as a pile: 20 of its largest logs lie that close only if spacings of means k / r sum to
     * 0.02 / k of their mean, about 10^-11 at k = 0.17 and far less above. None in 100 samples each of 10,000 and
     * 100,000 Pareto weights of tail index 0.3, 0.5, 0.7 and 1, nor of log-normal weights of log-sd 1 and 2.
     */
    @Test
    void tailsAreNeverReadAsPiles() {
        for (int n : new int[] {10_000, 100_000}) {
            for (double xi : new double[] {0.3, 0.5, 0.7, 1}) {
                for (int rep = 0; rep < 100; rep++) {
                    Rng rng = Rng.forRun(29, rep);
                    ParetoKHat k = new ParetoKHat(n);
                    for (int i = 0; i < n; i++) {
                        k.add(-xi * Math.log(rng.openUniform()));
                    }
                    assertThat(k.lightAbovePile()).as("Pareto %s, %d weights, rep %d", xi, n, rep).isFalse();
                }
            }
            for (double s : new double[] {1, 2}) {
                for (int rep = 0; rep < 100; rep++) {
                    ParetoKHat k = new ParetoKHat(n);
                    for (double l : Sim.logNormalWeights(31, rep, n, s)) {
                        k.add(l);
                    }
                    assertThat(k.lightAbovePile()).as("log-normal %s, %d weights, rep %d", s, n, rep).isFalse();
                }
            }
        }
    }
}
