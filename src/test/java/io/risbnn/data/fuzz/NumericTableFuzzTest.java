package io.risbnn.data.fuzz;

import io.risbnn.data.DataSpec;
import io.risbnn.data.NumericTable;
import io.risbnn.data.RegressionSource;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link NumericTable} (file and reader entry points) and the {@code table:FILE} data spec
 * built on it with mutations of two valid tables: whitespace separated with comments and blank
 * lines, and comma separated with a byte order mark and CRLF line ends.
 */
class NumericTableFuzzTest {
    static final byte[] WHITESPACE = String.join("\n",
            "# cement slag ash water target",
            "540.0 0.0 0.0 162.0 79.99",
            "540.0\t0.0\t0.0\t162.0\t61.89",
            "332.5  142.5 0.0 228.0 40.27",
            "",
            "332.5 142.5 0.0 228.0 41.05",
            "  198.6 132.4 0.0 192.0 44.30  ",
            "# a comment in the middle",
            "-266.0 114.0 0.0 228.0 47.03",
            "380.0 95.0 0.0 2.28e2 43.70",
            "+475.0 .5 7. 228.0 39.29",
            "1.5e-3 1E+2 0.0 228.0 -0.0",
            "").getBytes(StandardCharsets.UTF_8);

    static final byte[] CSV = ("\uFEFF# x1,x2,x3,y\r\n1.0,2.0,3.0,4.5\r\n-1, 0.25 ,3e1,5\r\n"
            + "7,8,9,10\r\n0.001,-2.5E-4,6,7\r\n").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void numericTableOnlyThrowsRisbnnException() {
        Path file = dir.resolve("table.txt");
        Fuzz.run("NumericTable", Fuzz.BASE_SEED + 1, 2000, 250, true, (i, m) -> {
            boolean csv = m.nextInt(3) == 0;
            m.note(csv ? "base csv" : "base whitespace");
            byte[] bytes = m.mutate(csv ? CSV : WHITESPACE, Mutator.Format.ofText());
            Fuzz.rewrite(file, bytes);
            NumericTable.read(file);
            // the reader entry point decodes leniently (replacement characters), so it differs
            NumericTable.read("fuzz input", new InputStreamReader(
                    new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
            RegressionSource source = DataSpec.parseRegression("table:" + file);
            source.split(0, 1);
            source.split(source.splitCount() - 1, 2);
        });
    }
}
