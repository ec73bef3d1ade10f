package io.risbnn.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class GaussianLikelihoodTest {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    // S = 2 sampled networks, B = 3 examples
    private static final float[] OUTPUTS = {0.5f, -1.0f, 2.0f, 0.7f, -0.4f, 1.5f};
    private static final float[] TARGETS = {0.2f, -0.5f, 2.5f};

    static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }

    private static double handNll(double sigma) {
        double sum = 0;
        for (int s = 0; s < 2; s++) {
            for (int b = 0; b < 3; b++) {
                double r = OUTPUTS[s * 3 + b] - (double) TARGETS[b];
                sum += r * r / (2 * sigma * sigma) + Math.log(sigma) + HALF_LOG_2PI;
            }
        }
        return sum / 6;
    }

    @Test
    void nllEqualsHandComputedGaussianNll() {
        for (double sigma : new double[] {0.5, 1.0, 0.05, 3.0}) {
            try (NDManager m = NDManager.newBaseManager()) {
                GaussianLikelihood lik = new GaussianLikelihood(sigma);
                lik.initialize(m);
                assertEquals(sigma, lik.noiseStd(), 1e-6 * sigma);
                NDArray out = m.create(OUTPUTS, new Shape(2, 3, 1));
                NDArray y = m.create(TARGETS);
                double expected = handNll(sigma);
                assertEquals(expected, scalar(lik.negativeLogLikelihood(out, y)), 1e-5 * Math.abs(expected), "sigma " + sigma);
                // targets given as a column [B, 1] are treated the same
                assertEquals(expected, scalar(lik.negativeLogLikelihood(out, y.reshape(3, 1))), 1e-5 * Math.abs(expected));
            }
        }
    }

    /** d NLL / d log σ = 1 − mean(r²)/σ². */
    @Test
    void gradientWrtLogSigmaIsAnalytic() {
        try (NDManager m = NDManager.newBaseManager()) {
            double sigma = 0.8;
            GaussianLikelihood lik = new GaussianLikelihood(sigma);
            lik.initialize(m);
            assertEquals(1, lik.parameters().size());
            NDArray logSigma = lik.parameters().get(0).getArray();
            logSigma.setRequiresGradient(true);
            NDArray out = m.create(OUTPUTS, new Shape(2, 3, 1));
            NDArray y = m.create(TARGETS);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(lik.negativeLogLikelihood(out, y));
            }
            double meanSq = 0;
            for (int s = 0; s < 2; s++) {
                for (int b = 0; b < 3; b++) {
                    double r = OUTPUTS[s * 3 + b] - (double) TARGETS[b];
                    meanSq += r * r / 6;
                }
            }
            double expected = 1 - meanSq / (sigma * sigma);
            assertEquals(expected, logSigma.getGradient().toFloatArray()[0], 1e-5);
        }
    }

    @Test
    void gradientWrtOutputsIsResidualOverVariance() {
        try (NDManager m = NDManager.newBaseManager()) {
            double sigma = 0.6;
            GaussianLikelihood lik = new GaussianLikelihood(sigma);
            lik.initialize(m);
            NDArray out = m.create(OUTPUTS, new Shape(2, 3, 1));
            out.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(lik.negativeLogLikelihood(out, m.create(TARGETS)));
            }
            float[] g = out.getGradient().toFloatArray();
            for (int s = 0; s < 2; s++) {
                for (int b = 0; b < 3; b++) {
                    double r = OUTPUTS[s * 3 + b] - (double) TARGETS[b];
                    assertEquals(r / (sigma * sigma * 6), g[s * 3 + b], 1e-6);
                }
            }
        }
    }

    @Test
    void describesItself() {
        GaussianLikelihood lik = new GaussianLikelihood(1.0);
        assertEquals(1, lik.outputSize());
        assertTrue(lik.describe().startsWith("gaussian"));
    }
}
