package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict parser for numeric text tables: one row per line, numbers separated by whitespace (tabs
 * and spaces, mixed) or by commas. Blank lines and lines starting with {@code #} are skipped. Every
 * row must have the same number of columns and every value must be a finite decimal number.
 *
 * <p>All problems raise {@link RisbnnException} with a one-line message {@code <source> line <n>:
 * <what was expected>}; a malformed file never surfaces as a {@code NumberFormatException}.
 */
public final class NumericTable {
    /** Largest input accepted (bytes for files, characters for readers): 2 GiB. */
    public static final long MAX_SIZE = 2L << 30;

    // Plain decimal notation only: Double.parseDouble would also take "0x1p3", "1d", "NaN", ...
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private NumericTable() {}

    /**
     * Reads a table file; messages name it as {@code data file <path>}.
     *
     * @param file the file
     * @return the rows of numbers
     * @throws RisbnnException if the file is missing, too large, ragged or not numeric
     */
    public static double[][] read(Path file) {
        String source = "data file " + TextFiles.oneLine(file.toString());
        TextFiles.requireRegularFile(file, source, "a numeric table");
        long size = TextFiles.size(file, source);
        if (size > MAX_SIZE) {
            throw new RisbnnException(source + ": " + TextFiles.gib(size)
                    + " is larger than the 2 GiB limit for numeric tables");
        }
        try (BufferedReader reader = new Utf8LineReader(file)) {
            return read(source, reader);
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot read: " + TextFiles.oneLine(e), e);
        }
    }

    /**
     * Reads a table from {@code reader}; {@code sourceName} starts every error message (e.g. {@code
     * "data file /x/data.txt"}). The reader is not closed.
     *
     * @param sourceName starts every error message
     * @param reader the table's text
     * @return the rows of numbers
     * @throws RisbnnException if the table is ragged or not numeric
     */
    public static double[][] read(String sourceName, Reader reader) {
        sourceName = TextFiles.oneLine(sourceName);
        BufferedReader lines =
                reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        int firstDataLine = 0;
        long chars = 0;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNo++;
                chars += line.length() + 1L;
                if (chars > MAX_SIZE) {
                    throw new RisbnnException(sourceName + " line " + lineNo
                            + ": input is larger than the 2 GiB limit for numeric tables");
                }
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // byte order mark, as spreadsheet exports write
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] tokens = tokens(trimmed, sourceName, lineNo);
                if (rows.isEmpty()) {
                    firstDataLine = lineNo;
                } else if (tokens.length != rows.get(0).length) {
                    int expected = rows.get(0).length;
                    throw new RisbnnException(sourceName + " line " + lineNo + ": expected "
                            + expected + " numbers, found " + tokens.length
                            + " (the first row, line " + firstDataLine + ", has " + expected + ")");
                }
                double[] row = new double[tokens.length];
                for (int c = 0; c < tokens.length; c++) {
                    row[c] = parse(tokens[c], sourceName, lineNo, c + 1, rows.isEmpty());
                }
                rows.add(row);
            }
        } catch (CharacterCodingException e) {
            throw new RisbnnException(sourceName + " line " + (lineNo + 1)
                    + ": not UTF-8 text (expected a numeric table)", e);
        } catch (IOException e) {
            throw new RisbnnException(sourceName + " line " + (lineNo + 1) + ": cannot read: "
                    + TextFiles.oneLine(e), e);
        } catch (OutOfMemoryError e) {
            rows = null; // let the heap recover before building the message
            throw new RisbnnException(sourceName + " line " + lineNo
                    + ": out of memory while reading the table (raise the heap with -Xmx)");
        }
        if (rows.isEmpty()) {
            throw new RisbnnException(sourceName + ": no data rows (expected lines of numbers;"
                    + " the input is empty or holds only blank and '#' lines)");
        }
        return rows.toArray(new double[0][]);
    }

    /** Splits on commas when the line has any, else on runs of whitespace. */
    private static String[] tokens(String line, String source, int lineNo) {
        if (line.indexOf(',') < 0) {
            return line.split("\\s+");
        }
        String[] fields = line.split(",", -1);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].strip();
            if (fields[i].isEmpty()) {
                throw new RisbnnException(source + " line " + lineNo + " column " + (i + 1)
                        + ": empty field (expected a number between the commas)");
            }
        }
        return fields;
    }

    /** Parses one value; {@code firstRow} enables the header hint in the error. */
    private static double parse(String token, String source, int lineNo, int column,
            boolean firstRow) {
        if (!DECIMAL.matcher(token).matches()) {
            String where = source + " line " + lineNo + " column " + column + ": ";
            String word = token.toLowerCase(Locale.ROOT).replaceFirst("^[+-]", "");
            if (word.equals("nan") || word.equals("inf") || word.equals("infinity")) {
                throw new RisbnnException(where + TextFiles.quote(token)
                        + " is not allowed (expected a finite number; NaN and infinity are rejected)");
            }
            String hint = firstRow ? " (a header line must start with '#')" : "";
            throw new RisbnnException(where + TextFiles.quote(token) + " is not a number" + hint);
        }
        double value = Double.parseDouble(token);
        if (!Double.isFinite(value)) {
            throw new RisbnnException(source + " line " + lineNo + " column " + column + ": "
                    + TextFiles.quote(token) + " is out of the range of a double"
                    + " (expected a finite number)");
        }
        return value;
    }
}
