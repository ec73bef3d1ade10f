package io.risbnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {
    @Test
    void rendersAlignedTable() {
        String md = new MarkdownTable("dataset", "rmse")
                .addRow("boston", MarkdownTable.meanSe(3.1234, 0.0456, 2))
                .addRow("yacht")
                .render();
        String expected = ""
                + "| dataset | rmse        |\n"
                + "| ------- | ----------- |\n"
                + "| boston  | 3.12 ± 0.05 |\n"
                + "| yacht   |             |\n";
        assertEquals(expected, md);
    }

    @Test
    void escapesPipesAndNewlines() {
        String md = new MarkdownTable("a").addRow("x|y\nz").render();
        assertEquals("| a      |\n| ------ |\n| x\\|y z |\n", md);
    }

    @Test
    void tooManyCellsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new MarkdownTable("a").addRow("1", "2"));
    }

    @Test
    void meanSeFormatting() {
        assertEquals("4.12 ± 0.03", MarkdownTable.meanSe(4.1249, 0.0301, 2));
        assertEquals("4 ± 0", MarkdownTable.meanSe(4.1, 0.2, 0));
        assertEquals("NaN ± NaN", MarkdownTable.meanSe(Double.NaN, Double.NaN, 2));
    }
}
