package io.risbnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.data.DataSpec;
import io.risbnn.data.RegressionSource;
import io.risbnn.estimator.RisConfig;
import io.risbnn.method.MethodOptions;
import io.risbnn.method.sgmcmc.SgmcmcOptions;
import io.risbnn.method.ensemble.EnsembleOptions;
import io.risbnn.model.ModelVariant;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every inference method trains and evaluates on the shipped data and on a small image set through the
 * one run loop, and a run killed mid-way (an in-process crash after an epoch, before that epoch's
 * checkpoint) and resumed ends exactly where the uninterrupted run ends: same step losses, same metrics.
 */
class MethodRunsTest {
    @TempDir
    Path tmp;

    private static final class Crash extends RuntimeException {}

    static TrainConfig config(String method, int epochs, int batch) {
        MethodOptions d = MethodOptions.defaults();
        // SGHMC: one cycle, noise from half of it, so the second of two epochs keeps a network
        MethodOptions options = d.withEnsemble(new EnsembleOptions(3))
                .withSgmcmc(new SgmcmcOptions(1, 0.5, 2, 0.1, 1.0, SgmcmcOptions.CYCLICAL));
        return new TrainConfig(method, RisConfig.defaults(), Objective.ELBO, 1, epochs, batch, "adam", 0.9,
                LrSchedule.parse("cosine", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 5, false, options);
    }

    /** Crashes in the epoch listener of the {@code at}-th epoch seen (counting every member's epochs). */
    private static io.risbnn.train.BnnTrainer.EpochListener crashAt(int at) {
        int[] seen = {0};
        return m -> {
            if (++seen[0] == at) {
                throw new Crash();
            }
        };
    }

    /** The last epoch of a two-epoch run; for an ensemble of three, the first epoch of member 1. */
    private static int crashEpoch(String method) {
        return method.equals("ensemble") ? 3 : 2;
    }

    @ParameterizedTest
    @ValueSource(strings = {"map", "ensemble", "laplace", "swag", "swag-diag", "mc-dropout", "sghmc", "adversarial", "vogn"})
    void regressionResumesExactly(String method) {
        RegressionSource source = DataSpec.parseRegression("concrete");
        RegressionRun.Options options = new RegressionRun.Options(new int[] {16}, 0.01, null, 6, false, false, 0,
                ModelVariant.defaults());
        TrainConfig config = config(method, 2, 128);
        RunOutcome whole = RegressionRun.run("concrete", source, 0, config, options,
                new RegressionRun.Checkpointing(tmp.resolve("a.risbnn"), 0), null);
        Path file = tmp.resolve("b.risbnn");
        // 927 training rows, batch 128: 8 steps per epoch; a checkpoint every 3 steps; the crash at the end of
        // an epoch, before its own checkpoint, resumes from that epoch's step 6
        assertThrows(Crash.class, () -> RegressionRun.run("concrete", source, 0, config, options,
                new RegressionRun.Checkpointing(file, 3), crashAt(crashEpoch(method))));
        RunOutcome resumed = RegressionRun.resume(file, 3, null);
        assertEquals(whole.stepLosses(), resumed.stepLosses());
        assertEquals(whole.metrics(), resumed.metrics());
        assertEquals(whole.history().size(), resumed.history().size());
        Map<String, Double> m = whole.metrics();
        assertTrue(Double.isFinite(m.get("rmse")) && Double.isFinite(m.get("test_ll")), m.toString());
        assertTrue(m.containsKey("rmse_sampled"), m.toString());
        assertTrue(Double.isFinite(m.get("rmse_" + ownDeterministic(method, false))), m.toString());
    }

    /** The deterministic predictive each method reports beside its sampled networks. */
    private static String ownDeterministic(String method, boolean classification) {
        switch (method) {
            case "ensemble":
            case "sghmc":
                return classification ? "sampled" : "gaussian";   // a classifier ensemble's mixture is all it has
            case "laplace":
                return classification ? "glm-probit" : "glm";
            case "swag":
            case "swag-diag":
                return "swa";
            case "mc-dropout":
                return "mean-net";
            default:
                return "moment";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"map", "ensemble", "laplace", "swag", "swag-diag", "mc-dropout", "sghmc", "adversarial", "vogn"})
    void imageClassifierTrainsEvaluatesAndResumesExactly(String method) {
        Path data = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 20, 8, 1);
        ClassificationRun.Options options = new ClassificationRun.Options("lenet", new int[] {16}, 0.01, null, 30, 0,
                false, 4, 2, true, false, ModelVariant.defaults());
        ClassificationRun.Data images = ClassificationRun.load("imagefolder:" + data, options.subset());
        TrainConfig config = config(method, 2, 16);
        RunOutcome whole = ClassificationRun.run(images, config, options,
                new RegressionRun.Checkpointing(tmp.resolve("a").resolve("checkpoint.risbnn"), 0), null);
        Path file = tmp.resolve("b").resolve("checkpoint.risbnn");
        assertThrows(Crash.class, () -> ClassificationRun.run(images, config, options,
                new RegressionRun.Checkpointing(file, 1), crashAt(crashEpoch(method))));
        RunOutcome resumed = ClassificationRun.resume(file, 1, null);
        assertEquals(whole.stepLosses(), resumed.stepLosses());
        assertEquals(whole.metrics(), resumed.metrics());
        Map<String, Double> m = whole.metrics();
        assertTrue(m.get("accuracy") >= 0 && m.get("accuracy") <= 1 && Double.isFinite(m.get("test_nll")), m.toString());
        assertTrue(m.containsKey("accuracy_sampled"), m.toString());
        assertTrue(Double.isFinite(m.get("accuracy_" + ownDeterministic(method, true))), m.toString());
    }
}
