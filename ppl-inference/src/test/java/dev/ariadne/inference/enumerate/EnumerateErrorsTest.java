package dev.ariadne.inference.enumerate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ariadne.core.Address;
import dev.ariadne.core.Handlers;
import dev.ariadne.core.Model;
import dev.ariadne.core.ModelException;
import dev.ariadne.core.Rng;
import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.ObjDist;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Exact enumeration says plainly when it cannot answer, and lets the model's own errors through. */
class EnumerateErrorsTest {

    @Test
    void aNormalChoiceIsNamedByItsAddressAndDistribution() {
        Model<Double> model = p -> {
            boolean b = p.sample("b", new Bernoulli(0.5));
            return p.call("group", 2, q -> q.sample("mu", new Normal(b ? 1 : 0, 1)));
        };
        EnumerationException e = catchThrowableOfType(EnumerationException.class, () -> Enumerate.of(model).run());
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.NOT_ENUMERABLE);
        assertThat(e.address()).isEqualTo(Address.of(Address.of(null, "group", 2), "mu", Address.NO_INDEX));
        assertThat(e.getMessage()).contains("group[2]/mu").contains("Normal").contains("continuous");
    }

    @Test
    void aVectorChoiceIsRejected() {
        Model<double[]> model = p -> p.sample("w", new Dirichlet(1, 1, 1));
        assertThatThrownBy(() -> Enumerate.of(model).run()).isInstanceOf(EnumerationException.class)
                .hasMessageContaining("w").hasMessageContaining("Dirichlet");
    }

    @Test
    void aCountWithInfiniteSupportIsRejected() {
        Model<Integer> model = p -> p.sample("k", new Poisson(3));
        assertThatThrownBy(() -> Enumerate.of(model).run()).isInstanceOf(EnumerationException.class)
                .hasMessageContaining("k").hasMessageContaining("Poisson").hasMessageContaining("not finite");
    }

    @Test
    void aPoissonOfRateZeroIsThePointMassAtZeroAndIsEnumerated() {
        Model<Integer> model = p -> {
            boolean b = p.sample("b", new Bernoulli(0.5));
            int k = p.sample("k", new Poisson(0));
            p.observe("y", new Poisson(b ? 2 : 1), 2 + k);
            return k;
        };
        EnumerationResult<Integer> r = Enumerate.of(model).run();
        double expected = 0.5 * Math.exp(new Poisson(2).logMass(2)) + 0.5 * Math.exp(new Poisson(1).logMass(2));
        assertThat(r.paths()).isEqualTo(2);
        assertThat(r.evidence()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(r.probability(k -> k == 0)).isEqualTo(1.0);
    }

    /** An object distribution that cannot list its support (the interface's default). */
    static final class Opaque implements ObjDist<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String sample(Rng rng) {
            return "x";
        }

        @Override
        public double logDensity(String x) {
            return 0;
        }
    }

    @Test
    void anObjectChoiceThatCannotListItsSupportIsRejected() {
        Model<String> model = p -> p.sample("thing", new Opaque());
        assertThatThrownBy(() -> Enumerate.of(model).run()).isInstanceOf(EnumerationException.class)
                .hasMessageContaining("thing").hasMessageContaining("cannot list its support");
    }

    /** Words listed with the given weights as their masses, unnormalised as given. */
    static final class Listed implements ObjDist<String> {
        private static final long serialVersionUID = 1L;
        private final String[] values;
        private final double[] masses;

        Listed(String[] values, double[] masses) {
            this.values = values;
            this.masses = masses;
        }

        @Override
        public String sample(Rng rng) {
            return values[0];
        }

        @Override
        public double logDensity(String x) {
            for (int i = 0; i < values.length; i++) {
                if (values[i].equals(x)) {
                    return Math.log(masses[i]);
                }
            }
            return Double.NEGATIVE_INFINITY;
        }

        @Override
        public java.util.List<String> enumerate() {
            return java.util.List.of(values);
        }
    }

    /**
     * An object distribution whose listed masses sum to 10 gave P(e) = 2.6 where sampling read 0.26, and one that
     * listed a value twice counted its paths twice (an outside tester): both refused, naming the site.
     */
    @Test
    void anObjectChoiceWhoseListIsNotItsSupportIsRejected() {
        Listed ten = new Listed(new String[] {"a", "b", "c"}, new double[] {2, 3, 5});
        assertThatThrownBy(() -> Enumerate.of(p -> p.sample("s", ten)).run())
                .isInstanceOf(EnumerationException.class)
                .hasMessageContaining("the choice at s").hasMessageContaining("sum to 10.00000000, not 1");
        Listed twice = new Listed(new String[] {"a", "a", "c"}, new double[] {0.25, 0.25, 0.5});
        assertThatThrownBy(() -> Enumerate.of(p -> p.sample("s", twice)).run())
                .isInstanceOf(EnumerationException.class).hasMessageContaining("lists the value a twice");
        Listed fine = new Listed(new String[] {"a", "b", "c"}, new double[] {0.2, 0.3, 0.5});
        assertThat(Enumerate.of(p -> p.sample("s", fine)).run().evidence())
                .isCloseTo(1, org.assertj.core.api.Assertions.within(1e-15));
    }

    /** Mass 2/3 on each of 0, 1 and 2. */
    record ThirdsTwice() implements dev.ariadne.core.dist.IntDist {
        @Override
        public int sample(Rng rng) {
            return rng.nextInt(3);
        }

        @Override
        public double logMass(int k) {
            return k >= 0 && k <= 2 ? Math.log(2.0 / 3) : Double.NEGATIVE_INFINITY;
        }

        @Override
        public dev.ariadne.core.dist.Support support() {
            return dev.ariadne.core.dist.Support.integers(0, 2);
        }

        @Override
        public double mean() {
            return 1;
        }

        @Override
        public double variance() {
            return 2.0 / 3;
        }
    }

    /** Mass 0.7 on each side. */
    record SevenTenthsEach() implements dev.ariadne.core.dist.BoolDist {
        @Override
        public boolean sample(Rng rng) {
            return rng.nextBoolean();
        }

        @Override
        public double logMass(boolean b) {
            return Math.log(0.7);
        }
    }

    /**
     * An integer or boolean distribution of one's own whose masses do not sum to 1 gave P(e) = 2 and 1.4 (an
     * adversarial tester), where an object distribution's were refused: now refused too, naming the site and the sum.
     */
    @Test
    void anIntegerOrBooleanChoiceWhoseMassesDoNotSumToOneIsRejected() {
        assertThatThrownBy(() -> Enumerate.of(p -> p.sample("k", new ThirdsTwice())).run())
                .isInstanceOf(EnumerationException.class).hasMessageContaining("the choice at k")
                .hasMessageContaining("its masses there sum to 2.000000000, not 1");
        assertThatThrownBy(() -> Enumerate.of(p -> p.sample("b", new SevenTenthsEach())).run())
                .isInstanceOf(EnumerationException.class).hasMessageContaining("the choice at b")
                .hasMessageContaining("sum to 1.400000000, not 1");
        assertThat(Enumerate.of(p -> p.sample("k", new dev.ariadne.core.dist.Binomial(1000, 0.3))).run().evidence())
                .isCloseTo(1, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void theErrorIsRaisedEvenIfTheModelSwallowsIt() {
        Model<Double> model = p -> {
            try {
                return p.sample("mu", new Normal(0, 1));
            } catch (RuntimeException swallowed) {
                return 0.0;
            }
        };
        assertThatThrownBy(() -> Enumerate.of(model).run()).isInstanceOf(EnumerationException.class)
                .hasMessageContaining("mu");
    }

    @Test
    void thePathBudgetNamesTheCountAndTheBudget() {
        Model<Integer> model = p -> {
            int heads = 0;
            for (int i = 0; i < 20; i++) {
                heads += p.sample("coin", i, new Bernoulli(0.5)) ? 1 : 0;
            }
            return heads;
        };
        EnumerationException e = catchThrowableOfType(EnumerationException.class,
                () -> Enumerate.of(model).maxPaths(1000).run());
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.PATH_BUDGET);
        assertThat(e.getMessage()).contains("1000 paths").contains("maxPaths(1000)");
        // a model with exactly as many paths as the budget is enumerated
        Model<Integer> small = p -> p.sample("a", new Bernoulli(0.5)) ? 1 : 0;
        assertThat(Enumerate.of(small).maxPaths(2).run().paths()).isEqualTo(2);
        assertThatThrownBy(() -> Enumerate.of(small).maxPaths(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** E -> 1..3 | E + E, each E a call of its own: a recursion down the left spine without end. */
    private static int expression(dev.ariadne.core.Prob p) {
        if (!p.sample("plus", new Bernoulli(0.4))) {
            return p.sample("num", new dev.ariadne.core.dist.DiscreteUniform(1, 3));
        }
        return p.call("L", EnumerateErrorsTest::expression) + p.call("R", EnumerateErrorsTest::expression);
    }

    /**
     * A grammar recursing through calls without end: the documented exception, with the path's deep address told
     * in short. Printing that address recursed once per scope and overflowed the stack, so the call died with a raw
     * StackOverflowError or "a handler threw java.lang.StackOverflowError", and the message that did come out held
     * an address of 20,000 characters (a new user).
     */
    @Test
    void aRecursionThroughCallsWithoutEndStopsWithTheDocumentedExceptionAndAShortAddress() {
        Model<Integer> grammar = p -> {
            int v = expression(p);
            p.condition("five", v == 5);
            return v;
        };
        EnumerationException e = catchThrowableOfType(EnumerationException.class,
                () -> Enumerate.of(grammar).run());
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.PATH_BUDGET);
        assertThat(e.getMessage()).contains("does the model recurse without end?").contains(" scopes ...")
                .hasSizeLessThan(1000);
        // Which comes first, the choices' budget or the stack's end, depends on the JIT (a fresh clone's CI overflowed
        // at 3,234 scopes): a recursion through calls that makes no choice always overflows, and is told alike.
        Model<Integer> scopesOnly = p -> {
            p.sample("first", new Bernoulli(0.5));
            return descend(p);
        };
        EnumerationException deep = catchThrowableOfType(EnumerationException.class,
                () -> Enumerate.of(scopesOnly).run());
        assertThat(deep.reason()).isEqualTo(EnumerationException.Reason.PATH_BUDGET);
        assertThat(deep.getMessage()).contains("overflowed the thread's stack after its site first (at depth 1)")
                .contains("does the model recurse without end?").hasSizeLessThan(1000);
    }

    /** A call one level down, without end and without a choice. */
    private static int descend(dev.ariadne.core.Prob p) {
        return p.call("d", EnumerateErrorsTest::descend);
    }

    /**
     * A walk that may go on forever: depth first, each path is a little longer than the last, and the work grew as the
     * square of the paths (a new user: 26 s for 16,000 paths, hours for the default budget, nothing said). A path of
     * more than maxChoicesPerPath latent choices stops it, saying why; a walk capped at 25 steps is enumerated.
     */
    @Test
    void aRecursionWithoutEndStopsAtTheChoicesBudget() {
        Model<Integer> walk = walkCappedAt(Integer.MAX_VALUE);
        EnumerationException e = catchThrowableOfType(EnumerationException.class,
                () -> Enumerate.of(walk).maxChoicesPerPath(200).run());
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.PATH_BUDGET);
        assertThat(e.getMessage()).contains("made more than maxChoicesPerPath(200) latent choices")
                .contains("does the model recurse without end?");
        // A first path that never ends (flips until one comes up true, the first path all false) stops at the budget
        // too, not at the engine's million sites per run (a new user).
        Model<Integer> untilTrue = p -> {
            int n = 0;
            while (!p.sample("flip", n, new Bernoulli(0.3))) {
                n++;
            }
            return n;
        };
        EnumerationException endless = catchThrowableOfType(EnumerationException.class,
                () -> Enumerate.of(untilTrue).maxChoicesPerPath(100).run());
        assertThat(endless.reason()).isEqualTo(EnumerationException.Reason.PATH_BUDGET);
        assertThat(endless.getMessage()).contains("more than maxChoicesPerPath(100) latent choices, the last at "
                + "flip[100]");
        assertThat(Enumerate.of(walk).maxChoicesPerPath()).isEqualTo(Enumerate.DEFAULT_MAX_CHOICES);
        assertThat(Enumerate.of(walkCappedAt(25)).maxChoicesPerPath(25).run().paths()).isPositive();
        assertThatThrownBy(() -> Enumerate.of(walk).maxChoicesPerPath(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A return value that is an array is one value per contents, not per path (a new user's three dice returned as
     * {@code int[]}: 36 posterior entries for 11 values). Two dice and their sum: P(sum = 7) = 6 / 36.
     */
    @Test
    void arraysReturnedWithTheSameContentsAreOneValue() {
        Model<int[]> dice = p -> {
            int a = p.sample("a", new dev.ariadne.core.dist.DiscreteUniform(1, 6));
            int b = p.sample("b", new dev.ariadne.core.dist.DiscreteUniform(1, 6));
            return new int[] {a + b};
        };
        EnumerationResult<int[]> r = Enumerate.of(dice).run();
        assertThat(r.posterior()).hasSize(11);
        assertThat(r.probability(v -> v[0] == 7)).isCloseTo(6.0 / 36, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.posterior().entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).containsExactly(7);
            assertThat(e.getValue()).isCloseTo(6.0 / 36, org.assertj.core.api.Assertions.within(1e-12));
        });
    }

    /** A walk from 1 that steps up with probability 0.4 until it reaches 0 or 4, or has made {@code cap} steps. */
    private static Model<Integer> walkCappedAt(int cap) {
        return p -> {
            int x = 1;
            int n = 0;
            while (x > 0 && x < 4 && n < cap) {
                x += p.sample("up", n, new Bernoulli(0.4)) ? 1 : -1;
                n++;
            }
            p.condition("top", x == 4);
            return n;
        };
    }

    @Test
    void impossibleEvidenceIsReportedNotNaN() {
        Model<Boolean> model = p -> {
            boolean a = p.sample("a", new Bernoulli(0.5));
            p.condition("never", a && !a);
            return a;
        };
        EnumerationResult<Boolean> r = Enumerate.of(model).run();
        assertThat(r.evidence()).isZero();
        assertThat(r.logEvidence()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.impossibleEvidence()).isTrue();
        assertThat(r.jointProbability(a -> a)).isZero();
        assertThat(r.paths()).isEqualTo(2);
        assertThat(r.failedPaths()).isEqualTo(2);
        EnumerationException e = catchThrowableOfType(EnumerationException.class, () -> r.probability(a -> a));
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.ZERO_EVIDENCE);
        assertThat(e.getMessage()).contains("P(e) = 0").contains("all 2 paths failed").contains("never");
        assertThatThrownBy(r::posterior).isInstanceOf(EnumerationException.class).hasMessageContaining("P(e) = 0");
        assertThatThrownBy(() -> r.expectation(a -> 1)).isInstanceOf(EnumerationException.class);
        assertThatThrownBy(() -> r.logProbability(a -> a)).isInstanceOf(EnumerationException.class);
    }

    /** A function that is NaN on a possible path is refused, as importance sampling refuses it (it returned NaN). */
    @Test
    void anExpectationThatIsNaNOnAPossiblePathIsRefused() {
        Model<Boolean> coin = p -> p.sample("a", new Bernoulli(0.5));
        EnumerationResult<Boolean> r = Enumerate.of(coin).run();
        assertThatThrownBy(() -> r.expectation(a -> a ? Double.NaN : 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NaN on the path whose value is true");
        assertThat(r.expectation(a -> a ? 3 : 1)).isEqualTo(2);
        // infinities: one sign is the expectation, both are undefined (it returned NaN, an outside tester)
        assertThat(r.expectation(a -> a ? Double.POSITIVE_INFINITY : 1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.expectation(a -> Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> r.expectation(a -> a ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the expectation is undefined");
        Model<Boolean> sure = p -> {
            boolean a = p.sample("a", new Bernoulli(0.5));
            p.condition("heads", a);
            return a;
        };
        // Infinite on a path the evidence rules out: that path counts nothing.
        assertThat(Enumerate.of(sure).run().expectation(a -> a ? 1 : Double.POSITIVE_INFINITY)).isEqualTo(1);
    }

    /** An adversarial tester's enumeration of 2^40 paths ran on with the caller interrupted. */
    @Test
    void interruptingTheCallerStopsTheEnumerationAndKeepsTheFlag() {
        Model<Integer> many = p -> {
            int heads = 0;
            for (int i = 0; i < 40; i++) {
                heads += p.sample("c", i, new Bernoulli(0.5)) ? 1 : 0;
            }
            return heads;
        };
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Enumerate.of(many).maxPaths(Long.MAX_VALUE).run())
                    .isInstanceOf(dev.ariadne.inference.run.RunCancelledException.class)
                    .hasMessageContaining("exact enumeration interrupted after 0 paths");
            assertThat(Thread.currentThread().isInterrupted()).as("the flag is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void exceptionsFromTheModelPropagateWithTheRun() {
        Model<Integer> model = p -> {
            boolean a = p.sample("a", new Bernoulli(0.5));
            if (a) {
                throw new ArithmeticException("boom");
            }
            return 0;
        };
        ModelException e = catchThrowableOfType(ModelException.class, () -> Enumerate.of(model).run());
        assertThat(e.getCause()).isInstanceOf(ArithmeticException.class);
        assertThat(e.runIndex()).as("the second path sets a = true").isEqualTo(1);
        assertThat(e.getMessage()).as("named as the enumeration's path with its choices, not a run of a seed")
                .contains("(path 1 of the enumeration: a = true, at or after site a)")
                .doesNotContain("seed");
    }

    @Test
    void aModelThatIsNotAFunctionOfItsChoicesIsCaught() {
        AtomicInteger calls = new AtomicInteger();
        Model<Boolean> model = p -> {
            boolean a = p.sample("a", new Bernoulli(0.5));
            if (calls.getAndIncrement() == 0) {
                p.sample("b", new Bernoulli(0.5));
            }
            return a;
        };
        EnumerationException e = catchThrowableOfType(EnumerationException.class, () -> Enumerate.of(model).run());
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.INCONSISTENT_MODEL);
    }

    /**
     * A counter that adds a condition on every other run: the paths made the same choices, so nothing looked
     * inconsistent, and Enumerate gave P(e) 0.5 and the posterior {false = 1} where every sampling method named the
     * state (an adversarial tester). The last path made again after the others shows it.
     */
    @Test
    void aModelThatKeepsStateBetweenPathsIsCaught() {
        AtomicInteger calls = new AtomicInteger();
        Model<Boolean> model = p -> {
            boolean b = p.sample("b", new Bernoulli(0.5));
            if (calls.incrementAndGet() % 2 == 0) {
                p.condition("c", !b);
            }
            return b;
        };
        EnumerationException e = catchThrowableOfType(EnumerationException.class, () -> Enumerate.of(model).run());
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.INCONSISTENT_MODEL);
        assertThat(e.getMessage()).contains("last path, made again after all 2 paths")
                .contains("a model keeps no state between runs");
        Model<Boolean> stateless = p -> {
            boolean b = p.sample("b", new Bernoulli(0.5));
            p.condition("c", !b);
            return b;
        };
        assertThat(Enumerate.of(stateless).run().evidence()).isEqualTo(0.5);
        // a rounding that differs from run to run, as a sum whose order changes gives (6e-9 nats apart in a hunt's
        // model, whose answer was right to that), is not refused
        Model<Boolean> rounding = p -> {
            boolean b = p.sample("b", new Bernoulli(0.5));
            p.factor("jitter", (calls.incrementAndGet() % 2) * 1e-8);
            return b;
        };
        assertThat(Enumerate.of(rounding).run().evidence()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-7));
    }

    /**
     * A buffer kept between runs, filled by the heads and never cleared, whose count the model returns: every path
     * weighs the same each time, and Enumerate gave the posterior {0 = 0.125, 1 = 0.125, 2 = 0.25, 3 = 0.5} for three
     * fair coins, with nothing said (an adversarial tester). The first path made again returns 3, not 0. A return value
     * whose equality is its identity (a new object each path) is not compared.
     */
    @Test
    void aModelWhoseReturnValueReadsStateKeptBetweenPathsIsCaught() {
        int[] buffer = new int[3];
        Model<Integer> model = p -> {
            for (int i = 0; i < 3; i++) {
                if (p.sample("coin", i, new Bernoulli(0.5))) {
                    buffer[i] = 1;
                }
            }
            return buffer[0] + buffer[1] + buffer[2];
        };
        EnumerationException e = catchThrowableOfType(EnumerationException.class, () -> Enumerate.of(model).run());
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.INCONSISTENT_MODEL);
        assertThat(e.getMessage()).contains("first path, made again after all 8 paths")
                .contains("returned 0 the first time").contains("returned 3 now");
        Model<int[]> heads = p -> {
            int[] fresh = new int[3];
            for (int i = 0; i < 3; i++) {
                fresh[i] = p.sample("coin", i, new Bernoulli(0.5)) ? 1 : 0;
            }
            return fresh;
        };
        assertThat(Enumerate.of(heads).run().paths()).isEqualTo(8);
        Model<Object> identities = p -> {
            p.sample("coin", new Bernoulli(0.5));
            return new Object();
        };
        assertThat(Enumerate.of(identities).run().paths()).isEqualTo(2);
        Model<java.util.concurrent.atomic.AtomicInteger> counters = p -> new java.util.concurrent.atomic.AtomicInteger(
                p.sample("coin", new Bernoulli(0.5)) ? 1 : 0);
        assertThat(Enumerate.of(counters).run().paths()).as("a Number whose equality is its identity").isEqualTo(2);
    }

    @Test
    void aHandlerThatHidesALatentSiteIsCaught() {
        Model<Boolean> model = p -> p.sample("a", new Bernoulli(0.5));
        EnumerationException e = catchThrowableOfType(EnumerationException.class,
                () -> Enumerate.of(model).with(Handlers.block("a")).run());
        assertThat(e.reason()).isEqualTo(EnumerationException.Reason.INCONSISTENT_MODEL);
        assertThat(e.getMessage()).contains("a").contains("block");
    }

    /** Whichever of three sites a block hides is the one named: the first after those enumerated was, always b3. */
    @Test
    void theSiteAHandlerHidIsTheOneNamed() {
        Model<Boolean> model = p -> {
            boolean b1 = p.sample("b1", new Bernoulli(0.3));
            p.sample("b2", new Bernoulli(b1 ? 0.9 : 0.2));
            p.sample("b3", new Bernoulli(0.5));
            return b1;
        };
        for (String hidden : new String[] {"b1", "b2", "b3"}) {
            EnumerationException e = catchThrowableOfType(EnumerationException.class,
                    () -> Enumerate.of(model).with(Handlers.block(hidden)).run());
            assertThat(e.getMessage()).as(hidden).contains("the latent site " + hidden + " of path 0 was not "
                    + "enumerated");
        }
    }

    /**
     * A model that returns one list, cleared and filled anew at each path: the posterior had one key, {[1]=0.3},
     * summing to 0.3 (an adversarial tester). The change is named; a new list at each path is fine.
     */
    @Test
    void aReturnedObjectChangedInPlaceByALaterPathIsRefused() {
        java.util.List<Integer> shared = new java.util.ArrayList<>();
        Model<java.util.List<Integer>> reuses = p -> {
            shared.clear();
            shared.add(p.sample("k", new dev.ariadne.core.dist.Categorical(0.3, 0.7)));
            return shared;
        };
        assertThatThrownBy(() -> Enumerate.of(reuses).run()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the model's return value on path 0, a ArrayList, was changed in place");
        Model<java.util.List<Integer>> fresh = p -> java.util.List.of(p.sample("k",
                new dev.ariadne.core.dist.Categorical(0.3, 0.7)));
        assertThat(Enumerate.of(fresh).run().posterior().get(java.util.List.of(1))).isCloseTo(0.7,
                org.assertj.core.api.Assertions.within(1e-12));
    }

    /**
     * A hypothesis that throws on one path is named with that path's value and keeps its cause, as a function read
     * by expectation() is: it passed through raw, naming nothing (an adversarial tester).
     */
    @Test
    void aHypothesisThatThrowsNamesThePath() {
        Model<Integer> m = p -> p.sample("k", new dev.ariadne.core.dist.DiscreteUniform(0, 3));
        EnumerationResult<Integer> r = Enumerate.of(m).run();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> r.probability(v -> {
            if (v == 2) {
                throw boom;
            }
            return v > 0;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("the path whose value is 2")
                .hasCause(boom);
    }

    /** A user's distribution of mass 1/4 on 0..3 whose logMass throws at 3. */
    private static final class ThrowsAtThree implements dev.ariadne.core.dist.IntDist {
        private final java.util.function.IntFunction<RuntimeException> thrown;

        ThrowsAtThree() {
            this(k -> new IllegalStateException("mass boom at k=" + k));
        }

        ThrowsAtThree(java.util.function.IntFunction<RuntimeException> thrown) {
            this.thrown = thrown;
        }

        @Override
        public dev.ariadne.core.dist.Support support() {
            return dev.ariadne.core.dist.Support.integers(0, 3);
        }

        @Override
        public int sample(Rng rng) {
            return rng.nextInt(4);
        }

        @Override
        public double logMass(int k) {
            if (k == 3) {
                throw thrown.apply(k);
            }
            return Math.log(0.25);
        }

        @Override
        public double mean() {
            return 1.5;
        }

        @Override
        public double variance() {
            return 1.25;
        }
    }

    /**
     * A user's logMass that threw at value 3 was reported as "a handler threw" on the path of value 0 (an adversarial
     * tester): the message names the site, the distribution and the value, and keeps the cause.
     */
    @Test
    void aDistributionThatThrowsIsNamedWithTheValueItScored() {
        Model<Integer> model = p -> p.sample("k", new ThrowsAtThree());
        ModelException e = catchThrowableOfType(ModelException.class, () -> Enumerate.of(model).run());
        assertThat(e.getMessage()).contains("the distribution at k (" + ThrowsAtThree.class.getName() + ") threw "
                + "java.lang.IllegalStateException: mass boom at k=3").contains("its value 3")
                .doesNotContain("a handler threw");
        assertThat(e).hasRootCauseMessage("mass boom at k=3");
    }

    /**
     * A user's exception whose getMessage() throws, thrown by a distribution's logMass: enumeration wrote it with
     * {@code + e}, so the user got that second exception from inside the library, naming no site and losing theirs.
     */
    @Test
    void aDistributionsExceptionWhoseMessageThrowsIsStillNamedWithItsSite() {
        final class Unreadable extends RuntimeException {
            @Override
            public String getMessage() {
                throw new IllegalStateException("getMessage exploded");
            }
        }
        Model<Integer> model = p -> p.sample("k", new ThrowsAtThree(k -> new Unreadable()));
        ModelException e = catchThrowableOfType(ModelException.class, () -> Enumerate.of(model).run());
        assertThat(e.getMessage()).contains("the distribution at k (").contains("Unreadable (whose message could not "
                + "be read: reading it threw java.lang.IllegalStateException)").contains("its value 3");
        assertThat(e.getCause()).isInstanceOf(Unreadable.class);
    }

    /**
     * An object distribution whose enumerate() returns null, or lists null, is refused naming the site and saying so:
     * a NullPointerException from toArray named neither, and a null listed was reported as "w = 0.0" on a path (an
     * adversarial tester).
     */
    @Test
    void anEnumerateThatReturnsNullOrListsNullIsRefusedSayingSo() {
        assertThatThrownBy(() -> Enumerate.of(p -> p.sample("w", new ListsAs(null))).run())
                .isInstanceOf(EnumerationException.class).hasMessageContaining("the choice at w")
                .hasMessageContaining("its enumerate() returned null, not a list");
        ListsAs withNull = new ListsAs(java.util.Arrays.asList("a", null));
        assertThatThrownBy(() -> Enumerate.of(p -> p.sample("w", withNull)).run())
                .isInstanceOf(EnumerationException.class)
                .hasMessageContaining("its enumerate() lists null as value 1, which no choice can take");
    }

    /** A path's choices name an array value by its entries, where an int array read "c = [I@200a570f". */
    @Test
    void aPathsArrayChoiceIsShownByItsEntries() {
        ModelException e = catchThrowableOfType(ModelException.class, () -> Enumerate.of(p -> {
            int[] c = p.sample("c", new dev.ariadne.core.dist.Multinomial(2, 1, 1));
            if (c[0] == 0) {
                throw new IllegalStateException("c0 empty");
            }
            return c[0];
        }).run());
        assertThat(e).hasMessageContaining("c = [0, 2]").hasMessageNotContaining("[I@");
    }

    /** "a" for sure, listing whatever it is given as its support. */
    private static final class ListsAs implements ObjDist<String> {
        private static final long serialVersionUID = 1L;
        private final transient java.util.List<String> listed;

        ListsAs(java.util.List<String> listed) {
            this.listed = listed;
        }

        @Override
        public String sample(Rng rng) {
            return "a";
        }

        @Override
        public double logDensity(String x) {
            return "a".equals(x) ? 0 : Double.NEGATIVE_INFINITY;
        }

        @Override
        public java.util.List<String> enumerate() {
            return listed;
        }
    }

    /**
     * An observation's distribution of the user's own whose masses sum to 2 is refused, as a choice's is: Enumerate
     * read log P(e) = 0 where log 0.5 is right, with nothing said (an adversarial tester). One that sums to 1 is used.
     */
    @Test
    void anObservationOfTheUsersOwnWhoseMassesDoNotSumToOneIsRefused() {
        assertThatThrownBy(() -> Enumerate.of(p -> {
            int k = p.sample("k", new dev.ariadne.core.dist.Categorical(1, 1));
            p.observe("y", new Masses(0, 0), k);
            return k;
        }).run()).isInstanceOf(EnumerationException.class).hasMessageContaining("cannot weigh the observation at y")
                .hasMessageContaining("its masses there sum to 2.000000000, not 1");
        EnumerationResult<Integer> r = Enumerate.of(p -> {
            int k = p.sample("k", new dev.ariadne.core.dist.Categorical(1, 1));
            p.observe("y", new Masses(Math.log(0.25), Math.log(0.75)), k);
            return k;
        }).run();
        assertThat(r.logEvidence()).isCloseTo(Math.log(0.5), org.assertj.core.api.Assertions.within(1e-12));
    }

    /** Log masses at 0 and 1, as given. */
    private static final class Masses implements dev.ariadne.core.dist.IntDist {
        private static final long serialVersionUID = 1L;
        private final double at0;
        private final double at1;

        Masses(double at0, double at1) {
            this.at0 = at0;
            this.at1 = at1;
        }

        @Override
        public int sample(Rng rng) {
            return rng.nextDouble() < Math.exp(at0) ? 0 : 1;
        }

        @Override
        public double logMass(int k) {
            return k == 0 ? at0 : k == 1 ? at1 : Double.NEGATIVE_INFINITY;
        }

        @Override
        public double mean() {
            return Math.exp(at1);
        }

        @Override
        public double variance() {
            return Math.exp(at1) * (1 - Math.exp(at1));
        }

        @Override
        public dev.ariadne.core.dist.Support support() {
            return dev.ariadne.core.dist.Support.integers(0, 1);
        }
    }
}
