package io.risbnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataSpecTest {
    @TempDir Path dir;

    /** A valid 10-row UCI folder: 3 columns, features 0 and 2, target 1, two splits. */
    private Path tinyUci() throws IOException {
        Path uci = Files.createDirectories(dir.resolve("tiny"));
        StringBuilder data = new StringBuilder();
        for (int r = 0; r < 10; r++) {
            data.append(r).append(" \t").append(10 * r).append("\t").append(r * 0.5).append('\n');
        }
        Files.writeString(uci.resolve("data.txt"), data + "\n\n");
        Files.writeString(uci.resolve("index_features.txt"), "0\n2\n");
        Files.writeString(uci.resolve("index_target.txt"), "1\n");
        Files.writeString(uci.resolve("n_splits.txt"), "2\n");
        Files.writeString(uci.resolve("n_hidden.txt"), "7\n");
        Files.writeString(uci.resolve("n_epochs.txt"), "3\n");
        Files.writeString(uci.resolve("index_train_0.txt"), "0\n1\n2\n3\n4\n5\n6\n7\n8\n");
        Files.writeString(uci.resolve("index_test_0.txt"), "9\n");
        Files.writeString(uci.resolve("index_train_1.txt"), "1.0\n2.0\n3.0\n4.0\n5.0\n6.0\n7.0\n8.0\n9.0\n");
        Files.writeString(uci.resolve("index_test_1.txt"), "0.0\n");
        return uci;
    }

    private static RisbnnException fails(String spec) {
        return assertThrows(RisbnnException.class, () -> DataSpec.parseRegression(spec));
    }

    private static void assertMessage(RisbnnException e, String... fragments) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "contains '" + f + "': " + m);
        }
    }

    @Test
    void concreteIsTheDefault() {
        RegressionSource source = DataSpec.parseRegression("concrete");
        assertEquals("concrete", source.name());
        assertEquals(1030, source.data().rows());
        assertEquals(8, source.data().featureCount());
        assertEquals(20, source.splitCount());
        assertEquals(50, source.hiddenUnitsHint());
        assertEquals(40, source.epochsHint());
        TrainTestSplit split = source.split(4, 7L);
        assertEquals(4, split.index());
        assertEquals(103, split.test().length);
        assertArrayEquals(split.test(), source.split(4, 7L).test(), "seeded");
        assertEquals("concrete", DataSpec.parseRegression(null).name());
        assertMessage(assertThrows(RisbnnException.class, () -> source.split(20, 7L)),
                "split 20 out of range");
    }

    @Test
    void uciFolderUsesItsSplitFilesAndSettings() throws IOException {
        Path uci = tinyUci();
        RegressionSource source = DataSpec.parseRegression("uci:" + uci);
        assertInstanceOf(UciDataset.class, source);
        assertEquals("tiny", source.name());
        assertEquals(10, source.data().rows());
        assertEquals(2, source.data().featureCount());
        assertArrayEquals(new double[] {3, 1.5}, source.data().features()[3]);
        assertEquals(30, source.data().targets()[3]);
        assertEquals(2, source.splitCount());
        assertEquals(7, source.hiddenUnitsHint());
        assertEquals(3, source.epochsHint());
        assertArrayEquals(new int[] {9}, source.split(0, 1L).test());
        assertArrayEquals(new int[] {0}, source.split(1, 1L).test(), "integral floats accepted");
    }

    @Test
    void settingsDefaultWhenAbsent() throws IOException {
        Path uci = tinyUci();
        Files.delete(uci.resolve("n_splits.txt"));
        Files.delete(uci.resolve("n_hidden.txt"));
        Files.delete(uci.resolve("n_epochs.txt"));
        UciDataset d = UciDataset.load(uci);
        assertEquals(20, d.splitCount());
        assertEquals(50, d.hiddenUnits());
        assertEquals(40, d.epochs());
    }

    @Test
    void realUciFolder() {
        RegressionSource source =
                DataSpec.parseRegression("uci:" + SharedData.uci("bostonHousing"));
        assertEquals("bostonHousing", source.name());
        assertEquals(506, source.data().rows());
    }

    @Test
    void tableUsesTheLastColumnAsTarget() throws IOException {
        Path file = dir.resolve("housing.csv");
        StringBuilder text = new StringBuilder("# a,b,y\n");
        for (int r = 0; r < 30; r++) {
            text.append(r).append(',').append(-r).append(',').append(r * r).append('\n');
        }
        Files.writeString(file, text);
        RegressionSource source = DataSpec.parseRegression("table:" + file);
        assertEquals("housing", source.name());
        assertEquals(30, source.data().rows());
        assertEquals(2, source.data().featureCount());
        assertEquals(25, source.data().targets()[5]);
        assertNull(source.hiddenUnitsHint());
        assertNull(source.epochsHint());
        assertEquals(20, source.splitCount());
        TrainTestSplit split = source.split(0, 5L);
        assertEquals(3, split.test().length);
        assertEquals(27, split.train().length);
    }

    @Test
    void tableNeedsTwoColumns() throws IOException {
        Path file = dir.resolve("one.txt");
        Files.writeString(file, "1\n2\n");
        assertMessage(fails("table:" + file), file.toString(), "at least 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "", "uci:", "table:", "csv:", "concrete:x", "Concrete", "image:cifar",
        "boston"})
    void badSpecsNameTheGrammar(String spec) {
        assertEquals("--data '" + spec + "': expected concrete, uci:DIR, table:FILE or csv:FILE",
                fails(spec).getMessage());
    }

    @Test
    void missingFolderOrDataFile() throws IOException {
        Path missing = dir.resolve("absent");
        assertMessage(fails("uci:" + missing), missing.toString(),
                "expected a UCI folder with data.txt and index_*.txt");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertMessage(fails("uci:" + empty), empty.toString(), "no data.txt",
                "expected a UCI folder with data.txt and index_*.txt");
        Path table = dir.resolve("absent.csv");
        assertMessage(fails("table:" + table), table.toString(), "not found");
    }

    @Test
    void truncatedDataFileNamesTheLine() throws IOException {
        Path uci = tinyUci();
        Files.writeString(uci.resolve("data.txt"), "1 2 3\n4 5 6\n7 8");
        assertMessage(fails("uci:" + uci), uci.resolve("data.txt").toString(), "line 3",
                "expected 3 numbers, found 2");
    }

    @Test
    void garbledIndexFileNamesFileAndLine() throws IOException {
        Path uci = tinyUci();
        Files.writeString(uci.resolve("index_train_1.txt"), "1\n2\n3x\n");
        RegressionSource source = DataSpec.parseRegression("uci:" + uci);
        Path file = uci.resolve("index_train_1.txt");
        assertMessage(assertThrows(RisbnnException.class, () -> source.split(1, 0L)),
                file.toString(), "line 3", "'3x'", "expected an integer 0..9");
    }

    @Test
    void indexProblemsNameFileAndLine() throws IOException {
        Path uci = tinyUci();
        Path train = uci.resolve("index_train_0.txt");
        Path test = uci.resolve("index_test_0.txt");
        UciDataset d = UciDataset.load(uci);

        Files.writeString(train, "0\n10\n");
        assertMessage(assertThrows(RisbnnException.class, () -> d.split(0)),
                train.toString(), "line 2", "10 is out of range");
        Files.writeString(train, "0\n-1\n");
        assertMessage(assertThrows(RisbnnException.class, () -> d.split(0)),
                train.toString(), "line 2", "'-1'");
        Files.writeString(train, "0\n2.5\n");
        assertMessage(assertThrows(RisbnnException.class, () -> d.split(0)),
                train.toString(), "line 2", "'2.5'");
        Files.writeString(train, "0\n1\n0\n");
        assertMessage(assertThrows(RisbnnException.class, () -> d.split(0)),
                train.toString(), "line 3", "repeats line 1");
        Files.writeString(train, "0\n1\n2\n");
        Files.writeString(test, "9\n\n2\n");
        assertMessage(assertThrows(RisbnnException.class, () -> d.split(0)),
                test.toString(), "line 3", "also in index_train_0.txt");
        Files.writeString(test, "\n\n");
        assertMessage(assertThrows(RisbnnException.class, () -> d.split(0)),
                test.toString(), "no row indices");
        Files.delete(test);
        assertMessage(assertThrows(RisbnnException.class, () -> d.split(0)),
                test.toString(), "not found");
    }

    @Test
    void badColumnAndSettingFiles() throws IOException {
        Path uci = tinyUci();
        Path features = uci.resolve("index_features.txt");
        Files.writeString(features, "0\n1\n");
        assertMessage(fails("uci:" + uci), features.toString(), "line 2", "is the target");
        Files.writeString(features, "0\n3\n");
        assertMessage(fails("uci:" + uci), features.toString(), "line 2", "expected an integer 0..2");
        Files.writeString(features, "0\n2\n");

        Path target = uci.resolve("index_target.txt");
        Files.writeString(target, "1\n2\n");
        assertMessage(fails("uci:" + uci), target.toString(), "line 2", "exactly one");
        Files.delete(target);
        assertMessage(fails("uci:" + uci), uci.toString(), "index_target.txt");
        Files.writeString(target, "1\n");

        Path splits = uci.resolve("n_splits.txt");
        Files.writeString(splits, "twenty\n");
        assertMessage(fails("uci:" + splits.getParent()), splits.toString(), "line 1", "'twenty'");
        Files.writeString(splits, "0\n");
        assertMessage(fails("uci:" + uci), splits.toString(), "line 1", "out of range");
    }

    @Test
    void homeFolderShortcut() {
        RisbnnException e = fails("table:~/surely-not-here-risbnn.csv");
        assertMessage(e, System.getProperty("user.home"), "not found");
    }
}
