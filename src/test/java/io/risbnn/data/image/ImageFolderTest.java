package io.risbnn.data.image;

import static io.risbnn.data.image.ImageTestFiles.assertMessage;
import static io.risbnn.data.image.ImageTestFiles.png;
import static io.risbnn.data.image.ImageTestFiles.rgb;
import static io.risbnn.data.image.ImageTestFiles.rgbImage;
import static io.risbnn.data.image.ImageTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.risbnn.RisbnnException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    private static final int W = 5;
    private static final int H = 4;

    @TempDir
    Path tmp;

    private Path root;
    private Path cache;

    /**
     * train/{bird,ant,cat}/ with 2, 3, 1 PNGs (written out of order), test/ with one per class;
     * image seed = 10 * class index (sorted) + file number.
     */
    @BeforeEach
    void writeFolder() {
        root = tmp.resolve("shapes");
        cache = tmp.resolve("cache");
        String[] classes = {"bird", "ant", "cat"};
        int[] sortedIndex = {1, 0, 2};
        int[] counts = {2, 3, 1};
        for (int k = 0; k < 3; k++) {
            for (int f = counts[k] - 1; f >= 0; f--) {
                int seed = 10 * sortedIndex[k] + f;
                write(root.resolve("train").resolve(classes[k]).resolve("img" + f + ".png"),
                        png(rgbImage(W, H, seed)));
            }
            write(root.resolve("test").resolve(classes[k]).resolve("t.png"),
                    png(rgbImage(W, H, 100 + sortedIndex[k])));
        }
        // ignored: other extensions and hidden entries
        write(root.resolve("train/ant/notes.txt"), "not an image".getBytes());
        write(root.resolve("train/ant/.hidden.png"), new byte[] {1, 2, 3});
        write(root.resolve("train/.git/x.png"), new byte[] {1, 2, 3});
    }

    private static void assertImage(ImageSet set, int index, int seed) {
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = rgb(seed, x, y);
                assertEquals((p >> 16) & 0xFF, set.pixel(index, 0, y, x), "red " + index);
                assertEquals((p >> 8) & 0xFF, set.pixel(index, 1, y, x), "green " + index);
                assertEquals(p & 0xFF, set.pixel(index, 2, y, x), "blue " + index);
            }
        }
    }

    @Test
    void loadsSortedClassesInFileOrder() {
        ImageSet train = ImageFolder.load(root, true, cache);
        assertEquals(List.of("ant", "bird", "cat"), train.classNames());
        assertEquals("shapes", train.name());
        assertEquals(6, train.size());
        assertEquals(3, train.channels());
        assertEquals(H, train.height());
        assertEquals(W, train.width());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2}, train.labels());
        int[] seeds = {0, 1, 2, 10, 11, 20};
        for (int i = 0; i < 6; i++) {
            assertImage(train, i, seeds[i]);
        }
        assertFalse(ImageFolder.lastLoadWasCached());
        ImageSet test = ImageFolder.load(root, false, cache);
        assertArrayEquals(new int[] {0, 1, 2}, test.labels());
        assertEquals(train.classNames(), test.classNames());
        assertImage(test, 1, 101);
    }

    @Test
    void secondLoadComesFromTheCache() throws IOException {
        ImageSet first = ImageFolder.load(root, true, cache);
        assertFalse(ImageFolder.lastLoadWasCached());
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> list = files.toList();
            assertEquals(1, list.size(), list.toString()); // no temp file left behind
            assertTrue(list.get(0).getFileName().toString().endsWith("-train.bin"));
        }
        ImageSet second = ImageFolder.load(root, true, cache);
        assertTrue(ImageFolder.lastLoadWasCached());
        assertArrayEquals(first.pixels(), second.pixels());
        assertArrayEquals(first.labels(), second.labels());
        assertEquals(first.classNames(), second.classNames());
        // test and subsets have caches of their own
        ImageFolder.load(root, false, cache);
        assertFalse(ImageFolder.lastLoadWasCached());
        ImageFolder.load(root, true, cache, 1);
        assertFalse(ImageFolder.lastLoadWasCached());
        ImageFolder.load(root, true, cache);
        assertTrue(ImageFolder.lastLoadWasCached());
    }

    @Test
    void changedFolderInvalidatesTheCache() throws IOException {
        ImageFolder.load(root, true, cache);
        Path file = root.resolve("train/bird/img1.png");
        write(file, png(rgbImage(W, H, 77)));
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L));
        ImageSet changed = ImageFolder.load(root, true, cache);
        assertFalse(ImageFolder.lastLoadWasCached());
        assertImage(changed, 4, 77);
        ImageFolder.load(root, true, cache);
        assertTrue(ImageFolder.lastLoadWasCached());
        write(root.resolve("train/cat/img9.png"), png(rgbImage(W, H, 5)));
        assertEquals(7, ImageFolder.load(root, true, cache).size());
        assertFalse(ImageFolder.lastLoadWasCached());
    }

    @Test
    void corruptCacheIsIgnoredAndRewritten() throws IOException {
        ImageSet good = ImageFolder.load(root, true, cache);
        Path cacheFile;
        try (Stream<Path> files = Files.list(cache)) {
            cacheFile = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(cacheFile);
        byte[] flipped = bytes.clone();
        flipped[flipped.length - 20] ^= 0x10; // a pixel byte: only the CRC notices
        Files.write(cacheFile, flipped);
        ImageSet reloaded = ImageFolder.load(root, true, cache);
        assertFalse(ImageFolder.lastLoadWasCached());
        assertArrayEquals(good.pixels(), reloaded.pixels());
        assertArrayEquals(bytes, Files.readAllBytes(cacheFile));
        Files.write(cacheFile, new byte[] {1, 2, 3});
        assertArrayEquals(good.pixels(), ImageFolder.load(root, true, cache).pixels());
        ImageFolder.load(root, true, cache);
        assertTrue(ImageFolder.lastLoadWasCached());
    }

    @Test
    void unwritableCacheOnlyCostsTheSpeedUp() {
        Path notAFolder = write(tmp.resolve("file"), new byte[] {1});
        ImageSet set = ImageFolder.load(root, true, notAFolder);
        assertEquals(6, set.size());
        ImageFolder.load(root, true, notAFolder);
        assertFalse(ImageFolder.lastLoadWasCached());
    }

    @Test
    void limitPerClassTakesTheFirstFilesByName() {
        ImageSet set = ImageFolder.load(root, true, cache, 2);
        assertArrayEquals(new int[] {0, 0, 1, 1, 2}, set.labels());
        assertImage(set, 1, 1);
        assertImage(set, 4, 20);
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> ImageFolder.load(root, true, cache, 0));
        assertMessage(e, root.toString(), "at least 1");
    }

    @Test
    void grayscaleAndAlphaImagesBecomeRgb() {
        BufferedImage gray = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                gray.getRaster().setSample(x, y, 0, 40 * y + x);
            }
        }
        write(root.resolve("train/cat/gray.png"), png(gray));
        BufferedImage gray16 = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(1, 2, 0, 65535);
        gray16.getRaster().setSample(2, 2, 0, 257 * 128);
        write(root.resolve("train/cat/gray16.png"), png(gray16));
        BufferedImage argb = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(3, 1, 0x40A0B0C0);
        write(root.resolve("train/cat/rgba.png"), png(argb));
        ImageSet set = ImageFolder.load(root, true, cache);
        // cat: gray.png, gray16.png, img0.png, rgba.png
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2, 2, 2, 2}, set.labels());
        for (int c = 0; c < 3; c++) {
            assertEquals(40 * 2 + 3, set.pixel(5, c, 2, 3)); // stored gray kept, not gamma-mapped
            assertEquals(255, set.pixel(6, c, 2, 1));
            assertEquals(128, set.pixel(6, c, 2, 2));
            assertEquals(0, set.pixel(6, c, 0, 0));
        }
        assertEquals(0xA0, set.pixel(8, 0, 1, 3)); // alpha dropped
        assertEquals(0xB0, set.pixel(8, 1, 1, 3));
        assertEquals(0xC0, set.pixel(8, 2, 1, 3));
    }

    private static byte[] encode(BufferedImage image, String format) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            assertTrue(javax.imageio.ImageIO.write(image, format, bytes), format);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Test
    void jpegAmongPngsDecodesCloseToTheOriginal() {
        BufferedImage flat = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                flat.setRGB(x, y, 0x5080C0);
            }
        }
        write(root.resolve("train/cat/photo.JPG"), encode(flat, "jpg"));
        ImageSet set = ImageFolder.load(root, true, cache);
        assertEquals(7, set.size()); // cat: img0.png, photo.JPG
        int last = set.size() - 1;
        assertEquals(2, set.label(last));
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                assertEquals(0x50, set.pixel(last, 0, y, x), 6);
                assertEquals(0x80, set.pixel(last, 1, y, x), 6);
                assertEquals(0xC0, set.pixel(last, 2, y, x), 6);
            }
        }
    }

    @Test
    void oddSizedImageIsNamedWithItsSize() {
        Path odd = write(root.resolve("train/bird/img0b.png"), png(rgbImage(7, 3, 1)));
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> ImageFolder.load(root, true, cache));
        assertMessage(e, odd.toString(), "7×3 pixels, expected 5×4");
    }

    @Test
    void undecodableFileIsNamed() {
        Path bad = write(root.resolve("train/cat/zz.png"), "GIF89a? not really".getBytes());
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> ImageFolder.load(root, true, cache));
        assertMessage(e, bad.toString(), "not a PNG or JPEG image");
        Path gif = write(root.resolve("train/cat/zz.png"), encode(rgbImage(W, H, 1), "gif"));
        e = assertThrows(RisbnnException.class, () -> ImageFolder.load(root, true, cache));
        assertMessage(e, gif.toString(), "not a PNG or JPEG image");
        byte[] truncated = png(rgbImage(W, H, 3));
        Path cut = write(root.resolve("train/cat/zz.png"),
                java.util.Arrays.copyOf(truncated, truncated.length / 2));
        e = assertThrows(RisbnnException.class, () -> ImageFolder.load(root, true, cache));
        assertMessage(e, cut.toString(), "cannot decode");
        Path text = write(root.resolve("train/cat/zz.png"), "hello".getBytes());
        e = assertThrows(RisbnnException.class, () -> ImageFolder.load(root, true, cache));
        assertMessage(e, text.toString(), "not a PNG or JPEG image");
    }

    @Test
    void layoutErrors() throws IOException {
        Files.createDirectories(root.resolve("test/dog"));
        write(root.resolve("test/dog/a.png"), png(rgbImage(W, H, 1)));
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> ImageFolder.load(root, false, cache));
        assertMessage(e, "test", "'dog' is not in train/");
        Files.delete(root.resolve("test/dog/a.png"));
        Files.delete(root.resolve("test/dog"));
        Files.delete(root.resolve("test/cat/t.png"));
        Files.delete(root.resolve("test/cat"));
        e = assertThrows(RisbnnException.class, () -> ImageFolder.load(root, false, cache));
        assertMessage(e, "no class folder 'cat'");
        Files.createDirectories(root.resolve("train/empty"));
        e = assertThrows(RisbnnException.class, () -> ImageFolder.load(root, true, cache));
        assertMessage(e, "train/empty", "no image files");
        e = assertThrows(RisbnnException.class,
                () -> ImageFolder.load(tmp.resolve("absent"), true, cache));
        assertMessage(e, "absent", "not found");
        e = assertThrows(RisbnnException.class, () -> ImageFolder.load(cache.getParent()
                .resolve("shapes/train"), true, cache));
        assertMessage(e, "train/train", "not found");
    }

    /** The shared CIFAR-10 JPEG folder, 20 images per class (the full set takes minutes). */
    @Test
    void realCifar10JpegSubset() {
        Path real = Path.of("..", "shared", "data", "cifar10-jpeg").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(real.resolve("train")), "shared cifar10-jpeg not found at " + real);
        ImageSet train = ImageFolder.load(real, true, cache, 20);
        assertFalse(ImageFolder.lastLoadWasCached());
        assertEquals(CifarBinary.CIFAR10_CLASSES, train.classNames());
        assertEquals(200, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20, 20, 20, 20}, train.classCounts());
        for (int i = 0; i < 200; i++) {
            assertEquals(i / 20, train.label(i));
        }
        float[] pixels = train.pixels();
        double mean = 0;
        for (float v : pixels) {
            assertTrue(v >= 0 && v <= 1);
            mean += v;
        }
        mean /= pixels.length;
        assertTrue(mean > 0.3 && mean < 0.7, "mean intensity " + mean);
        ImageSet again = ImageFolder.load(real, true, cache, 20);
        assertTrue(ImageFolder.lastLoadWasCached());
        assertArrayEquals(pixels, again.pixels());
        ImageSet test = ImageFolder.load(real, false, cache, 5);
        assertFalse(ImageFolder.lastLoadWasCached());
        assertEquals(50, test.size());
        assertEquals(train.classNames(), test.classNames());
    }
}
