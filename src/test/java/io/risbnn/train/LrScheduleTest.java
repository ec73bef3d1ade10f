package io.risbnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LrScheduleTest {
    @Test
    void constantIsTheBaseRateEverywhere() {
        LrSchedule s = LrSchedule.parse("constant", 0.01, 0, 0);
        assertEquals(LrSchedule.Kind.CONSTANT, s.kind());
        assertEquals(0.01, s.rate(0, 0, 100));
        assertEquals(0.01, s.rate(7, 55, 100));
        assertEquals(0.01, s.rate(99, 10_000, 100));
    }

    @Test
    void stepDecaysByGammaEveryStepEpochs() {
        LrSchedule s = LrSchedule.parse("step", 0.1, 3, 0.5);
        assertEquals(LrSchedule.Kind.STEP, s.kind());
        assertEquals(0.1, s.rate(0, 0, 1000), 1e-15);
        assertEquals(0.1, s.rate(2, 0, 1000), 1e-15);
        assertEquals(0.05, s.rate(3, 0, 1000), 1e-15);
        assertEquals(0.05, s.rate(5, 0, 1000), 1e-15);
        assertEquals(0.025, s.rate(6, 0, 1000), 1e-15);
        assertEquals(0.1 * Math.pow(0.5, 10), s.rate(31, 0, 1000), 1e-18);
    }

    @Test
    void cosineAnnealsFromBaseToZero() {
        LrSchedule s = LrSchedule.parse("cosine", 0.2, 1, 1);
        assertEquals(LrSchedule.Kind.COSINE, s.kind());
        long total = 1000;
        assertEquals(0.2, s.rate(0, 0, total), 1e-15);
        assertEquals(0.1, s.rate(0, 500, total), 1e-15);
        assertEquals(0.2 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.rate(0, 250, total), 1e-15);
        assertEquals(0.2 * 0.5 * (1 + Math.cos(Math.PI * 0.75)), s.rate(0, 750, total), 1e-15);
        assertEquals(0.0, s.rate(0, total, total), 1e-15);
        assertEquals(0.0, s.rate(0, 5 * total, total), 1e-15);      // clamped past the end
        double previous = Double.POSITIVE_INFINITY;
        for (long step = 0; step <= total; step += 50) {
            double r = s.rate(0, step, total);
            assertTrue(r <= previous && r >= 0, "step " + step);
            previous = r;
        }
        assertEquals(0.2, s.rate(0, 0, 0), 1e-15);                  // no division by zero
    }

    @Test
    void parseIsCaseAndWhitespaceTolerant() {
        assertEquals(LrSchedule.Kind.COSINE, LrSchedule.parse("  Cosine ", 0.1, 1, 1).kind());
        assertEquals(LrSchedule.Kind.STEP, LrSchedule.parse("STEP", 0.1, 2, 0.3).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "linear", "exp", "cos", "step-decay"})
    void badKindGivesAOneLineMessageNamingTheOption(String kind) {
        RisbnnException e = assertThrows(RisbnnException.class, () -> LrSchedule.parse(kind, 0.1, 1, 1));
        assertTrue(e.getMessage().startsWith("--lr-schedule '" + kind + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void badRatesAndStepSettingsAreRefused() {
        assertTrue(assertThrows(RisbnnException.class, () -> LrSchedule.parse("constant", 0, 1, 1))
                .getMessage().startsWith("--lr "));
        assertThrows(RisbnnException.class, () -> LrSchedule.parse("constant", -0.1, 1, 1));
        assertThrows(RisbnnException.class, () -> LrSchedule.parse("constant", Double.NaN, 1, 1));
        assertThrows(RisbnnException.class, () -> LrSchedule.parse("constant", Double.POSITIVE_INFINITY, 1, 1));
        assertThrows(RisbnnException.class, () -> LrSchedule.parse("step", 0.1, 0, 0.5));
        assertThrows(RisbnnException.class, () -> LrSchedule.parse("step", 0.1, 2, 0));
        // step settings only matter for the step schedule
        assertEquals(0.1, LrSchedule.parse("cosine", 0.1, 0, 0).rate(0, 0, 10), 1e-15);
    }
}
