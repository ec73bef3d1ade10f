package io.risbnn.data.image;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader for the binary versions of CIFAR-10 and CIFAR-100 (the {@code *-binary.tar.gz}
 * downloads). Each record is the label byte(s) followed by 3072 pixel bytes: 1024 red, 1024 green,
 * 1024 blue, each plane 32×32 row-major, which is already the C×H×W layout of {@link ImageSet}.
 *
 * <ul>
 *   <li>CIFAR-10: records of 1 + 3072 bytes; {@code data_batch_1.bin} .. {@code
 *       data_batch_5.bin} (train) and {@code test_batch.bin}; class names from {@code
 *       batches.meta.txt} when present, else the standard ten.
 *   <li>CIFAR-100: records of 2 + 3072 bytes (coarse label, fine label); {@code train.bin} and
 *       {@code test.bin}; class names from {@code fine_label_names.txt} / {@code
 *       coarse_label_names.txt} when present, else the standard ones.
 * </ul>
 *
 * The folder may be the extracted one ({@code cifar-10-batches-bin}, {@code cifar-100-binary}) or
 * its parent. Files holding fewer records than the official ones are accepted (for small test
 * sets) as long as their size is a whole number of records. All file sizes are checked before
 * anything is allocated; every problem raises {@link RisbnnException} naming the file.
 */
public final class CifarBinary {
    /** Pixel bytes per image: 3 × 32 × 32. */
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    /** Most records one set may hold: the pixels must fit in one Java array. */
    public static final int MAX_RECORDS = (Integer.MAX_VALUE - 8) / IMAGE_BYTES;

    /** The 10 class names of CIFAR-10, by label. */
    public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird",
            "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** The 20 superclass names of CIFAR-100, by coarse label. */
    public static final List<String> CIFAR100_COARSE_CLASSES = List.of("aquatic_mammals", "fish",
            "flowers", "food_containers", "fruit_and_vegetables", "household_electrical_devices",
            "household_furniture", "insects", "large_carnivores", "large_man-made_outdoor_things",
            "large_natural_outdoor_scenes", "large_omnivores_and_herbivores", "medium_mammals",
            "non-insect_invertebrates", "people", "reptiles", "small_mammals", "trees",
            "vehicles_1", "vehicles_2");

    /** The 100 class names of CIFAR-100, by fine label. */
    public static final List<String> CIFAR100_FINE_CLASSES = List.of("apple", "aquarium_fish",
            "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle", "bowl", "boy",
            "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle", "chair",
            "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup",
            "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster",
            "house", "kangaroo", "keyboard", "lamp", "lawn_mower", "leopard", "lion", "lizard",
            "lobster", "man", "maple_tree", "motorcycle", "mountain", "mouse", "mushroom",
            "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck",
            "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon",
            "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk",
            "skyscraper", "snail", "snake", "spider", "squirrel", "streetcar", "sunflower",
            "sweet_pepper", "table", "tank", "telephone", "television", "tiger", "tractor",
            "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf",
            "woman", "worm");

    private static final int NAMES_FILE_LIMIT = 1 << 16;
    private static final int CHUNK_RECORDS = 256;

    private CifarBinary() {}

    /**
     * CIFAR-10, train (data_batch_1..5.bin) or test (test_batch.bin).
     *
     * @param dir the folder holding the batch files (or their {@code cifar-10-batches-bin} folder)
     * @param train true for the 50,000 training images, false for the 10,000 test images
     * @return the images
     * @throws RisbnnException if a file is missing or malformed
     */
    public static ImageSet cifar10(Path dir, boolean train) {
        Format f = new Format("CIFAR-10", 1, new int[] {10}, 10_000);
        Path folder = resolve(dir, "cifar-10-batches-bin", train ? "data_batch_1.bin" : "test_batch.bin",
                f, "data_batch_1.bin .. data_batch_5.bin and test_batch.bin");
        List<Path> files = new ArrayList<>();
        if (train) {
            for (int i = 1; i <= 5; i++) {
                files.add(folder.resolve("data_batch_" + i + ".bin"));
            }
        } else {
            files.add(folder.resolve("test_batch.bin"));
        }
        List<String> names = classNames(folder.resolve("batches.meta.txt"), CIFAR10_CLASSES, f);
        return read(files, f, 0, "cifar10", names);
    }

    /**
     * CIFAR-100, train (train.bin) or test (test.bin), labelled with the 100 fine classes or, if
     * {@code coarse}, the 20 superclasses.
     *
     * @param dir the folder holding train.bin and test.bin (or their {@code cifar-100-binary} folder)
     * @param train true for the training images, false for the test images
     * @param coarse label with the 20 superclasses instead of the 100 classes
     * @return the images
     * @throws RisbnnException if a file is missing or malformed
     */
    public static ImageSet cifar100(Path dir, boolean train, boolean coarse) {
        Format f = new Format("CIFAR-100", 2, new int[] {20, 100}, train ? 50_000 : 10_000);
        Path folder = resolve(dir, "cifar-100-binary", train ? "train.bin" : "test.bin", f,
                "train.bin and test.bin");
        Path file = folder.resolve(train ? "train.bin" : "test.bin");
        List<String> names = coarse
                ? classNames(folder.resolve("coarse_label_names.txt"), CIFAR100_COARSE_CLASSES, f)
                : classNames(folder.resolve("fine_label_names.txt"), CIFAR100_FINE_CLASSES, f);
        return read(List.of(file), f, coarse ? 0 : 1, coarse ? "cifar100-coarse" : "cifar100",
                names);
    }

