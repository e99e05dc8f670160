package dev.ariadne.search;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A process that starts writing a file atomically and never finishes, for {@link AtomicFileTest}: it writes a few
 * bytes, says so on its standard output, and waits to be stopped.
 */
final class StoppedWriter {

    private StoppedWriter() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFile.write(Path.of(args[0]), out -> {
            out.write("half a guide".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new java.io.IOException(e);
            }
        });
    }
}
