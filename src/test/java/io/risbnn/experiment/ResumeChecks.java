package io.risbnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.risbnn.data.DataSpec;
import io.risbnn.data.RegressionSource;
import io.risbnn.model.ModelVariant;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.TrainConfig;
import java.nio.file.Path;

/**
 * The end-to-end check every method's tests share: a run trains and evaluates through the one run loop, and
 * the same run killed after an epoch (before that epoch's checkpoint) and resumed ends exactly where the
 * uninterrupted one ends — on the shipped regression data and on a small image set (LeNet).
 */
public final class ResumeChecks {
    private ResumeChecks() {}

    private static final class Crash extends RuntimeException {}

    private static BnnTrainer.EpochListener crashAtEpoch(int at) {
        int[] seen = {0};
        return m -> {
            if (++seen[0] == at) {
                throw new Crash();
            }
        };
    }

    /**
     * Concrete split 0 with 16 hidden units: {@code config} uninterrupted, and killed after epoch 2 then resumed
     * from its checkpoint every 3 steps; returns the uninterrupted outcome once both agree.
     */
    public static RunOutcome regression(TrainConfig config, Path tmp) {
        RegressionSource source = DataSpec.parseRegression("concrete");
        RegressionRun.Options options = new RegressionRun.Options(new int[] {16}, 0.01, null, 6, false, false, 0,
                ModelVariant.defaults());
        RunOutcome whole = RegressionRun.run("concrete", source, 0, config, options,
                new RegressionRun.Checkpointing(tmp.resolve("a.risbnn"), 0), null);
        Path file = tmp.resolve("b.risbnn");
        assertThrows(Crash.class, () -> RegressionRun.run("concrete", source, 0, config, options,
                new RegressionRun.Checkpointing(file, 3), crashAtEpoch(2)));
        RunOutcome resumed = RegressionRun.resume(file, 3, null);
        assertEquals(whole.stepLosses(), resumed.stepLosses());
        assertEquals(whole.metrics(), resumed.metrics());
        return whole;
    }

    /** The same on a two-class image folder (20 training, 8 test images) with LeNet, checkpoints every step. */
    public static RunOutcome images(TrainConfig config, Path tmp) {
        Path data = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 20, 8, 1);
        ClassificationRun.Options options = new ClassificationRun.Options("lenet", new int[] {16}, 0.01, null, 30, 0,
                false, 4, 2, true, false, ModelVariant.defaults());
        ClassificationRun.Data images = ClassificationRun.load("imagefolder:" + data, options.subset());
        RunOutcome whole = ClassificationRun.run(images, config, options,
                new RegressionRun.Checkpointing(tmp.resolve("a").resolve("checkpoint.risbnn"), 0), null);
        Path file = tmp.resolve("b").resolve("checkpoint.risbnn");
        assertThrows(Crash.class, () -> ClassificationRun.run(images, config, options,
                new RegressionRun.Checkpointing(file, 1), crashAtEpoch(2)));
        RunOutcome resumed = ClassificationRun.resume(file, 1, null);
        assertEquals(whole.stepLosses(), resumed.stepLosses());
        assertEquals(whole.metrics(), resumed.metrics());
        return whole;
    }
}
