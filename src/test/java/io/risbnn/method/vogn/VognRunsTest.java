package io.risbnn.method.vogn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.data.DataSpec;
import io.risbnn.data.RegressionSource;
import io.risbnn.estimator.RisConfig;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.ImageRunTesting;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.RunOutcome;
import io.risbnn.method.MethodOptions;
import io.risbnn.method.Methods;
import io.risbnn.model.ModelVariant;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VOGN through the one run loop, as MethodRunsTest runs the other methods: it trains and evaluates on the
 * shipped regression data and on a small image set (LeNet: the convolutions' per-example curvature), and a
 * run killed mid-way (after an epoch, before that epoch's checkpoint) and resumed ends exactly where the
 * uninterrupted run ends (curvature and momentum are in the checkpoint).
 */
class VognRunsTest {
    @TempDir
    Path tmp;

    private static final class Crash extends RuntimeException {}

    static TrainConfig config(int epochs, int batch) {
        return new TrainConfig(Methods.VOGN, RisConfig.defaults(), Objective.ELBO, 2, epochs, batch, "adam", 0.9,
                LrSchedule.parse("cosine", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 5, false,
                MethodOptions.defaults());
    }

    private static BnnTrainer.EpochListener crashAtEpoch(int at) {
        int[] seen = {0};
        return m -> {
            if (++seen[0] == at) {
                throw new Crash();
            }
        };
    }

    @Test
    void regressionTrainsEvaluatesAndResumesExactly() {
        RegressionSource source = DataSpec.parseRegression("concrete");
        RegressionRun.Options options = new RegressionRun.Options(new int[] {16}, 0.01, null, 6, false, false, 0,
                ModelVariant.defaults());
        TrainConfig config = config(2, 128);
        RunOutcome whole = RegressionRun.run("concrete", source, 0, config, options,
                new RegressionRun.Checkpointing(tmp.resolve("a.risbnn"), 0), null);
        Path file = tmp.resolve("b.risbnn");
        // 8 steps per epoch, a checkpoint every 3 steps: the crash after epoch 2 resumes from its step 6
        assertThrows(Crash.class, () -> RegressionRun.run("concrete", source, 0, config, options,
                new RegressionRun.Checkpointing(file, 3), crashAtEpoch(2)));
        RunOutcome resumed = RegressionRun.resume(file, 3, null);
        assertEquals(whole.stepLosses(), resumed.stepLosses());
        assertEquals(whole.metrics(), resumed.metrics());
        assertEquals(16, whole.stepLosses().size());
        Map<String, Double> m = whole.metrics();
        assertTrue(Double.isFinite(m.get("rmse")) && Double.isFinite(m.get("test_ll")), m.toString());
        assertTrue(Double.isFinite(m.get("rmse_sampled")) && Double.isFinite(m.get("rmse_moment")), m.toString());
        assertEquals("elbo (natural gradient)", whole.objective());
    }

    @Test
    void imageClassifierTrainsEvaluatesAndResumesExactly() {
        Path data = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 20, 8, 1);
        ClassificationRun.Options options = new ClassificationRun.Options("lenet", new int[] {16}, 0.01, null, 30, 0,
                false, 4, 2, true, false, ModelVariant.defaults());
        ClassificationRun.Data images = ClassificationRun.load("imagefolder:" + data, options.subset());
        TrainConfig config = config(2, 16);
        RunOutcome whole = ClassificationRun.run(images, config, options,
                new RegressionRun.Checkpointing(tmp.resolve("a").resolve("checkpoint.risbnn"), 0), null);
        Path file = tmp.resolve("b").resolve("checkpoint.risbnn");
        assertThrows(Crash.class, () -> ClassificationRun.run(images, config, options,
                new RegressionRun.Checkpointing(file, 1), crashAtEpoch(2)));
        RunOutcome resumed = ClassificationRun.resume(file, 1, null);
        assertEquals(whole.stepLosses(), resumed.stepLosses());
        assertEquals(whole.metrics(), resumed.metrics());
        Map<String, Double> m = whole.metrics();
        assertTrue(m.get("accuracy") >= 0 && m.get("accuracy") <= 1 && Double.isFinite(m.get("test_nll")), m.toString());
        assertTrue(Double.isFinite(m.get("accuracy_sampled")), m.toString());
    }
}
