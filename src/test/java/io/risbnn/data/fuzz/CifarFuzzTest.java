package io.risbnn.data.fuzz;

import io.risbnn.data.image.CifarBinary;
import io.risbnn.data.image.ImageTestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link CifarBinary} with small valid CIFAR-10 and CIFAR-100 folders (a few records per
 * file) where each case mutates one file (the label bytes being the "header" fields) or deletes
 * it.
 */
class CifarFuzzTest {
    @TempDir
    Path dir;

    static Map<String, byte[]> cifar10Folder() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int b = 1; b <= 5; b++) {
            files.put("data_batch_" + b + ".bin", ImageTestFiles.cifarRecords(3 * b,
                    new int[] {b}, new int[] {(b + 3) % 10}, new int[] {9}));
        }
        files.put("test_batch.bin", ImageTestFiles.cifarRecords(0, new int[] {0}, new int[] {7}));
        files.put("batches.meta.txt", String.join("\n", CifarBinary.CIFAR10_CLASSES)
                .concat("\n\n").getBytes(StandardCharsets.UTF_8));
        return files;
    }

    static Map<String, byte[]> cifar100Folder() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train.bin", ImageTestFiles.cifarRecords(0, new int[] {19, 99}, new int[] {0, 0},
                new int[] {4, 30}, new int[] {11, 57}));
        files.put("test.bin", ImageTestFiles.cifarRecords(9, new int[] {3, 12}, new int[] {18, 98}));
        files.put("fine_label_names.txt", String.join("\n", CifarBinary.CIFAR100_FINE_CLASSES)
                .getBytes(StandardCharsets.UTF_8));
        files.put("coarse_label_names.txt", String.join("\r\n", CifarBinary.CIFAR100_COARSE_CLASSES)
                .getBytes(StandardCharsets.UTF_8));
        return files;
    }

    @Test
    void cifar10OnlyThrowsRisbnnException() throws Exception {
        Map<String, byte[]> valid = cifar10Folder();
        fuzz("CifarBinary CIFAR-10", Fuzz.BASE_SEED + 5, valid, 3073, 1, (m, file) -> {
            boolean train = file.startsWith("data_batch") || (!file.startsWith("test") && m.nextBoolean());
            CifarBinary.cifar10(dir, train);
        });
    }

    @Test
    void cifar100OnlyThrowsRisbnnException() throws Exception {
        Map<String, byte[]> valid = cifar100Folder();
        fuzz("CifarBinary CIFAR-100", Fuzz.BASE_SEED + 6, valid, 3074, 2, (m, file) -> {
            boolean train = file.equals("train.bin") || (!file.equals("test.bin") && m.nextBoolean());
            boolean coarse = file.startsWith("coarse") || (!file.startsWith("fine") && m.nextBoolean());
            CifarBinary.cifar100(dir, train, coarse);
        });
    }

    interface Load {
        void load(Mutator m, String mutatedFile) throws Exception;
    }

    private void fuzz(String loader, long seed, Map<String, byte[]> valid, int record,
            int labelBytes, Load load) throws Exception {
        for (Map.Entry<String, byte[]> f : valid.entrySet()) {
            Fuzz.rewrite(dir.resolve(f.getKey()), f.getValue());
        }
        String[] names = valid.keySet().toArray(new String[0]);
        String[] last = {null};
        Fuzz.run(loader, seed, 2000, 250, true, (i, m) -> {
            if (last[0] != null) {
                Path restore = dir.resolve(last[0]);
                Fuzz.rewrite(restore, valid.get(last[0]));
            }
            String name = names[m.nextInt(names.length)];
            last[0] = name;
            Path file = dir.resolve(name);
            if (m.chance(0.03)) {
                m.note("delete " + name);
                Files.delete(file);
            } else {
                m.note("file " + name);
                byte[] content = valid.get(name);
                Mutator.Format format;
                if (name.endsWith(".txt")) {
                    format = Mutator.Format.ofText();
                } else {
                    int records = content.length / record;
                    int[] labelFields = new int[records * labelBytes];
                    for (int r = 0; r < records; r++) {
                        for (int b = 0; b < labelBytes; b++) {
                            labelFields[r * labelBytes + b] = r * record + b;
                        }
                    }
                    format = Mutator.Format.ofBinary(new int[] {0, record - 2}, labelFields,
                            new int[] {0xFF, 0x7F, 10, 9, 20, 19, 100, 99, 0x80});
                }
                Fuzz.rewrite(file, m.mutate(content, format));
            }
            load.load(m, name);
        });
    }
}
