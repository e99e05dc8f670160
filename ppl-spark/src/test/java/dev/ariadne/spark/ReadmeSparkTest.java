package dev.ariadne.spark;

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
 * The README's Spark snippets (those that name {@code SparkBackend} or a Spark type) import what they use from
 * Spark and ppl-spark, and every import names a class that exists (ppl-examples' ReadmeImportsTest checks the other
 * snippets, without Spark on its class path).
 */
class ReadmeSparkTest {

    private static final String[] PACKAGES = {"dev.ariadne.spark", "org.apache.spark", "org.apache.spark.api.java",
        "org.apache.spark.broadcast"};

    @Test
    void theSparkSnippetsImportWhatTheyUseAndEveryImportExists() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            if (m.group(1).contains("SparkBackend") || m.group(1).contains("Broadcast")) {
                blocks.add(m.group(1));
            }
        }
        assertThat(blocks).hasSize(2);
        Pattern importLine = Pattern.compile("^import ([\\w.]+);", Pattern.MULTILINE);
        for (String block : blocks) {
            Set<String> imported = new LinkedHashSet<>();
            Matcher im = importLine.matcher(block);
            while (im.find()) {
                String name = im.group(1);
                assertThat(exists(name)).as("README imports %s, which does not exist", name).isTrue();
                imported.add(name.substring(name.lastIndexOf('.') + 1));
            }
            String code = block.replaceAll("(?m)^import .*$", "").replaceAll("//.*", "");
            Matcher words = Pattern.compile("\\b[A-Z]\\w*\\b").matcher(code);
            while (words.find()) {
                for (String p : PACKAGES) {
                    if (exists(p + "." + words.group())) {
                        assertThat(imported).as("a README snippet uses %s without importing it", words.group())
                                .contains(words.group());
                    }
                }
            }
        }
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, ReadmeSparkTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
