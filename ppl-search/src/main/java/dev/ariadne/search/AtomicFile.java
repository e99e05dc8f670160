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
 * and the temporary file is removed where the process survives to remove it. A process killed while writing (kill
 * -9) leaves its temporary file, which the next write of the same target removes: a writer holds a lock on its
 * temporary file, which the system releases when the process dies, so a temporary file of that target's that no one
 * holds and that has not changed for {@link #STALE_AFTER} was left by a writer that is gone (six saves of a 27 MB
 * guide, killed, left six such files behind before: an adversarial tester). The one way Ariadne writes a file: a
 * guide ({@link GuideFile#save}) and the examples' plots.
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
        try {
            Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // a part of the path that is a file: the exception named it alone, "FileAlreadyExistsException: .../file"
            java.nio.file.FileSystemException named = new java.nio.file.FileSystemException(absolute.toString(), null,
                    "cannot write it: " + e.getFile() + " is a file, not a folder that could hold it");
            named.initCause(e);
            throw named;
        } catch (java.nio.file.FileSystemException e) {
            throw naming(e, absolute, dir);
        }
        // The move below replaces whatever the path names, a pipe or a device too.
        if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileSystemException(absolute.toString(), null, "cannot write there: the path "
                    + "exists and is not a regular file (a folder, a pipe, a device or a broken link), which writing "
                    + "would replace");
        }
        // Not Files.createTempFile, whose owner-only permissions the move would keep (plots others could not read):
        // a new file with a name of its own gets the process's usual permissions.
        String prefix = "." + absolute.getFileName() + ".";
        removeStale(dir, prefix);
        Path tmp = dir.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        WRITING.add(tmp);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                holdWhileWriting(channel);
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
            if (e instanceof IOException io) {
                throw naming(io, absolute, tmp);
            }
            throw e;
        } finally {
            WRITING.remove(tmp);
        }
    }

    /**
     * {@code e} with the target named: a full disk said "No space left on device" with no path, and a folder that
     * cannot be written named the temporary file, which the caller never asked for (an adversarial tester). The
     * original is the cause.
     */
    private static IOException naming(IOException e, Path target, Path tmp) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason() : reasonOf(fs);
            java.nio.file.FileSystemException named = new java.nio.file.FileSystemException(target.toString(), null,
                    "cannot write it" + (tmp.toString().equals(fs.getFile()) ? "" : " (" + fs.getFile() + ")") + ": "
                            + reason);
            named.initCause(e);
            return named;
        }
        return new IOException("cannot write " + target + ": " + e.getMessage(), e);
    }

    /**
     * What an exception that states no reason means: its class does (a NoSuchFileException's message is the file's
     * name alone, and a folder that cannot hold files was told "cannot write it: /proc/.x.json.b7...tmp"; an
     * adversarial tester).
     */
    private static String reasonOf(java.nio.file.FileSystemException fs) {
        if (fs instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder, or a folder that cannot hold new files";
        }
        if (fs instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (fs instanceof java.nio.file.NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        if (fs instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is already there";
        }
        return fs.getClass().getSimpleName();
    }

    /**
     * The temporary files being written now, removed by a shutdown hook if the process is stopped (Ctrl-C, SIGTERM)
     * before they are moved: an adversarial tester's interrupted saves left half-written temporary files of 1.8 and
     * 2.4 MB beside a 4 MB guide file, and a plot's of 0 bytes. A process killed outright (kill -9) runs no hook; the
     * next write of the same target removes its temporary file ({@link #removeStale}).
     */
    private static final java.util.Set<Path> WRITING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : WRITING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException | RuntimeException ignored) {
                    // the process is ending; a file left here is removed by the next write of its target
                }
            }
        }, "ariadne-temporary-files"));
    }

    /**
     * Locks the temporary file for as long as its channel is open (the system releases the lock if the process
     * dies). Where the file system has no locks, the file is not locked, and a later write never removes it.
     */
    private static void holdWhileWriting(FileChannel channel) {
        try {
            channel.lock();
        } catch (IOException noLocksHere) {
            // the age rule alone never removes a file: removeStale wants the lock too
        }
    }

    /** How long a temporary file must have been left unchanged before a later write may remove it. */
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(1);

    /**
     * Removes the temporary files of this target ({@code prefix} then hexadecimal digits then {@code .tmp}) that no
     * process holds a lock on and that have not changed for {@link #STALE_AFTER}; a file that cannot be looked at or
     * removed is left, as its writer may still be at work.
     */
    private static void removeStale(Path dir, String prefix) {
        long before = System.currentTimeMillis() - STALE_AFTER.toMillis();
        // a filter, not a glob: a target's name may hold a glob's characters ([, *, {)
        java.nio.file.DirectoryStream.Filter<Path> ours = e -> {
            String name = e.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".tmp")
                    && name.substring(prefix.length(), name.length() - ".tmp".length()).matches("[0-9a-f]{1,16}");
        };
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ours)) {
            for (Path p : entries) {
                if (Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis() < before
                        && unheld(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a folder that cannot be listed, a file that went away: the write itself goes on
        }
    }

    /** Whether no process holds a lock on {@code p}: no writer is at work on it. */
    private static boolean unheld(Path p) {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = c.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (java.nio.channels.OverlappingFileLockException held) {
            return false; // a writer in this process
        } catch (IOException e) {
            return false;
        }
    }
}
