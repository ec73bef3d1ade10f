package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.risbnn.data.image.ImageDataSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Fashion-MNIST (Debian's dataset-fashion-mnist, installed by scripts/install-test-deps.sh):
 * one small epoch of a Bayesian LeNet learns far beyond chance on the 10,000 test images.
 */
class FashionMnistEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void oneSmallEpochOfLeNetLearnsFarAboveChance() throws Exception {
        assertTrue(Files.isDirectory(ImageDataSpec.SYSTEM_FASHION_MNIST),
                ImageDataSpec.SYSTEM_FASHION_MNIST + " missing: run scripts/install-test-deps.sh (the README's test command does)");
        Path run = tmp.resolve("lrt");
        CliRunner.Result r = CliRunner.run("train", "--data", "fashion-mnist", "--model", "lenet", "--subset", "3000",
                "--epochs", "1", "--batch-size", "50", "--estimator", "lrt", "--objective", "elbo", "--samples", "1",
                "--lr", "0.005", "--eval-samples", "4", "--epoch-eval-samples", "2", "--seed", "1",
                "--out", run.toString(), "--no-progress", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(1, lines.size());
        JsonObject summary = JsonParser.parseString(Files.readString(run.resolve("summary.json"))).getAsJsonObject();
        JsonObject metrics = summary.getAsJsonObject("metrics");
        // 10 balanced classes: chance is 0.10 with a standard error of 0.003 on 10,000 test images;
        // a LeNet after 60 steps is typically near 0.7
        double accuracy = metrics.get("accuracy").getAsDouble();
        assertTrue(accuracy > 0.5, "test accuracy after one epoch of 3000 images: " + accuracy);
        assertTrue(metrics.get("accuracy_moment").getAsDouble() > 0.5, metrics.toString());
        assertTrue(metrics.get("test_nll").getAsDouble() < Math.log(10), metrics.toString());
    }
}
