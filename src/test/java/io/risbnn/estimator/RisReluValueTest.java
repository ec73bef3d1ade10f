package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HYBRID value pass's rearranged ReLU estimate ({@link RisEstimator#reluValue}) equals the spec's
 * (1/M) Σ γ relu(a) with t = τ + λξ, a = m + sd·t, log γ = −t²/2 + ξ²/2 + log λ on the same noise: in
 * float64 to 1e-12 over α from −8 to 8 (τ up to the cap, λ² from the floor to 1, units on and off), and
 * in float32 to float rounding. A factor with λ instead of λ² must be caught.
 */
@ExtendWith(OneEngineThread.class)
class RisReluValueTest {
    static final int UNITS = 401;
    static final int M = 16;

    private static PreActivation moments(NDManager manager, DataType type) {
        double[] m = new double[UNITS];
        double[] v = new double[UNITS];
        for (int i = 0; i < UNITS; i++) {
            double sd = 0.05 + 2.0 * i / UNITS;
            m[i] = (-8 + 16.0 * i / (UNITS - 1)) * sd;
            v[i] = sd * sd;
        }
        return PreActivation.fromMoments(manager.create(m).toType(type, false), manager.create(v).toType(type, false));
    }

    private static double maxRelativeDifference(NDArray a, NDArray b) {
        NDArray x = a.toType(DataType.FLOAT64, false);
        NDArray y = b.toType(DataType.FLOAT64, false);
        return x.sub(y).abs().div(y.abs().add(1e-30)).max().getDouble();
    }

    private static NDArray reference(PreActivation pre, RisProposal.TauLambda proposal, NDArray xi) {
        return RisEstimator.weightedMean(ActivationFunction.RELU, RisEstimator.preActivationDraw(pre, proposal, xi), false);
    }

    @Test
    void equalsTheSpecEstimateInFloat64() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5301);
            PreActivation pre = moments(manager, DataType.FLOAT64);
            RisEstimator estimator = new RisEstimator();
            RisProposal.TauLambda proposal = estimator.proposal(pre);
            NDArray lam = proposal.lambda();
            assertTrue(lam.min().getDouble() < 0.95 && proposal.tau().max().getDouble() > 4,
                    "the grid must cover λ < 1 and large τ");
            NDArray xi = manager.randomNormal(0f, 1f, new Shape(M, UNITS), DataType.FLOAT64);
            NDArray expected = reference(pre, proposal, xi);
            NDArray fast = RisEstimator.reluValue(pre.standardisedMean(), pre.sd(), proposal, xi);
            assertEquals(DataType.FLOAT64, fast.getDataType());
            NDArray on = expected.gt(0);
            assertTrue(on.sum().getLong() > UNITS / 2, "most units must have a positive estimate");
            double d = maxRelativeDifference(fast.get(on), expected.get(on));
            assertTrue(d < 1e-12, "relative difference " + d);
            assertEquals(0.0, fast.abs().sum().getDouble() - fast.get(on).abs().sum().getDouble(), 0.0,
                    "units with no positive draw give 0");
            NDArray wrong = fast.div(lam);   // the factor with λ instead of λ²
            assertTrue(maxRelativeDifference(wrong.get(on), expected.get(on)) > 1e-3);
        }
    }

    @Test
    void equalsTheSpecEstimateInFloat32() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5302);
            PreActivation pre = moments(manager, DataType.FLOAT32);
            RisProposal.TauLambda proposal = new RisEstimator().proposal(pre);
            NDArray xi = manager.randomNormal(new Shape(M, UNITS));
            NDArray expected = reference(pre, proposal, xi);
            NDArray fast = RisEstimator.reluValue(pre.standardisedMean(), pre.sd(), proposal, xi);
            assertEquals(DataType.FLOAT32, fast.getDataType());
            NDArray on = expected.gt(1e-30f);
            double d = maxRelativeDifference(fast.get(on), expected.get(on));
            assertTrue(d < 1e-4, "relative difference " + d);
        }
    }
}
