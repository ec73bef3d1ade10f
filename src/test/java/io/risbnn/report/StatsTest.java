package io.risbnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void knownValues() {
        double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5.0, Stats.mean(v), 1e-12);
        // sum of squared deviations = 32, n-1 = 7
        assertEquals(Math.sqrt(32.0 / 7), Stats.std(v), 1e-12);
        assertEquals(Math.sqrt(32.0 / 7) / Math.sqrt(8), Stats.stdErr(v), 1e-12);
    }

    @Test
    void singleValueHasZeroSpread() {
        assertEquals(0.0, Stats.std(new double[] {3}));
        assertEquals(0.0, Stats.stdErr(new double[] {3}));
        assertEquals(new Stats.MeanSe(3, 0, 1), Stats.MeanSe.of(new double[] {3}));
    }

    @Test
    void stableForLargeOffset() {
        double[] v = {1e9 + 1, 1e9 + 2, 1e9 + 3};
        assertEquals(1.0, Stats.std(v), 1e-6);
    }

    @Test
    void meanSeRecord() {
        Stats.MeanSe m = Stats.MeanSe.of(new double[] {1, 3});
        assertEquals(2.0, m.mean(), 1e-12);
        assertEquals(1.0, m.se(), 1e-12); // std = sqrt(2), se = sqrt(2)/sqrt(2)
        assertEquals(2, m.n());
        assertEquals("2.00 ± 1.00", m.format(2));
    }

    @Test
    void emptyIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.mean(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Stats.MeanSe.of(new double[0]));
    }
}
