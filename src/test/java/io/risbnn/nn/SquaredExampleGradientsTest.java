package io.risbnn.nn;

import static io.risbnn.nn.NnTesting.randomFloats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.LinearMap;
import io.risbnn.variational.PosteriorInit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * VOGN's per-example curvature: Σ_r (∂ℓ_r/∂W)² from a layer's input rows and its per-row pre-activation
 * gradients equals a loop that backpropagates each row's loss ℓ_r = Σ z_r·c_r alone through the layer and
 * squares the kernel gradient — for a dense layer and for convolutions with and without stride and padding.
 * (The shortcut Σ_r (g_r²)ᵀ·(x_r²) that drops a convolution's spatial cross terms fails the conv cases.)
 */
class SquaredExampleGradientsTest {
    private static final int ROWS = 5;

    @Test
    void denseMatchesAPerExampleLoop() {
        check(new BayesLinear("d", 7, 4, true, ActivationFunction.NONE, PosteriorInit.defaults()), new Shape(ROWS, 7),
                new Shape(4, 7));
    }

    @Test
    void stridedPaddedConvolutionMatchesAPerExampleLoop() {
        check(new BayesConv2d("c", 3, 4, 3, 2, 1, true, ActivationFunction.NONE, PosteriorInit.defaults()),
                new Shape(ROWS, 3, 7, 7), new Shape(4, 3, 3, 3));
    }

    @Test
    void unpaddedConvolutionMatchesAPerExampleLoop() {
        check(new BayesConv2d("c", 2, 3, 5, 1, 0, true, ActivationFunction.NONE, PosteriorInit.defaults()),
                new Shape(ROWS, 2, 9, 8), new Shape(3, 2, 5, 5));
    }

    private static void check(VariationalBlock layer, Shape inputShape, Shape kernelShape) {
        SplittableRandom random = new SplittableRandom(3);
        LinearMap map = layer.linearMap();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray input = m.create(randomFloats(random, (int) inputShape.size()), inputShape);
            NDArray kernel = m.create(randomFloats(random, (int) kernelShape.size()), kernelShape);
            NDArray outputShapeProbe = map.apply(input, kernel);
            NDArray coefficients = m.create(randomFloats(random, (int) outputShapeProbe.size()), outputShapeProbe.getShape());

            NDArray loopWeight = m.zeros(kernelShape);
            NDArray loopBias = m.zeros(new Shape(kernelShape.get(0)));
            for (int r = 0; r < ROWS; r++) {
                NDArray k = kernel.duplicate();
                NDArray b = m.zeros(new Shape(kernelShape.get(0)));
                k.setRequiresGradient(true);
                b.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray row = input.get(new NDIndex("{}:{}", r, r + 1));
                    NDArray z = map.addBias(map.apply(row, k), b);
                    collector.backward(z.mul(coefficients.get(new NDIndex("{}:{}", r, r + 1))).sum());
                }
                loopWeight.addi(k.getGradient().square());
                loopBias.addi(b.getGradient().square());
            }
            float[] weight = map.squaredExampleGradients(input, coefficients, kernelShape).toFloatArray();
            float[] bias = map.squaredExampleBiasGradients(coefficients).toFloatArray();
            float[] expectedWeight = loopWeight.toFloatArray();
            assertTrue(maxAbs(expectedWeight) > 1, "a degenerate case");
            assertArrayEquals(expectedWeight, weight, 2e-5f * maxAbs(expectedWeight), "kernel");
            assertArrayEquals(loopBias.toFloatArray(), bias, 2e-5f * maxAbs(loopBias.toFloatArray()), "bias");
        }
    }

    private static float maxAbs(float[] a) {
        float max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
