package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.risbnn.report.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short compare on the shipped real data set writes a valid summary.json (with the paired tests and the
 * per-seed metrics), summary.md and trace.png, and resumes after an interruption with the same summary.
 */
class CompareEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void shortCompareWritesAllThreeOutputs() throws Exception {
        Path out = tmp.resolve("cmp");
        CliRunner.Result r = CliRunner.run("compare", "--out", out.toString(), "--seeds", "2", "--epochs", "2",
                "--eval-samples", "20", "--samples", "4", "--no-progress");
        assertEquals(0, r.code(), r.err());

        JsonObject summary = Json.parseObject(out.resolve("summary.json"));
        assertEquals("mc-shared", summary.get("baseline").getAsString(), "the first estimator by default");
        JsonArray results = summary.getAsJsonArray("results");
        Set<String> estimators = new HashSet<>();
        for (var e : results) {
            JsonObject row = e.getAsJsonObject();
            String estimator = row.get("estimator").getAsString();
            estimators.add(estimator);
            assertEquals(io.risbnn.objective.Objectives.defaultFor(estimator).cliName(), row.get("objective").getAsString());
            assertEquals(2, row.get("runs").getAsInt());
            JsonObject rmse = row.getAsJsonObject("metrics").getAsJsonObject("rmse");
            double mean = rmse.get("mean").getAsDouble();
            // concrete strength has std ≈ 16.7 MPa; two epochs already beat predicting the mean
            assertTrue(mean > 1 && mean < 16, "rmse " + mean);
            assertTrue(rmse.get("se").getAsDouble() >= 0);
            assertTrue(row.getAsJsonObject("seconds").get("mean").getAsDouble() > 0);

            JsonArray perSeed = row.getAsJsonArray("per_seed");
            assertEquals(2, perSeed.size());
            double[] rmses = new double[2];
            for (int k = 0; k < 2; k++) {
                JsonObject seed = perSeed.get(k).getAsJsonObject();
                assertEquals(k, seed.get("seed").getAsLong());
                assertEquals(k, seed.get("split").getAsInt());
                rmses[k] = seed.getAsJsonObject("metrics").get("rmse").getAsDouble();
                assertEquals(seed.getAsJsonObject("metrics"), finalLine(out.resolve("runs/" + estimator + "-seed" + k + ".jsonl"))
                        .getAsJsonObject("metrics"), "the run log ends with the run's test metrics");
            }
            assertEquals((rmses[0] + rmses[1]) / 2, mean, 1e-12);

            if (estimator.equals("mc-shared")) {
                assertFalse(row.has("paired"));
                continue;
            }
            JsonObject paired = row.getAsJsonObject("paired");
            assertEquals("mc-shared", paired.get("baseline").getAsString());
            JsonObject diff = paired.getAsJsonObject("metrics").getAsJsonObject("rmse");
            double[] base = perSeedMetric(results.get(0).getAsJsonObject(), "rmse");
            assertEquals((rmses[0] - base[0] + rmses[1] - base[1]) / 2, diff.get("diff_mean").getAsDouble(), 1e-9);
            assertEquals(Math.abs(rmses[0] - base[0] - (rmses[1] - base[1])) / 2, diff.get("diff_se").getAsDouble(), 1e-9);
            assertEquals(1, diff.get("df").getAsInt());
            assertTrue(Set.of("better", "worse", "no significant difference").contains(diff.get("verdict").getAsString()), diff.toString());
            assertTrue(r.out().contains(estimator + " vs mc-shared: rmse "), r.out());
        }
        assertEquals(Set.of("mc-shared", "lrt", "analytic", "ris"), estimators);

        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| estimator") && md.contains("| ris"), md);
        assertTrue(md.contains("## Paired differences against mc-shared"), md);
        assertFalse(md.lines().findFirst().orElse("").isEmpty());

