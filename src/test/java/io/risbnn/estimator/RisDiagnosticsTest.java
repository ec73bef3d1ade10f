package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.nn.BayesLinear;
import io.risbnn.objective.Objective;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ESS diagnostic of RIS-SPEC §5 (essFrac = (Σe)²/(M Σe²), e = exp(log γ − max), mean over live
 * units), against hand values and against its large-M limit for the exact tilt, 1/E_r[γ²] = exp(−τ*²)
 * (Table 1's "ESS/M tilt" column: 0.21 / 0.55 / 0.79 at α = 0 / 1 / 2).
 */
@ExtendWith(OneEngineThread.class)
class RisDiagnosticsTest {
    @Test
    void essFractionHandValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // M = 2, B = 1, k = 2: unit 0 has equal weights (ESS/M = 1), unit 1 has weights (3, 1) → (4/3)²/(2·10/9) = 0.8
            NDArray logW = manager.create(new float[] {0f, (float) Math.log(3), 0f, 0f}, new Shape(2, 1, 2));
            assertEquals(0.8, RisEstimator.essFraction(logW, manager.create(new boolean[] {false, true}, new Shape(1, 2))), 1e-6);
            assertEquals(0.9, RisEstimator.essFraction(logW, manager.create(new boolean[] {true, true}, new Shape(1, 2))), 1e-6);
            assertEquals(1.0, RisEstimator.essFraction(logW, manager.create(new boolean[] {false, false}, new Shape(1, 2))), 0.0,
                    "no live unit → 1");
            // invariant to a common shift of the log-weights, finite for huge ones
            assertEquals(0.8, RisEstimator.essFraction(logW.add(500f), manager.create(new boolean[] {false, true}, new Shape(1, 2))), 1e-5);
        }
    }

    @Test
    @Tag("statistical")
    void essOfTheExactTiltTendsToExpMinusTauSquared() {
        double[] alpha = {0, 1, 2};
        double[] table = {0.21, 0.55, 0.79};
        int m = 200000;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(13001);
            BayesLinear layer = RisTestSupport.dense(manager, DataType.FLOAT32, 1, 3, alpha, new double[] {1, 1, 1});
            NDArray z = manager.ones(new Shape(1, 1));
            PreActivation pre = PreActivation.of(layer, z);
            RisProposal.TauLambda tl = new RisEstimator(RisConfig.defaults().withProposal(RisProposal.TILT)).proposal(pre);
            RisEstimator.Draw draw = RisEstimator.preActivationDraw(pre, tl, manager.randomNormal(new Shape(m, 1, 3)));
            StringBuilder msg = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                boolean[] mask = new boolean[3];
                mask[i] = true;
                double ess = RisEstimator.essFraction(draw.logWeight(), manager.create(mask, new Shape(1, 3)));
                double tau = RisTestSupport.tauStar(alpha[i]);
                double limit = Math.exp(-tau * tau);
                msg.append("α=").append(alpha[i]).append(": ESS/M=").append(fmt(ess)).append(" (exp(−τ*²)=").append(fmt(limit))
                        .append(", table ").append(table[i]).append("); ");
                assertEquals(limit, ess, 0.03 * limit, msg.toString());
                assertEquals(table[i], ess, 0.02, msg.toString());
            }
            System.out.println("[ESS] " + msg);
        }
    }

    /**
     * forward(..) with diagnostics on records the layer's ESS/M, in float32 and in float64 layers.
     * The float64 case currently FAILS and is kept on purpose: RisEstimator.essFraction reads its sums
     * with getFloat() (RisEstimator.java:156-157), which throws "DataType mismatch, Required float,
     * Actual float64" when the log-weights are float64, so any float64 forward with diagnostics (the
     * BnnTrainer turns them on for the first batch of every epoch) crashes. Main code is not ours to fix.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT32", "FLOAT64"})
    void forwardRecordsEssWithDiagnostics(DataType type) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(13101);
            RisTestSupport.DenseConfig c = new RisTestSupport.DenseConfig(16, 8, 0.3, 3);
            BayesLinear layer = RisTestSupport.dense(manager, type, 16, 8, c.mu, c.s);
            NDArray z = RisTestSupport.repeatRows(manager, c.z, 4, type);
            ForwardContext ctx = new ForwardContext(new RisEstimator(), Objective.MOMENT, 10, true);
            NDArray out = ctx.estimator().forward(layer, z, ctx);
            assertEquals(type, out.getDataType());
            Double ess = ctx.essFraction().get(layer.layerName());
            assertTrue(ess != null && ess > 0 && ess <= 1, type + ": ESS/M " + ess);
        }
    }
}
