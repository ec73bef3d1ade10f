package io.risbnn.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds a GitHub-flavoured Markdown table with aligned pipes, readable both rendered and as
 * plain text in a terminal.
 */
public final class MarkdownTable {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * An empty table with the given column headers.
     *
     * @param headers the column headers, at least one
     * @throws IllegalArgumentException if there are no headers
     */
    public MarkdownTable(String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("MarkdownTable needs at least one column");
        }
        this.headers = sanitize(headers, headers.length);
    }

    /**
     * Adds a row; missing trailing cells are left empty.
     *
     * @param cells the row's cells, at most one per column
     * @return this table
     * @throws IllegalArgumentException if there are more cells than columns
     */
    public MarkdownTable addRow(String... cells) {
        if (cells.length > headers.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells but the table has "
                    + headers.length + " columns");
        }
        rows.add(sanitize(cells, headers.length));
        return this;
    }

    /**
     * The table as Markdown, one line per row, ending with a newline.
     *
     * @return the header, the separator and the rows, columns padded to equal width
     */
    public String render() {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            width[c] = Math.max(3, headers[c].length()); // "---" is the shortest valid separator
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, headers, width);
        String[] dashes = new String[headers.length];
        for (int c = 0; c < headers.length; c++) {
            dashes[c] = "-".repeat(width[c]);
        }
        appendLine(sb, dashes, width);
        for (String[] row : rows) {
            appendLine(sb, row, width);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    /**
     * Formats {@code mean ± se} with {@code digits} decimals, e.g. {@code "4.12 ± 0.03"}.
     *
     * @param mean the mean
     * @param se its standard error
     * @param digits decimals, ≥ 0
     * @return the formatted text
     * @throws IllegalArgumentException if {@code digits} is negative
     */
    public static String meanSe(double mean, double se, int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must be >= 0, got " + digits);
        }
        // Locale.ROOT: a German locale would otherwise print "4,12" and break parsers downstream.
        return String.format(Locale.ROOT, "%." + digits + "f ± %." + digits + "f", mean, se);
    }

    private static void appendLine(StringBuilder sb, String[] cells, int[] width) {
        sb.append('|');
        for (int c = 0; c < cells.length; c++) {
            sb.append(' ').append(cells[c]).append(" ".repeat(width[c] - cells[c].length()))
                    .append(" |");
        }
        sb.append('\n');
    }

    // Pipes would split a cell and newlines would end the row, so neutralize both.
    private static String[] sanitize(String[] cells, int columns) {
        String[] out = Arrays.copyOf(cells, columns);
        for (int i = 0; i < columns; i++) {
            String cell = out[i] == null ? "" : out[i];
            out[i] = cell.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')
                    .replace("|", "\\|");
        }
        return out;
    }
}
