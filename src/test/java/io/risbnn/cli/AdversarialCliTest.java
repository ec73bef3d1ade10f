package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --method adversarial} with its options, then {@code eval}; bad options are one-line errors. */
class AdversarialCliTest {
    @TempDir
    Path tmp;

    @Test
    void regressionTrainsAndEvaluates() throws Exception {
        Path run = tmp.resolve("as");
        CliRunner.Result r = CliRunner.run("train", "--method", "adversarial", "--as-lambda", "0.5", "--as-steps", "2",
                "--as-step-size", "0.05", "--epochs", "2", "--out", run.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        JsonObject summary = Json.parseObject(run.resolve("summary.json"));
        assertEquals("adversarial", summary.get("estimator").getAsString());
        JsonObject m = summary.getAsJsonObject("metrics");
        assertTrue(m.has("rmse_sampled") && m.get("rmse").getAsDouble() < 30, m.toString());
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"lambda\": 0.5"), "options saved with the run");

        CliRunner.Result e = CliRunner.run("eval", "--run", run.toString(), "--samples", "4");
        assertEquals(0, e.code(), e.err());
        assertTrue(Json.parseObject(run.resolve("eval.json")).toString().contains("rmse_sampled"));
    }

    @Test
    void badOptionsAreOneLineErrors() {
        String out = tmp.resolve("never").toString();
        CliRunner.assertUserError(CliRunner.run("train", "--method", "adversarial", "--as-lambda", "1.5", "--out", out),
                "--as-lambda 1.5");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "adversarial", "--as-steps", "-1", "--out", out),
                "--as-steps -1");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "adversarial", "--as-step-size", "-0.1", "--out", out),
                "--as-step-size -0.1");
        assertTrue(Files.notExists(Path.of(out)));
    }
}
