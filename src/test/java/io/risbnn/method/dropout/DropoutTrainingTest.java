package io.risbnn.method.dropout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.eval.ClassificationEvaluation;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.method.MaximumAPosteriori;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.objective.Objective;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.report.Stats;
import io.risbnn.bench.RandomImages;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** End to end: training with MC dropout through the trainer, evaluation through the method's posterior. */
class DropoutTrainingTest {
    @Test
    void aRegressionMlpTrainsAndPredictsWithDropoutPasses() {
        int n = 200;
        SplittableRandom random = new SplittableRandom(11);
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble(-2, 2);
            y[i] = 5 + 2 * Math.sin(2 * x[i][0]) + 0.2 * random.nextGaussian();
        }
        TargetStandardizer scale = TargetStandardizer.fit(y);
        DenseExamples train = new DenseExamples(x, scale.transform(y));
        TrainConfig config = MonteCarloDropoutTest.config(Objective.ELBO, 60, 32, 0.01);
        MonteCarloDropout method = new MonteCarloDropout();
        Seeds.seedEngine(3);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(1, new int[] {64}, 0.01, null).withDropout(0.1), root)) {
            new BnnTrainer(model, config, method).fit(train, null, null);
            for (VariationalBlock layer : model.variationalLayers()) {      // MAP: the weights stayed a point mass
                assertTrue(layer.weight().sigma().max().getFloat() < 1e-12f);
            }
            PosteriorOutputs posterior = method.posterior(model, config, () -> train);
            Map<String, Double> metrics = RegressionEvaluation.evaluate(posterior, train, y, scale, 30, 5);
            double rmseSampled = metrics.get("rmse_sampled");
            double rmseMeanNet = metrics.get("rmse_mean-net");
            double spread = Stats.std(y);
            System.out.printf("mc-dropout regression: rmse_sampled %.4f, rmse_mean-net %.4f, test_ll %.4f (y sd %.3f)%n",
                    rmseSampled, rmseMeanNet, metrics.get("test_ll"), spread);
            assertTrue(Double.isFinite(rmseSampled) && Double.isFinite(rmseMeanNet));
            assertTrue(Double.isFinite(metrics.get("test_ll_sampled")) && Double.isFinite(metrics.get("test_ll_mean-net")));
            assertTrue(rmseSampled < 0.5 * spread && rmseMeanNet < 0.5 * spread, "the fit learned the sine: " + metrics);
            assertEquals(metrics.get("rmse_sampled"), metrics.get("rmse"), 0);
        }
    }

    @Test
    void leNetTrainsWithDropoutAndEvaluatesThroughThePosterior() {
        RandomImages images = new RandomImages(24, 1, 16, 16, 3, new SplittableRandom(2));
        TrainConfig config = MonteCarloDropoutTest.config(Objective.ELBO, 2, 8, 0.005);
        MonteCarloDropout method = new MonteCarloDropout();
        Seeds.seedEngine(6);
        ModelSpec spec = ModelSpec.image("lenet", 1, 16, 16, 3, new int[0], 0.01, null).withDropout(0.25);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = Models.build(spec, root)) {
            new BnnTrainer(model, config, method).fit(images, null, null);
            PosteriorOutputs posterior = method.posterior(model, config, () -> images);
            Map<String, Double> metrics = ClassificationEvaluation.evaluate(posterior, images, images.intLabels(), 8, 9, null);
            System.out.println("mc-dropout LeNet: " + metrics);
            for (String key : new String[] {"test_nll", "accuracy", "nll_sampled", "accuracy_mean-net", "nll_mean-net"}) {
                assertTrue(Double.isFinite(metrics.get(key)), key + " in " + metrics);
            }
            assertTrue(metrics.get("mutual_information_sampled") > 0, "dropout passes disagree: " + metrics);
        }
    }

    @Test
    void aSmallResNetTrainsWithDropoutInItsBlocks() {
        RandomImages images = new RandomImages(16, 3, 8, 8, 3, new SplittableRandom(5));
        TrainConfig config = MonteCarloDropoutTest.config(Objective.ELBO, 1, 8, 0.005);
        MonteCarloDropout method = new MonteCarloDropout();
        Seeds.seedEngine(8);
        ModelSpec spec = new ModelSpec("resnet8", 3 * 8 * 8, new int[0], 3, "categorical", 0.01, null, true, 0.5,
                new int[] {3, 8, 8}).withDropout(0.2);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = Models.build(spec, root)) {
            new BnnTrainer(model, config, method).fit(images, null, null);
            Map<String, Double> metrics = ClassificationEvaluation.evaluate(method.posterior(model, config, () -> images),
                    images, images.intLabels(), 4, 9, null);
            assertTrue(Double.isFinite(metrics.get("nll_sampled")) && Double.isFinite(metrics.get("nll_mean-net")),
                    metrics.toString());
            assertTrue(metrics.get("mutual_information_sampled") > 0, metrics.toString());
        }
    }

    @Test
    void mapOnTheSameNetworkHasNoSpreadBetweenPasses() {
        // the contrast that makes the LeNet check meaningful: without dropout the sampled networks coincide
        RandomImages images = new RandomImages(12, 1, 16, 16, 3, new SplittableRandom(4));
        TrainConfig config = MonteCarloDropoutTest.config(Objective.ELBO, 1, 6, 0.005);
        MaximumAPosteriori map = new MaximumAPosteriori();
        Seeds.seedEngine(6);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.image("lenet", 1, 16, 16, 3, new int[0], 0.01, null), root)) {
            new BnnTrainer(model, config, map).fit(images, null, null);
            Map<String, Double> metrics = ClassificationEvaluation.evaluate(map.posterior(model, config, () -> images), images,
                    images.intLabels(), 8, 9, null);
            assertTrue(metrics.get("mutual_information_sampled") < 1e-6, metrics.toString());
        }
    }
}
