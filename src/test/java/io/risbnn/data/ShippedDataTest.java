package io.risbnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ShippedDataTest {

    @Test
    void concreteHasTheExpectedShape() {
        RegressionData concrete = ShippedData.concrete();
        assertEquals("concrete", concrete.name());
        assertEquals(1030, concrete.rows());
        assertEquals(8, concrete.featureCount());
        assertArrayEquals(new double[] {540, 0, 0, 162, 2.5, 1040, 676, 28},
                concrete.features()[0]);
        assertEquals(79.99, concrete.targets()[0]);
        assertSame(concrete, ShippedData.concrete(), "parsed once");
    }

    @Test
    void sameNumbersAsTheSharedFile() {
        RegressionData shared = UciDataset.load(SharedData.uci("concrete")).data();
        RegressionData shipped = ShippedData.concrete();
        assertArrayEquals(shared.targets(), shipped.targets());
        double[][] a = shared.features();
        double[][] b = shipped.features();
        for (int r = 0; r < a.length; r++) {
            assertArrayEquals(a[r], b[r], "row " + r);
        }
    }

    @Test
    void resourceIsAByteForByteCopy() throws IOException {
        byte[] shared = Files.readAllBytes(SharedData.uci("concrete").resolve("data.txt"));
        try (InputStream in =
                ShippedData.class.getResourceAsStream("/io/risbnn/data/concrete/data.txt")) {
            assertArrayEquals(shared, in.readAllBytes());
        }
    }

    @Test
    void noSplitFilesAreShipped() {
        assertEquals(null, ShippedData.class.getResource("/io/risbnn/data/concrete/index_train_0.txt"));
        assertEquals(null, ShippedData.class.getResource("/io/risbnn/data/concrete/index_test_0.txt"));
    }

    @Test
    void attributionNamesSourceAndLicence() {
        String text = ShippedData.attribution();
        assertTrue(text.contains("I-Cheng Yeh"), text);
        assertTrue(text.contains("CC BY 4.0"), text);
        assertTrue(text.contains("https://archive.ics.uci.edu/dataset/165/concrete+compressive+strength"));
        assertTrue(text.contains("6eb4497628d12b0f300f4b4f6bdc386bebad565c"));
    }
}
