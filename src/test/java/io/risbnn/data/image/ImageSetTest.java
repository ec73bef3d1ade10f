package io.risbnn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {
    /** 4 images of 1×2×2, image i's pixels are 10i .. 10i+3. */
    private static ImageSet set() {
        byte[] px = new byte[16];
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                px[i * 4 + k] = (byte) (10 * i + k);
            }
        }
        return new ImageSet("s", 1, 2, 2, List.of("a", "b", "c"), px, new int[] {0, 2, 1, 2});
    }

    @Test
    void accessors() {
        ImageSet s = set();
        assertEquals("s", s.name());
        assertEquals(4, s.size());
        assertEquals(3, s.classes());
        assertEquals(4, s.imageSize());
        assertEquals(21, s.pixel(2, 0, 0, 1));
        assertEquals(31 / 255f, s.pixels()[13]);
        assertArrayEquals(new int[] {1, 1, 2}, s.classCounts());
        assertEquals("s (4 images of 1×2×2, 3 classes)", s.toString());
    }

    @Test
    void isImmutable() {
        byte[] px = new byte[4];
        int[] labels = {1};
        List<String> names = new ArrayList<>(List.of("a", "b"));
        ImageSet s = new ImageSet("s", 1, 2, 2, names, px, labels);
        px[0] = 9;
        labels[0] = 0;
        names.add("c");
        s.pixels()[0] = 5;
        s.labels()[0] = 0;
        assertEquals(0, s.pixel(0, 0, 0, 0));
        assertEquals(1, s.label(0));
        assertEquals(2, s.classes());
        assertThrows(UnsupportedOperationException.class, () -> s.classNames().add("d"));
    }

    @Test
    void subsetAndHead() {
        ImageSet s = set();
        ImageSet sub = s.subset(new int[] {3, 0, 3});
        assertArrayEquals(new int[] {2, 0, 2}, sub.labels());
        assertEquals(30, sub.pixel(0, 0, 0, 0));
        assertEquals(3, sub.pixel(1, 0, 1, 1));
        assertEquals(s.classNames(), sub.classNames());
        assertEquals(0, s.subset(new int[0]).size());
        assertArrayEquals(new int[] {0, 2}, s.head(2).labels());
        assertEquals(4, s.head(10).size());
        float[] batch = s.pixels(new int[] {1, 1});
        assertEquals(8, batch.length);
        assertEquals(13 / 255f, batch[7]);
        assertThrows(IllegalArgumentException.class, () -> s.subset(new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> s.pixels(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> s.head(-1));
    }

    @Test
    void rejectsInconsistentArrays() {
        List<String> names = List.of("a");
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("s", 1, 2, 2, names, new byte[3], new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("s", 1, 2, 2, names, new byte[4], new int[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("s", 0, 2, 2, names, new byte[0], new int[] {}));
        assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("s", 1, 2, 2, List.of(), new byte[0], new int[] {}));
    }
}
