package io.risbnn;

import java.util.Locale;

/** Helpers that keep user-facing error messages on one line (see {@link RisbnnException}). */
public final class ErrorText {
    private ErrorText() {}

    /** The exception's message (or class name) squeezed onto one line. */
    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        return oneLine(m == null || m.isBlank() ? e.getClass().getSimpleName() : m);
    }

    /** Replaces line breaks and other control characters so the text fits on one line. */
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

    /** Quotes a token for a one-line message, cutting long ones. */
    public static String quote(String token) {
        String cut = token.length() > 40 ? token.substring(0, 40) + "..." : token;
        return "'" + oneLine(cut) + "'";
    }

    /** A byte count in GiB with one decimal. */
    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
