package io.risbnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.data.image.ChannelNormalizer;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
import io.risbnn.estimator.RisConfig;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A ResNet-8 (BatchNorm, option-A shortcuts) takes a training step under every valid estimator/objective pair. */
class ResNetTrainStepTest {
    private static ImageExamples randomImages(int n) {
        SplittableRandom random = new SplittableRandom(3);
        byte[] pixels = new byte[n * 3 * 8 * 8];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        ImageSet set = new ImageSet("random", 3, 8, 8, List.of("a", "b", "c"), pixels, labels);
        return new ImageExamples(set, ChannelNormalizer.fit(set), null, 0);
    }

    @ParameterizedTest
    @CsvSource({"mc-shared,ELBO", "lrt,ELBO", "analytic,MOMENT", "ris,MOMENT", "analytic,MEAN_VAR", "ris,MEAN_VAR",
            "lrt,MEAN_VAR", "quadrature,MEAN_VAR"})
    void resnet8TrainsOneStep(String estimator, Objective objective) {
        ModelSpec spec = new ModelSpec("resnet8", 3 * 8 * 8, new int[0], 3, "categorical", 0.01, null, true, 0.5,
                new int[] {3, 8, 8});
        TrainConfig config = new TrainConfig(estimator, RisConfig.defaults(), objective, 2, 1, 8, "adam", 0.9,
                LrSchedule.parse("constant", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 0, false);
        Seeds.seedEngine(0);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = Models.build(spec, root)) {
            List<NamedParameter> all = BnnTrainer.namedParametersOf(model);
            NamedParameter runningMean = all.stream().filter(p -> p.name().contains("runningMean")).findFirst().orElseThrow();
            float[] statsBefore = runningMean.array().toFloatArray();
            BnnTrainer trainer = new BnnTrainer(model, config);
            assertTrue(trainer.parameters().stream().noneMatch(p -> p.name().contains("running")),
                    "BatchNorm running statistics must not be trained");
            assertTrue(trainer.parameters().stream().anyMatch(p -> p.name().contains("gamma")), "BatchNorm γ is trained");
            List<EpochMetrics> history = trainer.fit(randomImages(8), null, null);
            assertEquals(1, history.get(0).steps());
            assertTrue(Double.isFinite(history.get(0).loss()), estimator + ": loss " + history.get(0).loss());
            assertNotEquals(java.util.Arrays.toString(statsBefore), java.util.Arrays.toString(runningMean.array().toFloatArray()),
                    "running statistics were updated in training mode");
        }
    }
}
