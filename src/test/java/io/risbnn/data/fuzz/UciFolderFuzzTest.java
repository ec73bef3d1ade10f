package io.risbnn.data.fuzz;

import io.risbnn.data.UciDataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link UciDataset} (load, then the first splits) with a small valid folder in the UCI
 * layout where each case mutates one file (data.txt most often) or deletes it.
 */
class UciFolderFuzzTest {
    @TempDir
    Path dir;

    /** File name → valid content; data.txt has 25 rows of 4 features and the target last. */
    static Map<String, byte[]> validFolder() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder data = new StringBuilder();
        for (int r = 0; r < 25; r++) {
            data.append(String.format(java.util.Locale.ROOT, "%.3f %d %.1e %d %.2f%n",
                    r * 1.5 - 3, r % 7, (r + 1) * 0.01, 100 - r, r * 0.37 + 2));
        }
        files.put("data.txt", data.toString().getBytes(StandardCharsets.UTF_8));
        files.put("index_features.txt", "0\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8));
        files.put("index_target.txt", "4\n".getBytes(StandardCharsets.UTF_8));
        for (int s = 0; s < 2; s++) {
            StringBuilder train = new StringBuilder();
            StringBuilder test = new StringBuilder();
            for (int r = 0; r < 25; r++) {
                ((r + s) % 5 == 0 ? test : train).append(r).append(s == 1 ? ".0" : "").append('\n');
            }
            files.put("index_train_" + s + ".txt", train.toString().getBytes(StandardCharsets.UTF_8));
            files.put("index_test_" + s + ".txt", test.toString().getBytes(StandardCharsets.UTF_8));
        }
        files.put("n_splits.txt", "2\n".getBytes(StandardCharsets.UTF_8));
        files.put("n_hidden.txt", "50\n".getBytes(StandardCharsets.UTF_8));
        files.put("n_epochs.txt", "40\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    @Test
    void uciFolderOnlyThrowsRisbnnException() throws Exception {
        Map<String, byte[]> valid = validFolder();
        for (Map.Entry<String, byte[]> f : valid.entrySet()) {
            Fuzz.rewrite(dir.resolve(f.getKey()), f.getValue());
        }
        UciDataset.load(dir).split(1); // the seed folder itself is valid
        String[] names = valid.keySet().toArray(new String[0]);
        // data.txt is picked most often; the others share the rest
        int[] weights = {30, 10, 10, 10, 10, 5, 5, 8, 6, 6};
        String[] last = {null};
        Fuzz.run("UciDataset", Fuzz.BASE_SEED + 2, 2000, 250, true, (i, m) -> {
            if (last[0] != null) {
                Fuzz.rewrite(dir.resolve(last[0]), valid.get(last[0])); // restore
            }
            String name = names[pick(weights, m.nextInt(100))];
            last[0] = name;
            Path file = dir.resolve(name);
            if (m.chance(0.03)) {
                m.note("delete " + name);
                Files.delete(file);
            } else {
                m.note("file " + name);
                Fuzz.rewrite(file, m.mutate(valid.get(name), Mutator.Format.ofText()));
            }
            UciDataset uci = UciDataset.load(dir);
            for (int s = 0; s < Math.min(uci.splitCount(), 2); s++) {
                uci.split(s);
            }
        });
    }

    private static int pick(int[] weights, int roll) {
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
