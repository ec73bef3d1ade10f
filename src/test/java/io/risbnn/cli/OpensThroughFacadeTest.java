package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.risbnn.api.Posterior;
import io.risbnn.data.RegressionData;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.TrainTestSplit;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
import io.risbnn.data.image.ImageTestFiles;
import io.risbnn.eval.ClassificationEvaluation;
import io.risbnn.eval.Predictive;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.ClassificationSetup;
import io.risbnn.experiment.ModelFiles;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.RegressionSetup;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.report.Json;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.Seeds;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code risbnn eval} opens its run through the library facade ({@link Posterior#load}): the metrics it writes are
 * exactly those the library computes from the loaded posterior with the same seed, and those of the checkpoint
 * restored directly ({@link ModelFiles}), so a load that drops method state (SWAG's moments), the noise or the
 * standardisation shows. SWAG runs, so the method has state to keep; its iterates are collected several times, so the
 * sampled networks differ and the metrics depend on the networks' seed (one iterate would give one network).
 */
class OpensThroughFacadeTest {
    private static final long SEED = 7;
    private static final int SAMPLES = 5;

    @TempDir
    static Path shared;

    private static Path tableRun;
    private static Path imageRun;

    @BeforeAll
    static void trainTinyRuns() {
        tableRun = shared.resolve("table");
        CliRunner.Result r = CliRunner.run("train", "--data", "concrete", "--method", "swag", "--swag-collect-every", "2",
                "--epochs", "2", "--hidden", "8", "--batch-size", "128", "--eval-samples", "2", "--seed", "3",
                "--out", tableRun.toString(), "--no-progress", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        imageRun = shared.resolve("image");
        r = CliRunner.run("train", "--data", "mnist:" + tenClassImages(shared.resolve("mnist")), "--model", "mlp-image",
                "--hidden", "8",
                "--method", "swag", "--swag-collect-every", "1", "--epochs", "2", "--batch-size", "8", "--eval-samples", "2",
                "--epoch-eval-samples", "0", "--seed", "4", "--out", imageRun.toString(), "--no-progress", "--threads", "1");
        assertEquals(0, r.code(), r.err());
    }

    /** 40 training and 30 test images of MNIST's format whose labels do not follow the pixels: no network is sure. */
    private static Path tenClassImages(Path dir) {
        int[] train = new int[40];
        int[] test = new int[30];
        for (int i = 0; i < train.length; i++) {
            train[i] = i % 10;
        }
        for (int i = 0; i < test.length; i++) {
            test[i] = (3 * i) % 10;
        }
        ImageTestFiles.write(dir.resolve("train-images-idx3-ubyte"), ImageTestFiles.idxImages(train.length, 28, 28));
        ImageTestFiles.write(dir.resolve("train-labels-idx1-ubyte"), ImageTestFiles.idxLabels(train));
        ImageTestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), ImageTestFiles.idxImages(test.length, 28, 28));
        ImageTestFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), ImageTestFiles.idxLabels(test));
        return dir;
    }

    @Test
    void regressionEvalEqualsTheLibraryAndTheCheckpoint() {
        Map<String, Double> cli = evalMetrics(tableRun);
        Map<String, Double> library = facadeRegression(SEED);
        Map<String, Double> direct;
        Seeds.seedEngine(SEED);
        try (NDManager root = NDManager.newBaseManager()) {
            var restored = ModelFiles.load(Posterior.runCheckpoint(tableRun), root);
            direct = regression(restored.setup(), RegressionRun.posterior(restored), restored.model());
        }
        assertSame(direct, library);
        assertSame(library, cli);
        // the comparison can tell seeds apart: other networks give other sampled metrics
        assertNotEquals(library.get("test_ll_sampled"), facadeRegression(SEED + 1).get("test_ll_sampled"));
    }

    @Test
    void imageEvalEqualsTheLibraryAndTheCheckpoint() {
        Map<String, Double> cli = evalMetrics(imageRun);
        Map<String, Double> library = facadeClassification(SEED);
        Map<String, Double> direct;
        Seeds.seedEngine(SEED);
        try (NDManager root = NDManager.newBaseManager()) {
            var restored = ModelFiles.loadClassification(Posterior.runCheckpoint(imageRun), root);
            direct = classification(restored.setup(), ClassificationRun.posterior(restored), restored.model());
        }
        assertSame(direct, library);
        assertSame(library, cli);
        assertNotEquals(library.get("nll_sampled"), facadeClassification(SEED + 1).get("nll_sampled"));
    }

    /** The library alone: the run loaded through the facade, seeded as eval seeds it (before the load). */
    private static Map<String, Double> facadeRegression(long seed) {
        Seeds.seedEngine(seed);
        try (Posterior posterior = Posterior.load(tableRun)) {
            assertNotNull(posterior.runSetup());
            return regression(posterior.runSetup(), posterior.outputs(), posterior.model());
        }
    }

    private static Map<String, Double> facadeClassification(long seed) {
        Seeds.seedEngine(seed);
        try (Posterior posterior = Posterior.load(imageRun)) {
            assertNotNull(posterior.imageRunSetup());
            return classification(posterior.imageRunSetup(), posterior.outputs(), posterior.model());
        }
    }

    private Map<String, Double> evalMetrics(Path run) {
        Path out = run.resolve("eval-" + SEED + ".json");
        CliRunner.Result r = CliRunner.run("eval", "--run", run.toString(), "--samples", "" + SAMPLES, "--seed", "" + SEED,
                "--out", out.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonObject metrics = Json.parseObject(out).getAsJsonObject("metrics");
        Map<String, Double> m = new LinkedHashMap<>();
        metrics.keySet().forEach(k -> m.put(k, metrics.get(k).getAsDouble()));
        return m;
    }

    /** The test-split metrics, as eval defines them: the networks' seed drawn from the engine after the load. */
    private static Map<String, Double> regression(RegressionSetup setup, PosteriorOutputs outputs, BayesianModel model) {
        RegressionSource source = setup.openSource();
        TrainTestSplit split = source.split(setup.split(), RegressionRun.SPLIT_SEED);
        RegressionData test = source.data().subset(split.test());
        DenseExamples examples = new DenseExamples(setup.features().transform(test.features()),
                setup.targets().transform(test.targets()));
        return RegressionEvaluation.evaluate(outputs, examples, test.targets(), setup.targets(), SAMPLES,
                Predictive.drawSeed(model.manager()));
    }

    private static Map<String, Double> classification(ClassificationSetup setup, PosteriorOutputs outputs,
                                                      BayesianModel model) {
        ImageSet images = ClassificationRun.testImages(setup);
        ImageExamples test = new ImageExamples(images, setup.normalizer(), null, setup.subsetSeed());
        return ClassificationEvaluation.evaluate(outputs, test, test.labels(), SAMPLES, Predictive.drawSeed(model.manager()),
                null);
    }

    /** Same keys, and every value equal exactly. */
    private static void assertSame(Map<String, Double> expected, Map<String, Double> actual) {
        assertTrue(expected.size() > 2, "too few metrics: " + expected);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertEquals(v, actual.get(k), 0.0, k));
    }
}
