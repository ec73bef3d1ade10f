package io.risbnn.nn;

import static io.risbnn.nn.NnTesting.conv;
import static io.risbnn.nn.NnTesting.dense;
import static io.risbnn.nn.NnTesting.doubles;
import static io.risbnn.nn.NnTesting.maxAbsDiff;
import static io.risbnn.nn.NnTesting.randomFloats;
import static io.risbnn.nn.NnTesting.relu;
import static io.risbnn.nn.NnTesting.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.LrtEstimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.objective.Objective;
import io.risbnn.variational.GaussianPosterior;
import io.risbnn.variational.GaussianPrior;
import io.risbnn.variational.PosteriorInit;
import io.risbnn.variational.Softplus;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BayesLayersTest {
    private static final PosteriorInit DETERMINISTIC = PosteriorInit.withRho0(-30);

    private static void setRandomBias(VariationalBlock layer, SplittableRandom r) {
        GaussianPosterior b = layer.bias();
        b.mu().set(randomFloats(r, (int) b.size()));
    }

    private static NDArray forward(SequentialBlock net, NDManager m, NDArray x) {
        return net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    /** Plain DJL blocks around Bayesian layers; no ForwardContext given, so each layer draws one LRT sample. */
    @Test
    void runsInsideAnOrdinarySequentialBlockWithStandardBlocks() {
        SplittableRandom r = new SplittableRandom(11);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            BayesLinear hidden = new BayesLinear("hidden", 6, 5, true, ActivationFunction.NONE, DETERMINISTIC);
            BayesLinear out = new BayesLinear("out", 5, 2, true, ActivationFunction.NONE, DETERMINISTIC);
            SequentialBlock net = new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(hidden)
                    .add(ai.djl.nn.Activation.reluBlock())
                    .add(out);
            Shape in = new Shape(4, 2, 3);
            net.initialize(m, DataType.FLOAT32, in);
            setRandomBias(hidden, r);
            setRandomBias(out, r);
            Shape[] shapes = net.getOutputShapes(new Shape[] {in});
            assertEquals(1, shapes.length);
            assertEquals(new Shape(4, 2), shapes[0]);

            NDArray x = m.create(randomFloats(r, 24), in);
            NDArray y = forward(net, m, x);
            assertEquals(shapes[0], y.getShape());
            // s ≈ 9e-14: the sample is the mean network relu(x W1ᵀ + b1) W2ᵀ + b2
            double[] h = relu(dense(doubles(x), doubles(hidden.weight().mu()), doubles(hidden.bias().mu()), 4, 6, 5));
            double[] expected = dense(h, doubles(out.weight().mu()), doubles(out.bias().mu()), 4, 5, 2);
            assertTrue(maxAbsDiff(expected, doubles(y)) < 1e-5);
        }
    }

    /**
     * The standalone default is one local-reparameterisation sample: rows get independent
     * pre-activation noise (a shared weight sample would give identical rows), with mean m, variance v.
     */
    @Test
    void standaloneForwardDrawsOneIndependentLrtSamplePerRow() {
        int rows = 20000;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(2);
            BayesLinear layer = new BayesLinear("l", 3, 2, true, ActivationFunction.NONE, PosteriorInit.withRho0(-0.5));
            SequentialBlock net = new SequentialBlock().add(layer);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            layer.bias().mu().set(new float[] {0.3f, -0.2f});
            float[] x = {0.5f, -1.0f, 2.0f};
            float[] tiled = new float[rows * 3];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(x, 0, tiled, 3 * i, 3);
            }
            double[] y = doubles(forward(net, m, m.create(tiled, new Shape(rows, 3))));
            double[] mu = doubles(layer.weight().mu());
            double s = Softplus.of(-0.5);
            for (int j = 0; j < 2; j++) {
                double mean = (j == 0 ? 0.3 : -0.2);
                double var = s * s;
                for (int t = 0; t < 3; t++) {
                    mean += x[t] * mu[j * 3 + t];
                    var += x[t] * (double) x[t] * s * s;
                }
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < rows; i++) {
                    sum += y[2 * i + j];
                    sumSq += y[2 * i + j] * y[2 * i + j];
                }
                double sampleMean = sum / rows;
                double sampleVar = (sumSq - rows * sampleMean * sampleMean) / (rows - 1);
                System.out.printf("standalone LRT unit %d: mean %.4f (m=%.4f, SE %.4f) var %.4f (v=%.4f, SE %.4f)%n",
                        j, sampleMean, mean, Math.sqrt(var / rows), sampleVar, var, var * Math.sqrt(2.0 / (rows - 1)));
                assertTrue(Math.abs(sampleMean - mean) < 4 * Math.sqrt(var / rows), "mean of unit " + j);
                assertTrue(Math.abs(sampleVar - var) < 4 * var * Math.sqrt(2.0 / (rows - 1)), "variance of unit " + j);
            }
        }
    }

    private static NDArray forward(SequentialBlock net, NDManager m, NDArray x, ForwardContext ctx) {
        return net.forward(new ParameterStore(m, false), new NDList(x), false, ctx.asParams()).singletonOrThrow();
    }

    /** Rows 2j and 2j+1 (one stream of a mc-shared ELBO batch whose streams hold the same row twice). */
    private static boolean rowsEqualWithinStreams(float[] ys, int streams, int k) {
        for (int j = 0; j < streams; j++) {
            for (int c = 0; c < k; c++) {
                if (ys[(2 * j) * k + c] != ys[(2 * j + 1) * k + c]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * An activated ForwardContext reaches a Bayesian layer nested in a SequentialBlock (DJL 0.36's
     * SequentialBlock does not pass its forward params on to its children), and is gone after the scope.
     */
    @Test
    void activatedContextReachesLayersInsideASequentialBlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            BayesLinear layer = new BayesLinear("l", 4, 3, true, ActivationFunction.NONE, PosteriorInit.withRho0(0.0));
            SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock()).add(layer);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 4));
            int samples = 5;
            ForwardContext ctx = new ForwardContext(new McSharedEstimator(), Objective.ELBO, samples);
            assertSame(ctx, ForwardContext.from(ctx.asParams()));
            // every stream holds the same row twice: mc-shared (one weight sample per stream) gives equal
            // outputs within a stream and different ones across streams; the standalone LRT default
            // draws per row, so it differs within a stream too (s = softplus(0) = 0.69)
            NDArray x = m.create(new float[] {0.5f, -1f, 1.5f, 2f}, new Shape(1, 4)).repeat(0, 2 * samples);
            float[] ys;
            try (ForwardContext.Scope scope = ctx.activate()) {
                assertSame(ctx, ForwardContext.from(null));
                NDArray y = forward(net, m, x, ctx);
                assertEquals(new Shape(samples * 2, 3), y.getShape());
                ys = y.toFloatArray();
            }
            assertTrue(rowsEqualWithinStreams(ys, samples, 3), "mc-shared must share a weight sample within a stream");
            assertTrue(ys[0] != ys[6] || ys[1] != ys[7] || ys[2] != ys[8], "streams must use different samples");

            // after the scope: standalone LRT again
            assertEquals(LrtEstimator.NAME, ForwardContext.from(null).estimator().name());
            float[] standalone = forward(net, m, x).toFloatArray();
            assertTrue(!rowsEqualWithinStreams(standalone, samples, 3), "standalone LRT draws per row");

            // an analytic MOMENT context is deterministic and equals calling the estimator directly
            ForwardContext analytic = new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1);
            try (ForwardContext.Scope scope = analytic.activate()) {
                float[] a1 = forward(net, m, x, analytic).toFloatArray();
                float[] a2 = analytic.estimator().forward(layer, x, analytic).toFloatArray();
                assertArrayEquals(a2, a1);
                // params given to the layer's own forward take precedence over the active context
                float[] own = layer.forward(new ParameterStore(m, false), new NDList(x), false, ctx.asParams())
                        .singletonOrThrow().toFloatArray();
                assertTrue(rowsEqualWithinStreams(own, samples, 3));
                assertTrue(own[0] != own[6] || own[1] != own[7] || own[2] != own[8]);
            }
        }
    }

    @Test
    void bayesConv2dOutputShapesMatchGetOutputShapes() {
        int[][] configs = {
            // C, K, kernel, stride, padding, H, W
            {3, 4, 3, 2, 1, 9, 8},
            {1, 2, 5, 1, 0, 7, 7},
            {2, 3, 3, 1, 1, 6, 5},
            {2, 2, 2, 2, 0, 5, 6},
            {4, 1, 1, 3, 0, 10, 4},
        };
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            for (int[] c : configs) {
                BayesConv2d layer = new BayesConv2d("c", c[0], c[1], c[2], c[3], c[4], true, ActivationFunction.RELU,
                        PosteriorInit.defaults());
                Shape in = new Shape(2, c[0], c[5], c[6]);
                layer.initialize(m, DataType.FLOAT32, in);
                Shape expected = layer.getOutputShapes(new Shape[] {in})[0];
                long h = (c[5] + 2L * c[4] - c[2]) / c[3] + 1;
                long w = (c[6] + 2L * c[4] - c[2]) / c[3] + 1;
                assertEquals(new Shape(2, c[1], h, w), expected, java.util.Arrays.toString(c));
                NDArray y = layer.forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false)
                        .singletonOrThrow();
                assertEquals(expected, y.getShape(), java.util.Arrays.toString(c));
                // under ELBO with M = 3 streams stacked on the batch axis
                ForwardContext ctx = new ForwardContext(new McSharedEstimator(), Objective.ELBO, 3);
                Shape stacked = new Shape(6, c[0], c[5], c[6]);
                NDArray ys = layer.forward(new ParameterStore(m, false), new NDList(m.randomNormal(stacked)), false,
                        ctx.asParams()).singletonOrThrow();
                assertEquals(layer.getOutputShapes(new Shape[] {stacked})[0], ys.getShape());
            }
        }
    }

    @Test
    void bayesConv2dDeterministicLimitIsTheMeanConvolution() {
        SplittableRandom r = new SplittableRandom(12);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            BayesConv2d layer = new BayesConv2d("c", 2, 3, 3, 2, 1, true, ActivationFunction.RELU, DETERMINISTIC);
            Shape in = new Shape(2, 2, 7, 6);
            layer.initialize(m, DataType.FLOAT32, in);
            setRandomBias(layer, r);
            NDArray x = m.create(randomFloats(r, (int) in.size()), in);
            NDArray y = layer.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            double[] expected = relu(conv(doubles(x), in, doubles(layer.weight().mu()), layer.weight().shape(),
                    doubles(layer.bias().mu()), 2, 1));
            assertTrue(maxAbsDiff(expected, doubles(y)) < 1e-5);
        }
    }

    @Test
    void variationalParameterCountIsTwiceWeightsPlusBiases() {
        try (NDManager m = NDManager.newBaseManager()) {
            BayesLinear withBias = new BayesLinear("a", 5, 3, true, ActivationFunction.RELU, PosteriorInit.defaults());
            BayesLinear noBias = new BayesLinear("b", 5, 3, false, ActivationFunction.RELU, PosteriorInit.defaults());
            BayesConv2d conv = new BayesConv2d("c", 2, 4, 3, 1, 1, true, ActivationFunction.RELU, PosteriorInit.defaults());
            BayesConv2d convNoBias = new BayesConv2d("d", 2, 4, 3, 1, 1, false, ActivationFunction.RELU, PosteriorInit.defaults());
            withBias.initialize(m, DataType.FLOAT32, new Shape(1, 5));
            noBias.initialize(m, DataType.FLOAT32, new Shape(1, 5));
            conv.initialize(m, DataType.FLOAT32, new Shape(1, 2, 5, 5));
            convNoBias.initialize(m, DataType.FLOAT32, new Shape(1, 2, 5, 5));
            assertEquals(2 * (15 + 3), withBias.variationalParameterCount());
            assertEquals(2 * 15, noBias.variationalParameterCount());
            assertEquals(2 * (4 * 2 * 9 + 4), conv.variationalParameterCount());
            assertEquals(2 * (4 * 2 * 9), convNoBias.variationalParameterCount());
            assertNull(noBias.bias());
            for (VariationalBlock b : List.of(withBias, noBias, conv, convNoBias)) {
                long total = 0;
                for (Pair<String, Parameter> p : b.getParameters()) {
                    total += p.getValue().getArray().size();
                }
                assertEquals(total, b.variationalParameterCount(), b.toString());
                assertEquals(b.bias() == null ? 2 : 4, b.getParameters().size());
            }
            assertEquals(5, withBias.inFeatures());
            assertEquals(3, withBias.outFeatures());
        }
    }

    @Test
    void rejectsNonPositiveSizes() {
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> new BayesLinear("x", 0, 3, true, ActivationFunction.RELU, PosteriorInit.defaults()));
        assertTrue(e.getMessage().contains("x"), e.getMessage());
        assertThrows(RisbnnException.class,
                () -> new BayesConv2d("c", 2, 3, 3, 0, 1, true, ActivationFunction.RELU, PosteriorInit.defaults()));
    }

    /** find() walks nested DJL containers depth-first; kl() sums every layer's KL (weights and biases). */
    @Test
    void variationalLayersFindsAndSumsKlOverANestedBlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(6);
            BayesConv2d c1 = new BayesConv2d("c1", 2, 3, 3, 2, 1, true, ActivationFunction.RELU, PosteriorInit.withSigmaRatio(0.3));
            BayesLinear l1 = new BayesLinear("l1", 27, 4, true, ActivationFunction.RELU, PosteriorInit.defaults());
            BayesLinear l2 = new BayesLinear("l2", 4, 2, false, ActivationFunction.NONE, PosteriorInit.withRho0(-1));
            SequentialBlock inner = new SequentialBlock()
                    .add(Blocks.batchFlattenBlock())
                    .add(l1)
                    .add(ai.djl.nn.Activation.reluBlock())
                    .add(new SequentialBlock().add(l2));
            SequentialBlock root = new SequentialBlock().add(c1).add(inner);
            Shape in = new Shape(1, 2, 6, 6);
            root.initialize(m, DataType.FLOAT32, in);
            assertEquals(new Shape(1, 2), root.getOutputShapes(new Shape[] {in})[0]);

            List<VariationalBlock> found = VariationalLayers.find(root);
            assertEquals(3, found.size());
            assertSame(c1, found.get(0));
            assertSame(l1, found.get(1));
            assertSame(l2, found.get(2));

            GaussianPrior prior = new GaussianPrior(0.5);
            double expected = 0;
            for (VariationalBlock layer : found) {
                for (GaussianPosterior q : new GaussianPosterior[] {layer.weight(), layer.bias()}) {
                    if (q == null) {
                        continue;
                    }
                    double[] mu = doubles(q.mu());
                    double[] rho = doubles(q.rho());
                    for (int i = 0; i < mu.length; i++) {
                        double s = Softplus.of(rho[i]);
                        expected += Math.log(0.5 / s) + (s * s + mu[i] * mu[i]) / (2 * 0.25) - 0.5;
                    }
                }
            }
            double sumOfLayers = scalar(c1.kl(prior)) + scalar(l1.kl(prior)) + scalar(l2.kl(prior));
            double total = scalar(VariationalLayers.kl(root, prior));
            assertEquals(expected, total, 1e-5 * Math.abs(expected));
            assertEquals(sumOfLayers, total, 1e-5 * Math.abs(expected));

            SequentialBlock plain = new SequentialBlock().add(Blocks.batchFlattenBlock());
            assertTrue(VariationalLayers.find(plain).isEmpty());
            assertThrows(IllegalArgumentException.class, () -> VariationalLayers.kl(plain, prior));
            assertArrayEquals(new Object[] {l2}, VariationalLayers.find(l2).toArray());
        }
    }
}
