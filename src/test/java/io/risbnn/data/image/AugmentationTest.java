package io.risbnn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private static final int N = 6;
    private static final int C = 3;
    private static final int H = 8;
    private static final int W = 7;

    /** Distinct positive values: v(i, c, y, x) = 1 + index. */
    private static float[] batch() {
        float[] p = new float[N * C * H * W];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 + i;
        }
        return p;
    }

    @Test
    void sameSeedSameResult() {
        float[] a = batch();
        float[] b = batch();
        new Augmentation().apply(a, N, C, H, W, new SplittableRandom(42));
        new Augmentation().apply(b, N, C, H, W, new SplittableRandom(42));
        assertArrayEquals(a, b);
        float[] other = batch();
        new Augmentation().apply(other, N, C, H, W, new SplittableRandom(43));
        assertFalse(Arrays.equals(a, other));
        assertFalse(Arrays.equals(a, batch()));
    }

    @Test
    void shapeAndValuesArePreserved() {
        float[] p = batch();
        float[] orig = batch();
        new Augmentation().apply(p, N, C, H, W, new SplittableRandom(7));
        assertEquals(orig.length, p.length);
        int per = C * H * W;
        for (int i = 0; i < N; i++) {
            Set<Float> own = new HashSet<>();
            for (int k = 0; k < per; k++) {
                own.add(orig[i * per + k]);
            }
            for (int k = 0; k < per; k++) {
                float v = p[i * per + k];
                assertTrue(v == 0f || own.contains(v), "image " + i + " got a foreign value " + v);
                if (v != 0f) {
                    // channel is preserved: the value came from the same channel plane
                    int srcChannel = (((int) v - 1) % per) / (H * W);
                    assertEquals(k / (H * W), srcChannel);
                }
            }
        }
        // values past the batch are untouched
        float[] longer = Arrays.copyOf(batch(), N * per + 5);
        longer[N * per + 2] = -3f;
        new Augmentation().apply(longer, N, C, H, W, new SplittableRandom(7));
        assertEquals(-3f, longer[N * per + 2]);
    }

    @Test
    void knownShiftOfAKnownImage() {
        // one 1×3×4 image: rows 1 2 3 4 / 5 6 7 8 / 9 10 11 12
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        float[] p = img.clone();
        // crop at (oy, ox) = (5, 2) of the 4-padded image = shift (dy, dx) = (1, -2)
        Augmentation.shiftAndFlip(p, 0, 1, 3, 4, 5 - 4, 2 - 4, false);
        assertArrayEquals(new float[] {0, 0, 5, 6, 0, 0, 9, 10, 0, 0, 0, 0}, p);
        p = img.clone();
        Augmentation.shiftAndFlip(p, 0, 1, 3, 4, 0, 0, true);
        assertArrayEquals(new float[] {4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9}, p);
        p = img.clone();
        // shift then flip: flipped row of the shifted image
        Augmentation.shiftAndFlip(p, 0, 1, 3, 4, -1, 1, true);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 4, 3, 2, 0, 8, 7, 6}, p);
        p = img.clone();
        Augmentation.shiftAndFlip(p, 0, 1, 3, 4, 0, 4, false); // shifted out entirely
        assertArrayEquals(new float[12], p);
    }

    @Test
    void applyDrawsCropRowCropColumnFlipPerImage() {
        float[] p = batch();
        new Augmentation().apply(p, N, C, H, W, new SplittableRandom(99));
        float[] expected = batch();
        SplittableRandom rng = new SplittableRandom(99);
        for (int i = 0; i < N; i++) {
            int oy = rng.nextInt(9);
            int ox = rng.nextInt(9);
            boolean flip = rng.nextBoolean();
            Augmentation.shiftAndFlip(expected, i * C * H * W, C, H, W, oy - 4, ox - 4, flip);
        }
        assertArrayEquals(expected, p);
    }

    @Test
    void noPaddingNoFlipIsIdentity() {
        float[] p = batch();
        new Augmentation(0, false).apply(p, N, C, H, W, new SplittableRandom(1));
        assertArrayEquals(batch(), p);
        float[] f = batch();
        new Augmentation(0, true).apply(f, N, C, H, W, new SplittableRandom(1));
        // flips only: each row is the original row or its mirror
        for (int r = 0; r < N * C * H; r++) {
            float[] row = Arrays.copyOfRange(f, r * W, r * W + W);
            float[] orig = Arrays.copyOfRange(batch(), r * W, r * W + W);
            float[] mirrored = new float[W];
            for (int x = 0; x < W; x++) {
                mirrored[x] = orig[W - 1 - x];
            }
            assertTrue(Arrays.equals(row, orig) || Arrays.equals(row, mirrored));
        }
    }

    @Test
    void badShapes() {
        Augmentation a = new Augmentation();
        assertThrows(IllegalArgumentException.class,
                () -> a.apply(new float[10], 1, 3, 2, 2, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class,
                () -> a.apply(new float[10], 1, 0, 2, 2, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(-1, true));
    }

    @Test
    void channelNormalizerFitsOnTrainAndStandardizes() {
        // 2 images of 2×1×2: channel 0 values {0, 51, 102, 255}, channel 1 constant 255
        byte[] px = {0, 51, (byte) 255, (byte) 255, 102, (byte) 255, (byte) 255, (byte) 255};
        ImageSet set = new ImageSet("t", 2, 1, 2, List.of("a"), px, new int[] {0, 0});
        ChannelNormalizer norm = ChannelNormalizer.fit(set);
        double m0 = (0 + 51 + 102 + 255) / 4.0 / 255.0;
        double v0 = 0;
        for (int v : new int[] {0, 51, 102, 255}) {
            v0 += Math.pow(v / 255.0 - m0, 2);
        }
        double s0 = Math.sqrt(v0 / 4);
        assertEquals(m0, norm.mean()[0], 1e-6);
        assertEquals(s0, norm.std()[0], 1e-6);
        assertEquals(1.0, norm.mean()[1], 1e-6);
        assertEquals(0.0, norm.std()[1], 1e-6);
        float[] p = set.pixels();
        norm.apply(p, 2, 2, 1, 2);
        double mean = 0;
        double sq = 0;
        for (int k : new int[] {0, 1, 4, 5}) {
            mean += p[k];
            sq += p[k] * p[k];
        }
        assertEquals(0.0, mean / 4, 1e-5);
        assertEquals(1.0, sq / 4, 1e-5);
        assertEquals(0f, p[2]); // constant channel: shifted, not scaled
        assertEquals((float) ((51 / 255.0 - m0) / s0), p[1], 1e-5);
        assertThrows(IllegalArgumentException.class, () -> norm.apply(new float[4], 1, 1, 2, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new ChannelNormalizer(new float[] {0}, new float[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> ChannelNormalizer.fit(set.subset(new int[0])));
    }
}
