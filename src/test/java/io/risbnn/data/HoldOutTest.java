package io.risbnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation rows carved from a training split: disjoint from what is trained on and from the test rows, seeded. */
class HoldOutTest {
    @Test
    void validationRowsComeFromTheTrainingRowsOnly() {
        TrainTestSplit split = TrainTestSplit.random(300, 0.1, 0, 4);
        int[][] rows = split.holdOut(27, 7);
        assertEquals(27, rows[1].length);
        assertEquals(split.train().length - 27, rows[0].length);
        Set<Integer> test = new HashSet<>();
        Arrays.stream(split.test()).forEach(test::add);
        Set<Integer> kept = new HashSet<>();
        Arrays.stream(rows[0]).forEach(kept::add);
        for (int r : rows[1]) {
            assertFalse(test.contains(r), "validation row " + r + " is a test row");
            assertFalse(kept.contains(r), "validation row " + r + " is also trained on");
        }
        int[] union = new int[rows[0].length + rows[1].length];
        System.arraycopy(rows[0], 0, union, 0, rows[0].length);
        System.arraycopy(rows[1], 0, union, rows[0].length, rows[1].length);
        Arrays.sort(union);
        assertArrayEquals(split.train(), union);
        assertTrue(isSorted(rows[0]) && isSorted(rows[1]));
    }

    @Test
    void theSeedAndTheSplitFixTheRows() {
        TrainTestSplit split = TrainTestSplit.random(300, 0.1, 0, 4);
        assertArrayEquals(split.holdOut(27, 7)[1], split.holdOut(27, 7)[1]);
        assertFalse(Arrays.equals(split.holdOut(27, 7)[1], split.holdOut(27, 8)[1]));
        TrainTestSplit sameRowsOtherIndex = new TrainTestSplit(5, split.train(), split.test());
        assertFalse(Arrays.equals(split.holdOut(27, 7)[1], sameRowsOtherIndex.holdOut(27, 7)[1]));
    }

    @Test
    void badCountsNameTheOption() {
        TrainTestSplit split = TrainTestSplit.random(10, 0.2, 0, 0);
        RisbnnException zero = assertThrows(RisbnnException.class, () -> split.holdOut(0, 1));
        assertTrue(zero.getMessage().startsWith("--validation 0: expected 1 to 6 rows"), zero.getMessage());
        assertThrows(RisbnnException.class, () -> split.holdOut(7, 1));
        assertEquals(6, split.holdOut(6, 1)[1].length);
    }

    private static boolean isSorted(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
