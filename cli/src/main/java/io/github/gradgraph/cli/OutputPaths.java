package io.github.gradgraph.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks that an output location can be written before any work is done, so no run is lost at its end. */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Creates the folder if needed and proves it writable by creating and deleting a file in it.
     *
     * @param option the option that named it, for the message (e.g. "--out")
     * @throws IllegalArgumentException naming the option, the path and the reason
     */
    static void requireWritableFolder(String option, Path folder) {
        check(option, folder, folder);
    }

    /** As {@link #requireWritableFolder}, for the folder a file will be written into; the message names the file. */
    static void requireWritableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a folder, not a file");
        }
        check(option, file, file.toAbsolutePath().getParent());
    }

    private static void check(String option, Path named, Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + " " + named + ": cannot write there (" + reason(e) + ")");
        }
        try {
            Files.delete(Files.createTempFile(folder, ".gradgraph-", ".probe"));
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(option + " " + named + ": cannot write there (files cannot be "
                    + "created in " + folder + ")");
        }
    }

    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + ((FileSystemException) e).getFile();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way: " + ((FileSystemException) e).getFile();
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder: " + ((FileSystemException) e).getFile();
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + ": " + fse.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
