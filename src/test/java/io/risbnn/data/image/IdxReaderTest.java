package io.risbnn.data.image;

import static io.risbnn.data.image.ImageTestFiles.assertMessage;
import static io.risbnn.data.image.ImageTestFiles.gzip;
import static io.risbnn.data.image.ImageTestFiles.idxImages;
import static io.risbnn.data.image.ImageTestFiles.idxLabels;
import static io.risbnn.data.image.ImageTestFiles.idxPixel;
import static io.risbnn.data.image.ImageTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final int[] LABELS = {3, 0, 9, 1, 1};

    private Path images(byte[] content) {
        return write(dir.resolve("images"), content);
    }

    private Path labels(byte[] content) {
        return write(dir.resolve("labels"), content);
    }

    private RisbnnException fails(Path images, Path labels) {
        return assertThrows(RisbnnException.class, () -> IdxReader.read(images, labels, "t", 10));
    }

    private static void assertRoundTrip(ImageSet set) {
        assertEquals(5, set.size());
        assertEquals(1, set.channels());
        assertEquals(4, set.height());
        assertEquals(6, set.width());
        assertEquals(10, set.classes());
        assertArrayEquals(LABELS, set.labels());
        float[] pixels = set.pixels();
        assertEquals(5 * 4 * 6, pixels.length);
        for (int i = 0; i < 5; i++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 6; x++) {
                    assertEquals(idxPixel(i, y, x) / 255f, pixels[(i * 4 + y) * 6 + x]);
                    assertEquals(idxPixel(i, y, x), set.pixel(i, 0, y, x));
                }
            }
        }
    }

    @Test
    void roundTripRaw() {
        ImageSet set = IdxReader.read(images(idxImages(5, 4, 6)), labels(idxLabels(LABELS)), "t", 10);
        assertRoundTrip(set);
        assertEquals("t", set.name());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), set.classNames());
    }

    @Test
    void roundTripGzipDetectedByContentNotName() {
        // no .gz in the names: compression is recognised from the 1f 8b magic
        ImageSet set = IdxReader.read(images(gzip(idxImages(5, 4, 6))),
                labels(gzip(idxLabels(LABELS))), "t", 10);
        assertRoundTrip(set);
        // and a mix: raw images, gzip labels named .gz
        Path gzLabels = write(dir.resolve("l.gz"), gzip(idxLabels(LABELS)));
        assertRoundTrip(IdxReader.read(images(idxImages(5, 4, 6)), gzLabels, "t", 10));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fashionMnistFindsTheStandardNames(boolean gz) {
        String ext = gz ? ".gz" : "";
        write(dir.resolve("train-images-idx3-ubyte" + ext), maybeGz(idxImages(5, 4, 6), gz));
        write(dir.resolve("train-labels-idx1-ubyte" + ext), maybeGz(idxLabels(LABELS), gz));
        write(dir.resolve("t10k-images-idx3-ubyte" + ext), maybeGz(idxImages(2, 4, 6), gz));
        write(dir.resolve("t10k-labels-idx1-ubyte" + ext), maybeGz(idxLabels(7, 8), gz));
        ImageSet train = IdxReader.fashionMnist(dir, true);
        assertRoundTrip(train);
        assertEquals("fashion-mnist", train.name());
        assertEquals(IdxReader.FASHION_MNIST_CLASSES, train.classNames());
        assertEquals("T-shirt/top", train.classNames().get(0));
        assertEquals("Ankle boot", train.classNames().get(9));
        ImageSet test = IdxReader.fashionMnist(dir, false);
        assertEquals(2, test.size());
        assertArrayEquals(new int[] {7, 8}, test.labels());
        ImageSet mnist = IdxReader.mnist(dir, false);
        assertEquals("mnist", mnist.name());
        assertEquals("7", mnist.classNames().get(7));
    }

    private static byte[] maybeGz(byte[] data, boolean gz) {
        return gz ? gzip(data) : data;
    }

    @Test
    void missingStandardFileIsNamedWithTheExpectedNames() {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(5, 4, 6)));
        RisbnnException e = assertThrows(RisbnnException.class, () -> IdxReader.fashionMnist(dir, true));
        assertMessage(e, dir.toString(), "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                ".gz");
        RisbnnException noFolder = assertThrows(RisbnnException.class,
                () -> IdxReader.mnist(dir.resolve("nope"), true));
        assertMessage(noFolder, "nope", "not found");
    }

    @Test
    void wrongMagic() {
        Path labels = labels(idxLabels(LABELS));
        byte[] bad = idxImages(5, 4, 6);
        bad[3] = 0x04;
        Path images = images(bad);
        assertMessage(fails(images, labels), images.toString(),
                "wrong magic 0x00000804, expected 0x00000803 (IDX images)");
        // swapped arguments: the hint says so
        Path good = images(idxImages(5, 4, 6));
        RisbnnException swapped = assertThrows(RisbnnException.class,
                () -> IdxReader.read(labels, good, "t", 10));
        assertMessage(swapped, good.toString(),
                "wrong magic 0x00000803, expected 0x00000801 (IDX labels)", "swapped");
        Path text = images("P5 28 28\n".repeat(4).getBytes());
        assertMessage(fails(text, labels), "wrong magic 0x50352032");
    }

    @Test
    void nonPositiveDimensions() {
        Path labels = labels(idxLabels(LABELS));
        for (int[] dims : new int[][] {{0, 4, 6}, {5, 0, 6}, {5, 4, 0}, {0x80000000, 4, 6}, {-1, 4, 6}}) {
            ByteBuffer b = ByteBuffer.allocate(16 + 120);
            b.putInt(0x803).putInt(dims[0]).putInt(dims[1]).putInt(dims[2]);
            Path images = images(b.array());
            RisbnnException e = fails(images, labels);
            assertMessage(e, images.toString(), "expected a positive size");
        }
        assertMessage(fails(images(idxImages(5, 4, 6)), labels(idxLabels())), "label count is 0");
    }

    @Test
    void hugeHeaderIsRejectedBeforeAllocating() {
        Path labels = labels(idxLabels(LABELS));
        // 2^31-1 images of 28×28: more than the limit, decided from the header alone
        ByteBuffer b = ByteBuffer.allocate(16 + 784);
        b.putInt(0x803).putInt(Integer.MAX_VALUE).putInt(28).putInt(28);
        Path images = images(b.array());
        assertMessage(fails(images, labels), images.toString(), "2147483647×28×28",
                "more than the 1.0 GiB limit");
        // 1,000,000 images of 28×28 (784 MB, under the limit) in a 800-byte file: truncated,
        // decided from the file size (raw) or the data actually delivered (gzip)
        b = ByteBuffer.allocate(16 + 784);
        b.putInt(0x803).putInt(1_000_000).putInt(28).putInt(28);
        images = images(b.array());
        assertMessage(fails(images, labels), images.toString(),
                "truncated at byte 800: expected 784000000 bytes of pixels (1000000×28×28), found 784");
        images = images(gzip(b.array()));
        assertMessage(fails(images, labels), images.toString(),
                "truncated at byte 800 of the decompressed data: expected 784000000 bytes of"
                        + " pixels (1000000×28×28), found 784");
        // 2^31-1 labels
        b = ByteBuffer.allocate(8 + 10);
        b.putInt(0x801).putInt(Integer.MAX_VALUE);
        Path badLabels = labels(b.array());
        assertMessage(fails(images(idxImages(5, 4, 6)), badLabels), badLabels.toString(),
                "2147483647 labels, more than");
    }

    @Test
    void truncatedPixels() {
        byte[] full = idxImages(5, 4, 6);
        Path labels = labels(idxLabels(LABELS));
        Path images = images(Arrays.copyOf(full, full.length - 7));
        assertMessage(fails(images, labels), images.toString(),
                ": truncated at byte 129: expected 120 bytes of pixels (5×4×6), found 113");
        images = images(Arrays.copyOf(full, 10));
        assertMessage(fails(images, labels), images.toString(),
                "truncated at byte 10: expected a 16-byte IDX image header, found 10 bytes");
        images = images(Arrays.copyOf(full, 3));
        assertMessage(fails(images, labels), images.toString(), "truncated at byte 3");
        images = images(new byte[0]);
        assertMessage(fails(images, labels), images.toString(), "empty");
        Path shortLabels = labels(Arrays.copyOf(idxLabels(LABELS), 11));
        assertMessage(fails(images(full), shortLabels), shortLabels.toString(),
                "truncated at byte 11: expected 5 bytes of labels (5), found 3");
    }

    @Test
    void truncatedOrCorruptGzip() {
        Path labels = labels(idxLabels(LABELS));
        byte[] gz = gzip(idxImages(50, 10, 10));
        Path images = images(Arrays.copyOf(gz, gz.length / 2));
        RisbnnException e = fails(images, labels);
        assertMessage(e, images.toString(), "compressed data ends early");
        byte[] corrupt = gz.clone();
        for (int i = 12; i < 40; i++) {
            corrupt[i] = (byte) 0xFF;
        }
        images = images(corrupt);
        assertMessage(fails(images, labels), images.toString(), "gzip");
        byte[] header = gz.clone();
        header[2] = 7; // compression method other than deflate
        images = images(header);
        assertMessage(fails(images, labels), images.toString(), "corrupt gzip header");
    }

    @Test
    void trailingGarbage() {
        Path labels = labels(idxLabels(LABELS));
        byte[] full = idxImages(5, 4, 6);
        byte[] longer = Arrays.copyOf(full, full.length + 3);
        Path images = images(longer);
        assertMessage(fails(images, labels), images.toString(),
                "3 bytes of trailing data at byte 136");
        images = images(gzip(longer));
        assertMessage(fails(images, labels), images.toString(),
                "trailing data at byte 136 of the decompressed data");
    }

    @Test
    void zipBombStopsAtTheDeclaredSize() throws IOException {
        // the header declares 5 small images; 64 MiB of zeros follow, compressed to ~64 KiB
        Path labels = labels(idxLabels(LABELS));
        byte[] bomb = new byte[16 + 120 + (64 << 20)];
        System.arraycopy(idxImages(5, 4, 6), 0, bomb, 0, 136);
        Path images = images(gzip(bomb));
        assertEquals(true, Files.size(images) < (1 << 20));
        assertMessage(fails(images, labels), "trailing data at byte 136");
        // a header declaring more than the cap is rejected from the header alone
        byte[] big = ByteBuffer.allocate(16).putInt(0x803).putInt(1000).putInt(100).putInt(100)
                .array();
        Path declared = images(gzip(big));
        RisbnnException e = assertThrows(RisbnnException.class, () -> IdxReader.read(declared,
                labels, "t", IdxReader.MNIST_CLASSES, 1 << 20));
        assertMessage(e, "1000×100×100", "more than the 1048576-byte limit");
    }

    @Test
    void countsMustAgree() {
        Path images = images(idxImages(5, 4, 6));
        Path labels = labels(idxLabels(1, 2, 3, 4));
        assertMessage(fails(images, labels), labels.toString(), images.toString(),
                "4 labels, but", "holds 5 images");
    }

    @Test
    void labelOutOfRange() {
        Path images = images(idxImages(5, 4, 6));
        Path labels = labels(idxLabels(3, 0, 12, 1, 1));
        assertMessage(fails(images, labels), labels + " offset 10: label 12 out of range 0..9");
        assertMessage(assertThrows(RisbnnException.class,
                () -> IdxReader.read(images, labels(idxLabels(0, 1, 2, 3, 4)), "t", 4)),
                "offset 12: label 4 out of range 0..3");
    }

    @Test
    void folderInsteadOfFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        assertMessage(fails(sub, labels(idxLabels(LABELS))), sub.toString(), "is a folder");
        assertMessage(fails(images(idxImages(5, 4, 6)), dir.resolve("absent")), "absent",
                "not found");
    }
}
