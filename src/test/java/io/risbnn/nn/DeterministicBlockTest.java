package io.risbnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.LrtEstimator;
import io.risbnn.objective.Objective;
import io.risbnn.variational.PosteriorInit;
import org.junit.jupiter.api.Test;

class DeterministicBlockTest {
    private static NDArray run(SequentialBlock net, NDManager m, NDArray x, ForwardContext ctx) {
        try (ForwardContext.Scope s = ctx.activate()) {
            return net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
        }
    }

    @Test
    void linearBlocksPassFirstMomentsThroughExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(3);
            SequentialBlock net = new SequentialBlock()
                    .add(DeterministicBlock.linear(Blocks.batchFlattenBlock()))
                    .add(new BayesLinear("d1", 12, 5, true, ActivationFunction.RELU, PosteriorInit.defaults()));
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4));
            NDArray x = m.randomNormal(new Shape(7, 3, 4));
            NDArray viaBlock = run(net, m, x, new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1));
            BayesLinear layer = (BayesLinear) net.getChildren().get(1).getValue();
            NDArray direct = new AnalyticEstimator().forward(layer, x.reshape(7, 12),
                    new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1));
            assertArrayEquals(direct.toFloatArray(), viaBlock.toFloatArray(), 0f);
            // under ELBO the flatten applies to every one of the M·B stacked rows
            NDArray stacked = run(net, m, x.expandDims(0).repeat(0, 4).reshape(28, 3, 4),
                    new ForwardContext(new LrtEstimator(), Objective.ELBO, 4));
            assertEquals(new Shape(28, 5), stacked.getShape());
        }
    }

    @Test
    void nonlinearBlocksAreRefusedUnderMomentUnlessApproximationIsAccepted() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock refused = new SequentialBlock()
                    .add(new BayesLinear("d1", 4, 4, true, ActivationFunction.NONE, PosteriorInit.defaults()))
                    .add(DeterministicBlock.nonlinear(ai.djl.nn.Activation.reluBlock()));
            refused.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            NDArray x = m.ones(new Shape(2, 4));
            ForwardContext moment = new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1);
            RisbnnException e = assertThrows(RisbnnException.class, () -> run(refused, m, x, moment));
            assertEquals(true, e.getMessage().contains("nonlinear"));
            SequentialBlock accepted = new SequentialBlock()
                    .add(new BayesLinear("d1", 4, 4, true, ActivationFunction.NONE, PosteriorInit.defaults()))
                    .add(new DeterministicBlock(ai.djl.nn.Activation.reluBlock(), DeterministicBlock.Kind.NONLINEAR_APPROXIMATE_UNDER_MOMENT));
            accepted.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            assertEquals(new Shape(2, 4), run(accepted, m, x, moment).getShape());
        }
    }
}
