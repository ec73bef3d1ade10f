package io.risbnn.data.fuzz;

import io.risbnn.data.image.IdxReader;
import io.risbnn.data.image.ImageTestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link IdxReader} with mutated image and label files, raw and gzip-compressed. For gzip,
 * half the cases mutate the content before compressing (the IDX parser sees the damage) and half
 * mutate the compressed bytes (the gzip layer sees it). Header mutations overwrite the magic and
 * the sizes with huge and boundary values.
 */
class IdxFuzzTest {
    static final int[] LABELS = {5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5};
    static final byte[] IMAGES = ImageTestFiles.idxImages(LABELS.length, 7, 5);
    static final byte[] LABEL_FILE = ImageTestFiles.idxLabels(LABELS);
    static final Mutator.Format IMAGE_FORMAT =
            Mutator.Format.ofBinary(new int[] {0, 4, 8, 12}, new int[0], new int[0]);
    static final Mutator.Format LABEL_FORMAT =
            Mutator.Format.ofBinary(new int[] {0, 4}, new int[] {8, 9, 10, 19}, new int[] {10, 255, 9});

    @TempDir
    Path dir;

    @Test
    void rawIdxOnlyThrowsRisbnnException() {
        fuzz("IdxReader raw", Fuzz.BASE_SEED + 3, false);
    }

    @Test
    void gzipIdxOnlyThrowsRisbnnException() {
        fuzz("IdxReader gzip", Fuzz.BASE_SEED + 4, true);
    }

    private void fuzz(String loader, long seed, boolean gzip) {
        Path images = dir.resolve(gzip ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte");
        Path labels = dir.resolve(gzip ? "train-labels-idx1-ubyte.gz" : "train-labels-idx1-ubyte");
        Fuzz.run(loader, seed, 2000, 250, true, (i, m) -> {
            int which = m.nextInt(10); // 0-5 images, 6-8 labels, 9 both
            boolean mutateImages = which <= 5 || which == 9;
            boolean mutateLabels = which >= 6;
            boolean afterCompression = gzip && m.nextBoolean();
            m.note((mutateImages ? "images" : "") + (mutateLabels ? " labels" : "")
                    + (gzip ? afterCompression ? " (gz bytes)" : " (content)" : ""));
            Fuzz.rewrite(images, input(IMAGES, IMAGE_FORMAT, mutateImages, gzip, afterCompression, m));
            Fuzz.rewrite(labels, input(LABEL_FILE, LABEL_FORMAT, mutateLabels, gzip, afterCompression,
                    m));
            IdxReader.read(images, labels, "fuzz", 10);
            if (m.nextInt(10) == 0) {
                IdxReader.fashionMnist(dir, true);
            }
        });
    }

    private static byte[] input(byte[] valid, Mutator.Format format, boolean mutate, boolean gzip,
            boolean afterCompression, Mutator m) {
        if (!mutate) {
            return gzip ? ImageTestFiles.gzip(valid) : valid;
        }
        if (!gzip) {
            return m.mutate(valid, format);
        }
        if (afterCompression) {
            return m.mutate(ImageTestFiles.gzip(valid), Mutator.Format.ofBinary(new int[] {0, 4},
                    new int[] {2, 3, 8, 9}, new int[] {0, 0xFF, 7, 4, 8}));
        }
        return ImageTestFiles.gzip(m.mutate(valid, format));
    }
}
