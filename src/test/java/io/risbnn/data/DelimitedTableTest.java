package io.risbnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DelimitedTableTest {
    @TempDir
    Path tmp;

    private static DelimitedTable parse(String text) {
        return DelimitedTable.parse("data file t.csv", text);
    }

    private static String error(String text) {
        return assertThrows(RisbnnException.class, () -> parse(text)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t", " "})
    void detectsTheDelimiterFromTheHeader(String d) {
        DelimitedTable t = parse("a" + d + "b" + d + "c\n1" + d + "2" + d + "3\n4" + d + "5" + d + "6\n");
        assertEquals(List.of("a", "b", "c"), t.header());
        assertEquals(2, t.size());
        assertArrayEquals(new String[] {"4", "5", "6"}, t.rows().get(1));
        assertArrayEquals(new int[] {2, 3}, t.lines());
    }

    @Test
    void quotedFieldsKeepDelimitersQuotesAndLineBreaks() {
        DelimitedTable t = parse("id,\"name, full\",x\n1,\"Smith, \"\"J\"\"\",2\n2,\"two\nlines\",3\n3,plain,4\n");
        assertEquals(List.of("id", "name, full", "x"), t.header());
        assertEquals("Smith, \"J\"", t.rows().get(0)[1]);
        assertEquals("two\nlines", t.rows().get(1)[1]);
        assertArrayEquals(new int[] {2, 3, 5}, t.lines(), "a row starts on its own line, after a two-line field");
    }

    @Test
    void raggedRowNamesItsOwnLineEvenAfterAMultiLineField() {
        String message = error("a,b\n1,\"x\ny\"\n3\n4,5\n");
        assertTrue(message.startsWith("data file t.csv line 4: 1 fields, expected 2"), message);
        String semicolon = error("a;b;c\n1;2;3\n1;2\n");
        assertTrue(semicolon.startsWith("data file t.csv line 3: 2 fields, expected 3"), semicolon);
    }

    @Test
    void skipsBlankAndCommentLinesAndAByteOrderMark() {
        DelimitedTable t = parse("\uFEFF# exported\n\na,b\n\n1,2\n# note\n3,4\n");
        assertEquals(List.of("a", "b"), t.header());
        assertEquals(3, t.headerLine());
        assertArrayEquals(new int[] {5, 7}, t.lines());
    }

    @Test
    void refusesBadHeaders() {
        assertTrue(error("a,,c\n1,2,3\n").contains("line 1 column 2: empty column name"));
        assertTrue(error("a,b,a\n1,2,3\n").contains("column name 'a' appears twice"));
        assertTrue(error("\n\n# only comments\n").contains("empty"));
    }

    @Test
    void unterminatedQuoteIsOneLineNamingTheFile() {
        String message = error("a,b\n1,\"open\n2,3\n");
        assertTrue(message.startsWith("data file t.csv line"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void aNumericFirstRowIsDataNotAHeader() {
        DelimitedTable t = parse("1.5,2\n3,4\n");
        assertTrue(t.headerIsData());
        DelimitedTable plain = t.withoutHeader(List.of("x", "y"));
        assertEquals(2, plain.size());
        assertArrayEquals(new int[] {1, 2}, plain.lines());
        assertFalse(parse("x,y\n1,2\n").headerIsData());
    }

    @Test
    void readsFilesAsStrictUtf8() throws Exception {
        Path file = tmp.resolve("latin1.csv");
        Files.write(file, "name,x\ncaf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
        String message = assertThrows(RisbnnException.class, () -> DelimitedTable.read(file, "data file")).getMessage();
        assertTrue(message.contains("not UTF-8"), message);
        Path missing = tmp.resolve("nope.csv");
        assertTrue(assertThrows(RisbnnException.class, () -> DelimitedTable.read(missing, "data file")).getMessage()
                .contains("not found"));
    }
}
