package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Normal;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * With -Xmx128m, a model of 200,000 latent choices stopped at the default site limit, one site per KB of the heap,
 * and was told of observeAll and factor, which no latent choice can use, and nothing of the heap (an adversarial
 * tester). The message now says the heap set the limit.
 */
class SiteLimitInASmallHeapTest {

    @Test
    void theLimitSaysTheHeapSetIt() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + "/bin/java";
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ManyChoicesMain.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("the limit per run").contains("one site per KB of the JVM's maximum heap")
                .contains("raise it with -Xmx");
    }

    /** Makes a run of 200,000 latent choices and prints the error; run in a JVM of its own by the test above. */
    public static final class ManyChoicesMain {
        public static void main(String[] args) {
            Model<Double> many = p -> {
                double sum = 0;
                for (int i = 0; i < 200_000; i++) {
                    sum += p.sample("x", i, Normal.STANDARD);
                }
                return sum;
            };
            try {
                Execution.of(many).runner().run(1, 0);
                System.out.println("no limit met");
            } catch (ModelException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
