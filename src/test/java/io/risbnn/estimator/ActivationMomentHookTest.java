package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.RisbnnException;
import io.risbnn.nn.BayesLinear;
import io.risbnn.objective.Objective;
import io.risbnn.variational.PosteriorInit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Estimator#activationMoment} is the second half of a layer's MOMENT forward: with the same
 * engine seed, forward(layer, x) equals activationMoment on PreActivation.of(layer, x), bit for bit.
 */
class ActivationMomentHookTest {
    @Test
    void forwardUnderMomentEqualsTheHookOnTheLayersMoments() {
        SplittableRandom r = new SplittableRandom(3);
        try (NDManager m = NDManager.newBaseManager()) {
            BayesLinear layer = new BayesLinear("d", 6, 4, true, ActivationFunction.RELU, PosteriorInit.withRho0(-1));
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 6));
            float[] x = new float[5 * 6];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            NDArray input = m.create(x, new Shape(5, 6));
            for (Estimator e : List.of(new AnalyticEstimator(), new LrtEstimator(), new RisEstimator(),
                    new RisEstimator(RisConfig.defaults().withGradient(RisConfig.Gradient.PATHWISE)))) {
                ForwardContext ctx = new ForwardContext(e, Objective.MOMENT, 7);
                Engine.getInstance().setRandomSeed(11);
                float[] viaForward = e.forward(layer, input, ctx).toFloatArray();
                Engine.getInstance().setRandomSeed(11);
                PreActivation pre = PreActivation.of(layer, input);
                float[] viaHook = e.activationMoment("d", ActivationFunction.RELU, PreActivation.fromMoments(pre.m(), pre.v()), ctx)
                        .toFloatArray();
                assertArrayEquals(viaForward, viaHook, e.name());
                assertTrue(viaForward.length == 20 && viaForward[0] >= 0, e.name());
            }
        }
    }

    @Test
    void anEstimatorWithoutTheHookRefusesNamingTheLayer() {
        Estimator plain = new Estimator() {
            @Override
            public String name() {
                return "plain";
            }

            @Override
            public boolean supports(Objective objective) {
                return true;
            }

            @Override
            public NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx) {
                return input;
            }
        };
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> plain.activationMoment("block1.conv2", ActivationFunction.RELU, null, null));
        assertTrue(e.getMessage().contains("plain") && e.getMessage().contains("block1.conv2"), e.getMessage());
    }
}
