package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One result file written by eval or predict: checked writable before any work starts, and written
 * atomically after it. When writing fails at the end, the results have already been printed, so the
 * error says so instead of losing them.
 */
final class OutputFile {
    private OutputFile() {}

    /** Fails early when {@code file} could not be created: a folder, or a parent that is missing or read-only. */
    static void checkWritable(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new RisbnnException(option + " " + file + ": is a folder (expected a file to write)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new RisbnnException(option + " " + file + ": the folder " + parent + " does not exist");
        }
        try {
            Path probe = Files.createTempFile(parent, ".risbnn-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new RisbnnException(option + " " + file + ": cannot write in " + parent + " (" + io.risbnn.ErrorText.oneLine(e) + ")");
        }
    }

    /**
     * Writes {@code text}; when that fails, prints it on stdout instead and fails with one line saying
     * where it could not be written, so computed results are never lost.
     */
    static void writeOrPrint(Path file, String text, String what) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (RuntimeException e) {
            System.out.print(text);
            System.out.flush();
            throw new RisbnnException("cannot write " + file + " (" + io.risbnn.ErrorText.oneLine(e) + "); the " + what
                    + " were printed above instead");
        }
    }
}
