package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train writes metrics, summary and a checkpoint; eval and variance read the checkpoint back. */
class TrainEvalTest {
    @TempDir
    Path tmp;

    @Test
    void trainThenEvalThenVariance() throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--estimator", "ris", "--epochs", "3", "--samples", "4",
                "--eval-samples", "10", "--out", run.toString(), "--no-progress", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(3, lines.size());
        JsonObject first = com.google.gson.JsonParser.parseString(lines.get(0)).getAsJsonObject();
        for (String key : List.of("epoch", "loss", "nll", "kl", "kl_term", "lr", "seconds", "rmse", "test_ll")) {
            assertTrue(first.has(key), "metrics.jsonl lacks " + key + ": " + lines.get(0));
        }
        JsonObject summary = Json.parseObject(run.resolve("summary.json"));
        double trainedMoment = summary.getAsJsonObject("metrics").get("rmse_moment").getAsDouble();
        assertTrue(Files.size(run.resolve("model").resolve("checkpoint.risbnn")) > 1000);

        CliRunner.Result e = CliRunner.run("eval", "--run", run.toString(), "--samples", "10");
        assertEquals(0, e.code(), e.err());
        JsonObject eval = Json.parseObject(run.resolve("eval.json"));
        // first-moment prediction has no randomness: the restored model must reproduce it exactly
        assertEquals(trainedMoment, eval.getAsJsonObject("metrics").get("rmse_moment").getAsDouble(), 1e-9);

        Path var = tmp.resolve("var");
        CliRunner.Result v = CliRunner.run("variance", "--run", run.toString(), "--repeats", "6", "--samples", "4",
                "--out", var.toString());
        assertEquals(0, v.code(), v.err());
        JsonObject variance = Json.parseObject(var.resolve("variance.json"));
        // the run trained ris under its default objective, mean-var, which mc-shared does not serve
        assertEquals("mean-var", variance.get("objective").getAsString());
        assertEquals(3, variance.getAsJsonArray("results").size());
        JsonObject lrt = variance.getAsJsonArray("results").get(0).getAsJsonObject();
        assertEquals(1.0, lrt.getAsJsonObject("ratio_to_lrt").get("loss").getAsDouble(), 1e-12);
        assertTrue(v.out().contains("mc-shared skipped") && v.out().contains("Ratio to lrt"), v.out());
    }
}
