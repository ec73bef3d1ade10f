package io.risbnn.api.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.Posterior;
import io.risbnn.api.PredictiveDistribution;
import io.risbnn.predict.PredictOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved posterior loaded through DJL's Criteria and served by DJL's Predictor, one input and in batches. */
class PosteriorTranslatorTest {
    private static Criteria<float[], PredictiveDistribution> criteria(Path dir) {
        return Criteria.builder().setTypes(float[].class, PredictiveDistribution.class).optModelPath(dir)
                .optTranslatorFactory(new PosteriorTranslatorFactory()).optArgument("samples", "40").optArgument("seed", "5")
                .build();
    }

    @Test
    void regressionThroughCriteriaAndPredictorMatchesThePosterior(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(4);
        double[][] x = new double[120][2];
        double[] y = new double[120];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = r.nextDouble(-2, 2);
            x[i][1] = r.nextDouble(-2, 2);
            y[i] = 3 * x[i][0] - x[i][1] + 0.3 * r.nextGaussian() + 10;
        }
        double[][] rows = {{0.5, -1}, {1.5, 0.25}, {-1, 1}};
        PredictiveDistribution direct;
        try (Posterior posterior = BayesianNetworks.regression().hidden(16).data(x, y).epochs(20).seed(1).fit()) {
            direct = posterior.predict(rows, new PredictOptions(40, 5, 0.95));
            posterior.save(dir);
        }
        assertTrue(Files.readString(dir.resolve("serving.properties")).contains("translatorFactory="));
        assertTrue(direct.own().isPresent(), "ris under mean-var has its own predictive");
        try (ZooModel<float[], PredictiveDistribution> model = criteria(dir).loadModel();
             Predictor<float[], PredictiveDistribution> predictor = model.newPredictor()) {
            List<float[]> inputs = List.of(new float[] {0.5f, -1}, new float[] {1.5f, 0.25f}, new float[] {-1, 1});
            List<PredictiveDistribution> batch = predictor.batchPredict(inputs);
            for (int i = 0; i < rows.length; i++) {
                PredictiveDistribution one = predictor.predict(inputs.get(i));
                assertEquals(1, one.size());
                assertEquals(direct.mean()[i], one.mean()[0], 1e-5 * Math.abs(direct.mean()[i]), "mean " + i);
                assertEquals(direct.std()[i], one.std()[0], 1e-4 * direct.std()[i], "std " + i);
                assertEquals(direct.own().get().mean()[i], one.own().get().mean()[0], 1e-4, "own mean " + i);
                assertEquals(one.mean()[0], batch.get(i).mean()[0], 1e-9, "batched as one by one " + i);
                assertEquals(one.epistemicStd()[0], batch.get(i).epistemicStd()[0], 1e-9);
            }
        }
    }

    @Test
    void classificationThroughCriteria(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(6);
        double[][] x = new double[150][2];
        double[] y = new double[150];
        for (int i = 0; i < x.length; i++) {
            int label = i % 3;
            x[i][0] = Math.cos(2 * Math.PI * label / 3) * 2 + 0.4 * r.nextGaussian();
            x[i][1] = Math.sin(2 * Math.PI * label / 3) * 2 + 0.4 * r.nextGaussian();
            y[i] = label;
        }
        PredictiveDistribution direct;
        double[][] rows = {{2, 0}, {0, 0}};
        try (Posterior posterior = BayesianNetworks.classification(List.of("a", "b", "c")).hidden(16)
                .estimator("lrt").data(x, y).epochs(15).seed(2).fit()) {
            direct = posterior.predict(rows, new PredictOptions(40, 5, 0.95));
            posterior.save(dir);
        }
        try (ZooModel<float[], PredictiveDistribution> model = criteria(dir).loadModel();
             Predictor<float[], PredictiveDistribution> predictor = model.newPredictor()) {
            List<PredictiveDistribution> served = predictor.batchPredict(List.of(new float[] {2, 0}, new float[] {0, 0}));
            for (int i = 0; i < rows.length; i++) {
                assertArrayEquals(direct.probabilities()[i], served.get(i).probabilities()[0], 1e-5);
                assertEquals(direct.mutualInformation()[i], served.get(i).mutualInformation()[0], 1e-5);
            }
            assertEquals("a", served.get(0).classNames().get(served.get(0).predicted()[0]));
            assertTrue(served.get(1).entropy()[0] > served.get(0).entropy()[0], "the centre is the uncertain point");
        }
    }
}
