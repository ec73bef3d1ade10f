package io.risbnn.data.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/**
 * Writes small image data files in the exact formats the loaders read (IDX, binary CIFAR, PNG),
 * for the tests of this package and the fuzz tests.
 */
public final class ImageTestFiles {
    private ImageTestFiles() {}

    /** IDX image bytes: magic 0x803, n, rows, cols, then pixel (i, y, x) = (i*31 + y*7 + x) mod 256. */
    public static byte[] idxImages(int n, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * rows * cols);
        b.putInt(0x803).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    b.put((byte) idxPixel(i, y, x));
                }
            }
        }
        return b.array();
    }

    public static int idxPixel(int i, int y, int x) {
        return (i * 31 + y * 7 + x) & 0xFF;
    }

    /** IDX label bytes: magic 0x801, n, then the labels. */
    public static byte[] idxLabels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x801).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * CIFAR records: each is the label bytes then 3072 pixels with pixel (record, channel, y, x) =
     * {@link #cifarPixel}.
     */
    public static byte[] cifarRecords(int firstRecord, int[]... labels) {
        int labelBytes = labels.length == 0 ? 1 : labels[0].length;
        int record = labelBytes + 3072;
        byte[] out = new byte[labels.length * record];
        for (int r = 0; r < labels.length; r++) {
            int base = r * record;
            for (int b = 0; b < labelBytes; b++) {
                out[base + b] = (byte) labels[r][b];
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        out[base + labelBytes + c * 1024 + y * 32 + x] =
                                (byte) cifarPixel(firstRecord + r, c, y, x);
                    }
                }
            }
        }
        return out;
    }

    public static int cifarPixel(int record, int c, int y, int x) {
        return (record * 13 + c * 85 + y * 3 + x) & 0xFF;
    }

    /** An RGB image whose pixel (x, y) has the colour {@link #rgb}(seed, x, y). */
    public static BufferedImage rgbImage(int w, int h, int seed) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb(seed, x, y));
            }
        }
        return image;
    }

    public static int rgb(int seed, int x, int y) {
        int r = (seed * 40 + x * 20) & 0xFF;
        int g = (seed * 7 + y * 30) & 0xFF;
        int b = (x * y * 11 + seed) & 0xFF;
        return (r << 16) | (g << 8) | b;
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts a one-line message that contains every fragment (e.g. the file's name). */
    public static void assertMessage(RisbnnException e, String... fragments) {
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), "multi-line message: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "message lacks '" + f + "': " + m);
        }
    }
}
