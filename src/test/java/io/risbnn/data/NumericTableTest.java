package io.risbnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumericTableTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Asserts the one-line message names the file and contains each fragment. */
    private static void assertMessage(RisbnnException e, String file, String... fragments) {
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), "one line: " + m);
        assertTrue(m.contains(file), "names " + file + ": " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "contains '" + f + "': " + m);
        }
    }

    @Test
    void skipsBlankAndCommentLinesAndMixesTabsAndSpaces() throws IOException {
        Path file = write("t.txt", "# header\n\n 1.5 \t2\t\t-3e2 \n   \n# more\n4  5.\t.25\n\n\n");
        double[][] t = NumericTable.read(file);
        assertEquals(2, t.length);
        assertArrayEquals(new double[] {1.5, 2, -300}, t[0]);
        assertArrayEquals(new double[] {4, 5, 0.25}, t[1]);
    }

    @Test
    void readsCommaSeparatedAndCrlf() {
        double[][] t = NumericTable.read("csv", new StringReader("1,2,3\r\n4, 5 ,+6\r\n"));
        assertArrayEquals(new double[] {4, 5, 6}, t[1]);
    }

    @Test
    void skipsAByteOrderMark() {
        double[][] t = NumericTable.read("bom", new StringReader("\uFEFF1,2\n3,4\n"));
        assertArrayEquals(new double[] {1, 2}, t[0]);
    }

    @Test
    void raggedRowNamesTheLine() throws IOException {
        Path file = write("ragged.txt", "1 2 3\n\n4 5 6\n7 8\n");
        RisbnnException e = assertThrows(RisbnnException.class, () -> NumericTable.read(file));
        assertMessage(e, file.toString(), "line 4", "expected 3 numbers, found 2");
    }

    @Test
    void nonNumberNamesLineAndColumn() throws IOException {
        Path file = write("abc.txt", "1 2 3\n4 abc 6\n");
        RisbnnException e = assertThrows(RisbnnException.class, () -> NumericTable.read(file));
        assertMessage(e, file.toString(), "line 2", "column 2", "'abc'", "not a number");
    }

    @Test
    void headerLineGetsAHint() {
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> NumericTable.read("data file h.csv", new StringReader("x,y\n1,2\n")));
        assertMessage(e, "h.csv", "line 1", "column 1", "must start with '#'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "-Inf", "Infinity", "+inf", "1e999", "0x1p3", "1d", "1.2.3",
        "--1", "1e", ""})
    void rejectsNonFiniteAndNonDecimalTokens(String token) {
        String text = "1,2\n3," + token + "\n";
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> NumericTable.read("data file x.csv", new StringReader(text)));
        assertMessage(e, "x.csv", "line 2", "column 2");
    }

    @Test
    void nanMessageSaysWhy() {
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> NumericTable.read("data file x.txt", new StringReader("1 NaN\n")));
        assertMessage(e, "x.txt", "line 1", "NaN and infinity are rejected");
    }

    @Test
    void emptyFilesAreRejected() throws IOException {
        for (String text : new String[] {"", "\n\n", "# only a comment\n  \n"}) {
            Path file = write("empty.txt", text);
            RisbnnException e = assertThrows(RisbnnException.class, () -> NumericTable.read(file));
            assertMessage(e, file.toString(), "no data rows");
        }
    }

    @Test
    void missingFileAndFolderAreRejected() {
        Path missing = dir.resolve("nope.txt");
        RisbnnException e = assertThrows(RisbnnException.class, () -> NumericTable.read(missing));
        assertMessage(e, missing.toString(), "not found");
        e = assertThrows(RisbnnException.class, () -> NumericTable.read(dir));
        assertMessage(e, dir.toString(), "is a folder");
    }

    @Test
    void binaryGarbageIsRejectedOnOneLine() throws IOException {
        Path file = dir.resolve("bin.dat");
        Files.write(file, new byte[] {0x31, 0x20, 0x00, 0x07, (byte) 0xff, (byte) 0xfe, 0x0a});
        RisbnnException e = assertThrows(RisbnnException.class, () -> NumericTable.read(file));
        assertMessage(e, file.toString(), "line 1");
    }

    @Test
    void controlCharactersInTokensStayOnOneLine() {
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> NumericTable.read("data file c.txt", new StringReader("1 a\u0085b\u2028c\n")));
        assertMessage(e, "c.txt", "line 1", "column 2");
    }

    @Test
    void emptyCommaFieldIsRejected() {
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> NumericTable.read("data file e.csv", new StringReader("1,,3\n")));
        assertMessage(e, "e.csv", "line 1", "column 2", "empty field");
    }

    @org.junit.jupiter.api.Test
    void malformedUtf8IsReportedOnItsOwnLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("bad-utf8.txt");
        byte[] head = "1 2\n3 4\n5 6\n7 8\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        bytes[head.length + 2] = '\n';
        java.nio.file.Files.write(f, bytes);
        io.risbnn.RisbnnException e = org.junit.jupiter.api.Assertions.assertThrows(io.risbnn.RisbnnException.class,
                () -> NumericTable.read(f));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }
}
