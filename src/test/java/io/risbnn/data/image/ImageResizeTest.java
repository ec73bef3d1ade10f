package io.risbnn.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact values of the OOD shape conversion on hand-computed cases. */
class ImageResizeTest {
    private static ImageSet set(int c, int h, int w, int... values) {
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            pixels[i] = (byte) values[i];
        }
        return new ImageSet("t", c, h, w, List.of("a", "b"), pixels, new int[values.length / (c * h * w)]);
    }

    private static int[] values(ImageSet s) {
        int[] out = new int[s.size() * s.imageSize()];
        int k = 0;
        for (int i = 0; i < s.size(); i++) {
            for (int c = 0; c < s.channels(); c++) {
                for (int y = 0; y < s.height(); y++) {
                    for (int x = 0; x < s.width(); x++) {
                        out[k++] = s.pixel(i, c, y, x);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void grayToRgbReplicatesThePlane() {
        ImageSet gray = set(1, 2, 2, 0, 100, 200, 255);
        ImageSet rgb = ImageResize.convert(gray, 3, 2, 2);
        assertEquals(3, rgb.channels());
        assertArrayEquals(new int[] {0, 100, 200, 255, 0, 100, 200, 255, 0, 100, 200, 255}, values(rgb));
    }

    @Test
    void rgbToGrayIsBt601Luma() {
        // pixels: pure red, pure green, pure blue, (10, 20, 30)
        ImageSet rgb = set(3, 1, 4, 255, 0, 0, 10, 0, 255, 0, 20, 0, 0, 255, 30);
        ImageSet gray = ImageResize.convert(rgb, 1, 1, 4);
        // 0.299·255 = 76.245 → 76; 0.587·255 = 149.685 → 150; 0.114·255 = 29.07 → 29;
        // 0.299·10 + 0.587·20 + 0.114·30 = 2.99 + 11.74 + 3.42 = 18.15 → 18
        assertArrayEquals(new int[] {76, 150, 29, 18}, values(gray));
    }

    @Test
    void grayRoundTripsThroughRgb() {
        ImageSet gray = set(1, 2, 3, 0, 1, 2, 127, 128, 255);
        assertArrayEquals(values(gray), values(ImageResize.convert(ImageResize.convert(gray, 3, 2, 3), 1, 2, 3)));
    }

    @Test
    void fourByFourToTwoByTwoAveragesBlocks() {
        ImageSet image = set(1, 4, 4,
                0, 4, 10, 20,
                8, 12, 30, 40,
                100, 100, 1, 2,
                100, 101, 3, 4);
        // blocks: (0+4+8+12)/4 = 6, (10+20+30+40)/4 = 25, (100+100+100+101)/4 = 100.25 → 100, (1+2+3+4)/4 = 2.5 → 3
        assertArrayEquals(new int[] {6, 25, 100, 3}, values(ImageResize.convert(image, 1, 2, 2)));
    }

    @Test
    void rgbFourByFourToGrayTwoByTwo() {
        int[] pixels = new int[48];
        for (int k = 0; k < 16; k++) {
            pixels[k] = 200;          // R
            pixels[16 + k] = 100;     // G
            pixels[32 + k] = k < 8 ? 0 : 50;   // B: top half 0, bottom half 50
        }
        // luma 0.299·200 + 0.587·100 = 59.8 + 58.7 = 118.5 (top), + 0.114·50 = 124.2 (bottom)
        ImageSet gray = ImageResize.convert(set(3, 4, 4, pixels), 1, 2, 2);
        assertArrayEquals(new int[] {119, 119, 124, 124}, values(gray));
    }

    @Test
    void nonIntegerShrinkWeighsByOverlap() {
        // 3 → 2: output 0 covers [0, 1.5) = p0 + ½ p1, output 1 covers [1.5, 3) = ½ p1 + p2, each / 1.5
        ImageSet row = set(1, 1, 3, 0, 90, 180);
        // (0 + 45)/1.5 = 30, (45 + 180)/1.5 = 150
        assertArrayEquals(new int[] {30, 150}, values(ImageResize.convert(row, 1, 1, 2)));
    }

    @Test
    void enlargingIsBilinearWithHalfPixelCentres() {
        // 2 → 4: positions (j + ½)·½ − ½ = −0.25, 0.25, 0.75, 1.25 → clamp 0, 0.25, 0.75, 1
        ImageSet row = set(1, 1, 2, 0, 100);
        assertArrayEquals(new int[] {0, 25, 75, 100}, values(ImageResize.convert(row, 1, 1, 4)));
    }

    @Test
    void keepsLabelsAndSameShapeIsUnchanged() {
        ImageSet two = new ImageSet("t", 1, 2, 2, List.of("a", "b"), new byte[8], new int[] {1, 0});
        assertSame(two, ImageResize.convert(two, 1, 2, 2));
        ImageSet big = ImageResize.convert(two, 3, 4, 4);
        assertArrayEquals(new int[] {1, 0}, big.labels());
        assertEquals(2, big.size());
        assertThrows(IllegalArgumentException.class, () -> ImageResize.convert(two, 2, 2, 2));
    }
}
