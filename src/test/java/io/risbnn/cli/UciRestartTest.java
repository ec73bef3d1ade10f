package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uci} started again in the same {@code --out}: finished splits are kept untouched, an interrupted one
 * continues from its checkpoint to the result it would have had, and a split of another command is refused.
 */
class UciRestartTest {
    @TempDir
    Path tmp;

    /** A 2-split UCI folder of 60 rows, y = x1 − 2 x2 + noise. */
    static Path tinyUci(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("tiny"));
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            double c = random.nextDouble(-1, 1);
            data.append(a).append(' ').append(b).append(' ').append(c).append(' ').append(a - 2 * b + 0.1 * random.nextGaussian())
                    .append('\n');
        }
        Files.writeString(folder.resolve("data.txt"), data);
        Files.writeString(folder.resolve("index_features.txt"), "0\n1\n2\n");
        Files.writeString(folder.resolve("index_target.txt"), "3\n");
        Files.writeString(folder.resolve("n_splits.txt"), "2\n");
        for (int s = 0; s < 2; s++) {
            int offset = s * 10;
            List<Integer> test = IntStream.range(offset, offset + 10).boxed().toList();
            List<Integer> train = IntStream.range(0, 60).filter(i -> i < offset || i >= offset + 10).boxed().toList();
            Files.writeString(folder.resolve("index_train_" + s + ".txt"), lines(train));
            Files.writeString(folder.resolve("index_test_" + s + ".txt"), lines(test));
        }
        return dir;
    }

    private static String lines(List<Integer> rows) {
        return rows.stream().map(String::valueOf).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String[] args(Path dir, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("uci", "--dir", dir.toString(), "--name", "tiny", "--epochs", "3",
                "--hidden", "4", "--samples", "2", "--batch-size", "16", "--eval-samples", "4", "--workers", "1",
                "--threads", "1", "--no-progress", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** Every file under {@code dir} with its modification time and bytes. */
    private static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> files = new HashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(p, Files.getLastModifiedTime(p) + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    @Test
    void keepsFinishedSplitsContinuesAnInterruptedOneAndRefusesAnotherCommand() throws Exception {
        Path dir = tinyUci(tmp);
        Path out = tmp.resolve("out");
        CliRunner.Result first = CliRunner.run(args(dir, out));
        assertEquals(0, first.code(), first.err());
        JsonObject firstJson = Json.parseObject(out.resolve("uci.json"));

        // killed after split 1's last checkpoint, before its summary and the table: split 0 is kept as it is,
        // split 1 continues from its checkpoint and ends where it did
        Path split0 = out.resolve("split-0");
        Map<Path, String> split0Files = snapshot(split0);
        JsonObject lostMetrics = Json.parseObject(out.resolve("split-1").resolve("summary.json")).getAsJsonObject("metrics");
        List<String> lostLog = Files.readAllLines(out.resolve("split-1").resolve("metrics.jsonl"));
        Files.delete(out.resolve("split-1").resolve("summary.json"));
        Files.delete(out.resolve("uci.json"));
        Thread.sleep(20);
        CliRunner.Result again = CliRunner.run(args(dir, out));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("split 0 finished earlier under the same command, kept"), again.out());
        assertTrue(again.out().contains("split 1 continues from its checkpoint"), again.out());
        assertEquals(split0Files, snapshot(split0));
        assertEquals(lostMetrics, Json.parseObject(out.resolve("split-1").resolve("summary.json")).getAsJsonObject("metrics"));
        assertEquals(lostLog, Files.readAllLines(out.resolve("split-1").resolve("metrics.jsonl")));
        JsonObject aggregate = Json.parseObject(out.resolve("uci.json")).getAsJsonObject("aggregate");
        JsonObject firstAggregate = firstJson.getAsJsonObject("aggregate");
        aggregate.remove("train_seconds");      // the continued split's seconds are those of its second part
        firstAggregate.remove("train_seconds");
        assertEquals(firstAggregate, aggregate);

        // another command in the same folder is refused before anything is touched
        Files.delete(out.resolve("uci.json"));
        Map<Path, String> before = snapshot(out);
        CliRunner.Result changed = CliRunner.run(args(dir, out, "--lr", "0.02"));
        CliRunner.assertUserError(changed, "split-0 was run with another command");
        assertEquals(1, changed.err().lines().count(), changed.err());
        assertEquals(before, snapshot(out));

        // --overwrite starts every split afresh
        CliRunner.Result fresh = CliRunner.run(args(dir, out, "--lr", "0.02", "--overwrite"));
        assertEquals(0, fresh.code(), fresh.err());
        assertFalse(fresh.out().contains("kept"), fresh.out());
        assertFalse(snapshot(split0).equals(split0Files));
    }
}
