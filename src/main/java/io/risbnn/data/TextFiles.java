package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Shared checks and message helpers for the text files this package reads. */
public final class TextFiles {
    private TextFiles() {}

    /**
     * Fails unless {@code file} is an existing regular file; {@code expected} says what it should hold.
     *
     * @param file the path
     * @param source how messages name the file
     * @param expected what the file should hold, for the message
     * @throws RisbnnException if the file is missing, a folder or not readable
     */
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

    /**
     * An exception's message on one line ({@link io.risbnn.ErrorText#oneLine(Throwable)}).
     *
     * @param e the exception
     * @return its message without line breaks
     */
    public static String oneLine(Throwable e) {
        return io.risbnn.ErrorText.oneLine(e);
    }

    /**
     * Text on one line ({@link io.risbnn.ErrorText#oneLine(String)}), e.g. a path in a message.
     *
     * @param text the text
     * @return the text with control characters replaced by {@code ?}
     */
    public static String oneLine(String text) {
        return io.risbnn.ErrorText.oneLine(text);
    }

    /**
     * A token quoted for a message ({@link io.risbnn.ErrorText#quote}).
     *
     * @param token the token
     * @return the quoted token
     */
    public static String quote(String token) {
        return io.risbnn.ErrorText.quote(token);
    }

    static String gib(long bytes) {
        return io.risbnn.ErrorText.gib(bytes);
    }
}
