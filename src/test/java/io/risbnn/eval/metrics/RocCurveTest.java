package io.risbnn.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocCurveTest {
    @Test
    void pointsByHandWithATieAcrossTheSets() {
        // thresholds 3 (one positive), 2 (a positive and a negative together), 1 (a negative)
        RocCurve roc = RocCurve.of(new double[] {3, 2}, new double[] {2, 1});
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.falsePositiveRates(), 1e-15);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.truePositiveRates(), 1e-15);
        // P(pos > neg) + ½ P(tie) = (1 + 1 + ½ + 1) / 4
        assertEquals(0.875, roc.area(), 1e-15);
        assertEquals(ClassificationMetrics.auroc(new double[] {3, 2}, new double[] {2, 1}), roc.area(), 1e-15);
    }

    @Test
    void areaEqualsAurocWithManyTies() {
        Random random = new Random(13);
        for (int trial = 0; trial < 20; trial++) {
            double[] pos = new double[50 + random.nextInt(200)];
            double[] neg = new double[30 + random.nextInt(300)];
            int levels = 1 + random.nextInt(8);   // few distinct scores: ties within and across the sets
            for (int i = 0; i < pos.length; i++) {
                pos[i] = random.nextInt(levels) + (random.nextBoolean() ? 1 : 0);
            }
            for (int i = 0; i < neg.length; i++) {
                neg[i] = random.nextInt(levels);
            }
            RocCurve roc = RocCurve.of(pos, neg);
            assertEquals(ClassificationMetrics.auroc(pos, neg), roc.area(), 1e-12, "trial " + trial);
            double[] fpr = roc.falsePositiveRates();
            double[] tpr = roc.truePositiveRates();
            assertEquals(0, fpr[0]);
            assertEquals(0, tpr[0]);
            assertEquals(1, fpr[fpr.length - 1]);
            assertEquals(1, tpr[tpr.length - 1]);
            for (int k = 1; k < fpr.length; k++) {
                assertTrue(fpr[k] >= fpr[k - 1] && tpr[k] >= tpr[k - 1], "monotone at " + k);
            }
        }
    }

    @Test
    void identicalSetsGiveTheDiagonal() {
        double[] scores = {0.1, 0.5, 0.5, 0.9};
        RocCurve roc = RocCurve.of(scores, scores.clone());
        assertArrayEquals(roc.falsePositiveRates(), roc.truePositiveRates(), 1e-15);
        assertEquals(0.5, roc.area(), 1e-15);
    }

    @Test
    void rejectsEmptyAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[] {Double.NaN}, new double[] {1}));
    }
}
