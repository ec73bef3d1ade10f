package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.report.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One result file written by eval or predict, atomically. These commands compute first and write last,
 * so when the file cannot be written (a read-only run directory, a missing folder) the results are
 * printed instead and the error names the path: nothing computed is lost.
 */
final class OutputFile {
    private OutputFile() {}

    /** Fails when {@code file} could not be created: a folder, or a parent that is missing or read-only. */
    private static void checkWritable(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new RisbnnException(option + " " + file + ": is a folder (expected a file to write)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new RisbnnException(option + " " + file + ": the folder " + parent + " does not exist");
        }
        OutputDirectory.requireWritable(parent, option + " " + file + ": folder"); // the probe write
    }

    /**
     * Writes {@code text}; when that fails, prints it on stdout instead and fails with one line saying
     * where it could not be written, so computed results are never lost.
     */
    static void writeOrPrint(Path file, String text, String what) {
        try {
            checkWritable(file, "cannot write");
            AtomicFiles.writeString(file, text);
        } catch (RuntimeException e) {
            System.out.print(text);
            System.out.flush();
            String reason = e instanceof RisbnnException ? e.getMessage() : "cannot write " + file + ": " + io.risbnn.ErrorText.oneLine(e);
            throw new RisbnnException(reason + "; the " + what + " were printed above instead");
        }
    }
}
