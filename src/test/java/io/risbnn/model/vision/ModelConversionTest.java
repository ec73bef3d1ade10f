package io.risbnn.model.vision;

import static io.risbnn.model.vision.VisionTesting.doubles;
import static io.risbnn.model.vision.VisionTesting.forward;
import static io.risbnn.model.vision.VisionTesting.gaussians;
import static io.risbnn.model.vision.VisionTesting.maxAbsDiff;
import static io.risbnn.model.vision.VisionTesting.randomArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.LrtEstimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.RisEstimator;
import io.risbnn.nn.BayesConv2d;
import io.risbnn.nn.BayesLinear;
import io.risbnn.nn.DeterministicBlock;
import io.risbnn.objective.Objective;
import io.risbnn.variational.Softplus;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DJL network → Bayesian network (MOPED-style), and back to the same outputs when s → 0. */
class ModelConversionTest {
    private static final Shape EXAMPLE = new Shape(2, 8, 8);

    /**
     * conv(2→4, 3×3, pad 1) → ReLU → avg-pool 2 → [conv(4→6, 3×3) → BatchNorm → ReLU] (nested) → flatten
     * → Linear 16 → ReLU → Linear 3, with random weights, biases and BatchNorm statistics.
     */
    private static SequentialBlock trainedNetwork(NDManager m, SplittableRandom r) {
        SequentialBlock inner = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(6).build())
                .add(BatchNorm.builder().optEpsilon(1e-3f).optMomentum(0.8f).build())
                .add(ai.djl.nn.Activation.reluBlock());
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build())
                .add(ai.djl.nn.Activation.reluBlock())
                .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(inner)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(16).build())
                .add(ai.djl.nn.Activation.reluBlock())
                .add(Linear.builder().setUnits(3).build());
        net.initialize(m, DataType.FLOAT32, new Shape(1).addAll(EXAMPLE));
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            int n = (int) a.size();
            String name = p.getKey();
            if (name.endsWith("runningVar") || name.endsWith("gamma")) {
                a.set(gaussians(r, n, 0.2, 1.0));
            } else if (name.endsWith("weight")) {
                a.set(gaussians(r, n, 0.4, 0.0));
            } else {
                a.set(gaussians(r, n, 0.3, 0.0));
            }
        }
        return net;
    }

    private static NDArray runDjl(Block net, NDManager m, NDArray x, boolean training) {
        return net.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
    }

    /**
     * δ = 1e-6: the Bayesian network's output under every estimator — mc-shared and lrt under ELBO (every
     * stacked network), analytic and ris under MOMENT — equals the DJL network's, in eval mode (BatchNorm
     * running statistics) and training mode (batch statistics).
     */
    @Test
    void roundTripReproducesTheTrainedNetworkWhenSigmaIsTiny() {
        SplittableRandom r = new SplittableRandom(51);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(51);
            SequentialBlock dnn = trainedNetwork(m, r);
            SequentialBlock bnn = ModelConversion.toBayesian(dnn, new Shape(1).addAll(EXAMPLE), m,
                    ModelConversion.Options.defaults().withDelta(1e-6));
            NDArray x = randomArray(m, r, new Shape(5).addAll(EXAMPLE), 1, 0);
            List<ForwardContext> contexts = List.of(
                    new ForwardContext(new McSharedEstimator(), Objective.ELBO, 2),
                    new ForwardContext(new LrtEstimator(), Objective.ELBO, 2),
                    new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1),
                    new ForwardContext(new RisEstimator(), Objective.MOMENT, 4));
            StringBuilder report = new StringBuilder("conversion round trip (delta 1e-6), max |bnn - dnn| / max |dnn|:");
            double[] scales = new double[2];
            for (boolean training : new boolean[] {false, true}) {
                double[] expected = doubles(runDjl(dnn, m, x, training));
                double scale = 0;
                for (double e : expected) {
                    scale = Math.max(scale, Math.abs(e));
                }
                assertTrue(scale > 0.1, "degenerate reference output");
                scales[training ? 1 : 0] = scale;
                for (ForwardContext ctx : contexts) {
                    NDArray y = forward(bnn, m, x, ctx, training);
                    int streams = ctx.objective() == Objective.ELBO ? ctx.samples() : 1;
                    double[] got = doubles(y.reshape(streams, 5, 3));
                    double worst = 0;
                    for (int s = 0; s < streams; s++) {
                        double[] stream = java.util.Arrays.copyOfRange(got, s * expected.length, (s + 1) * expected.length);
                        worst = Math.max(worst, maxAbsDiff(expected, stream) / scale);
                    }
                    report.append(String.format(" %s%s=%.1e", ctx.estimator().name(), training ? "/train" : "/eval", worst));
                    assertTrue(worst < 1e-4, ctx.estimator().name() + " " + ctx.objective() + " training=" + training
                            + " differs from the DJL network by " + worst + " of the output scale " + scale);
                }
            }
            System.out.println(report + String.format(" (max |dnn| = %.2f eval, %.2f train)", scales[0], scales[1]));
        }
    }

    @Test
    void structureFusesReluAndConvBatchNormReluAndInitialisesMoped() {
        SplittableRandom r = new SplittableRandom(52);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock dnn = trainedNetwork(m, r);
            SequentialBlock bnn = ModelConversion.toBayesian(dnn, new Shape(1).addAll(EXAMPLE), m);
            List<Block> blocks = bnn.getChildren().values();
            assertEquals(6, blocks.size());
            BayesConv2d conv1 = assertInstanceOf(BayesConv2d.class, blocks.get(0));
            assertEquals(ActivationFunction.RELU, conv1.activation());
            assertEquals(DeterministicBlock.Kind.LINEAR, assertInstanceOf(DeterministicBlock.class, blocks.get(1)).kind());
            BayesConvBnRelu fused = assertInstanceOf(BayesConvBnRelu.class, blocks.get(2));
            assertEquals(1e-3f, fused.epsilon());
            assertEquals(0.8f, fused.momentum());
            assertEquals(DeterministicBlock.Kind.LINEAR, assertInstanceOf(DeterministicBlock.class, blocks.get(3)).kind());
            assertEquals(ActivationFunction.RELU, assertInstanceOf(BayesLinear.class, blocks.get(4)).activation());
            BayesLinear last = assertInstanceOf(BayesLinear.class, blocks.get(5));
            assertEquals(ActivationFunction.NONE, last.activation());

            // μ = trained weights; s = 0.1·|μ| (MOPED, δ = 0.1)
            Parameter trained = ((Linear) dnn.getChildren().get(7).getValue()).getDirectParameters().get("weight");
            double[] w = doubles(trained.getArray());
            double[] mu = doubles(last.weight().mu());
            double[] s = doubles(last.weight().sigma());
            assertEquals(0, maxAbsDiff(w, mu));
            for (int i = 0; i < w.length; i++) {
                assertEquals(0.1 * Math.abs(w[i]), s[i], 1e-6 * (1 + Math.abs(w[i])), "sigma " + i);
            }
            assertEquals(Softplus.inverse(0.1 * Math.abs(w[0])), ModelConversion.mopedRho(w[0], ModelConversion.Options.defaults()), 0);
            // BatchNorm statistics are copied, not shared
            BatchNorm source = (BatchNorm) ((SequentialBlock) dnn.getChildren().get(3).getValue()).getChildren().get(1).getValue();
            NDArray sourceVar = source.getDirectParameters().get("runningVar").getArray();
            NDArray copyVar = fused.batchNormParameter("runningVar").getArray();
            assertNotSame(sourceVar, copyVar);
            assertEquals(0, maxAbsDiff(doubles(sourceVar), doubles(copyVar)));
            // without the fusion, BatchNorm is a linear block and the ReLU after it a nonlinear one
            SequentialBlock unfused = ModelConversion.toBayesian(dnn, new Shape(1).addAll(EXAMPLE), m,
                    ModelConversion.Options.defaults().withFuseConvBatchNormRelu(false));
            List<Block> parts = unfused.getChildren().values();
            assertEquals(8, parts.size());
            assertEquals(ActivationFunction.NONE, assertInstanceOf(BayesConv2d.class, parts.get(2)).activation());
            assertEquals(DeterministicBlock.Kind.LINEAR, ((DeterministicBlock) parts.get(3)).kind());
            assertEquals(DeterministicBlock.Kind.NONLINEAR, ((DeterministicBlock) parts.get(4)).kind());
        }
    }

    @Test
    void nonlinearBlocksOutsideLayersAreRefusedUnderMomentAndUnsupportedBlocksNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock dnn = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(2).build())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(2).build());
            dnn.initialize(m, DataType.FLOAT32, new Shape(1, 1, 6, 6));
            SequentialBlock bnn = ModelConversion.toBayesian(dnn, new Shape(1, 1, 6, 6), m);
            assertEquals(DeterministicBlock.Kind.NONLINEAR, ((DeterministicBlock) bnn.getChildren().get(1).getValue()).kind());
            NDArray x = m.randomNormal(new Shape(2, 1, 6, 6));
            assertEquals(new Shape(2, 2), forward(bnn, m, x, new ForwardContext(new LrtEstimator(), Objective.ELBO, 1), false).getShape());
            assertThrows(RisbnnException.class,
                    () -> forward(bnn, m, x, new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1), false));

            SequentialBlock unflattened = new SequentialBlock().add(Linear.builder().setUnits(2).build());
            unflattened.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4));
            RisbnnException e = assertThrows(RisbnnException.class,
                    () -> ModelConversion.toBayesian(unflattened, new Shape(1, 3, 4), m));
            assertTrue(e.getMessage().contains("flatten"), e.getMessage());

            SequentialBlock parallel = new SequentialBlock().add(new ai.djl.nn.ParallelBlock(
                    list -> list.get(0), List.of(Blocks.identityBlock())));
            RisbnnException p = assertThrows(RisbnnException.class,
                    () -> ModelConversion.toBayesian(parallel, new Shape(1, 3), m));
            assertTrue(p.getMessage().contains("ParallelBlock"), p.getMessage());
        }
    }
}
