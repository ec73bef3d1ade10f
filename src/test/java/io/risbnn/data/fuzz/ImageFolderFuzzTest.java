package io.risbnn.data.fuzz;

import io.risbnn.data.image.ImageFolder;
import io.risbnn.data.image.ImageSet;
import io.risbnn.data.image.ImageTestFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link ImageFolder} with a small valid folder of PNGs (RGB, gray, palette) and one JPEG:
 * each case mutates the bytes of one image file; a third test mutates the decode cache, which
 * must never be trusted when damaged (the load must still give the right pixels). Decoding is slower
 * than parsing text, so these are the longest fuzz tests (a few thousand cases in all).
 */
class ImageFolderFuzzTest {
    private static final int W = 6;
    private static final int H = 5;

    @TempDir
    Path dir;

    static Map<String, byte[]> validFolder() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train/ant/0.png", ImageTestFiles.png(ImageTestFiles.rgbImage(W, H, 1)));
        files.put("train/ant/1.png", ImageTestFiles.png(ImageTestFiles.rgbImage(W, H, 2)));
        BufferedImage gray = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(2, 3, 0, 200);
        files.put("train/bee/gray.png", ImageTestFiles.png(gray));
        BufferedImage palette = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED);
        palette.setRGB(1, 1, 0xFF3366);
        files.put("train/bee/palette.png", ImageTestFiles.png(palette));
        files.put("train/bee/photo.jpg", jpeg(ImageTestFiles.rgbImage(W, H, 3)));
        files.put("test/ant/t.png", ImageTestFiles.png(ImageTestFiles.rgbImage(W, H, 4)));
        files.put("test/bee/t.png", ImageTestFiles.png(ImageTestFiles.rgbImage(W, H, 5)));
        return files;
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpg", bytes)) {
            throw new IllegalStateException("no JPEG writer");
        }
        return bytes.toByteArray();
    }

    private Map<String, byte[]> writeValid() throws IOException {
        Map<String, byte[]> valid = validFolder();
        for (Map.Entry<String, byte[]> f : valid.entrySet()) {
            ImageTestFiles.write(dir.resolve("data").resolve(f.getKey()), f.getValue());
        }
        return valid;
    }

    @Test
    void pngBytesOnlyThrowRisbnnException() throws IOException {
        Map<String, byte[]> valid = writeValid();
        List<String> pngs = valid.keySet().stream().filter(n -> n.endsWith(".png")).toList();
        // IHDR: width at 16, height at 20, bit depth 24, colour type 25, interlace 28
        Mutator.Format png = Mutator.Format.ofBinary(new int[] {16, 20, 8, 12},
                new int[] {24, 25, 26, 27, 28}, new int[] {0, 1, 2, 3, 4, 6, 8, 16, 0xFF});
        fuzzFiles("ImageFolder PNG", Fuzz.BASE_SEED + 7, 2000, valid, pngs, png);
    }

    @Test
    void jpegBytesOnlyThrowRisbnnException() throws IOException {
        Map<String, byte[]> valid = writeValid();
        // SOF0 height/width sit a few dozen bytes in; the generic mutations reach them
        Mutator.Format jpeg = Mutator.Format.ofBinary(new int[0], new int[] {2, 3, 4, 5},
                new int[] {0, 0xFF, 0xD8, 0xD9, 0xC0, 0xC2, 0xDA});
        fuzzFiles("ImageFolder JPEG", Fuzz.BASE_SEED + 8, 1000, valid,
                List.of("train/bee/photo.jpg"), jpeg);
    }

    private void fuzzFiles(String loader, long seed, int cases, Map<String, byte[]> valid,
            List<String> targets, Mutator.Format format) {
        Path data = dir.resolve("data");
        String[] last = {null};
        Fuzz.run(loader, seed, cases, 50, false, (i, m) -> {
            if (last[0] != null) {
                Fuzz.rewrite(data.resolve(last[0]), valid.get(last[0]));
            }
            String name = targets.get(m.nextInt(targets.size()));
            last[0] = name;
            m.note("file " + name);
            Fuzz.rewrite(data.resolve(name), m.mutate(valid.get(name), format));
            // a fresh cache folder per case: every case decodes
            ImageFolder.load(data, name.startsWith("train/"), dir.resolve("cache" + i));
        });
    }

    @Test
    void damagedCacheIsNeverTrusted() throws IOException {
        writeValid();
        Path data = dir.resolve("data");
        Path cacheDir = dir.resolve("cache");
        ImageSet truth = ImageFolder.load(data, true, cacheDir);
        Path cacheFile;
        try (Stream<Path> files = Files.list(cacheDir)) {
            cacheFile = files.findFirst().orElseThrow();
        }
        byte[] validCache = Files.readAllBytes(cacheFile);
        float[] truePixels = truth.pixels();
        // header fields: version, then n, c, h, w, class count after the 32-byte fingerprint
        Mutator.Format cache = Mutator.Format.ofBinary(new int[] {8, 44, 48, 52, 56, 60},
                new int[] {12, 30, 64, 65}, new int[] {0, 0xFF, 0x7F});
        Fuzz.run("ImageFolder cache", Fuzz.BASE_SEED + 9, 1000, 50, false, (i, m) -> {
            byte[] damaged = m.mutate(validCache, cache);
            Fuzz.rewrite(cacheFile, damaged);
            ImageSet loaded = ImageFolder.load(data, true, cacheDir);
            boolean same = Arrays.equals(damaged, validCache);
            if (ImageFolder.lastLoadWasCached() && !same) {
                throw new AssertionError("a damaged cache was trusted");
            }
            if (!Arrays.equals(truePixels, loaded.pixels())
                    || !Arrays.equals(truth.labels(), loaded.labels())) {
                throw new AssertionError("wrong pixels or labels after a damaged cache");
            }
        });
    }
}
