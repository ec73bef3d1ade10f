package io.risbnn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.risbnn.RisbnnException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The fuzz driver must catch what it claims to catch, or the fuzz tests would prove nothing. */
class FuzzHarnessTest {
    @BeforeEach
    void notInReplayMode() {
        assumeTrue(Fuzz.ONLY_CASE < 0 && Fuzz.SCALE == 1, "harness checks assume the default run");
    }

    @Test
    void countsAcceptedAndRejected() {
        Fuzz.Result r = Fuzz.run("self-test ok", 1, 20, 7, true, (i, m) -> {
            if (i % 4 == 0) {
                throw new RisbnnException("file x line " + i + ": bad");
            }
        });
        assertEquals(20, r.cases());
        assertEquals(15, r.accepted());
        assertEquals(5, r.rejected());
    }

    @Test
    void foreignExceptionFailsWithSeedCaseAndMutations() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Fuzz.run("self-test nfe", 1, 10, 5, true, (i, m) -> {
                    m.mutate("1 2 3\n".getBytes(StandardCharsets.UTF_8), Mutator.Format.ofText());
                    if (i == 3) {
                        Integer.parseInt("x");
                    }
                }));
        String m = e.getMessage();
        assertTrue(m.contains("self-test nfe case 3"), m);
        assertTrue(m.contains("-Drisbnn.fuzz.case=3"), m);
        assertTrue(m.contains("java.lang.NumberFormatException"), m);
        assertTrue(m.contains("mutations ["), m);
        assertTrue(m.contains("1 of 10 fuzz cases"), m);
    }

    @Test
    void errorsAndMultiLineMessagesFail() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Fuzz.run("self-test errors", 1, 3, 3, false, (i, m) -> {
                    switch (i) {
                        case 0 -> throw new StackOverflowError();
                        case 1 -> throw new RisbnnException("two\nlines");
                        default -> throw new OutOfMemoryError("Java heap space");
                    }
                }));
        String m = e.getMessage();
        assertTrue(m.contains("StackOverflowError"), m);
        assertTrue(m.contains("without a one-line message"), m);
        assertTrue(m.contains("OutOfMemoryError"), m);
    }

    @Test
    void largeAllocationFails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Fuzz.run("self-test alloc", 1, 2, 2, true, (i, m) -> {
                    if (i == 1) {
                        byte[] big = new byte[100 << 20];
                        big[big.length - 1] = 1;
                    }
                }));
        assertTrue(e.getMessage().contains("case 1"), e.getMessage());
        assertTrue(e.getMessage().contains("MiB for a small input"), e.getMessage());
        assertTrue(e.getMessage().contains("1 of 2 fuzz cases"), e.getMessage());
    }

    @Test
    void hangFailsNamingTheRunningCase() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Fuzz.run("self-test hang", 1, 4, 4, false, Duration.ofMillis(300), (i, m) -> {
                    if (i == 2) {
                        Thread.sleep(20_000);
                    }
                }));
        assertTrue(e.getMessage().contains("running case 2"), e.getMessage());
    }

    @Test
    void mutationsAreReproducibleFromTheCaseSeed() {
        byte[] valid = "540.0 0.0 162.0 79.99\n332.5 142.5 228.0 40.27\n".getBytes(StandardCharsets.UTF_8);
        for (int c = 0; c < 200; c++) {
            long seed = Fuzz.caseSeed(42, c);
            Mutator a = new Mutator(new SplittableRandom(seed));
            Mutator b = new Mutator(new SplittableRandom(seed));
            assertArrayEquals(a.mutate(valid, Mutator.Format.ofText()),
                    b.mutate(valid, Mutator.Format.ofText()));
            assertEquals(a.log(), b.log());
            assertFalse(a.log().isEmpty());
        }
        assertTrue(Fuzz.caseSeed(42, 0) != Fuzz.caseSeed(42, 1));
    }
}
