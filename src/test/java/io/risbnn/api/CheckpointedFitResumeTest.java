package io.risbnn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.data.DataSpec;
import io.risbnn.data.image.ImageSet;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.ImageRunTesting;
import io.risbnn.predict.PredictOptions;
import io.risbnn.report.Json;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.NamedParameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpointed facade fit of a project data set, stopped by a crash in the epoch listener after an epoch
 * (before that epoch's own checkpoint, so from a mid-epoch step checkpoint), continues with
 * {@link BayesianNetworks#resume} to exactly the uninterrupted fit: the same parameters, step losses, epoch
 * metrics, final metrics and predictions.
 */
class CheckpointedFitResumeTest {
    @TempDir
    Path tmp;

    private static final class Crash extends RuntimeException {}

    /** Crashes in the listener of the second epoch. */
    private static BnnTrainer.EpochListener crashInEpochTwo() {
        int[] seen = {0};
        return m -> {
            if (++seen[0] == 2) {
                throw new Crash();
            }
        };
    }

    private static FitBuilder concrete() {
        // 927 - 40 held-out rows, batch 128: 7 steps per epoch
        return BayesianNetworks.regression().data("concrete", 0).validation(40).hidden(16).epochs(3).batchSize(128)
                .samples(2).evalSamples(6).seed(11);
    }

    @Test
    void regressionFitResumesToTheUninterruptedOne() {
        Path stopped = tmp.resolve("stopped");
        assertThrows(Crash.class, () -> concrete().checkpoints(stopped, 3).onEpoch(crashInEpochTwo()).fit());
        List<EpochMetrics> continued = new ArrayList<>();
        double[][] rows = Arrays.copyOf(DataSpec.parseRegression("concrete").data().features(), 25);
        try (Posterior whole = concrete().checkpoints(tmp.resolve("whole"), 0).fit();
             Posterior resumed = BayesianNetworks.resume(stopped, 3, continued::add)) {
            assertSameFit(whole, resumed);
            assertEquals(List.of(2, 3), continued.stream().map(EpochMetrics::epoch).toList(), "epochs trained after the resume");
            // the epochs are evaluated on the held-out rows, the end on the test rows
            assertTrue(whole.history().get(0).eval().containsKey("val_rmse"), whole.history().get(0).eval().toString());
            assertTrue(whole.outcome().metrics().containsKey("rmse"), whole.outcome().metrics().toString());
            PredictOptions options = new PredictOptions(20, 3, 0.9);
            assertArrayEquals(whole.predict(rows, options).mean(), resumed.predict(rows, options).mean());
            assertArrayEquals(whole.predict(rows, options).variance(), resumed.predict(rows, options).variance());
        }
    }

    @Test
    void imageFitResumesToTheUninterruptedOne() {
        Path folder = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 16, 6, 2);
        ClassificationRun.Data images = ClassificationRun.load("imagefolder:" + folder, 0);
        Supplier<FitBuilder> fit = () -> BayesianNetworks.images(images).architecture("lenet").hidden(8).estimator("lrt")
                .epochs(2).batchSize(8).samples(2).evalSamples(4).epochEvalSamples(2).seed(5);
        Path stopped = tmp.resolve("stopped");
        assertThrows(Crash.class, () -> fit.get().checkpoints(stopped, 1).onEpoch(crashInEpochTwo()).fit());
        try (Posterior whole = fit.get().fit();
             Posterior resumed = BayesianNetworks.resume(stopped, 1, null)) {
            assertSameFit(whole, resumed);
            ImageSet test = images.test();
            PredictOptions options = new PredictOptions(5, 1, 0.9);
            assertTrue(Arrays.deepEquals(whole.predict(test, options).probabilities(), resumed.predict(test, options).probabilities()));
        }
    }

    static void assertSameFit(Posterior expected, Posterior actual) {
        assertEquals(expected.outcome().stepLosses(), actual.outcome().stepLosses());
        assertEquals(expected.outcome().stepNlls(), actual.outcome().stepNlls());
        assertEquals(expected.outcome().metrics(), actual.outcome().metrics());
        assertEquals(withoutSeconds(expected.history()), withoutSeconds(actual.history()));
        List<NamedParameter> a = BnnTrainer.namedParametersOf(expected.model());
        List<NamedParameter> b = BnnTrainer.namedParametersOf(actual.model());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            assertArrayEquals(a.get(i).array().toFloatArray(), b.get(i).array().toFloatArray(), a.get(i).name());
        }
    }

    /** The epochs' metrics as metrics.jsonl writes them, without the wall-clock seconds. */
    static List<String> withoutSeconds(List<EpochMetrics> history) {
        return history.stream().map(m -> {
            var map = new java.util.LinkedHashMap<>(m.asMap());
            map.remove("seconds");
            return Json.toJsonLine(map);
        }).toList();
    }
}
