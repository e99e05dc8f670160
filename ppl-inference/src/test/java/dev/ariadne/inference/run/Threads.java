package dev.ariadne.inference.run;

import java.util.List;
import java.util.stream.Collectors;

/** The threads a test can see: the backend's workers are named {@code ariadne-*}. */
public final class Threads {

    private Threads() {
    }

    /** The names of the live threads whose names start with {@code ariadne-}. */
    public static List<String> ariadne() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("ariadne-")).sorted().collect(Collectors.toList());
    }
}
