package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.risbnn.data.image.ImageDataSpec;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
import io.risbnn.eval.SampledNetworks;
import io.risbnn.experiment.ImageRunTesting;
import io.risbnn.experiment.ModelFiles;
import io.risbnn.report.Json;
import io.risbnn.report.Stats;
import io.risbnn.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sample-models on a tiny trained image run: files, figures, reproducibility and errors. */
class SampleModelsCommandTest {
    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static Path run;

    @BeforeAll
    static void trainTinyRun() {
        Path images = ImageRunTesting.twoClassFolder(shared.resolve("images"), 20, 15, 5);
        run = shared.resolve("run");
        // ρ0 = -1 (s ≈ 0.31): after one epoch the sampled networks still differ visibly
        CliRunner.Result r = CliRunner.run("train", "--data", "imagefolder:" + images, "--model", "mlp-image",
                "--hidden", "16", "--estimator", "lrt", "--objective", "elbo", "--rho0", "-1", "--subset", "30",
                "--epochs", "1", "--samples", "2", "--eval-samples", "2", "--epoch-eval-samples", "2",
                "--seed", "3", "--out", run.toString(), "--no-progress", "--threads", "1");
        assertEquals(0, r.code(), r.err());
    }

    static void assertPng(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > PNG_SIGNATURE.length, file + " is too short");
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length), file + " is not a PNG");
    }

    private static double[] csvAccuracies(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("network,accuracy", lines.get(0));
        double[] acc = new double[lines.size() - 1];
        for (int k = 0; k < acc.length; k++) {
            String[] cells = lines.get(k + 1).split(",");
            assertEquals(String.valueOf(k), cells[0]);
            acc[k] = Double.parseDouble(cells[1]);
        }
        return acc;
    }

    @Test
    void writesHistogramSummaryAndAccuraciesThatAgreeWithADirectRun() throws Exception {
        Path out = tmp.resolve("a");
        CliRunner.Result r = CliRunner.run("sample-models", "--run", run.toString(), "--count", "45", "--out",
                out.toString(), "--threads", "1", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.out().contains("45 networks") && r.out().contains("posterior predictive accuracy"), r.out());
        assertPng(out.resolve("histogram.png"));

        double[] acc = csvAccuracies(out.resolve("accuracies.csv"));
        assertEquals(45, acc.length);
        JsonObject summary = Json.parseObject(out.resolve("summary.json"));
        assertEquals(45, summary.get("count").getAsInt());
        assertEquals(3, summary.get("seed").getAsLong(), "default seed: the run's");
        JsonObject stats = summary.getAsJsonObject("accuracy");
        assertEquals(Stats.mean(acc), stats.get("mean").getAsDouble(), 1e-12);
        assertEquals(Stats.std(acc), stats.get("std").getAsDouble(), 1e-12);
        assertEquals(Arrays.stream(acc).min().getAsDouble(), stats.get("min").getAsDouble());
        assertEquals(Arrays.stream(acc).max().getAsDouble(), stats.get("max").getAsDouble());
        double[] sorted = acc.clone();
        Arrays.sort(sorted);
        assertEquals(sorted[22], stats.get("median").getAsDouble());
        assertTrue(Arrays.stream(acc).distinct().count() > 1, "networks should differ: " + Arrays.toString(acc));

        // the moment predictive is deterministic: it equals the one train reported for the same checkpoint
        JsonObject trained = Json.parseObject(run.resolve("summary.json")).getAsJsonObject("metrics");
        assertEquals(trained.get("accuracy_moment").getAsDouble(),
                summary.getAsJsonObject("moment").get("accuracy").getAsDouble(), 1e-12);

        // the same networks computed directly on the restored model, in other chunks of rows
        try (NDManager root = NDManager.newBaseManager()) {
            var restored = ModelFiles.loadClassification(run.resolve("model").resolve(Checkpoint.FILE_NAME), root);
            try (var model = restored.model()) {
                ImageSet images = ImageDataSpec.parse(restored.setup().dataSpec()).load(false, Integer.MAX_VALUE);
                ImageExamples test = new ImageExamples(images, restored.setup().normalizer(), null, 0);
                SampledNetworks.Result direct = SampledNetworks.run(model, test, test.labels(), 45, 3,
                        SampledNetworks.DEFAULT_BLOCK_SIZE, SampledNetworks.DEFAULT_BLOCK_SIZE * 7, null);
                assertArrayEquals(direct.accuracy(), acc);
                JsonObject predictive = summary.getAsJsonObject("predictive");
                assertEquals(direct.predictiveAccuracy(), predictive.get("accuracy").getAsDouble(), 1e-12);
                assertEquals(direct.predictiveNll(), predictive.get("nll").getAsDouble(), 1e-6);
            }
        }
    }

    @Test
    void sameSeedSameNetworksOtherSeedOthers() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        for (String[] args : new String[][] {{a.toString(), "9"}, {b.toString(), "9"}, {c.toString(), "10"}}) {
            CliRunner.Result r = CliRunner.run("sample-models", "--run", run.toString(), "--count", "40", "--seed", args[1],
                    "--out", args[0], "--threads", "1", "--no-progress");
            assertEquals(0, r.code(), r.err());
        }
        assertEquals(Files.readString(a.resolve("accuracies.csv")), Files.readString(b.resolve("accuracies.csv")));
        assertEquals(Json.parseObject(a.resolve("summary.json")).getAsJsonObject("predictive"),
                Json.parseObject(b.resolve("summary.json")).getAsJsonObject("predictive"));
        assertFalse(Arrays.equals(csvAccuracies(a.resolve("accuracies.csv")), csvAccuracies(c.resolve("accuracies.csv"))));
    }

    @Test
    void limitKeepsEvenlySpacedTestImages() throws Exception {
        Path out = tmp.resolve("limited");
        CliRunner.Result r = CliRunner.run("sample-models", "--run", run.toString(), "--count", "4", "--limit", "7",
                "--out", out.toString(), "--threads", "1", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(7, Json.parseObject(out.resolve("summary.json")).get("test_examples").getAsInt());
        for (double a : csvAccuracies(out.resolve("accuracies.csv"))) {
            double correct = a * 7;
            assertEquals(Math.round(correct), correct, 1e-9, "accuracy over 7 images: " + a);
        }
        CliRunner.assertUserError(CliRunner.run("sample-models", "--run", run.toString(), "--limit", "-1"), "--limit -1");
    }

    @Test
    void defaultOutputIsInsideTheRun() throws Exception {
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy.resolve("model"));
        Files.copy(run.resolve("model").resolve(Checkpoint.FILE_NAME), copy.resolve("model").resolve(Checkpoint.FILE_NAME));
        CliRunner.Result r = CliRunner.run("sample-models", "--run", copy.toString(), "--count", "3", "--threads", "1",
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertPng(copy.resolve("sample-models").resolve("histogram.png"));
        assertEquals(3, csvAccuracies(copy.resolve("sample-models").resolve("accuracies.csv")).length);
    }

    @Test
    void badRunsGiveOneLineErrors() throws Exception {
        CliRunner.assertUserError(CliRunner.run("sample-models", "--run", tmp.resolve("none").toString()), "none");
        Files.createDirectories(tmp.resolve("empty"));
        CliRunner.assertUserError(CliRunner.run("sample-models", "--run", tmp.resolve("empty").toString()), "no checkpoint");
        CliRunner.assertUserError(CliRunner.run("sample-models", "--run", run.toString(), "--count", "0"), "--count 0");
        CliRunner.assertUserError(CliRunner.run("sample-models"), "--run");

        Path regression = tmp.resolve("regression");
        CliRunner.Result r = CliRunner.run("train", "--epochs", "1", "--hidden", "4", "--samples", "1", "--eval-samples", "2",
                "--out", regression.toString(), "--no-progress", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        CliRunner.assertUserError(CliRunner.run("sample-models", "--run", regression.toString()), "regression run");
    }
}
