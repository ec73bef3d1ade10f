package io.risbnn.data.image;

import static io.risbnn.data.image.ImageTestFiles.assertMessage;
import static io.risbnn.data.image.ImageTestFiles.cifarPixel;
import static io.risbnn.data.image.ImageTestFiles.cifarRecords;
import static io.risbnn.data.image.ImageTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.risbnn.RisbnnException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryTest {
    @TempDir
    Path dir;

    /** Batches 1..5 of 2 records each (labels 2i-2, 2i-1 mod 10) and a 3-record test batch. */
    private void writeCifar10(Path folder) {
        for (int b = 1; b <= 5; b++) {
            int first = 2 * (b - 1);
            write(folder.resolve("data_batch_" + b + ".bin"),
                    cifarRecords(first, new int[] {first % 10}, new int[] {(first + 1) % 10}));
        }
        write(folder.resolve("test_batch.bin"),
                cifarRecords(100, new int[] {9}, new int[] {0}, new int[] {4}));
    }

    private static void assertPixels(ImageSet set, int firstRecord) {
        float[] p = set.pixels();
        for (int i = 0; i < set.size(); i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y += 5) {
                    for (int x = 0; x < 32; x += 3) {
                        int expected = cifarPixel(firstRecord + i, c, y, x);
                        assertEquals(expected, set.pixel(i, c, y, x));
                        assertEquals(expected / 255f, p[((i * 3 + c) * 32 + y) * 32 + x]);
                    }
                }
            }
        }
    }

    @Test
    void cifar10TrainAndTest() {
        writeCifar10(dir);
        ImageSet train = CifarBinary.cifar10(dir, true);
        assertEquals(10, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, train.labels());
        assertEquals(CifarBinary.CIFAR10_CLASSES, train.classNames());
        assertEquals("cifar10", train.name());
        assertPixels(train, 0);
        ImageSet test = CifarBinary.cifar10(dir, false);
        assertArrayEquals(new int[] {9, 0, 4}, test.labels());
        assertPixels(test, 100);
    }

    @Test
    void cifar10ExtractedSubfolderAndMetaFile() {
        Path extracted = dir.resolve("cifar-10-batches-bin");
        writeCifar10(extracted);
        String names = "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n\n";
        write(extracted.resolve("batches.meta.txt"), names.getBytes(StandardCharsets.UTF_8));
        ImageSet test = CifarBinary.cifar10(dir, false);
        assertEquals(3, test.size());
        assertEquals("nine", test.classNames().get(9));
        write(extracted.resolve("batches.meta.txt"), "a\nb\n".getBytes(StandardCharsets.UTF_8));
        RisbnnException e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar10(dir, false));
        assertMessage(e, "batches.meta.txt", "2 class names (expected 10 class names");
    }

    @Test
    void sizeNotAMultipleOfTheRecord() {
        writeCifar10(dir);
        Path file = dir.resolve("data_batch_3.bin");
        byte[] records = cifarRecords(0, new int[] {1}, new int[] {2});
        write(file, Arrays.copyOf(records, records.length - 100));
        RisbnnException e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar10(dir, true));
        assertMessage(e, file + ": size 6046 is not a multiple of the 3073-byte CIFAR-10 record"
                + " (truncated? expected 30730000 bytes for 10000 records)");
        write(file, new byte[0]);
        e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar10(dir, true));
        assertMessage(e, file.toString(), "empty", "30730000 bytes");
    }

    @Test
    void missingFileNamesItAndTheExpectedSize() {
        writeCifar10(dir);
        ImageTestFiles.write(dir.resolve("data_batch_4.bin"), new byte[3073]);
        Path missing = dir.resolve("data_batch_5.bin");
        missing.toFile().delete();
        RisbnnException e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar10(dir, true));
        assertMessage(e, missing.toString(), "not found", "expected 30730000 bytes for 10000 records");
        e = assertThrows(RisbnnException.class,
                () -> CifarBinary.cifar100(dir.resolve("none"), true, false));
        assertMessage(e, "none", "not found", "train.bin");
    }

    @Test
    void labelOutOfRangeNamesFileAndRecord() {
        writeCifar10(dir);
        Path file = dir.resolve("test_batch.bin");
        write(file, cifarRecords(0, new int[] {1}, new int[] {2}, new int[] {10}));
        RisbnnException e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar10(dir, false));
        assertMessage(e, file + " record 2 (offset 6146): label 10 out of range 0..9");
    }

    @Test
    void cifar100FineAndCoarse() {
        write(dir.resolve("train.bin"), cifarRecords(0, new int[] {19, 99}, new int[] {0, 5},
                new int[] {7, 42}));
        write(dir.resolve("test.bin"), cifarRecords(7, new int[] {3, 30}));
        ImageSet fine = CifarBinary.cifar100(dir, true, false);
        assertEquals(100, fine.classes());
        assertArrayEquals(new int[] {99, 5, 42}, fine.labels());
        assertEquals("worm", fine.classNames().get(99));
        assertPixels(fine, 0);
        ImageSet coarse = CifarBinary.cifar100(dir, true, true);
        assertEquals(20, coarse.classes());
        assertArrayEquals(new int[] {19, 0, 7}, coarse.labels());
        assertEquals("vehicles_2", coarse.classNames().get(19));
        ImageSet test = CifarBinary.cifar100(dir, false, false);
        assertArrayEquals(new int[] {30}, test.labels());
        assertPixels(test, 7);
    }

    @Test
    void cifar100Errors() {
        Path train = dir.resolve("train.bin");
        write(train, Arrays.copyOf(cifarRecords(0, new int[] {1, 2}), 3074 + 1));
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> CifarBinary.cifar100(dir, true, false));
        assertMessage(e, train + ": size 3075 is not a multiple of the 3074-byte CIFAR-100 record"
                + " (truncated? expected 153700000 bytes for 50000 records)");
        write(train, cifarRecords(0, new int[] {1, 2}, new int[] {1, 100}));
        e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar100(dir, true, false));
        assertMessage(e, train + " record 1 (offset 3075): fine label 100 out of range 0..99");
        // a corrupt coarse label is reported even when fine labels are asked for
        write(train, cifarRecords(0, new int[] {20, 2}));
        e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar100(dir, true, false));
        assertMessage(e, train + " record 0 (offset 0): coarse label 20 out of range 0..19");
        write(dir.resolve("test.bin"), cifarRecords(0, new int[] {1, 2}));
        write(dir.resolve("fine_label_names.txt"), "a\n\u00ff\n".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar100(dir, false, false));
        assertMessage(e, "fine_label_names.txt", "2 class names (expected 100");
        write(dir.resolve("coarse_label_names.txt"), new byte[] {'a', '\n', (byte) 0xC3, '('});
        e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar100(dir, false, true));
        assertMessage(e, "coarse_label_names.txt line 2 (byte 2): not UTF-8 text");
        write(dir.resolve("coarse_label_names.txt"), "a\nb\na\n".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(RisbnnException.class, () -> CifarBinary.cifar100(dir, false, true));
        assertMessage(e, "coarse_label_names.txt line 3: class name 'a' repeats line 1");
    }

    @Test
    void standardClassLists() {
        assertEquals(10, CifarBinary.CIFAR10_CLASSES.size());
        assertEquals(20, CifarBinary.CIFAR100_COARSE_CLASSES.size());
        assertEquals(100, CifarBinary.CIFAR100_FINE_CLASSES.size());
        assertEquals(100, new HashSet<>(CifarBinary.CIFAR100_FINE_CLASSES).size());
        List<String> sorted = CifarBinary.CIFAR100_FINE_CLASSES.stream().sorted().toList();
        assertEquals(sorted, CifarBinary.CIFAR100_FINE_CLASSES); // the official order is alphabetical
    }
}
