package io.risbnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.estimator.RisConfig;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image run resumed after an in-process crash ends exactly where an uninterrupted run ends. */
class ClassificationRunTest {
    @TempDir
    Path tmp;

    private static final class Crash extends RuntimeException {}

    private static TrainConfig config(String estimator, Objective objective, int epochs) {
        return new TrainConfig(estimator, RisConfig.defaults(), objective, 2, epochs, 16, "adam", 0.9,
                LrSchedule.parse("constant", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 3, false);
    }

    @Test
    void resumeAfterCrashEqualsUninterruptedRun() {
        Path data = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 20, 8, 1);
        String spec = "imagefolder:" + data;
        ClassificationRun.Options options = new ClassificationRun.Options("lenet", new int[] {16}, 0.01, null, 30, 0,
                true, 2, 2, true, false, io.risbnn.model.ModelVariant.defaults());
        ClassificationRun.Data images = ClassificationRun.load(spec, options.subset());
        TrainConfig config = config("ris", Objective.MOMENT, 3);

        RunOutcome whole = ClassificationRun.run(images, config, options,
                new RegressionRun.Checkpointing(tmp.resolve("a").resolve("checkpoint.risbnn"), 0), null);

        Path file = tmp.resolve("b").resolve("checkpoint.risbnn");
        List<EpochMetrics> seen = new ArrayList<>();
        // 30 images, batch 16: 2 steps per epoch; checkpoints at steps 1, 2, 3, …; the crash comes at the end
        // of epoch 2, before that epoch's own checkpoint, so the run resumes from step 3 (mid-epoch)
        assertThrows(Crash.class, () -> ClassificationRun.run(images, config, options,
                new RegressionRun.Checkpointing(file, 1), m -> {
                    if (m.epoch() == 2) {
                        throw new Crash();
                    }
                    seen.add(m);
                }));
        assertEquals(1, seen.size());
        RunOutcome resumed = ClassificationRun.resume(file, 1, null);

        assertEquals(whole.stepLosses(), resumed.stepLosses());
        assertEquals(whole.metrics(), resumed.metrics());
        assertEquals(3, resumed.history().size());
        for (int e = 0; e < 3; e++) {
            assertEquals(whole.history().get(e).loss(), resumed.history().get(e).loss(), "epoch " + (e + 1));
            assertEquals(whole.history().get(e).eval(), resumed.history().get(e).eval(), "epoch " + (e + 1));
        }
        assertTrue(whole.metrics().containsKey("accuracy_moment"), whole.metrics().toString());
    }

    @Test
    void validationRowsAreASeededDisjointPartOfTheTrainingRows() {
        int[][] a = ClassificationRun.validationSplit(50, 10, 3);
        int[][] b = ClassificationRun.validationSplit(50, 10, 3);
        assertTrue(java.util.Arrays.deepEquals(a, b));
        assertEquals(40, a[0].length);
        assertEquals(10, a[1].length);
        java.util.Set<Integer> all = new java.util.HashSet<>();
        for (int[] part : a) {
            for (int r : part) {
                assertTrue(all.add(r), "row " + r + " twice");
            }
        }
        assertEquals(50, all.size());
        assertTrue(!java.util.Arrays.equals(a[1], ClassificationRun.validationSplit(50, 10, 4)[1]));
        io.risbnn.RisbnnException e = assertThrows(io.risbnn.RisbnnException.class,
                () -> ClassificationRun.validationSplit(10, 10, 3));
        assertTrue(e.getMessage().startsWith("--validation 10"), e.getMessage());
    }

    @Test
    void subsetIsASeededPrefixOfAShuffle() {
        int[] a = ClassificationRun.subsetRows(100, 10, 5);
        int[] b = ClassificationRun.subsetRows(100, 10, 5);
        int[] c = ClassificationRun.subsetRows(100, 10, 6);
        assertEquals(10, a.length);
        assertTrue(java.util.Arrays.equals(a, b));
        assertTrue(!java.util.Arrays.equals(a, c));
        assertEquals(7, ClassificationRun.subsetRows(7, 10, 5).length);
    }
}
