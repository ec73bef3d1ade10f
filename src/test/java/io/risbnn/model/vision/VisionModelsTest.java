package io.risbnn.model.vision;

import static io.risbnn.model.vision.VisionTesting.allFinite;
import static io.risbnn.model.vision.VisionTesting.doubles;
import static io.risbnn.model.vision.VisionTesting.forward;
import static io.risbnn.model.vision.VisionTesting.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.LrtEstimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.RisEstimator;
import io.risbnn.nn.VariationalLayers;
import io.risbnn.objective.Objective;
import io.risbnn.variational.GaussianPrior;
import io.risbnn.variational.PosteriorInit;
import org.junit.jupiter.api.Test;

/** Output shapes and parameter counts of the image models. */
class VisionModelsTest {
    private static final int CLASSES = 10;
    private static final ForwardContext ELBO_LRT = new ForwardContext(new LrtEstimator(), Objective.ELBO, 1);
    private static final ForwardContext MOMENT_ANALYTIC = new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1);

    /** Shapes under ELBO (lrt, M = 1) and MOMENT (analytic) for a batch of 2, in training mode; finite values. */
    private static void assertClassifies(SequentialBlock net, NDManager m, Shape example, int classes) {
        Shape batchShape = new Shape(2).addAll(example);
        net.initialize(m, DataType.FLOAT32, new Shape(1).addAll(example));
        assertEquals(new Shape(2, classes), net.getOutputShapes(new Shape[] {batchShape})[0]);
        NDArray x = m.randomNormal(batchShape);
        for (ForwardContext ctx : new ForwardContext[] {ELBO_LRT, MOMENT_ANALYTIC}) {
            NDArray y = forward(net, m, x, ctx, true);
            assertEquals(new Shape(2, classes), y.getShape(), ctx.objective() + " " + ctx.estimator().name());
            assertTrue(allFinite(doubles(y)), "non-finite output under " + ctx.objective());
        }
    }

    /** conv(C→6, 5×5) + conv(6→16) + 400→120→84→classes, with biases. */
    private static long lenetWeights(int inChannels, int classes) {
        return (6L * inChannels * 25 + 6) + (16 * 6 * 25 + 16) + (400 * 120 + 120) + (120 * 84 + 84) + (84L * classes + classes);
    }

    @Test
    void lenetClassifiesMnistAndCifarShapedInputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            SequentialBlock mnist = BayesianLeNet.mnist(CLASSES, PosteriorInit.defaults());
            assertClassifies(mnist, m, new Shape(1, 28, 28), CLASSES);
            assertEquals(61_706, lenetWeights(1, CLASSES));
            assertEquals(2 * lenetWeights(1, CLASSES), ParameterCounts.variational(mnist));
            assertEquals(5, VariationalLayers.find(mnist).size());

            SequentialBlock cifar = BayesianLeNet.cifar(CLASSES, PosteriorInit.defaults());
            assertClassifies(cifar, m, new Shape(3, 32, 32), CLASSES);
            assertEquals(62_006, lenetWeights(3, CLASSES));
            assertEquals(2 * lenetWeights(3, CLASSES), ParameterCounts.variational(cifar));

            // ELBO with M = 3 stacked networks and shared weights: one row of logits per network and example
            NDArray x = m.randomNormal(new Shape(2, 3, 32, 32));
            NDArray y = forward(cifar, m, x, new ForwardContext(new McSharedEstimator(), Objective.ELBO, 3), true);
            assertEquals(new Shape(6, CLASSES), y.getShape());
            // and RIS under MOMENT
            NDArray z = forward(cifar, m, x, new ForwardContext(new RisEstimator(), Objective.MOMENT, 4), false);
            assertEquals(new Shape(2, CLASSES), z.getShape());
        }
    }

    @Test
    void maxPoolingLenetIsRefusedUnderMomentUnlessApproximate() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock strict = BayesianLeNet.build(1, 28, CLASSES, BayesianLeNet.Pooling.MAX, true, PosteriorInit.defaults());
            strict.initialize(m, DataType.FLOAT32, BayesianLeNet.inputShape(1, 28));
            NDArray x = m.randomNormal(new Shape(2, 1, 28, 28));
            assertEquals(new Shape(2, CLASSES), forward(strict, m, x, ELBO_LRT, false).getShape());
            RisbnnException e = assertThrows(RisbnnException.class, () -> forward(strict, m, x, MOMENT_ANALYTIC, false));
            assertTrue(e.getMessage().contains("nonlinear"), e.getMessage());
            SequentialBlock approximate = BayesianLeNet.build(1, 28, CLASSES, BayesianLeNet.Pooling.MAX_APPROXIMATE, true,
                    PosteriorInit.defaults());
            approximate.initialize(m, DataType.FLOAT32, BayesianLeNet.inputShape(1, 28));
            assertEquals(new Shape(2, CLASSES), forward(approximate, m, x, MOMENT_ANALYTIC, false).getShape());
        }
    }

    @Test
    void mlpClassifierFlattensImages() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(2);
            SequentialBlock mlp = BayesianMlpClassifier.build(new Shape(1, 28, 28), new int[] {100, 50}, CLASSES,
                    PosteriorInit.defaults());
            assertClassifies(mlp, m, new Shape(1, 28, 28), CLASSES);
            long weights = (784 * 100 + 100) + (100 * 50 + 50) + (50 * 10 + 10);
            assertEquals(84_060, weights);
            assertEquals(2 * weights, ParameterCounts.variational(mlp));
            assertThrows(RisbnnException.class,
                    () -> BayesianMlpClassifier.build(784, new int[] {0}, CLASSES, true, PosteriorInit.defaults()));
        }
    }

    /** Hand count of a CIFAR ResNet-(6n+2) with option-A shortcuts: conv weights (no bias). */
    private static long resnetConvWeights(int n) {
        long stem = 3 * 16 * 9;
        long stage1 = 2L * n * 16 * 16 * 9;
        long stage2 = 16 * 32 * 9 + (2L * n - 1) * 32 * 32 * 9;
        long stage3 = 32 * 64 * 9 + (2L * n - 1) * 64 * 64 * 9;
        return stem + stage1 + stage2 + stage3;
    }

    /** γ and β of the 2n + 1… BatchNorms: one after the stem, two per block. */
    private static long resnetBatchNormAffine(int n) {
        return 2 * (16 + 2L * n * (16 + 32 + 64));
    }

    @Test
    void resnetsHaveTheStandardCifarParameterCounts() {
        long dense = 64 * CLASSES + CLASSES;
        int[][] cases = {{20, 3}, {32, 5}, {56, 9}};
        long[] standard = {269_722, 464_154, 853_018};    // He et al. / the common option-A PyTorch counts
        try (NDManager m = NDManager.newBaseManager()) {
            for (int c = 0; c < cases.length; c++) {
                int depth = cases[c][0];
                int n = cases[c][1];
                assertEquals(n, BayesianResNet.blocksPerStage(depth));
                SequentialBlock net = BayesianResNet.build(depth, 3, CLASSES, PosteriorInit.defaults());
                net.initialize(m, DataType.FLOAT32, BayesianResNet.cifarInputShape());
                long conv = resnetConvWeights(n);
                assertEquals(2 * (conv + dense), ParameterCounts.variational(net), "ResNet-" + depth + " variational");
                assertEquals(resnetBatchNormAffine(n), ParameterCounts.batchNormAffine(net), "ResNet-" + depth + " BN");
                assertEquals(conv + resnetBatchNormAffine(n) + dense, ParameterCounts.standard(net));
                assertEquals(standard[c], ParameterCounts.standard(net), "ResNet-" + depth);
                assertEquals(depth, VariationalLayers.find(net).size(), "ResNet-" + depth + ": depth − 1 convs + 1 dense");
                double kl = VariationalLayers.kl(net, new GaussianPrior(1.0)).toType(DataType.FLOAT64, false).getDouble();
                assertTrue(Double.isFinite(kl) && kl > 0, "ResNet-" + depth + " KL " + kl);
            }
        }
        // ResNet-20: 267,696 conv weights + 1,376 BN γ/β + 650 dense = 269,722 (0.27 M), 536,692 variational.
        // The figure 272,474 counts option-B shortcuts: two 1×1 projection convs (16·32 + 32·64 = 2,560)
        // and their BatchNorms (2·(32 + 64) = 192) on top of the option-A network.
        assertEquals(267_696, resnetConvWeights(3));
        assertEquals(1_376, resnetBatchNormAffine(3));
        assertEquals(536_692, 2 * (resnetConvWeights(3) + dense));
        assertEquals(272_474, 269_722 + 16 * 32 + 32 * 64 + 2 * (32 + 64));
    }

    @Test
    void resnetForwardShapesUnderElboAndMoment() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            for (int depth : new int[] {20, 32, 56}) {
                SequentialBlock net = BayesianResNet.build(depth, 3, CLASSES, PosteriorInit.defaults());
                assertClassifies(net, m, new Shape(3, 32, 32), CLASSES);
            }
            assertThrows(RisbnnException.class, () -> BayesianResNet.build(21, 3, CLASSES, PosteriorInit.defaults()));
        }
    }

    /**
     * With s → 0 every estimator sees the mean network: ResNet-20 under MOMENT (analytic, ris) equals
     * ResNet-20 under ELBO (lrt, one sampled network), in eval mode and in training mode (batch statistics).
     */
    @Test
    void resnetMomentAndElboAgreeWhenSigmaVanishes() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            SequentialBlock net = BayesianResNet.resnet20(CLASSES, PosteriorInit.withRho0(-30));
            net.initialize(m, DataType.FLOAT32, BayesianResNet.cifarInputShape());
            NDArray x = m.randomNormal(new Shape(3, 3, 32, 32));
            for (boolean training : new boolean[] {false, true}) {
                double[] sampled = doubles(forward(net, m, x, ELBO_LRT, training));
                for (ForwardContext ctx : new ForwardContext[] {MOMENT_ANALYTIC,
                        new ForwardContext(new RisEstimator(), Objective.MOMENT, 2)}) {
                    double diff = maxAbsDiff(sampled, doubles(forward(net, m, x, ctx, training)));
                    assertTrue(diff < 1e-4, ctx.estimator().name() + " training=" + training + " differs by " + diff);
                }
            }
        }
    }
}
