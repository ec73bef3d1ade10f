package io.risbnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.risbnn.estimator.RisConfig;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A NaN in the data poisons one step: the run stops naming it (checkpoints stay as they were), or skips it. */
class NonFiniteGuardTest {
    /** Toy data whose targets are NaN for the rows of one batch position (row 5). */
    private static ExampleSet poisoned() {
        DenseExamples clean = BnnTrainerTest.toyRegression(128, 4);
        return new ExampleSet() {
            @Override
            public int size() {
                return clean.size();
            }

            @Override
            public NDArray features(NDManager manager, int[] rows) {
                return clean.features(manager, rows);
            }

            @Override
            public NDArray targets(NDManager manager, int[] rows) {
                float[] y = clean.targets(manager, rows).toFloatArray();
                for (int i = 0; i < rows.length; i++) {
                    if (rows[i] == 5) {
                        y[i] = Float.NaN;
                    }
                }
                return manager.create(y);
            }
        };
    }

    private static TrainConfig config(boolean skip) {
        return new TrainConfig("lrt", RisConfig.defaults(), Objective.ELBO, 2, 3, 32, "adam", 0.9,
                LrSchedule.parse("constant", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 1, skip);
    }

    @Test
    void stopsNamingTheStepAndLeavesCheckpointsAlone() {
        Seeds.seedEngine(1);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[] {8}, 0.01, null), root)) {
            List<Long> saves = new ArrayList<>();
            Checkpointer recorder = new Checkpointer() {
                @Override
                public boolean due(long step, boolean epochEnd) {
                    return true;
                }

                @Override
                public void save(TrainingState state) {
                    saves.add(state.step());
                }
            };
            BnnTrainer trainer = new BnnTrainer(model, config(false));
            NonFiniteException e = assertThrows(NonFiniteException.class,
                    () -> trainer.fit(poisoned(), null, null, new TrainingState(), recorder));
            assertTrue(e.getMessage().startsWith("non-finite loss at step "), e.getMessage());
            long failedStep = Long.parseLong(e.getMessage().replaceAll(".*at step (\\d+).*", "$1"));
            // every save happened before the failing step; none after it
            assertEquals(failedStep, saves.size());
            assertTrue(saves.stream().allMatch(s -> s <= failedStep));
            for (NamedParameter p : trainer.parameters()) {
                assertTrue(Float.isFinite(p.array().sum().getFloat()), p.name());
            }
        }
    }

    @Test
    void skipsPoisonedStepsWhenAsked() {
        Seeds.seedEngine(1);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[] {8}, 0.01, null), root)) {
            List<EpochMetrics> history = new BnnTrainer(model, config(true)).fit(poisoned(), null, null);
            assertEquals(3, history.size());
            for (EpochMetrics m : history) {
                assertEquals(1, m.skippedSteps(), "one poisoned batch per epoch");
                assertTrue(Double.isFinite(m.loss()));
            }
        }
    }
}
