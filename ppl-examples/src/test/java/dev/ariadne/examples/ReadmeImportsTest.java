package dev.ariadne.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets say where their types live: every Ariadne type a snippet names is imported in it, and
 * every import names a class that exists. (The snippets themselves run in ReadmeExampleTest and
 * ReadmeSearchExampleTest.)
 */
class ReadmeImportsTest {

    private static final String[] PACKAGES = {"dev.ariadne.core", "dev.ariadne.core.dist", "dev.ariadne.inference",
        "dev.ariadne.inference.stats", "dev.ariadne.inference.enumerate", "dev.ariadne.inference.mcmc",
        "dev.ariadne.inference.smc", "dev.ariadne.inference.rare", "dev.ariadne.search"};

    static List<String> javaBlocks() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static boolean isAriadneType(String simpleName) {
        for (String p : PACKAGES) {
            try {
                Class.forName(p + "." + simpleName);
                return true;
            } catch (ClassNotFoundException e) {
                // not in this package
            }
        }
        return false;
    }

    @Test
    void everyTypeASnippetNamesIsImportedAndEveryImportExists() throws IOException {
        List<String> blocks = javaBlocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        Pattern importLine = Pattern.compile("^import ([\\w.]+);", Pattern.MULTILINE);
        for (String block : blocks) {
            Set<String> imported = new LinkedHashSet<>();
            Matcher im = importLine.matcher(block);
            while (im.find()) {
                String name = im.group(1);
                // Spark's types and ppl-spark's are not on this module's class path: ppl-spark's ReadmeSparkTest
                // checks those imports.
                boolean spark = name.startsWith("org.apache.spark.") || name.startsWith("dev.ariadne.spark.");
                assertThat(spark || classExists(name)).as("README imports %s, which does not exist", name).isTrue();
                imported.add(name.substring(name.lastIndexOf('.') + 1));
            }
            String code = block.replaceAll("(?m)^import .*$", "").replaceAll("//.*", "");
            Matcher words = Pattern.compile("\\b[A-Z]\\w*\\b").matcher(code);
            while (words.find()) {
                String w = words.group();
                if (isAriadneType(w)) {
                    assertThat(imported).as("a README snippet uses %s without importing it:%n%s", w, block)
                            .contains(w);
                }
            }
        }
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
