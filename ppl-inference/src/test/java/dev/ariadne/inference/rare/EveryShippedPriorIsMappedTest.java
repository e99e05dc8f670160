package dev.ariadne.inference.rare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.RealDist;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every real distribution Ariadne ships is stepped by subset simulation through its own distribution function, as the
 * README says: Weibull and HalfCauchy were added without a map, went through the Gaussian reference, and read a
 * Weibull's lower tail 2 to 24 nats low (a new user). The classes are read from the distributions' package as built,
 * so that a distribution added later without a map fails here.
 */
class EveryShippedPriorIsMappedTest {

    private static final String PACKAGE = "dev/ariadne/core/dist/";

    @Test
    void everyConcreteRealDistributionHasAnExactMap() throws Exception {
        List<Class<?>> real = new ArrayList<>();
        for (String name : classNames()) {
            Class<?> c = Class.forName(name);
            if (RealDist.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                    && Modifier.isPublic(c.getModifiers())) {
                real.add(c);
            }
        }
        assertThat(real).as("the package's real distributions").contains(Normal.class).hasSizeGreaterThan(10);
        assertThat(real).allSatisfy(c -> assertThat(StandardCoordinates.exact(c)).as(c.getSimpleName()).isTrue());
    }

    /** The top-level classes of the distributions' package, from its folder of classes or its jar. */
    private static List<String> classNames() throws IOException, URISyntaxException {
        Path where = Path.of(Normal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(where)) {
            try (Stream<Path> files = Files.list(where.resolve(PACKAGE))) {
                files.forEach(f -> entries.add(PACKAGE + f.getFileName()));
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                jar.stream().forEach(e -> entries.add(e.getName()));
            }
        }
        return entries.stream().filter(e -> e.startsWith(PACKAGE) && e.endsWith(".class") && !e.contains("$")
                && e.indexOf('/', PACKAGE.length()) < 0)
                .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.')).toList();
    }
}
