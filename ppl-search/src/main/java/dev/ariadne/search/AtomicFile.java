package dev.ariadne.search;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it is never seen half-written: the bytes go to a temporary file beside the target, are
 * forced to the disk, and the temporary file is then moved over the target in one atomic step. A failure at any
 * point (a full disk, an exception while encoding, the process killed) leaves the target as it was, or absent,
 * and the temporary file is removed where the process survives to remove it. The one way Ariadne writes a file:
 * a guide ({@link GuideFile#save}) and the examples' plots.
 */
public final class AtomicFile {

    /** Writes the bytes of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content to {@code out}; an exception leaves the target as it was.
         *
         * @param out the stream to the temporary file, closed by the caller
         * @throws IOException when the content cannot be written
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code content} to {@code target} atomically, creating its folder if needed. A symbolic link to a
     * regular file is kept, and the file it names written; a path that exists and is not a regular file (a folder,
     * a pipe, a device, a broken link) is refused, since the move would replace it.
     *
     * @param target  the file to write
     * @param content what to write into it
     * @throws IOException if any step fails; the target is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isSymbolicLink(absolute) && Files.isRegularFile(absolute)) {
            absolute = absolute.toRealPath(); // the file the link names is written, and the link kept
        }
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        // The move below replaces whatever the path names, a pipe or a device too.
        if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileSystemException(absolute.toString(), null, "cannot write there: the path "
                    + "exists and is not a regular file (a folder, a pipe, a device or a broken link), which writing "
                    + "would replace");
        }
        // Not Files.createTempFile, whose owner-only permissions the move would keep (plots others could not read):
        // a new file with a name of its own gets the process's usual permissions.
        Path tmp = dir.resolve("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
