package io.risbnn.model.vision;

import static io.risbnn.model.vision.VisionTesting.doubles;
import static io.risbnn.model.vision.VisionTesting.forward;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.LrtEstimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.RisEstimator;
import io.risbnn.objective.Objective;
import io.risbnn.variational.PosteriorInit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One backward pass through a ResNet-8 (n = 1) in training mode under each estimator: every
 * trainable parameter (μ, ρ of every layer, BatchNorm γ, β) receives a finite, non-zero gradient and
 * the BatchNorm running statistics move. Trainable = DJL's {@code Parameter.requiresGradient()};
 * running statistics are left without gradient, as a trainer must.
 */
class GradientFlowTest {
    @Test
    void gradientsReachEveryTrainableParameter() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(61);
            SequentialBlock net = BayesianResNet.build(8, 3, 10, PosteriorInit.withSigmaRatio(0.1));
            net.initialize(m, DataType.FLOAT32, BayesianResNet.cifarInputShape());
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
            Parameter runningMean = ((BayesBasicBlock) net.getChildren().get(3).getValue()).second()
                    .batchNormParameter("runningMean");
            NDArray x = m.randomNormal(new Shape(2, 3, 16, 16));
            for (ForwardContext ctx : List.of(new ForwardContext(new LrtEstimator(), Objective.ELBO, 2),
                    new ForwardContext(new McSharedEstimator(), Objective.MOMENT, 2),
                    new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1),
                    new ForwardContext(new RisEstimator(), Objective.MOMENT, 2))) {
                double before = doubles(runningMean.getArray())[0];
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = forward(net, m, x, ctx, true);
                    gc.backward(y.square().mean());
                }
                double after = doubles(runningMean.getArray())[0];
                String what = ctx.estimator().name() + " " + ctx.objective();
                assertTrue(before != after, what + ": running mean did not move");
                for (Pair<String, Parameter> p : net.getParameters()) {
                    if (!p.getValue().requiresGradient()) {
                        continue;
                    }
                    double[] g = doubles(p.getValue().getArray().getGradient());
                    double norm = 0;
                    for (double v : g) {
                        assertTrue(Double.isFinite(v), what + ": non-finite gradient of " + p.getKey());
                        norm += v * v;
                    }
                    assertTrue(norm > 0, what + ": zero gradient of " + p.getKey());
                }
            }
        }
    }
}
