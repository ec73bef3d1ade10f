package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Shared checks and message helpers for the text files this package reads. */
final class TextFiles {
    private TextFiles() {}

    /** Fails unless {@code file} is an existing regular file; {@code expected} says what it should hold. */
    static void requireRegularFile(Path file, String source, String expected) {
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

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /** The exception's message (or class name) squeezed onto one line. */
    static String oneLine(Exception e) {
        String m = e.getMessage();
        return oneLine(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }

    /** Replaces line breaks so the text fits the project's one-line error messages. */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            int type = Character.getType(ch);
            boolean breaks = Character.isISOControl(ch) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            b.append(breaks ? '?' : ch);
        }
        return b.toString();
    }

    /** Quotes a token for a one-line message, cutting long ones. */
    static String quote(String token) {
        String cut = token.length() > 40 ? token.substring(0, 40) + "..." : token;
        return "'" + oneLine(cut) + "'";
    }
}
