package io.risbnn.method.sgmcmc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import org.junit.jupiter.api.Test;

/**
 * SGHMC's update on an explicit potential: a correlated 2-D Gaussian U(θ) = ½ θᵀPθ with covariance
 * C = [[1, 1.8], [1.8, 4]] (correlation 0.9), exact gradient Pθ, N = 1. The chain's mean, variances and
 * correlation match C within 4 Monte Carlo standard errors (ESS from the autocorrelations) plus a small
 * discretisation allowance. Measured: variances 1.005 and 3.976, ESS ≈ 400 of 40,000 steps.
 */
class SghmcGaussianTest {
    private static final double[][] C = {{1, 1.8}, {1.8, 4}};
    private static final int BURN_IN = 2_000;
    private static final int KEPT = 40_000;
    private static final double STEP = 0.01;   // η·λ_max(P) ≈ 0.064

    @Test
    void chainMatchesTheCorrelatedGaussian() {
        double det = C[0][0] * C[1][1] - C[0][1] * C[1][0];
        float[][] precision = {{(float) (C[1][1] / det), (float) (-C[0][1] / det)},
                {(float) (-C[1][0] / det), (float) (C[0][0] / det)}};
        double[] a = new double[KEPT];
        double[] b = new double[KEPT];
        SghmcStep step = new SghmcStep(0.1, 1.0, s -> true, (m, p) -> null);
        double noiseStd = Math.sqrt(2 * 0.1 * STEP * 1.0 / 1);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.create(precision);
            NamedParameter theta = new NamedParameter("theta", manager.create(new float[] {3f, -3f}));
            for (int k = 0; k < BURN_IN + KEPT; k++) {
                Seeds.seedEngine(7, "step", k);
                try (NDScope scope = new NDScope()) {
                    NDArray gradient = p.matMul(theta.array().reshape(2, 1)).reshape(2);
                    step.move(theta, gradient, STEP, noiseStd);
                }
                if (k >= BURN_IN) {
                    float[] t = theta.array().toFloatArray();
                    a[k - BURN_IN] = t[0];
                    b[k - BURN_IN] = t[1];
                }
            }
        }
        check(a, 0, C[0][0], "θ0");
        check(b, 0, C[1][1], "θ1");
        double rho = ChainStatistics.correlation(a, b);
        double exact = C[0][1] / Math.sqrt(C[0][0] * C[1][1]);
        double ess = Math.min(ChainStatistics.effectiveSampleSize(a), ChainStatistics.effectiveSampleSize(b));
        assertTrue(Math.abs(rho - exact) < 4 * (1 - exact * exact) / Math.sqrt(ess) + 0.02,
                "correlation " + rho + " vs " + exact + ", ESS " + ess);
    }


    private static void check(double[] s, double exactMean, double exactVar, String name) {
        double m = ChainStatistics.mean(s);
        double v = ChainStatistics.variance(s, m);
        double ess = ChainStatistics.effectiveSampleSize(s);
        String what = String.format("%s: mean %.4f, var %.4f vs %.4f, ESS %.0f", name, m, v, exactVar, ess);
        assertTrue(ess > 300, what);
        assertTrue(Math.abs(m - exactMean) < 4 * Math.sqrt(exactVar / ess), what);
        assertTrue(Math.abs(v / exactVar - 1) < 4 * Math.sqrt(2 / ess) + 0.05, what);
    }
}
