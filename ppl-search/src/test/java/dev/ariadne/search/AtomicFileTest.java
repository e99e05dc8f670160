package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files (guides, plots) are written atomically: a failed write leaves the previous file whole, and no temporary file behind. */
class AtomicFileTest {

    @TempDir
    Path dir;

    /** Writes half a file, then fails as a full disk would. */
    private static void halfThenFail(OutputStream out) throws IOException {
        out.write("half a PNG".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        throw new IOException("No space left on device");
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /**
     * A process stopped while it writes (Ctrl-C, SIGTERM) removes its temporary file: an adversarial tester's stopped
     * saves left half-written ones of 1.8 and 2.4 MB beside the guide file. The target is not made.
     */
    @Test
    void aProcessStoppedWhileWritingLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("g.json");
        Process writer = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), StoppedWriter.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                writer.getInputStream(), StandardCharsets.US_ASCII))) {
            assertThat(out.readLine()).isEqualTo("writing");
            assertThat(files()).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                    .startsWith(".g.json.").endsWith(".tmp"));
            writer.destroy(); // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hooks
            assertThat(writer.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            writer.destroyForcibly();
        }
        assertThat(files()).isEmpty();
    }

    /**
     * An adversarial tester found the plots owner-only (0600: a temporary file's permissions, kept by the move) where a
     * guide file gets the process's usual ones; a plot now gets those of any new file in its folder.
     */
    @Test
    void aWrittenFileHasTheUsualPermissionsOfANewFile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews()
                .contains("posix"), "POSIX permissions");
        Path plot = dir.resolve("plot.png");
        AtomicFile.write(plot, out -> out.write(1));
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(plot)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aFailedWriteLeavesThePreviousFileWholeAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("plot.png");
        AtomicFile.write(target, out -> out.write("first".getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> AtomicFile.write(target, AtomicFileTest::halfThenFail)).isInstanceOf(IOException.class)
                .hasMessageEndingWith(": No space left on device").hasMessageContaining(target.toAbsolutePath()
                        .toString()).hasMessageNotContaining(".tmp");
        assertThat(Files.readString(target)).isEqualTo("first");
        assertThat(files()).containsExactly(target);
        Path absent = dir.resolve("never.png");
        assertThatThrownBy(() -> AtomicFile.write(absent, AtomicFileTest::halfThenFail)).isInstanceOf(IOException.class);
        assertThat(absent).doesNotExist();
        assertThat(files()).containsExactly(target);
    }

    @Test
    void testOfTheTestAWriteInPlaceFailsTheSameCheck() throws IOException {
        // What the plots did before: write straight to the target. The same failure leaves a truncated file.
        Path target = dir.resolve("plot.png");
        Files.writeString(target, "first");
        try (OutputStream out = Files.newOutputStream(target)) {
            halfThenFail(out);
        } catch (IOException expected) {
            // as above
        }
        assertThat(Files.readString(target)).isNotEqualTo("first").isEqualTo("half a PNG");
    }

    /** A path that is not a regular file (a folder here; a pipe or a device alike) is refused and left as it was. */
    @Test
    void aPathThatIsNotARegularFileIsRefused() throws IOException {
        Path dir = Files.createTempDirectory("atomic");
        Path folder = Files.createDirectory(dir.resolve("plot.png"));
        assertThatThrownBy(() -> AtomicFile.write(folder, out -> out.write(1)))
                .isInstanceOf(java.nio.file.FileSystemException.class).hasMessageContaining("not a regular file");
        assertThat(folder).isDirectory();
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(folder);
        }
    }

    /**
     * A writer killed mid-write (kill -9) leaves its temporary file; the next write of that target removes it once no
     * process holds it and it is older than a minute (six killed saves left six files of 7 to 19 MB: an adversarial
     * tester). A fresh one, one that a writer holds, and other files are left.
     */
    @Test
    void aTemporaryFileLeftByADeadWriterIsRemovedByTheNextWrite(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("g.guide.json");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - AtomicFile.STALE_AFTER.toMillis() - 10_000);
        Path stale = Files.writeString(dir.resolve(".g.guide.json.9f3c21ab.tmp"), "{\"half");
        Files.setLastModifiedTime(stale, old);
        Path fresh = Files.writeString(dir.resolve(".g.guide.json.77aa.tmp"), "{\"half");
        Path held = Files.writeString(dir.resolve(".g.guide.json.1234.tmp"), "{\"half");
        Files.setLastModifiedTime(held, old);
        Path other = Files.writeString(dir.resolve(".h.guide.json.5678.tmp"), "{\"half");
        Files.setLastModifiedTime(other, old);
        Path notOurs = Files.writeString(dir.resolve(".g.guide.json.notes.tmp"), "mine");
        Files.setLastModifiedTime(notOurs, old);
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(held,
                java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = c.lock()) {
            AtomicFile.write(target, out -> out.write("{}".getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(Files.readString(target)).isEqualTo("{}");
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(held).exists();
        assertThat(other).exists();
        assertThat(notOurs).exists();
    }

    /**
     * A write whose folder is a file says so, naming the target: the exception named the file alone,
     * "FileAlreadyExistsException: .../file" (an adversarial tester, who also read "cannot write it:
     * /proc/.x.json.b7...tmp" of a save under /proc, where a NoSuchFileException's message is a file's name alone:
     * now "no such file or folder, or a folder that cannot hold new files").
     */
    @Test
    void aFolderThatIsAFileIsNamedWithTheTarget(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        Path target = file.resolve("x.json");
        assertThatThrownBy(() -> AtomicFile.write(target, out -> out.write(1)))
                .isInstanceOf(IOException.class).hasMessageStartingWith(target.toString())
                .hasMessageContaining("cannot write it: " + file + " is a file, not a folder that could hold it");
    }
}
