package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Shared checks and message helpers for the text files this package reads. */
public final class TextFiles {
    private TextFiles() {}

    /** Fails unless {@code file} is an existing regular file; {@code expected} says what it should hold. */
    public static void requireRegularFile(Path file, String source, String expected) {
        if (Files.isDirectory(file)) {
            throw new RisbnnException(source + ": is a folder (expected a file holding " + expected + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new RisbnnException(source + ": not found (expected a file holding " + expected + ")");
        }
        if (!Files.isReadable(file)) {
            throw new RisbnnException(source + ": not readable (check its permissions)");
        }
    }

    static long size(Path file, String source) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot read its size: " + oneLine(e), e);
        }
    }

    public static String oneLine(Throwable e) {
        return io.risbnn.ErrorText.oneLine(e);
    }

    public static String oneLine(String text) {
        return io.risbnn.ErrorText.oneLine(text);
    }

    public static String quote(String token) {
        return io.risbnn.ErrorText.quote(token);
    }

    static String gib(long bytes) {
        return io.risbnn.ErrorText.gib(bytes);
    }
}
