package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --method vogn} with its options, then {@code eval}; bad options are one-line errors before any output. */
class VognCliTest {
    @TempDir
    Path tmp;

    @Test
    void regressionTrainsAndEvaluates() throws Exception {
        Path run = tmp.resolve("vogn");
        CliRunner.Result r = CliRunner.run("train", "--method", "vogn", "--vogn-momentum", "0.8", "--vogn-damping", "0.01",
                "--vogn-kl-weight", "0.5", "--samples", "2", "--epochs", "2", "--out", run.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        JsonObject summary = Json.parseObject(run.resolve("summary.json"));
        assertEquals("vogn", summary.get("estimator").getAsString());
        JsonObject m = summary.getAsJsonObject("metrics");
        assertTrue(m.has("rmse_sampled") && m.get("rmse").getAsDouble() < 30, m.toString());
        assertTrue(Files.readString(run.resolve("summary.json")).contains("\"klWeight\": 0.5"), "options saved with the run");

        CliRunner.Result e = CliRunner.run("eval", "--run", run.toString(), "--samples", "4");
        assertEquals(0, e.code(), e.err());
        assertTrue(Json.parseObject(run.resolve("eval.json")).toString().contains("rmse_sampled"));
    }

    @Test
    void badOptionsAreOneLineErrors() {
        String out = tmp.resolve("never").toString();
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--vogn-momentum", "1", "--out", out),
                "--vogn-momentum 1");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--vogn-damping", "-1", "--out", out),
                "--vogn-damping -1");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--vogn-data-scale", "0", "--out", out),
                "--vogn-data-scale 0");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--prior", "mixture:0.5,1,0.1", "--out", out),
                "needs a Gaussian prior");
        CliRunner.assertUserError(CliRunner.run("train", "--method", "vogn", "--objective", "moment", "--out", out),
                "--objective: not used by --method vogn");
        assertTrue(Files.notExists(Path.of(out)));
    }
}
