package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.risbnn.experiment.ImageRunTesting;
import io.risbnn.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --epoch-eval-samples}: 0 turns the per-epoch evaluation of image runs off, the final one stays. */
class EpochEvaluationOptionTest {
    @TempDir
    Path tmp;

    private CliRunner.Result train(Path images, String epochEvalSamples, Path out) {
        return CliRunner.run("train", "--data", "imagefolder:" + images, "--model", "mlp-image", "--hidden", "8",
                "--estimator", "lrt", "--objective", "elbo", "--epochs", "2", "--samples", "2", "--eval-samples", "2",
                "--epoch-eval-samples", epochEvalSamples, "--seed", "3", "--out", out.toString(), "--no-progress",
                "--threads", "1");
    }

    @Test
    void zeroSkipsTheEpochEvaluationButNotTheFinalOne() throws Exception {
        Path images = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 10, 5, 5);
        Path off = tmp.resolve("off");
        CliRunner.Result r = train(images, "0", off);
        assertEquals(0, r.code(), r.err());
        List<String> epochs = Files.readAllLines(off.resolve("metrics.jsonl"));
        assertEquals(2, epochs.size());
        for (String line : epochs) {
            assertFalse(com.google.gson.JsonParser.parseString(line).getAsJsonObject().has("accuracy"), line);
        }
        JsonObject summary = Json.parseObject(off.resolve("summary.json"));
        assertTrue(summary.getAsJsonObject("metrics").has("accuracy"), summary.toString());

        Path on = tmp.resolve("on");
        assertEquals(0, train(images, "1", on).code());
        assertTrue(com.google.gson.JsonParser.parseString(Files.readAllLines(on.resolve("metrics.jsonl")).get(0))
                .getAsJsonObject().has("accuracy"));
    }

    @Test
    void negativeIsRefusedNamingTheOption() {
        CliRunner.Result r = train(tmp.resolve("none"), "-1", tmp.resolve("out"));
        CliRunner.assertUserError(r, "--epoch-eval-samples");
    }
}
