package io.risbnn.method.laplace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.eval.ClassificationEvaluation;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Train with Laplace through the BnnTrainer, finish, evaluate; state → restore gives the same posterior. */
class LaplaceEndToEndTest {
    private static double[][] features(int n, int width, SplittableRandom r) {
        double[][] x = new double[n][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = r.nextDouble(-2, 2);
            }
        }
        return x;
    }

    @Test
    void regressionMlpForEveryStructure() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = features(80, 2, r);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(x[i][0]) + 0.3 * x[i][1] + 0.1 * r.nextGaussian();
        }
        DenseExamples train = new DenseExamples(x, y);
        DenseExamples test = new DenseExamples(features(20, 2, r), new double[20]);
        for (String structure : new String[] {"last-layer", "diag", "kfac"}) {
            TrainConfig config = LaplaceFixtures.config(structure, "marglik", 0, 40, "gaussian:1");
            Seeds.seedEngine(0);
            try (NDManager root = NDManager.newBaseManager();
                 BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[] {16}, 0.01, null), root)) {
                Laplace laplace = new Laplace();
                new BnnTrainer(model, config, laplace).fit(train, null, null);
                laplace.finish(model, config, train);
                PosteriorOutputs posterior = laplace.posterior(model, config, () -> train);
                double[] targets = new double[20];
                Map<String, Double> metrics = RegressionEvaluation.evaluate(posterior, test, targets,
                        TargetStandardizer.of(0, 1), 20, 7);
                assertTrue(metrics.containsKey("rmse_glm") && metrics.containsKey("test_ll_glm"), metrics.toString());
                for (Map.Entry<String, Double> e : metrics.entrySet()) {
                    assertTrue(Double.isFinite(e.getValue()), structure + " " + e);
                }
                assertEquals(metrics.get("test_ll_glm"), metrics.get("test_ll"), 0, "own predictive is glm");
                assertRestoredPosteriorIsIdentical(laplace, model, config, test);
            }
        }
    }

    @Test
    void mlpClassifier() {
        SplittableRandom r = new SplittableRandom(2);
        double[][] x = features(90, 2, r);
        double[] labels = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            labels[i] = x[i][0] + 0.3 * r.nextGaussian() > 0.7 ? 2 : x[i][1] > 0 ? 1 : 0;
        }
        DenseExamples train = new DenseExamples(x, labels);
        int[] testLabels = new int[30];
        double[][] tx = features(30, 2, r);
        double[] tl = new double[30];
        for (int i = 0; i < 30; i++) {
            testLabels[i] = tx[i][0] > 0.7 ? 2 : tx[i][1] > 0 ? 1 : 0;
            tl[i] = testLabels[i];
        }
        DenseExamples test = new DenseExamples(tx, tl);
        for (String structure : new String[] {"last-layer", "kfac"}) {
            TrainConfig config = LaplaceFixtures.config(structure, "marglik", 0, 30, "gaussian:1");
            Seeds.seedEngine(0);
            try (NDManager root = NDManager.newBaseManager();
                 BayesianModel model = Models.build(ModelSpec.classifierMlp(2, new int[] {16}, 3, 0.01, null), root)) {
                Laplace laplace = new Laplace();
                new BnnTrainer(model, config, laplace).fit(train, null, null);
                laplace.finish(model, config, train);
                PosteriorOutputs posterior = laplace.posterior(model, config, () -> train);
                Map<String, Double> metrics = ClassificationEvaluation.evaluate(posterior, test, testLabels, 20, 7, null);
                assertTrue(metrics.keySet().stream().anyMatch(k -> k.endsWith("_glm")), metrics.toString());
                assertTrue(metrics.keySet().stream().anyMatch(k -> k.endsWith("_glm-probit")), metrics.toString());
                for (Map.Entry<String, Double> e : metrics.entrySet()) {
                    assertTrue(Double.isFinite(e.getValue()), structure + " " + e);
                }
                assertEquals(LaplacePosterior.PROBIT, posterior.ownPredictive());
                System.out.println("laplace " + structure + " classifier: δ = " + laplace.priorPrecision() + " " + metrics);
                assertRestoredPosteriorIsIdentical(laplace, model, config, test);
            }
        }
    }

    private static void assertRestoredPosteriorIsIdentical(Laplace laplace, BayesianModel model, TrainConfig config,
                                                           DenseExamples test) {
        Map<String, NDArray> state = laplace.state();
        assertTrue(state.containsKey("prior_precision"), state.keySet().toString());
        Laplace fresh = new Laplace();
        fresh.restore(model, config, state);
        List<GaussianOutputs> a = laplace.posterior(model, config, () -> null).predictives(test);
        List<GaussianOutputs> b = fresh.posterior(model, config, () -> null).predictives(test);
        assertEquals(a.size(), b.size());
        for (int k = 0; k < a.size(); k++) {
            assertEquals(a.get(k).name(), b.get(k).name());
            for (int i = 0; i < test.size(); i++) {
                assertArrayEquals(a.get(k).mean()[i], b.get(k).mean()[i], 0);
                assertArrayEquals(a.get(k).variance()[i], b.get(k).variance()[i], 0);
            }
        }
        double[][][] sa = laplace.posterior(model, config, () -> null).sampled(test, 3, 4);
        double[][][] sb = fresh.posterior(model, config, () -> null).sampled(test, 3, 4);
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < test.size(); i++) {
                assertArrayEquals(sa[s][i], sb[s][i], 0);
            }
        }
        assertEquals(laplace.priorPrecision(), fresh.priorPrecision(), 0);
    }
}
