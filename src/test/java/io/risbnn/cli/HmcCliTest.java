package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.report.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --method hmc} and {@code eval} through the CLI; a mini-batch and bad HMC options refused in one line. */
class HmcCliTest {
    @TempDir
    Path tmp;

    @Test
    void trainsAndEvaluates() throws Exception {
        Path run = tmp.resolve("hmc");
        CliRunner.Result r = CliRunner.run("train", "--method", "hmc", "--epochs", "6", "--batch-size", "2000",
                "--hmc-step-size", "0.002", "--hmc-leapfrog-steps", "5", "--hmc-burn-in", "2", "--hmc-chains", "1",
                "--out", run.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        JsonObject m = Json.parseObject(run.resolve("summary.json")).getAsJsonObject("metrics");
        assertTrue(m.has("rmse_sampled") && m.has("hmc_acceptance") && m.get("hmc_samples").getAsDouble() == 4, m.toString());
        CliRunner.Result e = CliRunner.run("eval", "--run", run.toString(), "--samples", "4");
        assertEquals(0, e.code(), e.err());
        assertTrue(Json.parseObject(run.resolve("eval.json")).toString().contains("rmse_sampled"));
    }

    @Test
    void refusesMiniBatchesAndBadOptions() {
        CliRunner.Result r = CliRunner.run("train", "--method", "hmc", "--epochs", "4", "--batch-size", "64",
                "--out", tmp.resolve("a").toString(), "--no-progress");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--batch-size 64: HMC is full-batch"), r.err());
        CliRunner.Result t = CliRunner.run("train", "--method", "hmc", "--hmc-thin", "0", "--out", tmp.resolve("b").toString(),
                "--no-progress");
        assertNotEquals(0, t.code());
        assertTrue(t.err().contains("--hmc-thin 0"), t.err());
    }
}
