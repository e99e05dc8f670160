package dev.ariadne.inference.enumerate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Handlers;
import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.DiscreteUniform;
import dev.ariadne.core.dist.ObjDist;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exact enumeration against references computed in the test itself, by the same closed form or by explicit loops
 * written without the library (GROUND_TRUTH.md's values are checked as well, to the digits it gives).
 */
class EnumerateExactTest {

    /** |actual - expected| within 1e-9 relative (plus a tiny absolute slack for values near 0). */
    static void close(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * Math.abs(expected) + 1e-15));
    }

    // ------------------------------------------------------------------ two coins

    @Test
    void twoCoinsConditionedOnAtLeastOneHead() {
        Model<Boolean> model = p -> {
            boolean a = p.sample("a", new Bernoulli(0.5));
            boolean b = p.sample("b", new Bernoulli(0.5));
            p.condition("atLeastOne", a || b);
            return a && b;
        };
        EnumerationResult<Boolean> r = Enumerate.of(model).run();

        close(r.evidence(), 3.0 / 4);
        close(r.logEvidence(), Math.log(0.75));
        close(r.probability(both -> both), 1.0 / 3);
        close(r.jointProbability(both -> both), 1.0 / 4);
        close(r.logProbability(both -> both), Math.log(1.0 / 3));
        close(r.posterior().get(false), 2.0 / 3);
        assertThat(r.paths()).isEqualTo(4);
        assertThat(r.failedPaths()).isEqualTo(1);
        close(r.expectation(both -> both ? 1 : 0), 1.0 / 3);
    }

    // ------------------------------------------------------------------ sprinkler

    static final double PC = 0.5;

    static double pS(boolean c) {
        return c ? 0.1 : 0.5;
    }

    static double pR(boolean c) {
        return c ? 0.8 : 0.2;
    }

    static double pW(boolean s, boolean r) {
        return s && r ? 0.99 : s || r ? 0.9 : 0.0;
    }

    record SR(boolean s, boolean r) {
    }

    /** The sprinkler's P(W, S = s?, R = r?) by explicit sums; null means any. */
    static double sprinklerJoint(Boolean sOnly, Boolean rOnly) {
        double total = 0;
        for (boolean c : new boolean[] {false, true}) {
            for (boolean s : new boolean[] {false, true}) {
                for (boolean r : new boolean[] {false, true}) {
                    if ((sOnly != null && s != sOnly) || (rOnly != null && r != rOnly)) {
                        continue;
                    }
                    total += (c ? PC : 1 - PC) * (s ? pS(c) : 1 - pS(c)) * (r ? pR(c) : 1 - pR(c)) * pW(s, r);
                }
            }
        }
        return total;
    }

    static SR sprinklerLatents(dev.ariadne.core.Prob p) {
        boolean c = p.sample("cloudy", new Bernoulli(PC));
        boolean s = p.sample("sprinkler", new Bernoulli(pS(c)));
        boolean r = p.sample("rain", new Bernoulli(pR(c)));
        return new SR(s, r);
    }

    static void checkSprinkler(EnumerationResult<SR> r) {
        double pw = sprinklerJoint(null, null);
        double pws = sprinklerJoint(true, null);
        double pwr = sprinklerJoint(null, true);
        close(r.evidence(), pw);
        close(r.jointProbability(SR::s), pws);
        close(r.probability(SR::s), pws / pw);
        close(r.probability(SR::r), pwr / pw);
        // GROUND_TRUTH.md, to the digits it gives
        assertThat(r.evidence()).isCloseTo(0.6471, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.jointProbability(SR::s)).isCloseTo(0.2781, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.probability(SR::s)).isCloseTo(0.429763560501, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.probability(SR::r)).isCloseTo(0.707927677330, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void sprinklerWithWetGrassObserved() {
        Model<SR> model = p -> {
            SR sr = sprinklerLatents(p);
            p.observe("wet", new Bernoulli(pW(sr.s(), sr.r())), true);
            return sr;
        };
        EnumerationResult<SR> r = Enumerate.of(model).run();
        checkSprinkler(r);
        assertThat(r.paths()).isEqualTo(8);
        assertThat(r.failedPaths()).as("neither sprinkler nor rain: P(W) = 0").isEqualTo(2);
    }

    @Test
    void sprinklerWithWetGrassSampledThenConditioned() {
        Model<SR> model = p -> {
            SR sr = sprinklerLatents(p);
            boolean w = p.sample("wet", new Bernoulli(pW(sr.s(), sr.r())));
            p.condition("grassIsWet", w);
            return sr;
        };
        EnumerationResult<SR> r = Enumerate.of(model).run();
        checkSprinkler(r);
        // Bernoulli(0) has no mass on true, so that value is skipped rather than run: 6 * 2 + 2 * 1 paths
        assertThat(r.paths()).isEqualTo(14);
    }

    @Test
    void sprinklerWithWetGrassObservedByTheConditionHandler() {
        Model<SR> model = p -> {
            SR sr = sprinklerLatents(p);
            p.sample("wet", new Bernoulli(pW(sr.s(), sr.r())));
            return sr;
        };
        EnumerationResult<SR> r = Enumerate.of(model).with(Handlers.condition(Map.of("wet", true))).run();
        checkSprinkler(r);
        assertThat(r.paths()).isEqualTo(8);
    }

    // ------------------------------------------------------------------ burglary

    static double pA(boolean b, boolean e) {
        return b && e ? 0.95 : b ? 0.94 : e ? 0.29 : 0.001;
    }

    @Test
    void burglaryGivenJohnAndMaryCall() {
        Model<Boolean> model = p -> {
            boolean b = p.sample("burglary", new Bernoulli(0.001));
            boolean e = p.sample("earthquake", new Bernoulli(0.002));
            boolean a = p.sample("alarm", new Bernoulli(pA(b, e)));
            p.observe("johnCalls", new Bernoulli(a ? 0.9 : 0.05), true);
            p.observe("maryCalls", new Bernoulli(a ? 0.7 : 0.01), true);
            return b;
        };
        double pjm = 0;
        double pbjm = 0;
        for (boolean b : new boolean[] {false, true}) {
            for (boolean e : new boolean[] {false, true}) {
                for (boolean a : new boolean[] {false, true}) {
                    double w = (b ? 0.001 : 0.999) * (e ? 0.002 : 0.998) * (a ? pA(b, e) : 1 - pA(b, e))
                            * (a ? 0.9 : 0.05) * (a ? 0.7 : 0.01);
                    pjm += w;
                    if (b) {
                        pbjm += w;
                    }
                }
            }
        }
        EnumerationResult<Boolean> r = Enumerate.of(model).run();
        close(r.evidence(), pjm);
        close(r.jointProbability(b -> b), pbjm);
        close(r.probability(b -> b), pbjm / pjm);
        close(r.evidence(), 2.084100239e-3);
        close(r.jointProbability(b -> b), 5.9224259e-4);
        assertThat(r.probability(b -> b)).isCloseTo(0.284171835364, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.paths()).isEqualTo(8);
    }

    // ------------------------------------------------------------------ hmm

    static final double[] INIT = {0.2, 0.3, 0.5};
    static final double[][] TRANS = {{0.4, 0.4, 0.2}, {0.2, 0.3, 0.5}, {0.9, 0.05, 0.05}};
    static final double[][] EMIT = {{0.1, 0.2, 0.7}, {0.2, 0.7, 0.1}, {0.7, 0.2, 0.1}};
    static final int[] SYMBOLS = {1, 1, 2, 3};

    @Test
    void hiddenMarkovModelAgainstTheForwardAlgorithm() {
        Model<Integer> model = p -> {
            int state = p.sample("state", 0, new Categorical(INIT));
            for (int t = 0; t < SYMBOLS.length; t++) {
                if (t > 0) {
                    state = p.sample("state", t, new Categorical(TRANS[state]));
                }
                p.observe("symbol", t, new Categorical(EMIT[state]), SYMBOLS[t] - 1);
            }
            return state;
        };
        // forward algorithm: alpha_t(j) = P(y_0..y_t, z_t = j)
        double[] alpha = new double[3];
        for (int j = 0; j < 3; j++) {
            alpha[j] = INIT[j] * EMIT[j][SYMBOLS[0] - 1];
        }
        for (int t = 1; t < SYMBOLS.length; t++) {
            double[] nextAlpha = new double[3];
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 3; i++) {
                    nextAlpha[j] += alpha[i] * TRANS[i][j];
                }
                nextAlpha[j] *= EMIT[j][SYMBOLS[t] - 1];
            }
            alpha = nextAlpha;
        }
        double pe = alpha[0] + alpha[1] + alpha[2];

        EnumerationResult<Integer> r = Enumerate.of(model).run();
        close(r.evidence(), pe);
        close(r.evidence(), 7.624025e-3);
        assertThat(r.logEvidence()).isCloseTo(-4.876450833517, org.assertj.core.data.Offset.offset(1e-11));
        for (int j = 0; j < 3; j++) {
            int state = j;
            close(r.probability(z -> z == state), alpha[j] / pe); // filtering distribution of the last state
        }
        assertThat(r.paths()).isEqualTo(81);
        assertThat(r.failedPaths()).isZero();
    }

    // ------------------------------------------------------------------ structure that changes between paths

    @Test
    void geometricRecursionWithADepthLimit() {
        double q = 0.3;
        int limit = 6;
        Model<Integer> model = p -> {
            int n = 0;
            while (n < limit && p.sample("again", n, new Bernoulli(q))) {
                n++;
            }
            p.condition("atLeastTwo", n >= 2);
            return n;
        };
        double pe = 0;
        double sum = 0;
        for (int n = 2; n <= limit; n++) {
            double pn = Math.pow(q, n) * (n < limit ? 1 - q : 1);
            pe += pn;
            sum += n * pn;
        }
        EnumerationResult<Integer> r = Enumerate.of(model).run();
        close(r.evidence(), pe);
        close(r.expectation(n -> n), sum / pe);
        close(r.posterior().get(limit), Math.pow(q, limit) / pe);
        assertThat(r.paths()).isEqualTo(limit + 1);
        assertThat(r.failedPaths()).isEqualTo(2);
    }

    @Test
    void branchThatMakesDifferentNumbersOfChoices() {
        // with probability 0.4 roll two dice of 1..3, else draw one total from {1, 2, 3} weighted 0 : 1 : 2 (no
        // mass on 1); then see 2 successes in 'total' fair trials
        Model<Integer> model = p -> {
            int total;
            if (p.sample("twoDice", new Bernoulli(0.4))) {
                total = p.sample("die", 0, new DiscreteUniform(1, 3)) + p.sample("die", 1, new DiscreteUniform(1, 3));
            } else {
                total = 1 + p.sample("single", new Categorical(0, 1, 2));
            }
            p.observe("successes", new Binomial(total, 0.5), 2);
            return total;
        };
        double[] joint = new double[7];
        for (int a = 1; a <= 3; a++) {
            for (int b = 1; b <= 3; b++) {
                joint[a + b] += 0.4 / 9 * binom2(a + b);
            }
        }
        joint[2] += 0.6 / 3 * binom2(2);
        joint[3] += 0.6 * 2 / 3 * binom2(3);
        double pe = 0;
        double mean = 0;
        for (int t = 0; t < joint.length; t++) {
            pe += joint[t];
            mean += t * joint[t];
        }
        EnumerationResult<Integer> r = Enumerate.of(model).run();
        close(r.evidence(), pe);
        close(r.expectation(t -> t), mean / pe);
        for (int t = 2; t <= 6; t++) {
            close(r.posterior().get(t), joint[t] / pe);
        }
        assertThat(r.paths()).as("9 dice paths, 2 single paths (the zero-mass value is skipped)").isEqualTo(11);
    }

    /** P(2 successes in n fair trials), by hand. */
    static double binom2(int n) {
        return n < 2 ? 0 : n * (n - 1) / 2.0 / Math.pow(2, n);
    }

    // ------------------------------------------------------------------ soft evidence and objects

    @Test
    void isingRingAgainstBruteForce() {
        // GROUND_TRUTH.md's ring has 20 spins: 2^20 paths take ~6 s here, so the suite checks 10 spins (and 2^10
        // paths with a budget of exactly 2^10) against the same brute force
        isingRing(10);
    }

    /**
     * n fair spins of +-1 on a ring, weighted by the factor exp(0.5 sum s_i s_(i+1) + 0.25 sum s_i), returning the
     * magnetisation: log P(e) = log Z - n log 2, checked against a loop over all 2^n configurations.
     */
    static EnumerationResult<Integer> isingRing(int n) {
        double coupling = 0.5;
        double field = 0.25;
        Model<Integer> model = p -> {
            int[] s = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = p.sample("spin", i, new Bernoulli(0.5)) ? 1 : -1;
            }
            double e = 0;
            int m = 0;
            for (int i = 0; i < n; i++) {
                e += coupling * s[i] * s[(i + 1) % n] + field * s[i];
                m += s[i];
            }
            p.factor("energy", e);
            return m;
        };
        double z = 0;
        double zPositive = 0;
        for (int x = 0; x < 1 << n; x++) {
            double e = 0;
            int m = 0;
            for (int i = 0; i < n; i++) {
                int si = (x >> i & 1) == 1 ? 1 : -1;
                int sj = (x >> ((i + 1) % n) & 1) == 1 ? 1 : -1;
                e += coupling * si * sj + field * si;
                m += si;
            }
            z += Math.exp(e);
            if (m > 0) {
                zPositive += Math.exp(e);
            }
        }
        EnumerationResult<Integer> r = Enumerate.of(model).maxPaths(1L << n).run();
        close(r.logEvidence(), Math.log(z) - n * Math.log(2));
        close(r.probability(m -> m > 0), zPositive / z);
        assertThat(r.paths()).isEqualTo(1L << n);
        return r;
    }

    /** A distribution over a few strings that can list its support. */
    static final class Weather implements ObjDist<String> {
        private static final long serialVersionUID = 1L;
        static final List<String> KINDS = List.of("sun", "rain", "snow", "hail");
        static final double[] P = {0.6, 0.3, 0.1, 0.0};

        @Override
        public String sample(Rng rng) {
            throw new UnsupportedOperationException("not used by enumeration");
        }

        @Override
        public double logDensity(String x) {
            int i = KINDS.indexOf(x);
            return i < 0 ? Double.NEGATIVE_INFINITY : Math.log(P[i]);
        }

        @Override
        public List<String> enumerate() {
            return KINDS;
        }
    }

    @Test
    void objectChoicesAreEnumeratedFromTheirSupportList() {
        Model<String> model = p -> {
            String w = p.sample("weather", new Weather());
            p.observe("umbrella", new Bernoulli(w.equals("sun") ? 0.1 : 0.8), true);
            return w;
        };
        double pe = 0.6 * 0.1 + 0.3 * 0.8 + 0.1 * 0.8;
        EnumerationResult<String> r = Enumerate.of(model).run();
        close(r.evidence(), pe);
        close(r.posterior().get("rain"), 0.3 * 0.8 / pe);
        assertThat(r.posterior()).doesNotContainKey("hail");
        assertThat(r.paths()).as("hail has mass 0 and is skipped").isEqualTo(3);
    }

    @Test
    void scopedSitesAndTheLogJointMap() {
        Model<Integer> model = p -> {
            int a = p.call("left", m -> m.sample("x", new DiscreteUniform(0, 1)));
            int b = p.call("right", m -> m.sample("x", new DiscreteUniform(0, 1)));
            return a + b;
        };
        EnumerationResult<Integer> r = Enumerate.of(model).run();
        close(r.evidence(), 1);
        close(r.logJoint().get(1), Math.log(0.5));
        assertThat(r.posterior().keySet()).containsExactly(0, 1, 2);
        assertThat(r.distinctValues()).isEqualTo(3);
    }
}
