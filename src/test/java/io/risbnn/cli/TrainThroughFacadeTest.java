package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.risbnn.RisbnnException;
import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.Posterior;
import io.risbnn.data.DataSpec;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.ImageRunTesting;
import io.risbnn.predict.PredictOptions;
import io.risbnn.report.Json;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.NamedParameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code risbnn train} and the library facade given the same options (the facade through its own parameters,
 * not the CLI's configuration) train the same posterior: the same configuration, per-epoch and final metrics,
 * parameters and predictions.
 */
class TrainThroughFacadeTest {
    @TempDir
    Path tmp;

    @Test
    void regressionRunEqualsTheFacadeFit() throws Exception {
        Path dir = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", "concrete", "--split", "1", "--validation", "60",
                "--epochs", "2", "--samples", "3", "--hidden", "16", "--batch-size", "64", "--lr", "0.005",
                "--eval-samples", "8", "--seed", "7", "--no-progress", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        double[][] rows = Arrays.copyOf(DataSpec.parseRegression("concrete").data().features(), 30);
        try (Posterior fit = BayesianNetworks.regression().data("concrete", 1).validation(60).epochs(2).samples(3)
                     .hidden(16).batchSize(64).learningRate(0.005).evalSamples(8).seed(7).fit();
             Posterior trained = Posterior.load(dir)) {
            assertSameRun(dir, fit, trained);
            PredictOptions options = new PredictOptions(30, 2, 0.9);
            assertArrayEquals(trained.predict(rows, options).mean(), fit.predict(rows, options).mean());
            assertArrayEquals(trained.predict(rows, options).epistemicVariance(), fit.predict(rows, options).epistemicVariance());
        }
    }

    @Test
    void imageRunEqualsTheFacadeFit() throws Exception {
        Path folder = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 16, 6, 3);
        Path dir = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", "imagefolder:" + folder, "--model", "lenet", "--hidden", "8",
                "--subset", "24", "--estimator", "lrt", "--epochs", "2", "--batch-size", "8", "--samples", "2",
                "--eval-samples", "4", "--epoch-eval-samples", "0", "--seed", "5", "--no-progress", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        ClassificationRun.Data images = ClassificationRun.load("imagefolder:" + folder, 24);
        try (Posterior fit = BayesianNetworks.images(images).subset(24).architecture("lenet").hidden(8).estimator("lrt")
                     .epochs(2).batchSize(8).samples(2).evalSamples(4).epochEvalSamples(0).seed(5).fit();
             Posterior trained = Posterior.load(dir)) {
            assertSameRun(dir, fit, trained);
            assertTrue(fit.history().get(0).eval().isEmpty(), "epoch evaluation is off: " + fit.history().get(0).eval());
            assertTrue(fit.outcome().metrics().containsKey("accuracy"), fit.outcome().metrics().toString());
            PredictOptions options = new PredictOptions(6, 4, 0.9);
            assertTrue(Arrays.deepEquals(trained.predict(images.test(), options).probabilities(),
                    fit.predict(images.test(), options).probabilities()));
        }
    }

    @Test
    void heldOutRowsAreRefusedAsTheParameterOrTheOptionNamesThem() {
        RisbnnException facade = assertThrows(RisbnnException.class,
                () -> BayesianNetworks.regression().data("concrete", 0).validation(5000).fit().close());
        assertTrue(facade.getMessage().startsWith("validation 5000: "), facade.getMessage());
        assertFalse(facade.getMessage().contains("--"), facade.getMessage());
        CliRunner.assertUserError(CliRunner.run("train", "--validation", "5000", "--epochs", "1", "--no-progress",
                "--out", tmp.resolve("v").toString()), "--validation 5000: ");
    }

    /** Same configuration, epoch metrics, final metrics, step trace and parameters. */
    private static void assertSameRun(Path dir, Posterior fit, Posterior trained) throws Exception {
        JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
        assertEquals(summary.get("config"), tree(fit.config()));
        assertEquals(summary.get("metrics"), tree(fit.outcome().metrics()));
        List<String> lines = Files.readAllLines(dir.resolve("metrics.jsonl")).stream().map(TrainThroughFacadeTest::withoutSeconds).toList();
        assertEquals(lines, fit.history().stream().map(m -> withoutSeconds(Json.toJsonLine(m.asMap()))).toList());
        assertEquals(Files.readString(dir.resolve("trace.csv")), traceCsv(fit));
        List<NamedParameter> a = BnnTrainer.namedParametersOf(trained.model());
        List<NamedParameter> b = BnnTrainer.namedParametersOf(fit.model());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).array().toFloatArray(), b.get(i).array().toFloatArray(), a.get(i).name());
        }
    }

    private static JsonElement tree(Object value) {
        return JsonParser.parseString(Json.toJson(value));
    }

    private static String traceCsv(Posterior fit) throws Exception {
        Path dir = Files.createTempDirectory("trace");
        io.risbnn.experiment.TraceFile.write(dir, fit.outcome().stepLosses(), fit.outcome().stepNlls());
        String csv = Files.readString(dir.resolve(io.risbnn.experiment.TraceFile.FILE_NAME));
        Files.delete(dir.resolve(io.risbnn.experiment.TraceFile.FILE_NAME));
        Files.delete(dir);
        return csv;
    }

    private static String withoutSeconds(String line) {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        o.remove("seconds");
        return o.toString();
    }
}
