package io.risbnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.risbnn.RisbnnException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrainTestSplitTest {

    @Test
    void randomSplitIsASeededPartition() {
        TrainTestSplit a = TrainTestSplit.random(1030, 0.1, 42, 3);
        TrainTestSplit b = TrainTestSplit.random(1030, 0.1, 42, 3);
        assertArrayEquals(a.test(), b.test());
        assertArrayEquals(a.train(), b.train());
        assertEquals(3, a.index());
        assertEquals(103, a.test().length);
        assertEquals(927, a.train().length);
        int[] all = new int[1030];
        System.arraycopy(a.train(), 0, all, 0, 927);
        System.arraycopy(a.test(), 0, all, 927, 103);
        Arrays.sort(all);
        for (int i = 0; i < all.length; i++) {
            assertEquals(i, all[i]);
        }
    }

    @Test
    void differentIndicesOrSeedsGiveDifferentSplits() {
        int[] base = TrainTestSplit.random(506, 0.1, 1, 0).test();
        assertFalse(Arrays.equals(base, TrainTestSplit.random(506, 0.1, 1, 1).test()));
        assertFalse(Arrays.equals(base, TrainTestSplit.random(506, 0.1, 2, 0).test()));
    }

    @Test
    void tinyAndInvalidInputs() {
        TrainTestSplit two = TrainTestSplit.random(2, 0.1, 0, 0);
        assertEquals(1, two.test().length);
        assertEquals(1, two.train().length);
        assertThrows(RisbnnException.class, () -> TrainTestSplit.random(1, 0.1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainTestSplit(0, new int[] {0, 1}, new int[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainTestSplit(0, new int[] {-1}, new int[] {1}));
    }

    @Test
    void accessorsReturnCopies() {
        TrainTestSplit s = new TrainTestSplit(0, new int[] {0, 1}, new int[] {2});
        s.train()[0] = 99;
        assertEquals(0, s.train()[0]);
    }
}
