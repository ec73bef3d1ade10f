package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MAP training through train, eval, predict and compare, beside VI. */
class MapMethodTest {
    @TempDir
    Path tmp;

    @Test
    void mapTrainsEvaluatesPredictsAndResumesAsAPointMass() throws Exception {
        Path run = tmp.resolve("map");
        CliRunner.Result r = CliRunner.run("train", "--method", "map", "--epochs", "10", "--prior", "gaussian:1.0",
                "--out", run.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        JsonObject summary = Json.parseObject(run.resolve("summary.json"));
        assertEquals("map", summary.get("estimator").getAsString());
        assertEquals("log-posterior", summary.get("objective").getAsString());
        JsonObject m = summary.getAsJsonObject("metrics");
        // a point mass: every network sampled from it is the MAP network, and so is its first moment
        assertEquals(m.get("rmse_moment").getAsDouble(), m.get("rmse_sampled").getAsDouble(), 1e-4);
        assertEquals(m.get("test_ll_moment").getAsDouble(), m.get("test_ll_sampled").getAsDouble(), 1e-4);
        assertTrue(m.get("rmse").getAsDouble() < 10, "MAP learns concrete in 10 epochs (predicting the mean: 16.7): " + m);

        Path input = tmp.resolve("rows.csv");
        Files.writeString(input, "cement,slag,fly_ash,water,superplasticizer,coarse_aggregate,fine_aggregate,age\n"
                + "300,0,0,180,5,1000,800,28\n");
        CliRunner.Result p = CliRunner.run("predict", "--run", run.toString(), "--input", input.toString(), "--samples", "5");
        assertEquals(0, p.code(), p.err());
        String[] row = p.out().lines().skip(1).findFirst().orElseThrow().split(",");
        assertEquals(0.0, Double.parseDouble(row[2]), 1e-6, "epistemic std of a point mass: " + p.out());

        String before = Files.readString(run.resolve("metrics.jsonl"));
        CliRunner.Result again = CliRunner.run("train", "--resume", run.toString(), "--no-progress");
        assertEquals(0, again.code(), again.err());
        assertEquals(before, Files.readString(run.resolve("metrics.jsonl")));
    }

    @Test
    void compareListsMapBesideEstimators() throws Exception {
        Path out = tmp.resolve("cmp");
        CliRunner.Result r = CliRunner.run("compare", "--methods", "mc-shared,map", "--seeds", "2", "--epochs", "2",
                "--samples", "2", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"estimator\": \"map\"") && summary.contains("\"estimator\": \"mc-shared\""), summary);
        assertTrue(Files.exists(out.resolve("runs").resolve("map-seed0.jsonl")));
        assertTrue(r.out().contains("map vs mc-shared"), r.out());
    }

    @Test
    void optionsThatMapDoesNotUseAreRefused() {
        String out = tmp.resolve("never").toString();
        CliRunner.assertUserError(CliRunner.run("train", "--method", "nuts", "--out", out), "--method nuts");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "map", "--estimator", "lrt", "--out", out), "--estimator");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "map", "--objective", "moment", "--out", out), "--objective");
        CliRunner.assertUserError(CliRunner.run("compare", "--method", "map", "--out", out), "--methods");
        assertTrue(Files.notExists(Path.of(out)));
    }
}