        BufferedImage png = ImageIO.read(out.resolve("trace.png").toFile());
        assertEquals(800, png.getWidth());
        assertEquals(800, ImageIO.read(out.resolve("trace-nll.png").toFile()).getWidth());
    }

    /** Small fast settings; 2 epochs and estimators mc-shared,ris unless {@code more} says otherwise. */
    private static CliRunner.Result compare(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("compare", "--out", out.toString(), "--hidden", "8",
                "--eval-samples", "10", "--samples", "3", "--no-progress"));
        List<String> given = List.of(more);
        if (!given.contains("--epochs")) {
            args.addAll(List.of("--epochs", "2"));
        }
        if (!given.contains("--estimators")) {
            args.addAll(List.of("--estimators", "mc-shared,ris"));
        }
        args.addAll(given);
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void interruptedCompareResumesToTheSameSummary() throws Exception {
        Path out = tmp.resolve("cmp");
        CliRunner.Result first = compare(out, "--seeds", "2");
        assertEquals(0, first.code(), first.err());
        JsonObject reference = Json.parseObject(out.resolve("summary.json"));
        List<String> referenceLog = Files.readAllLines(out.resolve("runs/ris-seed1.jsonl"));
        assertEquals(3, referenceLog.size(), "two epochs and the final line");

        // killed during the last run: its record is missing and its log partial; the summary was not written
        Files.delete(out.resolve("runs/ris-seed1.json"));
        Files.writeString(out.resolve("runs/ris-seed1.jsonl"), referenceLog.get(0) + "\n{\"epoch\":2,\"lo");
        Files.delete(out.resolve("summary.json"));
        CliRunner.Result resumed = compare(out, "--seeds", "2");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(3, resumed.out().lines().filter(l -> l.contains("(finished before, kept)")).count(), resumed.out());
        assertEquals(withoutTiming(reference), withoutTiming(Json.parseObject(out.resolve("summary.json"))));
        List<String> log = Files.readAllLines(out.resolve("runs/ris-seed1.jsonl"));
        assertEquals(referenceLog.size(), log.size(), "the partial log was redone from scratch");
        for (int i = 0; i < log.size(); i++) {
            assertEquals(withoutTiming(JsonParser.parseString(referenceLog.get(i))), withoutTiming(JsonParser.parseString(log.get(i))));
        }

        // running only part (one seed), then the whole: the missing seed is added, with the same summary
        Path part = tmp.resolve("part");
        assertEquals(0, compare(part, "--seeds", "1").code());
        CliRunner.Result rest = compare(part, "--seeds", "2");
        assertEquals(0, rest.code(), rest.err());
        assertEquals(2, rest.out().lines().filter(l -> l.contains("(finished before, kept)")).count(), rest.out());
        assertEquals(withoutTiming(reference), withoutTiming(Json.parseObject(part.resolve("summary.json"))));

        // another baseline only recomputes the report
        CliRunner.Result other = compare(out, "--seeds", "2", "--baseline", "ris");
        assertEquals(0, other.code(), other.err());
        assertTrue(other.out().contains("mc-shared vs ris: rmse "), other.out());
        JsonObject swapped = Json.parseObject(out.resolve("summary.json"));
        double there = reference.getAsJsonArray("results").get(1).getAsJsonObject().getAsJsonObject("paired")
                .getAsJsonObject("metrics").getAsJsonObject("rmse").get("diff_mean").getAsDouble();
        double here = swapped.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonObject("paired")
                .getAsJsonObject("metrics").getAsJsonObject("rmse").get("diff_mean").getAsDouble();
        assertEquals(-there, here, 1e-12);
    }

    @Test
    void changedConfigurationIsRefused() throws Exception {
        Path out = tmp.resolve("cmp");
        assertEquals(0, compare(out, "--seeds", "1", "--epochs", "1").code());
        String summary = Files.readString(out.resolve("summary.json"));
        CliRunner.Result r = compare(out, "--seeds", "1", "--epochs", "3");
        CliRunner.assertUserError(r, "--overwrite");
        assertTrue(r.err().contains("epochs 1 there, 3 now"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        CliRunner.assertUserError(compare(out, "--seeds", "1", "--epochs", "1", "--estimators", "mc-shared,lrt"), "estimators");
        assertEquals(summary, Files.readString(out.resolve("summary.json")), "refused reruns leave the results alone");
        assertEquals(0, compare(out, "--seeds", "1", "--epochs", "1", "--estimators", "lrt", "--overwrite").code());
        assertEquals("lrt", Json.parseObject(out.resolve("summary.json")).get("baseline").getAsString());
    }

    @Test
    void badBaselineOrLevelIsRefused() {
        CliRunner.assertUserError(compare(tmp.resolve("a"), "--baseline", "lrt"), "--baseline lrt");
        CliRunner.assertUserError(compare(tmp.resolve("b"), "--alpha", "1.5"), "--alpha 1.5");
        CliRunner.assertUserError(compare(tmp.resolve("c"), "--estimators", "ris,ris"), "--estimators");
        assertFalse(Files.exists(tmp.resolve("a")), "nothing written before the options are checked");
    }

    private static JsonObject finalLine(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        JsonObject last = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        assertTrue(last.get("final").getAsBoolean(), last.toString());
        return last;
    }

    private static double[] perSeedMetric(JsonObject result, String metric) {
        JsonArray perSeed = result.getAsJsonArray("per_seed");
        double[] out = new double[perSeed.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = perSeed.get(k).getAsJsonObject().getAsJsonObject("metrics").get(metric).getAsDouble();
        }
        return out;
    }

    /** A copy without the wall-clock fields (seconds, seconds_per_epoch, and the paired test of the seconds). */
    private static JsonElement withoutTiming(JsonElement element) {
        JsonElement copy = element.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonElement e) {
        if (e.isJsonObject()) {
            e.getAsJsonObject().remove("seconds");
            e.getAsJsonObject().remove("seconds_per_epoch");
            e.getAsJsonObject().entrySet().forEach(entry -> strip(entry.getValue()));
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(CompareEndToEndTest::strip);
        }
    }
}
