package io.risbnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.Objective;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer optimises only arrays that require gradients; checkpoints see every array. */
class FrozenStateTest {
    @Test
    void trainableSubsetOfAllNamedArrays() {
        Seeds.seedEngine(2);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[] {4}, 0.01, null), root)) {
            List<NamedParameter> all = BnnTrainer.namedParametersOf(model);
            BnnTrainer trainer = new BnnTrainer(model, BnnTrainerTest.config("lrt", Objective.ELBO, 1, 2));
            assertEquals(all.stream().filter(NamedParameter::trainable).count(), trainer.parameters().size());
            assertTrue(all.stream().anyMatch(p -> p.name().equals("dense1.weightMu")));
            assertFalse(trainer.parameters().isEmpty());
        }
    }
}
