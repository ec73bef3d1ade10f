package io.risbnn.method.adversarial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.estimator.RisConfig;
import io.risbnn.experiment.ResumeChecks;
import io.risbnn.experiment.RunOutcome;
import io.risbnn.method.MethodOptions;
import io.risbnn.method.Methods;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adversarial Sampling through the one run loop, as MethodRunsTest runs the other methods: it trains and
 * evaluates on the shipped regression data and on a small image set, and a run killed mid-way (after an
 * epoch, before that epoch's checkpoint) and resumed ends exactly where the uninterrupted run ends.
 */
class AdversarialRunsTest {
    @TempDir
    Path tmp;

    static TrainConfig config(int epochs, int batch) {
        return new TrainConfig(Methods.ADVERSARIAL, RisConfig.defaults(), Objective.ELBO, 1, epochs, batch, "adam", 0.9,
                LrSchedule.parse("cosine", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 5, false,
                MethodOptions.defaults());
    }

    @Test
    void regressionTrainsEvaluatesAndResumesExactly() {
        RunOutcome whole = ResumeChecks.regression(config(2, 128), tmp);
        assertEquals(16, whole.stepLosses().size());
        Map<String, Double> m = whole.metrics();
        assertTrue(Double.isFinite(m.get("rmse")) && Double.isFinite(m.get("test_ll")), m.toString());
        assertTrue(Double.isFinite(m.get("rmse_sampled")) && Double.isFinite(m.get("rmse_moment")), m.toString());
        assertEquals("elbo+adversarial", whole.objective());
    }

    @Test
    void imageClassifierTrainsEvaluatesAndResumesExactly() {
        Map<String, Double> m = ResumeChecks.images(config(2, 16), tmp).metrics();
        assertTrue(m.get("accuracy") >= 0 && m.get("accuracy") <= 1 && Double.isFinite(m.get("test_nll")), m.toString());
        assertTrue(Double.isFinite(m.get("accuracy_sampled")), m.toString());
    }
}
