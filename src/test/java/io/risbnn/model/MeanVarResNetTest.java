package io.risbnn.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.OneEngineThread;
import io.risbnn.model.vision.BayesianResNet;
import io.risbnn.train.Seeds;
import io.risbnn.variational.PosteriorInit;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mean–variance propagation through a ResNet-8 in eval mode (BatchNorm with running statistics as an
 * affine map, residual sums and option-A shortcuts under independence, global average pooling) against
 * 20,000 sampled networks: the stem is exact; the output logits hold to a measured tolerance.
 */
@Tag("statistical")
@ExtendWith(OneEngineThread.class)
class MeanVarResNetTest {
    @Test
    void resnet8LogitsMatchSampledNetworks() {
        try (NDManager root = NDManager.newBaseManager()) {
            Seeds.seedEngine(31);
            SequentialBlock net = BayesianResNet.build(8, 3, 3, ActivationFunction.RELU, PosteriorInit.withSigmaRatio(0.3));
            net.initialize(root, DataType.FLOAT32, new Shape(1, 3, 8, 8));
            NDArray x = MeanVarPropagationTest.inputs(root, new Shape(2, 3, 8, 8), 32);
            List<LayerMoments.Propagated> propagated = LayerMoments.propagate(net, root, x, new AnalyticEstimator(), 1);
            List<LayerMoments.Measured> sampled = LayerMoments.sample(net, root, x, 20_000, 2_000, 33);
            MeanVarPropagationTest.Errors stem = MeanVarPropagationTest.Errors.of(propagated.get(0), sampled.get(0));
            int last = propagated.size() - 1;
            MeanVarPropagationTest.Errors logits = MeanVarPropagationTest.Errors.of(propagated.get(last), sampled.get(last));
            MeanVarPropagationTest.Errors block = MeanVarPropagationTest.Errors.of(propagated.get(1), sampled.get(1));
            System.out.println("ResNet-8 stem (exact): " + stem + "\nResNet-8 block 1: " + block + "\nResNet-8 logits: " + logits);
            assertTrue(stem.maxMeanT() <= 4.5 && stem.maxVarT() <= 4.5, "stem within SE: " + stem);
            assertTrue(logits.meanRelative() <= 0.1 && logits.varRelative() <= 0.5, "logits: " + logits);
        }
    }
}
