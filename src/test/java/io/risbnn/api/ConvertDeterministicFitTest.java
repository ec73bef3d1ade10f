package io.risbnn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import io.risbnn.model.vision.ModelConversion;
import io.risbnn.nn.BayesLinear;
import io.risbnn.predict.PredictOptions;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deterministic DJL model converted by the facade, trained from a DJL Dataset, saved and loaded. */
class ConvertDeterministicFitTest {
    @Test
    void convertsTrainsFromADjlDatasetAndRoundTrips(@TempDir Path dir) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SplittableRandom r = new SplittableRandom(8);
            float[] x = new float[160 * 2];
            float[] y = new float[160];
            for (int i = 0; i < y.length; i++) {
                x[2 * i] = (float) r.nextDouble(-1, 1);
                x[2 * i + 1] = (float) r.nextDouble(-1, 1);
                y[i] = (float) (2 * x[2 * i] - x[2 * i + 1] + 0.1 * r.nextGaussian());
            }
            ArrayDataset dataset = new ArrayDataset.Builder().setData(manager.create(x, new Shape(160, 2)))
                    .optLabels(manager.create(y, new Shape(160))).setSampling(32, false).build();
            SequentialBlock deterministic = new SequentialBlock().add(Linear.builder().setUnits(8).build())
                    .add(ai.djl.nn.Activation.reluBlock()).add(Linear.builder().setUnits(1).build());
            io.risbnn.train.Seeds.seedEngine(2);   // the source network's initial weights, whatever ran before in this JVM
            deterministic.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            float[] sourceWeights = deterministic.getParameters().get(0).getValue().getArray().toFloatArray();
            double[][] rows = {{0.5, 0.5}, {-0.5, 0.2}};
            PredictOptions options = new PredictOptions(30, 1, 0.95);
            PredictiveDistribution before;
            try (Posterior posterior = BayesianNetworks.regression().convert(deterministic, new Shape(2))
                    .data(dataset).epochs(30).seed(4).fit()) {
                assertEquals(2, posterior.model().variationalLayers().size());
                assertTrue(posterior.model().variationalLayers().get(0) instanceof BayesLinear);
                before = posterior.predict(rows, options);
                posterior.save(dir);
            }
            assertEquals(0.5, before.mean()[0], 0.3);
            assertEquals(-1.2, before.mean()[1], 0.3);
            // the source network is untouched and serves again as the architecture of the loaded posterior
            assertArrayEquals(sourceWeights, deterministic.getParameters().get(0).getValue().getArray().toFloatArray());
            try (NDManager scratch = NDManager.newBaseManager();
                 Posterior loaded = Posterior.load(dir, () -> ModelConversion.toBayesian(deterministic, new Shape(1, 2), scratch))) {
                PredictiveDistribution after = loaded.predict(rows, options);
                assertArrayEquals(before.mean(), after.mean());
                assertArrayEquals(before.std(), after.std());
            }
        }
    }
}
