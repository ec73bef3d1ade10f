package io.risbnn.method.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import io.risbnn.data.DataSpec;
import io.risbnn.data.RegressionSource;
import io.risbnn.estimator.RisConfig;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.RunOutcome;
import io.risbnn.method.MethodOptions;
import io.risbnn.model.ModelVariant;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --method hmc} end to end on the shipped concrete data (927 training rows, full batch): two
 * chains of 10 iterations with step-size adaptation in burn-in train and evaluate through the run loop,
 * the results carry the acceptance rate and R̂, and a run killed in the second chain (before that
 * epoch's checkpoint) and resumed ends exactly where the uninterrupted run ends.
 */
class HmcRunTest {
    @TempDir
    Path tmp;

    private static final class Crash extends RuntimeException {}

    static TrainConfig config(int batch, HmcOptions hmc) {
        return new TrainConfig("hmc", RisConfig.defaults(), Objective.ELBO, 1, 10, batch, "adam", 0.9,
                LrSchedule.parse("constant", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 5, false,
                MethodOptions.defaults().withHmc(hmc));
    }

    private static final RegressionRun.Options OPTIONS = new RegressionRun.Options(new int[] {16}, 0.01, null, 6, false,
            false, 0, ModelVariant.defaults());

    @Test
    void trainsEvaluatesReportsDiagnosticsAndResumesExactly() {
        RegressionSource source = DataSpec.parseRegression("concrete");
        TrainConfig config = config(1024, new HmcOptions(0.002, 10, 4, 1, 1.0, true, 0.8, 2, true));
        RunOutcome whole = RegressionRun.run("concrete", source, 0, config, OPTIONS,
                new RegressionRun.Checkpointing(tmp.resolve("a.risbnn"), 0), null);
        Map<String, Double> m = whole.metrics();
        assertTrue(Double.isFinite(m.get("rmse")) && Double.isFinite(m.get("test_ll")), m.toString());
        assertEquals(12.0, m.get("hmc_samples"), m.toString());   // 2 chains × (10 − 4 burn-in)
        assertTrue(m.get("hmc_acceptance") > 0 && m.get("hmc_acceptance") <= 1, m.toString());
        assertTrue(m.get("hmc_rhat_outputs_max") >= 1 && m.containsKey("hmc_rhat_potential"), m.toString());
        assertEquals(20, whole.stepLosses().size(), "one step per iteration, two chains");

        Path file = tmp.resolve("b.risbnn");
        int[] seen = {0};
        assertThrows(Crash.class, () -> RegressionRun.run("concrete", source, 0, config, OPTIONS,
                new RegressionRun.Checkpointing(file, 3), e -> {
                    if (++seen[0] == 14) {   // chain 1, iteration 4 (after the burn-in): resumes from its step 3
                        throw new Crash();
                    }
                }));
        RunOutcome resumed = RegressionRun.resume(file, 3, null);
        assertEquals(whole.stepLosses(), resumed.stepLosses());
        assertEquals(whole.metrics(), resumed.metrics());
    }

    @Test
    void refusesMiniBatches() {
        RegressionSource source = DataSpec.parseRegression("concrete");
        RisbnnException e = assertThrows(RisbnnException.class, () -> RegressionRun.run("concrete", source, 0,
                config(128, HmcOptions.defaults()), OPTIONS, null, null));
        assertTrue(e.getMessage().startsWith("--batch-size 128: HMC is full-batch"), e.getMessage());
    }
}
