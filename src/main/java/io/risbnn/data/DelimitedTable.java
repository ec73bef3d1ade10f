package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A text table as users keep it: a header row of column names, then one row per line, fields
 * separated by {@code ,}, {@code ;} or a tab (detected from the header line: the one that occurs most
 * often outside quotes), or by runs of spaces when the header has none of these. Fields may be quoted
 * ({@code "a, b"}, {@code ""} for a quote, line breaks inside quotes), as spreadsheets export them;
 * parsing is done by Apache Commons CSV. Cells stay text: {@link TableColumns} parses the columns a
 * run selects, so an id or a text column that is not used never has to be numeric.
 *
 * <p>A table may have no data rows (a headerless one-row input is then read by {@link #withoutHeader});
 * {@link TableColumns} refuses an empty data set. Every problem is a {@link RisbnnException} of one line naming the file and the line: a row with
 * the wrong number of fields names its own line (the line it starts on), not the next.
 *
 * @param source how messages name the table, e.g. {@code data file /x/houses.csv}
 * @param header the column names, unique and non-empty
 * @param rows the cells of each data row, {@code header.size()} per row
 * @param lines the line each row starts on (1-based, counting the header and skipped lines)
 * @param headerLine the line of the header row
 */
public record DelimitedTable(String source, List<String> header, List<String[]> rows, int[] lines, int headerLine) {
    /** Largest file accepted, as for {@link NumericTable}: 2 GiB. */
    public static final long MAX_SIZE = NumericTable.MAX_SIZE;

    /**
     * Keeps an unmodifiable copy of the header.
     *
     * @param source how messages name the table
     * @param header the column names
     * @param rows the cells of each data row
     * @param lines the line each row starts on
     * @param headerLine the line of the header row
     */
    public DelimitedTable {
        header = List.copyOf(header);
    }

    /**
     * Reads a headered table file; messages name it as {@code <role> <path>}, e.g. {@code data file x.csv}.
     *
     * @param file the table file
     * @param role how messages name the file, e.g. {@code data file}
     * @return the table
     * @throws RisbnnException if the file is missing, too large or malformed
     */
    public static DelimitedTable read(Path file, String role) {
        String source = role + " " + TextFiles.oneLine(file.toString());
        TextFiles.requireRegularFile(file, source, "a table with a header row");
        long size = TextFiles.size(file, source);
        if (size > MAX_SIZE) {
            throw new RisbnnException(source + ": " + TextFiles.gib(size) + " is larger than the 2 GiB limit for tables");
        }
        return parse(source, decode(file, source));
    }

    /**
     * Parses table text (tests, and inputs already in memory).
     *
     * @param source how messages name the table
     * @param text the whole table, header first (a byte order mark is skipped)
     * @return the table
     * @throws RisbnnException if the text is malformed
     */
    public static DelimitedTable parse(String source, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // byte order mark, as spreadsheet exports write
        }
        String headerLine = firstContentLine(text);
        if (headerLine == null) {
            throw new RisbnnException(source + ": empty (expected a header row of column names, then data rows)");
        }
        Character delimiter = delimiterOf(headerLine);
        return delimiter == null ? parseWhitespace(source, text) : parseDelimited(source, text, delimiter);
    }

    /**
     * Index of the column called {@code name}, or -1.
     *
     * @param name a column name (exact)
     * @return the 0-based column index, or -1
     */
    public int indexOf(String name) {
        return header.indexOf(name);
    }

    /**
     * The number of columns.
     *
     * @return the header's size
     */
    public int columns() {
        return header.size();
    }

    /**
     * The number of data rows (the header not counted).
     *
     * @return the rows
     */
    public int size() {
        return rows.size();
    }

    /**
     * Whether every header cell is a number: the file has no header and its first row is data.
     *
     * @return true if the header looks like data
     */
    public boolean headerIsData() {
        return header.stream().allMatch(TableColumns::isNumber);
    }

    /**
     * The same cells read as a table without a header: the first row becomes data, columns get {@code names}.
     *
     * @param names one name per column
     * @return the headerless table
     * @throws IllegalArgumentException if {@code names} does not have one name per column
     */
    public DelimitedTable withoutHeader(List<String> names) {
        if (names.size() != header.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + header.size() + " columns");
        }
        List<String[]> all = new ArrayList<>(rows.size() + 1);
        all.add(header.toArray(String[]::new));
        all.addAll(rows);
        int[] allLines = new int[lines.length + 1];
        allLines[0] = headerLine;
        System.arraycopy(lines, 0, allLines, 1, lines.length);
        return new DelimitedTable(source, names, all, allLines, 0);
    }

    /** The delimiter occurring most often outside quotes in the header line, or null for none. */
    static Character delimiterOf(String headerLine) {
        int[] counts = new int[3];
        char[] candidates = {',', ';', '\t'};
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            for (int k = 0; k < candidates.length && !quoted; k++) {
                if (c == candidates[k]) {
                    counts[k]++;
                }
            }
        }
        int best = -1;
        for (int k = 0; k < candidates.length; k++) {
            if (counts[k] > 0 && (best < 0 || counts[k] > counts[best])) {
                best = k;
            }
        }
        return best < 0 ? null : candidates[best];
    }

    private static DelimitedTable parseDelimited(String source, String text, char delimiter) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setQuote('"')
                .setIgnoreEmptyLines(true).setTrim(true).setRecordSeparator("\n").get();
        List<String> header = null;
        int headerLine = 0;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        long previousEnd = 0; // lines the parser has consumed, for errors raised before a record is complete
        LineCounter counter = new LineCounter(text);
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                int line = counter.lineAt(record.getCharacterPosition());
                previousEnd = parser.getCurrentLineNumber();
                String[] cells = record.values();
                if (cells.length == 1 && cells[0].startsWith("#")) {
                    continue; // a comment line
                }
                if (header == null) {
                    header = checkedHeader(source, line, cells);
                    headerLine = line;
                    continue;
                }
                if (cells.length != header.size()) {
                    throw new RisbnnException(source + " line " + line + ": " + cells.length + " fields, expected "
                            + header.size() + " like the header (" + delimiterName(delimiter) + "-separated)");
                }
                rows.add(cells);
                lines.add(line);
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            // Commons CSV reports an unterminated quote or a stray character after a closing quote this way
            throw new RisbnnException(source + " line " + (previousEnd + 1) + ": malformed quoted field ("
                    + TextFiles.oneLine(e.getMessage()) + ")", e);
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot parse: " + TextFiles.oneLine(e), e);
        }
        return finish(source, header, rows, lines, headerLine);
    }

    private static DelimitedTable parseWhitespace(String source, String text) {
        List<String> header = null;
        int headerLine = 0;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            String raw;
            int lineNo = 0;
            while ((raw = reader.readLine()) != null) {
                lineNo++;
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\\s+");
                if (header == null) {
                    header = checkedHeader(source, lineNo, cells);
                    headerLine = lineNo;
                } else if (cells.length != header.size()) {
                    throw new RisbnnException(source + " line " + lineNo + ": " + cells.length + " fields, expected "
                            + header.size() + " like the header (space-separated)");
                } else {
                    rows.add(cells);
                    lines.add(lineNo);
                }
            }
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot parse: " + TextFiles.oneLine(e), e);
        }
        return finish(source, header, rows, lines, headerLine);
    }

    private static DelimitedTable finish(String source, List<String> header, List<String[]> rows, List<Integer> lines,
                                         int headerLine) {
        if (header == null) {
            throw new RisbnnException(source + ": no header row (expected column names, then data rows)");
        }
        return new DelimitedTable(source, header, rows, lines.stream().mapToInt(Integer::intValue).toArray(), headerLine);
    }

    private static List<String> checkedHeader(String source, int line, String[] cells) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < cells.length; c++) {
            String name = cells[c];
            if (name.isEmpty()) {
                throw new RisbnnException(source + " line " + line + " column " + (c + 1)
                        + ": empty column name (expected a header row naming every column)");
            }
            if (!seen.add(name)) {
                throw new RisbnnException(source + " line " + line + ": column name " + TextFiles.quote(name)
                        + " appears twice (expected unique names)");
            }
        }
        return List.of(cells);
    }

    /** 1-based line of increasing character offsets, counted incrementally (one pass over the text). */
    private static final class LineCounter {
        private final String text;
        private int offset;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        /** The line of the record parsed from {@code target} on: past any blank lines the parser skipped there. */
        int lineAt(long target) {
            for (; offset < text.length() && (offset < target || isLineBreak(text.charAt(offset))); offset++) {
                char c = text.charAt(offset);
                if (c == '\n' || (c == '\r' && (offset + 1 >= text.length() || text.charAt(offset + 1) != '\n'))) {
                    line++;
                }
            }
            return line;
        }

        private static boolean isLineBreak(char c) {
            return c == '\n' || c == '\r';
        }
    }

    private static String firstContentLine(String text) {
        return text.lines().filter(line -> !line.isBlank() && !line.strip().startsWith("#")).findFirst().orElse(null);
    }

    private static String delimiterName(char d) {
        return d == '\t' ? "tab" : "'" + d + "'";
    }

    /** Strict UTF-8: a spreadsheet saved in another encoding is named, not silently garbled. */
    private static String decode(Path file, String source) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RisbnnException(source + ": not UTF-8 text (save the table as UTF-8 CSV)", e);
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot read: " + TextFiles.oneLine(e), e);
        } catch (OutOfMemoryError e) {
            throw new RisbnnException(source + ": out of memory while reading the table (raise the heap with -Xmx)");
        }
    }
}