    /** Record layout: label bytes, their class counts, and the official records per file. */
    private record Format(String title, int labelBytes, int[] classes, int standardRecords) {
        int recordBytes() {
            return labelBytes + IMAGE_BYTES;
        }

        String expectedSize() {
            return "expected " + (long) standardRecords * recordBytes() + " bytes for "
                    + standardRecords + " records";
        }
    }

    private static Path resolve(Path dir, String extracted, String firstFile, Format f,
            String expected) {
        String where = f.title() + " folder " + ImageFiles.path(dir);
        ImageFiles.requireFolder(dir, where, "the binary " + f.title() + " files " + expected);
        if (!Files.exists(dir.resolve(firstFile)) && Files.isDirectory(dir.resolve(extracted))) {
            return dir.resolve(extracted);
        }
        return dir;
    }

    private static ImageSet read(List<Path> files, Format f, int labelIndex, String name,
            List<String> classNames) {
        int record = f.recordBytes();
        long[] counts = new long[files.size()];
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String source = f.title() + " file " + ImageFiles.path(file);
            String expected = f.expectedSize() + " of " + record + " bytes, from the binary "
                    + f.title() + " download";
            if (Files.isDirectory(file)) {
                throw new RisbnnException(source + ": is a folder (" + expected + ")");
            }
            if (!Files.isRegularFile(file)) {
                throw new RisbnnException(source + ": not found (" + expected + ")");
            }
            long size = ImageFiles.size(file, source);
            if (size == 0) {
                throw new RisbnnException(source + ": empty (" + f.expectedSize() + " of " + record
                        + " bytes)");
            }
            if (size % record != 0) {
                throw new RisbnnException(source + ": size " + size + " is not a multiple of the "
                        + record + "-byte " + f.title() + " record (truncated? "
                        + f.expectedSize() + ")");
            }
            counts[i] = size / record;
            total += counts[i];
            if (total > MAX_RECORDS) {
                throw new RisbnnException(source + ": " + total + " records in all, more than the "
                        + MAX_RECORDS + " one image set can hold");
            }
        }
        int n = (int) total;
        byte[] pixels = new byte[n * IMAGE_BYTES];
        int[] labels = new int[n];
        long largest = 0;
        for (long c : counts) {
            largest = Math.max(largest, c);
        }
        byte[] chunk = new byte[(int) Math.min(CHUNK_RECORDS, largest) * record];
        int image = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String source = f.title() + " file " + ImageFiles.path(file);
            try (InputStream in = Files.newInputStream(file)) {
                long left = counts[i];
                long recordNo = 0;
                while (left > 0) {
                    int k = (int) Math.min(CHUNK_RECORDS, left);
                    int got = in.readNBytes(chunk, 0, k * record);
                    if (got < k * record) {
                        throw new RisbnnException(source + ": truncated at byte "
                                + (recordNo * record + got) + " while reading (the file shrank;"
                                + " " + f.expectedSize() + ")");
                    }
                    for (int r = 0; r < k; r++, recordNo++, image++) {
                        int base = r * record;
                        for (int b = 0; b < f.labelBytes(); b++) {
                            int label = chunk[base + b] & 0xFF;
                            if (label >= f.classes()[b]) {
                                String kind = f.labelBytes() == 1 ? "label"
                                        : b == 0 ? "coarse label" : "fine label";
                                throw new RisbnnException(source + " record " + recordNo
                                        + " (offset " + (recordNo * record + b) + "): " + kind + " "
                                        + label + " out of range 0.." + (f.classes()[b] - 1));
                            }
                        }
                        labels[image] = chunk[base + labelIndex] & 0xFF;
                        System.arraycopy(chunk, base + f.labelBytes(), pixels,
                                image * IMAGE_BYTES, IMAGE_BYTES);
                    }
                    left -= k;
                }
            } catch (IOException e) {
                throw new RisbnnException(source + ": cannot read: " + ImageFiles.oneLine(e), e);
            }
        }
        return new ImageSet(name, 3, 32, 32, classNames, pixels, labels, false);
    }

    /**
     * Class names from a text file of one name per line (blank lines ignored), or {@code
     * fallback} when the file is absent.
     */
    private static List<String> classNames(Path file, List<String> fallback, Format f) {
        if (!Files.exists(file)) {
            return fallback;
        }
        String source = f.title() + " class names file " + ImageFiles.path(file);
        String expected = fallback.size() + " class names, one per line";
        ImageFiles.requireRegularFile(file, source, expected);
        if (ImageFiles.size(file, source) > NAMES_FILE_LIMIT) {
            throw new RisbnnException(source + ": larger than " + NAMES_FILE_LIMIT
                    + " bytes (expected " + expected + ")");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RisbnnException(source + ": cannot read: " + ImageFiles.oneLine(e), e);
        }
        String text = ImageFiles.utf8(bytes, source, "expected " + expected);
        List<String> names = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int lineNo = 0;
        for (String line : text.split("\r?\n|\r", -1)) {
            lineNo++;
            String name = line.strip();
            if (name.isEmpty()) {
                continue;
            }
            Integer first = seen.putIfAbsent(name, lineNo);
            if (first != null) {
                throw new RisbnnException(source + " line " + lineNo + ": class name "
                        + ImageFiles.quote(name) + " repeats line " + first
                        + " (expected " + expected + ")");
            }
            names.add(name);
        }
        if (names.size() != fallback.size()) {
            throw new RisbnnException(source + ": " + names.size() + " class names (expected "
                    + expected + ")");
        }
        return names;
    }
}
