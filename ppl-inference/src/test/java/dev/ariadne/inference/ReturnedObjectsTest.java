package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.testing.UnreadableText;
import dev.ariadne.inference.smc.Smc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A model that clears and refills one list at each run hands every kept value that list as the last run left it: SMC
 * read E[x | y] 7.4 standard errors off, averaging prior draws, and importance sampling's kept runs all held one value,
 * with no verdict (an adversarial tester). Named now; a new list at each run, or one constant returned every time, is
 * not.
 */
class ReturnedObjectsTest {

    private static final String NAMED = "the model returned one object, a ArrayList";

    /** x ~ N(0, 1), y = 1 ~ N(x, 1), returning x in {@code into} (one shared list) or in a new list. */
    private static Model<List<Double>> model(List<Double> shared) {
        return p -> {
            List<Double> out = shared == null ? new ArrayList<>() : shared;
            out.clear();
            double x = p.sample("x", new Normal(0, 1));
            out.add(x);
            p.observe("y", new Normal(x, 1), 1.0);
            return out;
        };
    }

    @Test
    void oneListRefilledAtEachRunIsNamedByImportanceSampling() {
        ImportanceResult<List<Double>> r = Importance.of(model(new ArrayList<>())).samples(5_000).seed(1).keep(100)
                .run();
        assertThat(r.diagnostics().verdicts()).anySatisfy(v -> assertThat(v).startsWith(NAMED)
                .contains("from run ", "of seed 1", "return a new object at each run"));
        ImportanceResult<List<Double>> fresh = Importance.of(model(null)).samples(5_000).seed(1).keep(100).run();
        assertThat(fresh.diagnostics().verdicts()).noneMatch(v -> v.startsWith("the model returned one object"));
    }

    @Test
    void oneListRefilledAtEachRunIsNamedBySmc() {
        List<String> shared = Smc.of(model(new ArrayList<>())).particles(200).sweeps(4).seed(1)
                .expectation("x", v -> v.get(0)).run().diagnostics().verdicts();
        assertThat(shared).anySatisfy(v -> assertThat(v).startsWith(NAMED).contains("particle ", "of sweep "));
        List<String> fresh = Smc.of(model(null)).particles(200).sweeps(4).seed(1).expectation("x", v -> v.get(0))
                .run().diagnostics().verdicts();
        assertThat(fresh).noneMatch(v -> v.startsWith("the model returned one object"));
    }

    /**
     * Text and a number that can change in place, a StringBuilder or an AtomicLong refilled at each run, are watched by
     * what they hold: their hashCode is their identity's, and a StringBuilder passed as a string that cannot change
     * (a hunter; both jars of a round).
     */
    @Test
    void aStringBuilderOrAnAtomicLongRefilledAtEachRunIsNamed() {
        StringBuilder text = new StringBuilder();
        Model<StringBuilder> refilledText = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 1.0);
            text.setLength(0);
            return text.append(x > 0 ? "up" : "down");
        };
        assertThat(Importance.of(refilledText).samples(5_000).seed(1).keep(100).run().diagnostics().verdicts())
                .anySatisfy(v -> assertThat(v).startsWith("the model returned one object, a StringBuilder"));
        AtomicLong count = new AtomicLong();
        Model<AtomicLong> refilledNumber = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 1.0);
            count.set(Math.round(10 * x));
            return count;
        };
        assertThat(Importance.of(refilledNumber).samples(5_000).seed(1).keep(100).run().diagnostics().verdicts())
                .anySatisfy(v -> assertThat(v).startsWith("the model returned one object, a AtomicLong"));
        Model<String> fresh = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 1.0);
            return new StringBuilder().append(x > 0 ? "up" : "down").toString();
        };
        assertThat(Importance.of(fresh).samples(5_000).seed(1).keep(100).run().diagnostics().verdicts())
                .noneMatch(v -> v.startsWith("the model returned one object"));
    }

    /** A CharSequence of the user's whose length() throws, returned new by each run, is no crash (a hunt). */
    @Test
    void aReturnedTextThatCannotBeReadIsNoCrash() {
        Model<CharSequence> model = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 1.0);
            return new UnreadableText();
        };
        assertThat(Importance.of(model).samples(2_000).seed(1).keep(10).run().logEvidence().value()).isFinite();
        assertThat(Smc.of(model).particles(100).sweeps(2).seed(1).run().logEvidence().value()).isFinite();
    }

    /** A chain of 3,000 linked objects, returned by every run: it overflowed the stack (a false-alarm hunt). */
    static final class Node {
        final int value;
        final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    @Test
    void aDeepReturnedObjectIsNotWalkedPastTheStack() {
        Node chain = null;
        for (int i = 0; i < 3_000; i++) {
            chain = new Node(i, chain);
        }
        Node head = chain;
        Model<Node> model = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 0.5);
            return new Node(0, head);
        };
        assertThat(Importance.of(model).samples(2_000).seed(1).keep(100).run().logEvidence().value()).isFinite();
        assertThat(Smc.of(model).particles(100).sweeps(2).seed(1).run().logEvidence().value()).isFinite();
    }

    /** One unchanging object returned by every run is a constant, not a value changed in place. */
    @Test
    void aConstantReturnedEveryTimeIsNotNamed() {
        List<Double> constant = new ArrayList<>(List.of(1.0, 2.0));
        Model<List<Double>> model = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.observe("y", new Normal(x, 1), 1.0);
            return constant;
        };
        assertThat(Importance.of(model).samples(5_000).seed(1).keep(100).run().diagnostics().verdicts())
                .noneMatch(v -> v.startsWith("the model returned one object"));
    }
}
