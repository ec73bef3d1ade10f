package io.risbnn.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.OneEngineThread;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.train.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MOMENTS.md §4 item 2: for a model whose outputs are exactly Gaussian (one variational layer, no
 * activation), the MEAN_VAR data term equals the average NLL over sampled networks — exactly for the
 * Gaussian likelihoods, in expectation for the Monte Carlo logit expectation; the second-order logit
 * form is an approximation whose error is measured.
 */
@Tag("statistical")
@ExtendWith(OneEngineThread.class)
class ExpectedLikelihoodTest {
    private static final int NETWORKS = 200_000;
    private static final int CHUNK = 20_000;

    @Test
    void homoscedasticGaussianIsExact() {
        check(new ModelSpec("mlp", 3, new int[0], 1, "gaussian", 0.8, null, true, 0.7), 4.0, 0);
    }

    @Test
    void heteroscedasticGaussianIsExact() {
        check(new ModelSpec("mlp", 3, new int[0], 1, "gaussian", 0.8, null, true, 0.7).withHeteroscedastic(true), 4.0, 0);
    }

    @Test
    void monteCarloLogitExpectationIsUnbiased() {
        ModelSpec spec = ModelSpec.classifierMlp(3, new int[0], 4, 0.8, null).withLogitExpectation("mc");
        check(spec, 4.0, 200);
    }

    @Test
    void secondOrderLogitExpectationIsCloseForSmallVariance() {
        ModelSpec spec = ModelSpec.classifierMlp(3, new int[0], 4, 0.3, null).withLogitExpectation("second-order");
        double[] errors = check(spec, Double.NaN, 0);
        System.out.printf("second-order logit expectation: expected NLL %.5f vs sampled %.5f%n", errors[0], errors[1]);
        assertEquals(errors[1], errors[0], 0.02 * Math.abs(errors[1]), "second order within 2 %");
    }

    /**
     * Compares the MEAN_VAR data term (averaged over {@code repeats} seeds when it is stochastic) with
     * the sampled-network average; asserts |t| ≤ maxT unless maxT is NaN. Returns {mean-var, sampled}.
     */
    private static double[] check(ModelSpec spec, double maxT, int repeats) {
        try (NDManager root = NDManager.newBaseManager()) {
            Seeds.seedEngine(5);
            try (BayesianModel model = Models.build(spec, root)) {
                NDManager m = model.manager();
                SplittableRandom r = new SplittableRandom(6);
                int batch = 7;
                float[] xs = new float[batch * 3];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = (float) r.nextGaussian();
                }
                NDArray x = m.create(xs, new Shape(batch, 3));
                float[] ys = new float[batch];
                for (int i = 0; i < batch; i++) {
                    ys[i] = spec.likelihood().equals("gaussian") ? (float) r.nextGaussian() : r.nextInt(4);
                }
                NDArray y = m.create(ys, new Shape(batch));
                Objective mv = Objective.MEAN_VAR;
                double expected = 0;
                double expectedSq = 0;
                int runs = Math.max(1, repeats);
                for (int k = 0; k < runs; k++) {
                    Seeds.seedEngine(100 + k);
                    try (NDScope s = new NDScope()) {
                        NDArray out = model.forward(x, new ForwardContext(new AnalyticEstimator(), mv, 1), false);
                        double value = mv.negativeLogLikelihood(model.likelihood(), out, y).toType(DataType.FLOAT64, false).getDouble();
                        expected += value;
                        expectedSq += value * value;
                    }
                }
                expected /= runs;
                double expectedSe = runs > 1 ? Math.sqrt(Math.max(0, expectedSq / runs - expected * expected) / (runs - 1)) : 0;
                // sampled networks: the per-network NLL, averaged; its SE over networks
                double sum = 0;
                double sumSq = 0;
                for (int done = 0, k = 0; done < NETWORKS; done += CHUNK, k++) {
                    Seeds.seedEngine(7, "networks", k);
                    try (NDScope s = new NDScope()) {
                        NDArray out = model.forward(x, new ForwardContext(new McSharedEstimator(), Objective.ELBO, CHUNK), false);
                        double[] f = out.toType(DataType.FLOAT64, false).toDoubleArray();
                        int width = spec.outputs();
                        for (int j = 0; j < CHUNK; j++) {
                            double v = 0;
                            for (int b = 0; b < batch; b++) {
                                v += nll(model.likelihood(), f, (j * batch + b) * width, width, ys[b]);
                            }
                            v /= batch;
                            sum += v;
                            sumSq += v * v;
                        }
                    }
                }
                double sampled = sum / NETWORKS;
                double sampledSe = Math.sqrt(Math.max(0, sumSq / NETWORKS - sampled * sampled) / NETWORKS);
                double t = (expected - sampled) / Math.sqrt(sampledSe * sampledSe + expectedSe * expectedSe);
                System.out.printf("%s: mean-var %.5f (se %.5f), sampled %.5f (se %.5f), t = %.2f%n", spec.likelihood()
                        + (spec.heteroscedastic() ? "-het" : "") + "/" + spec.logitExpectationOrDefault(),
                        expected, expectedSe, sampled, sampledSe, t);
                if (!Double.isNaN(maxT)) {
                    assertTrue(Math.abs(t) <= maxT, "t = " + t);
                }
                return new double[] {expected, sampled};
            }
        }
    }

    /** −log p(y | f) of one network's output f[at .. at+width), in double, written independently of the product. */
    private static double nll(Likelihood likelihood, double[] f, int at, int width, double y) {
        if (likelihood instanceof GaussianLikelihood g) {
            if (g.heteroscedastic()) {
                double logVar = f[at + 1];
                return 0.5 * Math.log(2 * Math.PI) + 0.5 * logVar + 0.5 * (y - f[at]) * (y - f[at]) * Math.exp(-logVar);
            }
            double sigma = g.noiseStd();
            return 0.5 * Math.log(2 * Math.PI) + Math.log(sigma) + (y - f[at]) * (y - f[at]) / (2 * sigma * sigma);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < width; c++) {
            max = Math.max(max, f[at + c]);
        }
        double sum = 0;
        for (int c = 0; c < width; c++) {
            sum += Math.exp(f[at + c] - max);
        }
        return max + Math.log(sum) - f[at + (int) y];
    }
}
