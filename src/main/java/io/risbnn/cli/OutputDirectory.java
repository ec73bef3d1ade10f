package io.risbnn.cli;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prepares an output directory before any work starts: refuses one that already holds results unless
 * --overwrite, and proves it can take a new file, so a read-only, full or mistyped location fails up
 * front instead of after the training.
 */
final class OutputDirectory {
    private static final List<String> RESULT_FILES = List.of("summary.json", "metrics.jsonl", "model", "variance.json", "uci.json");

    private OutputDirectory() {}

    static Path prepare(Path dir, boolean overwrite) {
        if (!overwrite) {
            for (String name : RESULT_FILES) {
                if (Files.exists(dir.resolve(name))) {
                    throw new RisbnnException("--out " + dir + ": already holds results (" + name + "); pass --overwrite or choose another directory");
                }
            }
        }
        requireWritable(dir, "--out");
        try {
            Files.deleteIfExists(dir.resolve("metrics.jsonl"));
        } catch (IOException e) {
            throw new RisbnnException("--out " + dir + ": cannot replace metrics.jsonl (" + e.getMessage() + ")");
        }
        return dir;
    }

    /** Creates {@code dir} (and its parents) and writes and deletes a probe file in it; nothing else is touched. */
    static Path requireWritable(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RisbnnException(option + " " + dir + ": exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RisbnnException(option + " " + dir + ": cannot create the directory (" + reason(e) + ")");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".risbnn-write-check", ""));
        } catch (IOException e) {
            throw new RisbnnException(option + " " + dir + ": cannot write there (" + reason(e) + ")");
        }
        return dir;
    }

    /** "permission denied", "Not a directory", "Read-only file system": the OS's words, not just the path. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the file system does not allow it";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException f) {
            return f.getFile() + " is a file";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
