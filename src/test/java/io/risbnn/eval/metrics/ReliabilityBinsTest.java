package io.risbnn.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReliabilityBinsTest {
    @Test
    void binsByHand() {
        // confidences 0.9 (right), 0.8 (wrong), 0.6 (right), 1/3 (the first maximum, right); 4 bins of 0.25
        double[][] p = {{0.9, 0.1, 0}, {0.2, 0.8, 0}, {0.6, 0.4, 0}, {1 / 3.0, 1 / 3.0, 1 / 3.0}};
        int[] y = {0, 0, 0, 0};
        ReliabilityBins bins = ReliabilityBins.of(p, y, 4);
        assertEquals(4, bins.total());
        assertEquals(0, bins.count(0));
        assertEquals(1, bins.count(1));
        assertEquals(1, bins.count(2));
        assertEquals(2, bins.count(3));
        assertEquals(0.5, bins.accuracy(3), 1e-15);
        assertEquals(0.85, bins.meanConfidence(3), 1e-15);
        assertTrue(Double.isNaN(bins.accuracy(0)), "an empty bin has no accuracy");
        assertEquals(0.75, bins.upper(2), 1e-15);
    }

    @Test
    void countsSumToNAndTheEceIsClassificationMetricsEce() {
        Random random = new Random(5);
        int n = 2000;
        int classes = 10;
        double[][] p = new double[n][classes];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[i][c] = Math.exp(3 * random.nextGaussian());
                sum += p[i][c];
            }
            for (int c = 0; c < classes; c++) {
                p[i][c] /= sum;
            }
            y[i] = random.nextInt(classes);
        }
        ReliabilityBins bins = ReliabilityBins.of(p, y, ClassificationMetrics.DEFAULT_ECE_BINS);
        int total = 0;
        for (int b = 0; b < bins.bins(); b++) {
            total += bins.count(b);
        }
        assertEquals(n, total);
        assertEquals(ClassificationMetrics.ece(p, y), bins.ece(), 0.0);
        assertTrue(bins.ece() > 0.3, "random labels under confident predictions: badly calibrated, ECE " + bins.ece());
    }
}
