package dev.ariadne.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.inference.smc.SmcResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SMC workload: the hand-written filter computes Ariadne's sweeps bit for bit, and the harness prints its lines. */
class HmmSmcTest {

    @Test
    void handWrittenFilterComputesTheStateSpaceFormsEstimatesBitForBit() {
        int n = 2_000;
        SmcResult<Boolean> r = HmmSmc.stateSpace(n).sweeps(5).seed(11).run();
        double[] hw = HmmSmc.handWritten(n, 5, 11);
        double[] ariadne = r.logEvidenceBySweep();
        for (int k = 0; k < 5; k++) {
            assertThat(Double.doubleToRawLongBits(hw[k])).as("sweep %d: %s vs %s", k, hw[k], ariadne[k])
                    .isEqualTo(Double.doubleToRawLongBits(ariadne[k]));
        }
    }

    @Test
    void benchPrintsOneLinePerImplementation() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchCommand.main(new String[] {"--model", "hmm-smc", "--executions", "10000", "--repeats", "1"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("{\"model\":\"hmm-smc\",\"executions\":10000,").contains("\"impl\":\"ariadne\"");
        assertThat(lines[1]).contains("\"impl\":\"ariadne-generic\"");
        assertThat(lines[2]).contains("\"impl\":\"handwritten\"");
    }
}
