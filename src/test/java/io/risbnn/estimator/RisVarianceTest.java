package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.risbnn.nn.BayesLinear;
import io.risbnn.objective.Objective;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * T2, T3, T7 of RIS-SPEC §6: variance reduction of the value against the closed-form MC variance
 * E relu² − Z² (per sample), and the 1/M scaling. The real estimator in float32, R repetitions as
 * R rows of one batch. The pure RIS value is measured (PATHWISE; HYBRID has the same value up to
 * float32 rounding of (v + mc) − mc), and T3 also runs the default configuration unchanged.
 */
@ExtendWith(OneEngineThread.class)
@Tag("statistical")
class RisVarianceTest {
    static RisConfig pathwise(RisProposal p) {
        return RisConfig.defaults().withProposal(p).withGradient(RisConfig.Gradient.PATHWISE);
    }

    /** Σ_i Var(estimate_i) over R repetitions, and each unit's variance. */
    static double[] unitVariances(NDManager manager, BayesLinear layer, double[] z, int k, RisConfig config, int m, int r) {
        ForwardContext ctx = new ForwardContext(new RisEstimator(config), Objective.MOMENT, m);
        NDArray input = RisTestSupport.repeatRows(manager, z, r, DataType.FLOAT32);
        double[] est = RisTestSupport.toDoubles(ctx.estimator().forward(layer, input, ctx));
        return RisTestSupport.columnMeanVar(est, r, k)[1];
    }

    static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** T2: one unit with √v = 1 at α = −2, 0, 2, 5 (four units of one layer), M = 1, R = 40000. */
    @Test
    void t2SingleUnitVarianceRatio() {
        double[] alpha = {-2, 0, 2, 5};
        double[] limit = {0.03, 0.2, 0.2, 0.04};
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(2001);
            BayesLinear layer = RisTestSupport.dense(manager, DataType.FLOAT32, 1, 4, alpha, new double[] {1, 1, 1, 1});
            double[][] p = RisTestSupport.effectiveParams(layer);
            StringBuilder report = new StringBuilder();
            boolean ok = true;
            for (RisProposal proposal : new RisProposal[] {RisProposal.TILT, RisProposal.TILT_APX}) {
                double[] var = unitVariances(manager, layer, new double[] {1}, 4, pathwise(proposal), 1, 40000);
                for (int i = 0; i < 4; i++) {
                    double varMc = RisTestSupport.reluVariance(p[0][i], p[1][i] * p[1][i]);
                    double ratio = var[i] / varMc;
                    report.append(String.format("%s α=%s: %s (limit %s); ", proposal, alpha[i], fmt(ratio), limit[i]));
                    ok &= ratio <= limit[i];
                }
            }
            System.out.println("[T2] " + report);
            assertTrue(ok, "T2 Var_RIS/Var_MC: " + report);
        }
    }

    /** T3: dense layer n = 256, k = 32, s = 0.1|μ|, M = 10, R = 4000: Σ Var_RIS / Σ Var_MC. */
    @Test
    void t3DenseVarianceRatio() {
        int n = 256;
        int k = 32;
        int m = 10;
        int r = 4000;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3001);
            RisTestSupport.DenseConfig c = new RisTestSupport.DenseConfig(n, k, 0.1, 4);
            BayesLinear layer = RisTestSupport.dense(manager, DataType.FLOAT32, n, k, c.mu, c.s);
            double[] z = new double[n];
            for (int j = 0; j < n; j++) {
                z[j] = (float) c.z[j];
            }
            double[][] p = RisTestSupport.effectiveParams(layer);
            double[][] mv = RisTestSupport.moments(p[0], p[1], z, k, n);
            double varMc = 0;
            for (int i = 0; i < k; i++) {
                varMc += RisTestSupport.reluVariance(mv[0][i], mv[1][i]) / m;
            }
            Object[][] cases = {
                {"TILT", pathwise(RisProposal.TILT), 0.10},
                {"TILT_APX", pathwise(RisProposal.TILT_APX), 0.12},
                {"MM", pathwise(RisProposal.MM), 0.05},
                {"MM_APX", pathwise(RisProposal.MM_APX), 0.06},
                {"defaults (MM_APX, HYBRID)", RisConfig.defaults(), 0.06}};
            StringBuilder report = new StringBuilder();
            boolean ok = true;
            for (Object[] cs : cases) {
                double ratio = sum(unitVariances(manager, layer, z, k, (RisConfig) cs[1], m, r)) / varMc;
                report.append(cs[0]).append(": ").append(fmt(ratio)).append(" (limit ").append(cs[2]).append("); ");
                ok &= ratio <= (double) cs[2];
            }
            System.out.println("[T3] " + report);
            assertTrue(ok, "T3 Σ Var_RIS / Σ Var_MC: " + report);
        }
    }

    /** T7: Var(M=1)/Var(M=10) ∈ [8, 12.5] (n = 32, k = 8, s = 0.3|μ|, exact tilt, R = 20000). */
    @Test
    void t7VarianceScalesAsOneOverM() {
        int n = 32;
        int k = 8;
        int r = 20000;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7001);
            RisTestSupport.DenseConfig c = new RisTestSupport.DenseConfig(n, k, 0.3, 10);
            BayesLinear layer = RisTestSupport.dense(manager, DataType.FLOAT32, n, k, c.mu, c.s);
            double v1 = sum(unitVariances(manager, layer, c.z, k, pathwise(RisProposal.TILT), 1, r));
            double v10 = sum(unitVariances(manager, layer, c.z, k, pathwise(RisProposal.TILT), 10, r));
            double ratio = v1 / v10;
            System.out.println("[T7] Var(M=1)/Var(M=10) = " + fmt(ratio));
            assertTrue(ratio >= 8 && ratio <= 12.5, "T7 Var(M=1)/Var(M=10) = " + ratio);
        }
    }
}
