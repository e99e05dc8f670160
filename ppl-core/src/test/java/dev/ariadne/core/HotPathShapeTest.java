package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the shape of the engine's hot path that the benchmarks depend on, which no timing test could check
 * reliably: the work at a latent site must stay in one method too big for HotSpot's C2 to inline into a model.
 * Inlined at every sample site, the samplers and bookkeeping exhaust C2's inlining budget in models of a few
 * sites, and the model's own arithmetic is then compiled without inlining (linreg ran 3 to 5 times slower in about
 * half of all JVM starts).
 */
class HotPathShapeTest {

    /** HotSpot's FreqInlineSize on x86-64 and AArch64: hot methods larger than this are never inlined. */
    private static final int FREQ_INLINE_SIZE = 325;

    @Test
    void theLatentSiteBodyIsTooBigForC2ToInline() throws Exception {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        StringWriter out = new StringWriter();
        Path classes = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int status = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", "-cp", classes.toString(),
                Engine.class.getName());
        assertThat(status).as(out.toString()).isZero();

        int bytes = codeLength(out.toString(), "double latent(int, dev.ariadne.core.dist.Dist, int);");
        assertThat(bytes).as("bytes of bytecode in Engine.latent; at %d or fewer C2 inlines it into every sample"
                + " site of a model", FREQ_INLINE_SIZE).isGreaterThan(FREQ_INLINE_SIZE);
    }

    /** The length of a method's bytecode in javap -c output: one past the offset of its last instruction. */
    private static int codeLength(String javap, String signature) {
        int start = javap.indexOf(signature);
        assertThat(start).as("javap lists " + signature).isNotNegative();
        int end = javap.indexOf("\n\n", start);
        Matcher m = Pattern.compile("^\\s+(\\d+): (\\w+)", Pattern.MULTILINE)
                .matcher(javap.substring(start, end < 0 ? javap.length() : end));
        int last = -1;
        String op = null;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
            op = m.group(2);
        }
        assertThat(op).as("the method ends in a return").endsWith("return");
        return last + 1;
    }
}
