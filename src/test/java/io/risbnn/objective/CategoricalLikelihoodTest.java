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

class CategoricalLikelihoodTest {
    private static final int S = 2;
    private static final int B = 3;
    private static final int C = 4;
    // includes a row with logits ±100 (naive softmax overflows float32 exp)
    private static final float[] LOGITS = {
        0.1f, 1.2f, -0.3f, 0.0f,
        2.0f, -1.0f, 0.5f, 0.5f,
        100f, -100f, 0f, 50f,
        -0.2f, 0.3f, 0.9f, -1.1f,
        1.5f, 1.5f, 1.5f, 1.5f,
        -100f, 100f, 3f, 0f,
    };
    private static final int[] TARGETS = {1, 3, 3};

    static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }

    private static double[] softmax(int s, int b) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < C; c++) {
            max = Math.max(max, LOGITS[(s * B + b) * C + c]);
        }
        double z = 0;
        for (int c = 0; c < C; c++) {
            z += Math.exp(LOGITS[(s * B + b) * C + c] - max);
        }
        double[] p = new double[C];
        for (int c = 0; c < C; c++) {
            p[c] = Math.exp(LOGITS[(s * B + b) * C + c] - max) / z;
        }
        return p;
    }

    /** −log softmax(z)_y = logsumexp(z) − z_y, averaged over S·B. */
    private static double handNll() {
        double sum = 0;
        for (int s = 0; s < S; s++) {
            for (int b = 0; b < B; b++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < C; c++) {
                    max = Math.max(max, LOGITS[(s * B + b) * C + c]);
                }
                double z = 0;
                for (int c = 0; c < C; c++) {
                    z += Math.exp(LOGITS[(s * B + b) * C + c] - max);
                }
                sum += max + Math.log(z) - LOGITS[(s * B + b) * C + TARGETS[b]];
            }
        }
        return sum / (S * B);
    }

    @Test
    void nllEqualsMinusLogSoftmaxByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            CategoricalLikelihood lik = new CategoricalLikelihood(C);
            lik.initialize(m);
            NDArray out = m.create(LOGITS, new Shape(S, B, C));
            double expected = handNll();
            double asInt = scalar(lik.negativeLogLikelihood(out, m.create(TARGETS)));
            double asFloat = scalar(lik.negativeLogLikelihood(out, m.create(new float[] {1f, 3f, 3f})));
            assertTrue(Double.isFinite(asInt));
            assertEquals(expected, asInt, 1e-5 * Math.abs(expected));
            assertEquals(expected, asFloat, 1e-5 * Math.abs(expected));
        }
    }

    @Test
    void singleSampleOfUniformLogitsGivesLogC() {
        try (NDManager m = NDManager.newBaseManager()) {
            CategoricalLikelihood lik = new CategoricalLikelihood(5);
            NDArray out = m.zeros(new Shape(1, 7, 5));
            NDArray y = m.create(new int[] {0, 1, 2, 3, 4, 0, 2});
            assertEquals(Math.log(5), scalar(lik.negativeLogLikelihood(out, y)), 1e-6);
        }
    }

    /** d NLL / d z = (softmax(z) − onehot(y)) / (S·B). */
    @Test
    void gradientWrtLogitsIsSoftmaxMinusOneHot() {
        try (NDManager m = NDManager.newBaseManager()) {
            CategoricalLikelihood lik = new CategoricalLikelihood(C);
            NDArray out = m.create(LOGITS, new Shape(S, B, C));
            out.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(lik.negativeLogLikelihood(out, m.create(TARGETS)));
            }
            float[] g = out.getGradient().toFloatArray();
            for (int s = 0; s < S; s++) {
                for (int b = 0; b < B; b++) {
                    double[] p = softmax(s, b);
                    for (int c = 0; c < C; c++) {
                        double expected = (p[c] - (c == TARGETS[b] ? 1 : 0)) / (S * B);
                        assertEquals(expected, g[(s * B + b) * C + c], 1e-6, "s" + s + " b" + b + " c" + c);
                    }
                }
            }
        }
    }

    @Test
    void hasNoParameters() {
        CategoricalLikelihood lik = new CategoricalLikelihood(10);
        assertEquals(10, lik.outputSize());
        assertTrue(lik.parameters().isEmpty());
        assertEquals("categorical(10)", lik.describe());
    }
}
