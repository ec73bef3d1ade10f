package io.risbnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSourceTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static TableOptions options(Path file, String target, List<String> features, Imputation impute) {
        return new TableOptions(file.toString(), target, features, null, null, false, impute);
    }

    private static String error(TableOptions options) {
        return assertThrows(RisbnnException.class, () -> TableSource.open(options)).getMessage();
    }

    @Test
    void defaultsAreLastColumnTargetAndEveryOtherColumn() throws Exception {
        Path file = write("d.csv", "a;b;y\n1;2;3\n4;5;6\n7;8;9\n");
        TableSource source = TableSource.open(TableOptions.defaults(file.toString()));
        RegressionData data = source.data();
        assertEquals(List.of("a", "b"), data.featureNames());
        assertEquals("y", data.targetName());
        assertArrayEquals(new double[] {3, 6, 9}, data.targets());
        assertEquals("d", source.name());
    }

    @Test
    void targetAndFeaturesByNameOrPositionSkipTextColumns() throws Exception {
        Path file = write("h.csv", "id,area,town,price\nh1,50,\"North, old\",100\nh2,70,South,150\nh3,90,East,210\n");
        RegressionData byName = TableSource.open(options(file, "price", List.of("area"), Imputation.NONE)).data();
        RegressionData byPosition = TableSource.open(options(file, "4", List.of("2"), Imputation.NONE)).data();
        assertArrayEquals(byName.features(), byPosition.features());
        RegressionData byRange = TableSource.open(options(file, "price", List.of("2-2"), Imputation.NONE)).data();
        assertArrayEquals(byName.features(), byRange.features());
        assertEquals(List.of("area"), byPosition.featureNames());
        assertEquals("price", byPosition.targetName());
        String text = error(options(file, "price", null, Imputation.NONE));
        assertTrue(text.startsWith("data file " + file + " line 2 column 1 ('id'): 'h1' is not a number"), text);
        assertTrue(error(options(file, "cost", null, Imputation.NONE)).startsWith("--target 'cost': no such column"));
        assertTrue(error(options(file, "9", null, Imputation.NONE)).startsWith("--target 9: position out of range"));
        assertTrue(error(options(file, "price", List.of("area", "price"), Imputation.NONE)).contains("is the target column"));
        assertTrue(error(options(file, "price", List.of("area", "2"), Imputation.NONE)).contains("listed twice"));
    }

    @Test
    void missingCellsAreRefusedWithLineAndColumnOrImputed() throws Exception {
        Path file = write("m.csv", "x1,x2,y\n1,10,1\nNA,20,2\n3,,3\n5,90,4\n");
        String refused = error(options(file, null, null, Imputation.NONE));
        assertTrue(refused.startsWith("data file " + file + " line 3 column 1 ('x1'): missing value 'NA'"), refused);
        assertTrue(refused.contains("--impute"), refused);
        TableSource mean = TableSource.open(options(file, null, null, Imputation.MEAN));
        assertArrayEquals(new double[] {3, 40}, mean.fillValues(), 1e-12);
        assertEquals(3.0, mean.data().features()[1][0], 0);
        assertEquals(40.0, mean.data().features()[2][1], 0);
        TableSource median = TableSource.open(options(file, null, null, Imputation.MEDIAN));
        assertArrayEquals(new double[] {3, 20}, median.fillValues(), 1e-12);
        assertNull(TableSource.open(options(write("ok.csv", "x,y\n1,2\n3,4\n"), null, null, Imputation.NONE)).fillValues());
        Path noTarget = write("t.csv", "x,y\n1,2\n3,NA\n");
        assertTrue(error(options(noTarget, null, null, Imputation.MEAN)).contains("line 3 column 2 ('y'): missing target"));
    }

    @Test
    void decimalCommaGetsAHint() throws Exception {
        Path file = write("e.csv", "x;y\n1,5;2\n2,5;3\n");
        assertTrue(error(options(file, null, null, Imputation.NONE)).contains("decimal commas are not read"));
    }

    @Test
    void testFileNoTestAndTestFractionChooseTheTestRows() throws Exception {
        Path train = write("train.csv", "x,y\n" + "1,1\n".repeat(18) + "2,2\n2,2\n");
        Path test = write("test.csv", "y,x,note\n5,6,a\n7,8,b\n");
        TableSource withFile = TableSource.open(new TableOptions(train.toString(), null, null, test.toString(), null, false,
                Imputation.NONE));
        assertEquals(22, withFile.data().rows());
        TrainTestSplit split = withFile.split(3, 0);
        assertEquals(20, split.train().length);
        assertArrayEquals(new int[] {20, 21}, split.test());
        assertEquals(8.0, withFile.data().features()[21][0], 0, "test columns are matched by name");

        TableSource all = TableSource.open(new TableOptions(train.toString(), null, null, null, null, true, Imputation.NONE));
        assertEquals(20, all.split(0, 0).train().length);
        assertEquals(0, all.split(0, 0).test().length);

        TableSource quarter = TableSource.open(new TableOptions(train.toString(), null, null, null, 0.25, false, Imputation.NONE));
        assertEquals(5, quarter.split(0, 0).test().length);
        assertNotEquals(java.util.Arrays.toString(quarter.split(0, 0).test()), java.util.Arrays.toString(quarter.split(1, 0).test()));

        Path wrongTest = write("bad-test.csv", "x,z\n1,2\n");
        String message = error(new TableOptions(train.toString(), null, null, wrongTest.toString(), null, false, Imputation.NONE));
        assertTrue(message.startsWith("test file " + wrongTest + ": no column 'y'"), message);
    }

    @Test
    void aHeaderlessFileIsRefusedWithTheFix() throws Exception {
        Path file = write("n.csv", "1,2\n3,4\n");
        assertTrue(error(TableOptions.defaults(file.toString())).contains("looks like data, not a header"));
    }

    @Test
    void fingerprintsChangeWithAnyValueOrName() {
        RegressionData a = new RegressionData("a", new double[][] {{1}, {2}}, new double[] {3, 4}, List.of("x"), "y");
        RegressionData b = new RegressionData("a", new double[][] {{1}, {2}}, new double[] {3, 4.000001}, List.of("x"), "y");
        RegressionData c = new RegressionData("a", new double[][] {{1}, {2}}, new double[] {3, 4}, List.of("z"), "y");
        assertEquals(Fingerprint.of(a), Fingerprint.of(a));
        assertNotEquals(Fingerprint.of(a), Fingerprint.of(b));
        assertNotEquals(Fingerprint.of(a), Fingerprint.of(c));
        assertEquals(1, Fingerprint.countKnown(List.of(new double[] {2}, new double[] {5}),
                Fingerprint.rowHashes(a.features())));
    }
}
