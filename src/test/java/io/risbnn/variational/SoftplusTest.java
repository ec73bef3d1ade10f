package io.risbnn.variational;

import static io.risbnn.variational.VariationalTesting.backward;
import static io.risbnn.variational.VariationalTesting.logSoftplus;
import static io.risbnn.variational.VariationalTesting.sigmoid;
import static io.risbnn.variational.VariationalTesting.softplus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class SoftplusTest {
    private static final float[] EXTREME_RHO = {-100f, -30f, -20f, 0f, 20f, 50f, 100f};

    @Test
    void applyIsFiniteNonNegativeAndAccurateAtExtremeRho() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray rho = m.create(EXTREME_RHO);
            float[] s = Softplus.apply(rho).toFloatArray();
            for (int i = 0; i < EXTREME_RHO.length; i++) {
                double exact = softplus(EXTREME_RHO[i]);
                String at = "rho=" + EXTREME_RHO[i] + ": s=" + s[i] + " exact=" + exact;
                assertTrue(Float.isFinite(s[i]) && s[i] >= 0, at);
                if (exact >= Float.MIN_NORMAL) {
                    assertEquals(exact, s[i], 1e-6 * exact, at);
                } else {
                    // not representable as a normal float32 (ρ = −100: exact ≈ 3.7e-44): 0 or a denormal
                    assertTrue(s[i] < Float.MIN_NORMAL, at);
                }
            }
        }
    }

    @Test
    void logStaysFiniteAndAccurateWhereSoftplusUnderflows() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray rho = m.create(EXTREME_RHO);
            float[] logS = Softplus.log(rho, Softplus.apply(rho)).toFloatArray();
            for (int i = 0; i < EXTREME_RHO.length; i++) {
                double exact = logSoftplus(EXTREME_RHO[i]);
                String at = "rho=" + EXTREME_RHO[i] + ": log s=" + logS[i] + " exact=" + exact;
                assertTrue(Float.isFinite(logS[i]), at);
                assertEquals(exact, logS[i], 1e-6 * Math.max(1, Math.abs(exact)), at);
            }
            // the underflow case explicitly: log softplus(−100) = −100 − e^{-100}/2 ≈ −100
            assertEquals(-100.0, logS[0], 1e-6);
        }
    }

    @Test
    void gradientOfLogIsFiniteAndEqualsSigmoidOverSoftplus() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray rho = m.create(EXTREME_RHO);
            rho.setRequiresGradient(true);
            backward(() -> Softplus.log(rho, Softplus.apply(rho)).sum());
            float[] g = rho.getGradient().toFloatArray();
            for (int i = 0; i < EXTREME_RHO.length; i++) {
                double r = EXTREME_RHO[i];
                // d/dρ log softplus(ρ) = σ(ρ)/softplus(ρ); → 1 as ρ → −∞
                double exact = r < -30 ? 1.0 : sigmoid(r) / softplus(r);
                assertTrue(Float.isFinite(g[i]), "rho=" + r);
                assertEquals(exact, g[i], 1e-6 * Math.max(1e-2, Math.abs(exact)) + 1e-7, "rho=" + r);
            }
        }
    }

    @Test
    void gradientOfApplyIsSigmoid() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray rho = m.create(EXTREME_RHO);
            rho.setRequiresGradient(true);
            backward(() -> Softplus.apply(rho).sum());
            float[] g = rho.getGradient().toFloatArray();
            for (int i = 0; i < EXTREME_RHO.length; i++) {
                assertEquals(sigmoid(EXTREME_RHO[i]), g[i], 1e-7, "rho=" + EXTREME_RHO[i]);
            }
        }
    }

    @Test
    void scalarFormsAgreeWithReference() {
        for (double rho : new double[] {-700, -100, -30, -20, -1, 0, 1, 29.9, 30, 30.1, 50, 100, 1e6}) {
            double exact = softplus(rho);
            assertEquals(exact, Softplus.of(rho), 1e-15 * exact, "rho=" + rho);
        }
    }

    @Test
    void inverseOfSoftplusRoundTrips() {
        for (double rho : new double[] {-700, -100, -30, -5, -1e-3, 0, 1e-3, 2, 29.9, 30.1, 50, 1e4}) {
            double back = Softplus.inverse(Softplus.of(rho));
            assertEquals(rho, back, 1e-12 * Math.max(1, Math.abs(rho)), "rho=" + rho);
        }
        for (double s : new double[] {1e-300, 1e-10, 1e-3, 0.5, 1, 29.99, 30, 30.01, 1e3}) {
            double back = Softplus.of(Softplus.inverse(s));
            assertEquals(s, back, 1e-12 * s, "s=" + s);
        }
    }

    @Test
    void inverseRejectsNonPositive() {
        assertThrows(IllegalArgumentException.class, () -> Softplus.inverse(0));
        assertThrows(IllegalArgumentException.class, () -> Softplus.inverse(-1));
        assertThrows(IllegalArgumentException.class, () -> Softplus.inverse(Double.NaN));
    }
}
