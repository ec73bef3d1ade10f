package io.risbnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UciDatasetTest {

    @ParameterizedTest
    @CsvSource({
        "bostonHousing, 506, 13, 20, 50, 40",
        "concrete, 1030, 8, 20, 50, 40",
        "power-plant, 9568, 4, 20, 50, 40",
        "protein-tertiary-structure, 45730, 9, 5, 100, 20",
        "wine-quality-red, 1599, 11, 20, 50, 40",
    })
    void loadsShapesAndSettings(String name, int rows, int features, int splits, int hidden,
            int epochs) {
        UciDataset uci = UciDataset.load(SharedData.uci(name));
        assertEquals(name, uci.name());
        assertEquals(rows, uci.data().rows());
        assertEquals(features, uci.data().featureCount());
        assertEquals(splits, uci.splitCount());
        assertEquals(hidden, uci.hiddenUnits());
        assertEquals(epochs, uci.epochs());
        assertEquals(hidden, uci.hiddenUnitsHint());
        assertEquals(epochs, uci.epochsHint());
    }

    @ParameterizedTest
    @CsvSource({"bostonHousing", "concrete", "wine-quality-red", "power-plant",
        "protein-tertiary-structure"})
    void everySplitPartitionsTheRows(String name) {
        UciDataset uci = UciDataset.load(SharedData.uci(name));
        int rows = uci.data().rows();
        for (int i = 0; i < uci.splitCount(); i++) {
            TrainTestSplit split = uci.split(i);
            assertEquals(i, split.index());
            int[] count = new int[rows];
            for (int r : split.train()) {
                count[r]++;
            }
            for (int r : split.test()) {
                count[r]++;
            }
            for (int r = 0; r < rows; r++) {
                assertEquals(1, count[r], name + " split " + i + " row " + r);
            }
            double testShare = split.test().length / (double) rows;
            assertEquals(0.1, testShare, 0.005, name + " split " + i + " test share");
        }
    }

    @Test
    void parsesValuesAndPicksTheTargetColumn() {
        RegressionData boston = UciDataset.load(SharedData.uci("bostonHousing")).data();
        assertEquals(0.00632, boston.features()[0][0]);
        assertEquals(4.98, boston.features()[0][12]);
        assertEquals(24.0, boston.targets()[0]);
        assertEquals(11.9, boston.targets()[505]);
        // boston split sizes quoted in REFERENCE.md
        TrainTestSplit s0 = UciDataset.load(SharedData.uci("bostonHousing")).split(0);
        assertEquals(455, s0.train().length);
        assertEquals(51, s0.test().length);
    }

    @Test
    void splitIndexOutOfRange() {
        UciDataset uci = UciDataset.load(SharedData.uci("concrete"));
        RisbnnException e = assertThrows(RisbnnException.class, () -> uci.split(20));
        assertTrue(e.getMessage().contains("split 20 out of range"), e.getMessage());
        assertTrue(e.getMessage().contains("0..19"), e.getMessage());
        assertThrows(RisbnnException.class, () -> uci.split(-1));
    }

    @Test
    void seedIsIgnoredForFixedSplits() {
        UciDataset uci = UciDataset.load(SharedData.uci("concrete"));
        assertEquals(java.util.Arrays.toString(uci.split(3).test()),
                java.util.Arrays.toString(uci.split(3, 99L).test()));
    }
}
