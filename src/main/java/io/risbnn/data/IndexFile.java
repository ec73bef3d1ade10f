package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reader for the small integer files of the UCI layout: one non-negative integer per line (row or
 * column indices, settings such as n_splits.txt). Blank lines and '#' lines are skipped; integral
 * floats such as {@code 12.0} are accepted because some tools write indices that way.
 */
final class IndexFile {
    private static final Pattern INTEGER = Pattern.compile("\\+?\\d{1,10}(?:\\.0*)?");

    private IndexFile() {}

    /** Indices with the line each came from, so later checks can point at the line. */
    record Entries(Path file, int[] values, int[] lines) {
        String where(int i) {
            return "index file " + TextFiles.oneLine(file.toString()) + " line " + lines[i];
        }
    }

    /**
     * Reads at least one distinct index in {@code 0..bound-1}; {@code what} names them in messages
     * (e.g. "row index").
     */
    static Entries read(Path file, int bound, String what) {
        String source = "index file " + TextFiles.oneLine(file.toString());
        String expected = what + " (expected an integer 0.." + (bound - 1) + ")";
        TextFiles.requireRegularFile(file, source, "one " + what + " per line");
        // Each valid line is short and distinct, so a far larger file cannot be valid: fail early
        // rather than read it.
        long limit = 32L * bound + 4096;
        long size = TextFiles.size(file, source);
        if (size > limit) {
            throw new RisbnnException(source + ": " + size + " bytes is too large for at most "
                    + bound + " distinct " + plural(what));
        }
        int[] values = new int[16];
        int[] lines = new int[16];
        int count = 0;
        int[] firstLine = new int[bound];
        int lineNo = 0;
        try (BufferedReader reader = new Utf8LineReader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String token = line.strip();
                if (token.isEmpty() || token.startsWith("#")) {
                    continue;
                }
                String at = source + " line " + lineNo + ": ";
                if (!INTEGER.matcher(token).matches()) {
                    throw new RisbnnException(at + TextFiles.quote(token) + " is not a " + expected);
                }
                long value = Long.parseLong(token.replaceFirst("\\..*", "").replace("+", ""));
                if (value >= bound) {
                    throw new RisbnnException(at + value + " is out of range for a " + expected);
                }
                int v = (int) value;
                if (firstLine[v] != 0) {
                    throw new RisbnnException(at + what + " " + v + " repeats line " + firstLine[v]
                            + " (expected each " + what + " once)");
                }
                firstLine[v] = lineNo;
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                    lines = Arrays.copyOf(lines, count * 2);
                }
                values[count] = v;
                lines[count++] = lineNo;
            }
        } catch (CharacterCodingException e) {
            throw new RisbnnException(source + " line " + (lineNo + 1)
                    + ": not UTF-8 text (expected one " + what + " per line)", e);
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot read: " + TextFiles.oneLine(e), e);
        }
        if (count == 0) {
            throw new RisbnnException(source + ": no " + plural(what) + " (expected one "
                    + what + " per line)");
        }
        return new Entries(file, Arrays.copyOf(values, count), Arrays.copyOf(lines, count));
    }

    /** Reads a file holding a single integer in {@code min..max}, such as n_splits.txt. */
    static int readSetting(Path file, int min, int max) {
        String source = "setting file " + TextFiles.oneLine(file.toString());
        String expected = "expected one integer " + min + ".." + max;
        TextFiles.requireRegularFile(file, source, "one integer");
        if (TextFiles.size(file, source) > 4096) {
            throw new RisbnnException(source + ": too large (" + expected + ")");
        }
        int found = -1;
        int lineNo = 0;
        try (BufferedReader reader = new Utf8LineReader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String token = line.strip();
                if (token.isEmpty() || token.startsWith("#")) {
                    continue;
                }
                String at = source + " line " + lineNo + ": ";
                if (found >= 0) {
                    throw new RisbnnException(at + "a second value (" + expected + ")");
                }
                if (!INTEGER.matcher(token).matches()) {
                    throw new RisbnnException(at + TextFiles.quote(token) + " is not an integer ("
                            + expected + ")");
                }
                long value = Long.parseLong(token.replaceFirst("\\..*", "").replace("+", ""));
                if (value < min || value > max) {
                    throw new RisbnnException(at + value + " is out of range (" + expected + ")");
                }
                found = (int) value;
            }
        } catch (CharacterCodingException e) {
            throw new RisbnnException(source + ": not UTF-8 text (" + expected + ")", e);
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot read: " + TextFiles.oneLine(e), e);
        }
        if (found < 0) {
            throw new RisbnnException(source + ": empty (" + expected + ")");
        }
        return found;
    }

    private static String plural(String what) {
        return what.endsWith("index") ? what.substring(0, what.length() - 5) + "indices" : what + "s";
    }
}
