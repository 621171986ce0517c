package io.github.gradgraph.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that are either wholly the old version or wholly the new one, whenever the process dies or the disk fills:
 * checkpoints, training histories and the command line's drawings.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * Deletes what an earlier save of the same file left when its process was killed mid-write (its temporary file;
     * the target itself is never half-written). A checkpoint file has one writer at a time.
     */
    private static void removeStaleTemporaries(Path dir, String name) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String f = p.getFileName().toString();
                if (f.startsWith("." + name) && f.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void readableByAll(Path tmp) throws IOException {
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Makes the rename itself durable (the folder's entry), where the platform allows opening a folder. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open a folder; the file's own data was forced before the rename
        }
    }

    /**
     * Writes {@code bytes} to {@code file} through a temporary file in the same folder, forced to disk and renamed into
     * place atomically.
     *
     * @param file  Modified: replaced whole, or left as it was
     * @param bytes Not modified.
     * @throws CheckpointException when the file cannot be written, naming it and the reason; an existing file is then
     *     left as it was, and no temporary file is left beside it
     */
    public static void write(Path file, byte[] bytes) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            removeStaleTemporaries(dir, file.getFileName().toString());
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            readableByAll(tmp); // a temporary file is private (0600); a checkpoint is an ordinary file
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(dir);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot be written: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is only litter; the target was never touched
                }
            }
        }
    }
}
