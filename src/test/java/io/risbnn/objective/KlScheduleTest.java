package io.risbnn.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KlScheduleTest {
    @Test
    void standardIsOneAtEveryStep() {
        KlSchedule k = KlSchedule.standard();
        for (long step : new long[] {0, 1, 10, 1_000_000}) {
            assertEquals(1.0, k.factor(step));
        }
    }

    /** Warm-up over W steps: (step + 1)/W, i.e. a linear ramp of slope 1/W that reaches 1 at step W − 1. */
    @Test
    void warmUpRisesLinearlyToOneAndStays() {
        KlSchedule k = new KlSchedule(1.0, 1.0, 10);
        assertEquals(0.1, k.factor(0), 1e-15);
        assertEquals(0.5, k.factor(4), 1e-15);
        assertEquals(1.0, k.factor(9), 1e-15);
        assertEquals(1.0, k.factor(10), 1e-15);
        assertEquals(1.0, k.factor(500), 1e-15);
        double previous = 0;
        for (long step = 0; step < 10; step++) {
            double f = k.factor(step);
            assertTrue(f > previous && f <= 1, "step " + step);
            assertEquals(1.0 / 10, f - previous, 1e-12, "constant slope at step " + step);
            previous = f;
        }
    }

    @Test
    void weightTemperatureAndWarmUpMultiply() {
        KlSchedule k = new KlSchedule(0.5, 0.2, 4);
        assertEquals(0.5 * 0.2 * 0.25, k.factor(0), 1e-15);
        assertEquals(0.5 * 0.2 * 0.75, k.factor(2), 1e-15);
        assertEquals(0.5 * 0.2, k.factor(3), 1e-15);
        assertEquals(0.5 * 0.2, k.factor(100), 1e-15);
        assertEquals(0.0, new KlSchedule(0.0, 1.0, 0).factor(3));
        assertEquals(0.1, new KlSchedule(1.0, 0.1, 0).factor(0), 1e-15);
    }

    @Test
    void rejectsBadValuesWithAOneLineErrorNamingTheOption() {
        assertNamesOption("--kl-weight", () -> new KlSchedule(-1, 1, 0));
        assertNamesOption("--kl-weight", () -> new KlSchedule(Double.NaN, 1, 0));
        assertNamesOption("--kl-weight", () -> new KlSchedule(Double.POSITIVE_INFINITY, 1, 0));
        assertNamesOption("--temperature", () -> new KlSchedule(1, 0, 0));
        assertNamesOption("--temperature", () -> new KlSchedule(1, -0.5, 0));
        assertNamesOption("--temperature", () -> new KlSchedule(1, Double.NaN, 0));
        assertNamesOption("--kl-warmup-epochs", () -> new KlSchedule(1, 1, -1));
    }

    private static void assertNamesOption(String option, org.junit.jupiter.api.function.Executable e) {
        io.risbnn.RisbnnException x = assertThrows(io.risbnn.RisbnnException.class, e);
        assertTrue(x.getMessage().startsWith(option) && x.getMessage().lines().count() == 1, x.getMessage());
    }
}
