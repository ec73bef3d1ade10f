package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.risbnn.experiment.Table1;
import io.risbnn.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code risbnn table1} end to end on a tiny CIFAR-10 binary data set, restart included. */
class Table1CommandTest {
    @TempDir
    Path tmp;

    /** CIFAR-10 binary layout: records of 1 label byte + 3072 pixel bytes (R, G, B planes of 32×32). */
    static Path writeCifar10(Path dir, int perTrainBatch, int test, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), records(perTrainBatch, random));
        }
        Files.write(dir.resolve("test_batch.bin"), records(test, random));
        return dir;
    }

    private static byte[] records(int n, SplittableRandom random) {
        byte[] out = new byte[n * 3073];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(10);
            out[i * 3073] = (byte) label;
            for (int p = 0; p < 3072; p++) {
                // the class shifts the brightness of one channel, plus noise
                int channel = p / 1024;
                int v = 60 + (channel == label % 3 ? 12 * label : 0) + random.nextInt(60);
                out[i * 3073 + 1 + p] = (byte) v;
            }
        }
        return out;
    }

    private static String[] args(Path data, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("table1", "--data", "cifar10:" + data, "--model", "lenet", "--epochs", "1",
                "--subset", "16", "--seeds", "2", "--samples", "2", "--batch", "8", "--eval-samples", "2",
                "--threads", "1", "--no-progress", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** First cell → whole row (cells trimmed), for every table line of the markdown. */
    private static Map<String, String[]> tableRows(String md) {
        Map<String, String[]> rows = new HashMap<>();
        for (String line : md.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| ---")) {
                String[] cells = line.substring(1, line.length() - 1).split(" \\| ", -1);
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.put(cells[0], cells);
            }
        }
        return rows;
    }

    private static Map<Path, String> snapshot(Path runs) throws IOException {
        Map<Path, String> files = new HashMap<>();
        try (Stream<Path> s = Files.list(runs)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(p, Files.getLastModifiedTime(p) + "\n" + Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void meanVarRowsRunAndReportBothPredictives() throws Exception {
        Path data = writeCifar10(tmp.resolve("cifar"), 4, 10, 3);
        Path out = tmp.resolve("mv");
        CliRunner.Result r = CliRunner.run(args(data, out, "--rows", "ris-meanvar,analytic-meanvar"));
        assertEquals(0, r.code(), r.err());
        JsonObject json = Json.parseObject(out.resolve("table1.json"));
        int rows = 0;
        for (JsonElement e : json.getAsJsonArray("rows")) {
            JsonObject row = e.getAsJsonObject();
            assertEquals("mean-var", row.get("objective").getAsString(), row.toString());
            JsonObject metrics = row.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonObject("metrics");
            assertTrue(metrics.has("accuracy_sampled") && metrics.has("accuracy_meanvar"), metrics.toString());
            rows++;
        }
        assertEquals(2, rows);
    }

    @Test
    void mapRowRunsAsAPointMass() throws Exception {
        Path data = writeCifar10(tmp.resolve("cifar"), 4, 10, 3);
        Path out = tmp.resolve("map");
        CliRunner.Result r = CliRunner.run(args(data, out, "--rows", "map"));
        assertEquals(0, r.code(), r.err());
        JsonObject row = Json.parseObject(out.resolve("table1.json")).getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals("map", row.get("estimator").getAsString(), row.toString());
        JsonObject metrics = row.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonObject("metrics");
        // every sampled network of a point mass is the MAP network
        assertEquals(metrics.get("accuracy_moment").getAsDouble(), metrics.get("accuracy_sampled").getAsDouble(), 1e-9);
    }

    @Test
    void writesThePosterTableAndKeepsFinishedRunsOnRestart() throws Exception {
        Path data = writeCifar10(tmp.resolve("cifar"), 4, 10, 3);
        Path out = tmp.resolve("t1");
        CliRunner.Result r = CliRunner.run(args(data, out));
        assertEquals(0, r.code(), r.err());

        String md = Files.readString(out.resolve("table1.md"));
        assertTrue(md.contains("1 epoch (the poster trains 100)"), md);
        assertTrue(md.contains("subset of 16"), md);
        assertTrue(md.contains("6 of 6 runs finished"), md);
        Map<String, String[]> rows = tableRows(md);
        JsonObject json = Json.parseObject(out.resolve("table1.json"));
        Map<String, JsonObject> byRow = new HashMap<>();
        for (JsonElement e : json.getAsJsonArray("rows")) {
            byRow.put(e.getAsJsonObject().get("row").getAsString(), e.getAsJsonObject());
        }
        for (Table1.PosterRow p : Table1.POSTER) {
            String[] cells = rows.get(p.method());
            assertTrue(cells != null, "no row " + p.method() + " in\n" + md);
            assertEquals(String.format(Locale.ROOT, "%.2f ± %.2f", p.accuracy(), p.std()), cells[2], p.method());
            if (p.rowId() == null) {
                assertEquals("not implemented (baselines issue)", cells[1], p.method());
                continue;
            }
            if (!byRow.containsKey(p.rowId())) {   // a baseline row this test did not ask for
                assertEquals("not run (not in --rows)", cells[1], p.method());
                continue;
            }
            // recompute mean ± std (n-1) of the per-seed accuracies
            var runs = byRow.get(p.rowId()).getAsJsonArray("runs");
            assertEquals(2, runs.size());
            double[] acc = new double[2];
            for (int i = 0; i < 2; i++) {
                JsonObject run = runs.get(i).getAsJsonObject();
                assertEquals(i, run.get("seed").getAsLong());
                acc[i] = 100 * run.getAsJsonObject("metrics").get("accuracy").getAsDouble();
                Path log = out.resolve("runs").resolve(p.rowId() + "-seed" + i + ".jsonl");
                assertEquals(1, Files.readAllLines(log).size(), log.toString());
            }
            double mean = (acc[0] + acc[1]) / 2;
            double std = Math.sqrt(((acc[0] - mean) * (acc[0] - mean) + (acc[1] - mean) * (acc[1] - mean)) / 1);
            assertEquals(String.format(Locale.ROOT, "%.2f ± %.2f (n=2)", mean, std), cells[1], p.method());
        }
        assertEquals(0.1, byRow.get("tempered").get("temperature").getAsDouble());
        assertEquals(1.0, byRow.get("mfvi").get("temperature").getAsDouble());
        assertEquals("moment", byRow.get("ris").get("objective").getAsString());
        assertEquals(6, json.getAsJsonObject("budget").get("runs_finished").getAsInt());

        // the same command again: nothing is retrained or rewritten
        Path runsDir = out.resolve("runs");
        Map<Path, String> before = snapshot(runsDir);
        String jsonBefore = Files.readString(out.resolve("table1.json"));
        Thread.sleep(20);
        CliRunner.Result again = CliRunner.run(args(data, out));
        assertEquals(0, again.code(), again.err());
        assertEquals(6, again.out().split("already finished", -1).length - 1, again.out());
        assertEquals(before, snapshot(runsDir));
        JsonObject jsonAgain = Json.parseObject(out.resolve("table1.json"));
        assertEquals(Json.parseObject(out.resolve("table1.json")).get("rows"), jsonAgain.get("rows"));
        assertEquals(com.google.gson.JsonParser.parseString(jsonBefore).getAsJsonObject().get("rows"), jsonAgain.get("rows"));

        // one result lost (killed after the last checkpoint): only that run is redone, from its checkpoint
        Path lost = runsDir.resolve("ris-seed1.json");
        JsonObject lostMetrics = Json.parseObject(lost).getAsJsonObject("metrics");
        Files.delete(lost);
        CliRunner.Result third = CliRunner.run(args(data, out));
        assertEquals(0, third.code(), third.err());
        assertEquals(5, third.out().split("already finished", -1).length - 1, third.out());
        assertTrue(third.out().contains("ris-seed1        continuing from its checkpoint after epoch 1 of 1"), third.out());
        assertEquals(lostMetrics, Json.parseObject(lost).getAsJsonObject("metrics"));

        // a different protocol in the same directory is refused, finished results untouched
        Map<Path, String> kept = snapshot(runsDir);
        CliRunner.Result changed = CliRunner.run(args(data, out, "--temperature", "0.5"));
        CliRunner.assertUserError(changed, "different protocol");
        assertEquals(1, changed.err().lines().count(), changed.err());
        assertTrue(changed.err().contains("temperature 0.1 there, 0.5 now"), changed.err());
        assertEquals(kept, snapshot(runsDir));
    }

    @Test
    void badRowsIsOneLineAndExitTwo() {
        CliRunner.Result r = CliRunner.run("table1", "--data", "cifar10:" + tmp.resolve("none"), "--rows", "mfvi,nuts",
                "--out", tmp.resolve("o").toString());
        CliRunner.assertUserError(r, "--rows: unknown row 'nuts'");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(!Files.exists(tmp.resolve("o")), "nothing written for a bad --rows");
    }
}
