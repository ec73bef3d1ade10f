package io.risbnn.method.sgmcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** cSG-MCMC's schedule: cosine per cycle, exploration then sampling, samples at the cycles' last epochs. */
class CyclicalScheduleTest {
    private static final SgmcmcOptions OPTIONS = new SgmcmcOptions(4, 0.8, 3, 0.1, 1.0, SgmcmcOptions.CYCLICAL);

    @Test
    void cosineRestartsEveryCycle() {
        CyclicalSchedule s = new CyclicalSchedule(OPTIONS, 400);   // 100 steps per cycle
        assertEquals(0.5, s.rate(0.5, 0), 1e-12);
        assertEquals(0.25, s.rate(0.5, 50), 1e-12);
        assertEquals(0.5, s.rate(0.5, 100), 1e-12);
        assertEquals(0.5 / 2 * (Math.cos(Math.PI * 0.99) + 1), s.rate(0.5, 399), 1e-12);
        assertEquals(0.5, new CyclicalSchedule(new SgmcmcOptions(4, 0.8, 3, 0.1, 1, SgmcmcOptions.CONSTANT), 400)
                .rate(0.5, 50), 0.0);
    }

    @Test
    void noiseOnlyInTheLastFifthOfACycle() {
        CyclicalSchedule s = new CyclicalSchedule(OPTIONS, 400);
        assertFalse(s.sampling(79));
        assertTrue(s.sampling(80));
        assertTrue(s.sampling(99));
        assertFalse(s.sampling(100));
    }

    @Test
    void keepsSamplesPerCycleAtTheCyclesLastEpochs() {
        // 80 epochs of 10 steps, 4 cycles of 20 epochs sampling from their 17th: kept at the last 3 of each
        CyclicalSchedule s = new CyclicalSchedule(OPTIONS, 800);
        int kept = 0;
        for (int epoch = 0; epoch < 80; epoch++) {
            boolean collects = s.collects((epoch + 1) * 10L - 1, 10);
            if (collects) {
                kept++;
                assertTrue(epoch % 20 >= 17, "epoch " + epoch);
            }
        }
        assertEquals(4 * 3, kept);
        // with 10 epochs per cycle only the last 2 end in the sampling phase: 2 per cycle, not 3
        CyclicalSchedule shorter = new CyclicalSchedule(OPTIONS, 400);
        int fewer = 0;
        for (int epoch = 0; epoch < 40; epoch++) {
            fewer += shorter.collects((epoch + 1) * 10L - 1, 10) ? 1 : 0;
        }
        assertEquals(4 * 2, fewer);
    }
}
