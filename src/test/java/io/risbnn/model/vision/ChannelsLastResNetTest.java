package io.risbnn.model.vision;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.risbnn.tensor.MemoryLayout;
import io.risbnn.variational.PosteriorInit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A Bayesian ResNet-20 trained under mc-shared / ELBO receives its images channels-last (the
 * estimator asks for it, BayesianModel converts): the layout must not change what the network
 * computes. Same seed, same weight draws: logits and the gradients of every trainable parameter
 * agree with the NCHW pass up to float32 rounding of the different kernels.
 */
class ChannelsLastResNetTest {
    @Test
    void sameLogitsAndGradientsAsNchw() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            SequentialBlock net = BayesianResNet.resnet20(10, PosteriorInit.defaults());
            net.initialize(m, DataType.FLOAT32, BayesianResNet.cifarInputShape());
            NDArray x = VisionTesting.randomArray(m, new SplittableRandom(5), new Shape(8, 3, 32, 32), 1, 0);
            ForwardContext ctx = new ForwardContext(new McSharedEstimator(), Objective.ELBO, 1);
            double[][] nchw = logitsAndGradients(net, m, x, ctx);
            double[][] channelsLast = logitsAndGradients(net, m, MemoryLayout.channelsLast(x), ctx);
            for (int i = 0; i < nchw.length; i++) {
                double scale = 0;
                for (double v : nchw[i]) {
                    scale = Math.max(scale, Math.abs(v));
                }
                double diff = VisionTesting.maxAbsDiff(nchw[i], channelsLast[i]);
                assertTrue(scale > 0 && diff <= 1e-4 * scale, "part " + i + ": max |Δ| " + diff + " at scale " + scale);
            }
        }
    }

    @Test
    void onlyMcSharedUnderElboAsksForIt() {
        assertTrue(new McSharedEstimator().prefersChannelsLast(Objective.ELBO));
        assertFalse(new McSharedEstimator().prefersChannelsLast(Objective.MOMENT));
        assertFalse(new LrtEstimator().prefersChannelsLast(Objective.ELBO));
        assertFalse(new RisEstimator().prefersChannelsLast(Objective.MOMENT));
        assertFalse(new AnalyticEstimator().prefersChannelsLast(Objective.MOMENT));
    }

    /** Logits, then the gradients of every trainable parameter (concatenated), for one seeded draw. */
    private static double[][] logitsAndGradients(SequentialBlock net, NDManager m, NDArray x, ForwardContext ctx) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        Engine.getInstance().setRandomSeed(17);
        double[] logits;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.zeroGradients();
            NDArray y = VisionTesting.forward(net, m, x, ctx, true);
            logits = VisionTesting.doubles(y);
            gc.backward(y.square().sum());
        }
        List<Double> gradients = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                for (double v : VisionTesting.doubles(p.getValue().getArray().getGradient())) {
                    gradients.add(v);
                }
            }
        }
        return new double[][] {logits, gradients.stream().mapToDouble(Double::doubleValue).toArray()};
    }
}
