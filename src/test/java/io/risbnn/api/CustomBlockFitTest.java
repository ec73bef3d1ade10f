package io.risbnn.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.nn.BayesLinear;
import io.risbnn.predict.PredictOptions;
import io.risbnn.variational.PosteriorInit;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own SequentialBlock of Bayesian layers, fitted through the facade, saved and loaded. */
class CustomBlockFitTest {
    /** y = sin(3x) + noise 0.1 on x in [-1, 1]. */
    static double[][] inputs(int n, SplittableRandom r) {
        double[][] x = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble(-1, 1);
        }
        return x;
    }

    static double[] targets(double[][] x, SplittableRandom r) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(3 * x[i][0]) + 0.1 * r.nextGaussian();
        }
        return y;
    }

    static SequentialBlock network() {
        return new SequentialBlock()
                .add(new BayesLinear("dense1", 1, 32, true, ActivationFunction.RELU, PosteriorInit.defaults()))
                .add(new BayesLinear("dense2", 32, 1, true, ActivationFunction.NONE, PosteriorInit.defaults()));
    }

    @Test
    void fitsPredictsSavesAndLoadsToTheSamePredictions(@TempDir Path dir) {
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = inputs(200, r);
        double[] y = targets(x, r);
        double[][] grid = {{-0.5}, {0.0}, {0.5}, {3.0}};
        PredictOptions options = new PredictOptions(50, 7, 0.9);
        PredictiveDistribution before;
        try (Posterior posterior = BayesianNetworks.regression()
                .network(CustomBlockFitTest::network, new Shape(1))
                .data(x, y).epochs(60).batchSize(32).samples(4).learningRate(0.02).seed(3)
                .fit()) {
            assertEquals("lrt", posterior.config().estimator());
            before = posterior.predict(grid, options);
            posterior.save(dir);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(Math.sin(3 * grid[i][0]), before.mean()[i], 0.25, "mean at " + grid[i][0]);
        }
        // far outside the data the posterior's doubt about the mean grows
        assertTrue(before.epistemicStd()[3] > 2 * before.epistemicStd()[1], "epistemic std far away vs at 0");
        for (int i = 0; i < 4; i++) {
            assertEquals(before.variance()[i], before.epistemicVariance()[i] + before.aleatoricVariance()[i], 1e-9);
            assertTrue(before.quantile(0.05)[i] < before.mean()[i] && before.mean()[i] < before.quantile(0.95)[i]);
            assertEquals(before.sampled().lower()[i], before.quantile(0.05)[i], 1e-9);
        }
        try (Posterior loaded = Posterior.load(dir, CustomBlockFitTest::network)) {
            PredictiveDistribution after = loaded.predict(grid, options);
            assertArrayEquals(before.mean(), after.mean());
            assertArrayEquals(before.std(), after.std());
            assertArrayEquals(before.epistemicStd(), after.epistemicStd());
            assertEquals(java.util.List.of("x1"), loaded.featureNames());
        }
    }

    @Test
    void elboWithABatchThatIsNotAMultipleOfM() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] x = inputs(23, r);
        double[] y = targets(x, r);
        try (Posterior posterior = BayesianNetworks.regression()
                .network(CustomBlockFitTest::network, new Shape(1))
                .estimator("mc-shared").objective("elbo").samples(10).batchSize(7)   // batches of 7, 7, 7, 2 rows
                .data(x, y).epochs(2).fit()) {
            assertEquals(2, posterior.history().size());
            assertTrue(Double.isFinite(posterior.history().get(1).loss()));
            assertEquals(3, posterior.predict(new double[][] {{0}, {0.1}, {0.2}}).size());
        }
    }
}
