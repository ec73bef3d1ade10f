package io.risbnn;

import java.util.Locale;

/** Helpers that keep user-facing error messages on one line (see {@link RisbnnException}). */
public final class ErrorText {
    private ErrorText() {}

    /**
     * The exception's message (or class name) squeezed onto one line.
     *
     * @param e any exception
     * @return its message, or its simple class name when the message is blank, on one line
     */
    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        return oneLine(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }

    /**
     * Replaces line breaks and other control characters so the text fits on one line.
     *
     * @param text any text
     * @return the text with each control or line/paragraph separator character replaced by {@code ?}
     */
    public static String oneLine(String text) {
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

    /**
     * Quotes a token for a one-line message, cutting long ones.
     *
     * @param token e.g. a user's option value
     * @return {@code 'token'}, cut to 40 characters plus {@code ...} when longer
     */
    public static String quote(String token) {
        String cut = token.length() > 40 ? token.substring(0, 40) + "..." : token;
        return "'" + oneLine(cut) + "'";
    }

    /**
     * A byte count in GiB with one decimal.
     *
     * @param bytes a size in bytes
     * @return e.g. {@code 1.5 GiB}
     */
    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
