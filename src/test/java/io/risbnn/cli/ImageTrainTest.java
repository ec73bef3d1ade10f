package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.risbnn.experiment.ImageRunTesting;
import io.risbnn.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Image classification through train, eval and compare. */
class ImageTrainTest {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static Path images;

    @BeforeAll
    static void makeImages() {
        images = ImageRunTesting.twoClassFolder(shared.resolve("images"), 50, 20, 7);
    }

    private static double accuracy(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        JsonObject last = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        return last.get("accuracy").getAsDouble();
    }

    @ParameterizedTest
    @CsvSource({"lrt,elbo", "ris,moment"})
    void learnsASeparableImageFolder(String estimator, String objective) throws Exception {
        Path run = tmp.resolve(estimator);
        CliRunner.Result r = CliRunner.run("train", "--data", "imagefolder:" + images, "--estimator", estimator,
                "--objective", objective, "--epochs", "4", "--samples", "2", "--eval-samples", "4", "--batch-size", "20",
                "--out", run.toString(), "--no-progress", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(4, lines.size());
        JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        for (String key : List.of("epoch", "loss", "nll", "kl", "accuracy", "test_nll", "ece", "brier", "entropy",
                "mutual_information", "accuracy_moment", "accuracy_sampled")) {
            assertTrue(first.has(key), "metrics.jsonl lacks " + key + ": " + lines.get(0));
        }
        double trainNll = first.get("nll").getAsDouble();
        assertTrue(trainNll > 0, "nll in metrics.jsonl is the training NLL: " + lines.get(0));
        double accuracy = accuracy(run);
        assertTrue(accuracy >= 0.85, estimator + "/" + objective + ": test accuracy " + accuracy);

        JsonObject summary = Json.parseObject(run.resolve("summary.json"));
        double moment = summary.getAsJsonObject("metrics").get("accuracy_moment").getAsDouble();
        CliRunner.Result e = CliRunner.run("eval", "--run", run.toString(), "--samples", "4");
        assertEquals(0, e.code(), e.err());
        JsonObject eval = Json.parseObject(run.resolve("eval.json"));
        assertEquals(moment, eval.getAsJsonObject("metrics").get("accuracy_moment").getAsDouble(), 1e-12);
    }

    @Test
    void resumeOfAFinishedImageRunKeepsItsMetrics() throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", "imagefolder:" + images, "--estimator", "analytic",
                "--epochs", "2", "--subset", "40", "--augment", "--eval-samples", "2", "--out", run.toString(),
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        String before = Files.readString(run.resolve("metrics.jsonl"));
        CliRunner.Result again = CliRunner.run("train", "--resume", run.toString(), "--no-progress");
        assertEquals(0, again.code(), again.err());
        assertEquals(before, Files.readString(run.resolve("metrics.jsonl")));
    }

    @Test
    void compareTwoEstimatorsOnImages() throws Exception {
        Path out = tmp.resolve("cmp");
        CliRunner.Result r = CliRunner.run("compare", "--data", "imagefolder:" + images, "--estimators", "lrt,ris",
                "--epochs", "1", "--seeds", "1", "--samples", "2", "--eval-samples", "2", "--subset", "40",
                "--model", "mlp-image", "--hidden", "16", "--out", out.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        JsonObject summary = Json.parseObject(out.resolve("summary.json"));
        assertEquals(2, summary.getAsJsonArray("results").size());
        assertTrue(summary.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonObject("metrics").has("accuracy"));
    }

    @Test
    void realCifarJpegSubsetRuns() throws Exception {
        Path cifar = Path.of("/work/shared/data/cifar10-jpeg");
        assumeTrue(Files.isDirectory(cifar.resolve("train")), "no " + cifar);
        Path run = tmp.resolve("cifar");
        CliRunner.Result r = CliRunner.run("train", "--data", "imagefolder:" + cifar, "--subset", "200", "--epochs", "1",
                "--model", "lenet", "--estimator", "lrt", "--objective", "elbo", "--samples", "1", "--eval-samples", "1",
                "--out", run.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(1, lines.size());
        assertTrue(JsonParser.parseString(lines.get(0)).getAsJsonObject().has("accuracy"), lines.get(0));
    }

    private static void assertUserError(CliRunner.Result r, String mustMention) {
        CliRunner.assertUserError(r, mustMention);
    }

    @Test
    void badImageSpecsGiveOneLineErrors() {
        String out = tmp.resolve("x").toString();
        String folder = "imagefolder:" + images;
        assertUserError(CliRunner.run("train", "--data", "cifar10", "--out", out), "--data 'cifar10'");
        assertUserError(CliRunner.run("train", "--data", "imagefolder:", "--out", out), "--data");
        assertUserError(CliRunner.run("train", "--data", "imagefolder:" + tmp.resolve("none"), "--out", out), "none");
        assertUserError(CliRunner.run("train", "--data", folder, "--model", "vgg", "--out", out), "--model vgg");
        assertUserError(CliRunner.run("train", "--data", folder, "--subset", "0", "--out", out), "--subset 0");
        assertUserError(CliRunner.run("train", "--data", folder, "--subset", "many", "--out", out), "--subset");
        assertUserError(CliRunner.run("train", "--subset", "10", "--out", out), "--subset");
        assertUserError(CliRunner.run("train", "--augment", "--out", out), "--augment");
        assertUserError(CliRunner.run("train", "--data", folder, "--estimator", "ris", "--objective", "elbo", "--out", out),
                "--objective");
        if (!Files.isDirectory(io.risbnn.data.image.ImageDataSpec.SYSTEM_FASHION_MNIST)) {
            assertUserError(CliRunner.run("train", "--data", "fashion-mnist", "--out", out), "apt-get install -y dataset-fashion-mnist");
        }
    }
}
