package io.risbnn.variational;

import static io.risbnn.variational.VariationalTesting.HALF_LOG_2PI;
import static io.risbnn.variational.VariationalTesting.backward;
import static io.risbnn.variational.VariationalTesting.doubles;
import static io.risbnn.variational.VariationalTesting.gaussianKl;
import static io.risbnn.variational.VariationalTesting.posterior;
import static io.risbnn.variational.VariationalTesting.scalar;
import static io.risbnn.variational.VariationalTesting.sigmoid;
import static io.risbnn.variational.VariationalTesting.softplus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GaussianPriorTest {
    private static final double SIGMA_P = 0.7;
    // includes a unit at ρ = −30 and one at ρ = −100, where s underflows float32
    private static final float[] MU = {0.5f, -1.2f, 0f, 2.0f, 0.1f, -0.3f};
    private static final float[] RHO = {-3f, 0f, 1.5f, -1f, -30f, -100f};

    @Test
    void klEqualsClosedFormComputedByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianPosterior q = posterior(m, new Shape(2, 3), MU, RHO);
            double expected = 0;
            for (int i = 0; i < MU.length; i++) {
                expected += gaussianKl(MU[i], RHO[i], SIGMA_P);
            }
            double kl = scalar(new GaussianPrior(SIGMA_P).kl(q));
            assertTrue(Double.isFinite(kl));
            // the ρ = −100 term alone contributes log σp + 100 − ½ + μ²/(2σp²)
            assertEquals(expected, kl, 1e-5 * Math.abs(expected), "expected " + expected + " got " + kl);
        }
    }

    @Test
    void klIsZeroWhenPosteriorEqualsPrior() {
        try (NDManager m = NDManager.newBaseManager()) {
            float rho = (float) Softplus.inverse(SIGMA_P);
            GaussianPosterior q = posterior(m, new Shape(4), new float[4], new float[] {rho, rho, rho, rho});
            assertEquals(0.0, scalar(new GaussianPrior(SIGMA_P).kl(q)), 1e-6);
        }
    }

    @Test
    void logDensityMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w = {0.3f, -1.7f, 2.2f, 0f, 0.05f};
            double expected = 0;
            for (float x : w) {
                expected += -x * (double) x / (2 * SIGMA_P * SIGMA_P) - Math.log(SIGMA_P) - HALF_LOG_2PI;
            }
            assertEquals(expected, scalar(new GaussianPrior(SIGMA_P).logDensity(m.create(w))), 1e-5);
        }
    }

    /** Closed form vs the average of log q(w) − log p(w) over 20000 reparameterised samples. */
    @Test
    void closedFormAgreesWithMonteCarloWithinFourStandardErrors() {
        float[] mu = {0.5f, -1.2f, 0f, 2.0f, 0.1f, -0.3f};
        float[] rho = {-3f, 0f, 1.5f, -1f, -0.5f, 0.7f};
        int n = 20000;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            GaussianPosterior q = posterior(m, new Shape(6), mu, rho);
            GaussianPrior prior = new GaussianPrior(SIGMA_P);
            double closed = scalar(prior.kl(q));
            NDArray samples = q.sample(n);
            assertEquals(new Shape(n, 6), samples.getShape());
            double[] w = doubles(samples);
            double[] s = new double[6];
            for (int j = 0; j < 6; j++) {
                s[j] = softplus(rho[j]);
            }
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double d = 0;
                for (int j = 0; j < 6; j++) {
                    double x = w[i * 6 + j];
                    double z = (x - mu[j]) / s[j];
                    d += (-0.5 * z * z - Math.log(s[j]) - HALF_LOG_2PI)
                            - (-x * x / (2 * SIGMA_P * SIGMA_P) - Math.log(SIGMA_P) - HALF_LOG_2PI);
                }
                sum += d;
                sumSq += d * d;
            }
            double mean = sum / n;
            double se = Math.sqrt((sumSq / n - mean * mean) / (n - 1));
            double z = (mean - closed) / se;
            System.out.printf("GaussianPrior KL: closed=%.5f MC=%.5f SE=%.5f z=%.2f%n", closed, mean, se, z);
            assertTrue(Math.abs(z) < 4, "closed " + closed + " MC " + mean + " SE " + se);
            // logDensity of one sample equals the per-sample formula used above
            NDArray first = samples.get(0);
            double lp = 0;
            for (int j = 0; j < 6; j++) {
                lp += -w[j] * w[j] / (2 * SIGMA_P * SIGMA_P) - Math.log(SIGMA_P) - HALF_LOG_2PI;
            }
            assertEquals(lp, scalar(prior.logDensity(first)), 1e-5);
        }
    }

    @Test
    void sampleHasPosteriorMeanAndStd() {
        int n = 20000;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(2);
            GaussianPosterior q = posterior(m, new Shape(2), new float[] {1.5f, -0.25f}, new float[] {-2f, 0.5f});
            double[] w = doubles(q.sample(n));
            for (int j = 0; j < 2; j++) {
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < n; i++) {
                    sum += w[2 * i + j];
                    sumSq += w[2 * i + j] * w[2 * i + j];
                }
                double mean = sum / n;
                double var = sumSq / n - mean * mean;
                double s = softplus(j == 0 ? -2 : 0.5);
                double mu = j == 0 ? 1.5 : -0.25;
                assertTrue(Math.abs(mean - mu) < 4 * s / Math.sqrt(n), "mean " + mean);
                assertTrue(Math.abs(var - s * s) < 4 * s * s * Math.sqrt(2.0 / (n - 1)), "var " + var);
            }
        }
    }

    @Test
    void klGradientsEqualAnalyticOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianPosterior q = posterior(m, new Shape(6), MU, RHO);
            q.mu().setRequiresGradient(true);
            q.rho().setRequiresGradient(true);
            backward(() -> new GaussianPrior(SIGMA_P).kl(q));
            float[] gMu = q.mu().getGradient().toFloatArray();
            float[] gRho = q.rho().getGradient().toFloatArray();
            for (int i = 0; i < MU.length; i++) {
                double s = softplus(RHO[i]);
                double expMu = MU[i] / (SIGMA_P * SIGMA_P);
                // (−1/s + s/σp²)·σ(ρ); −σ(ρ)/s → −1 as ρ → −∞ (exactly the limit used where s underflows)
                double ratio = RHO[i] < -30 ? 1.0 : sigmoid(RHO[i]) / s;
                double expRho = -ratio + s * sigmoid(RHO[i]) / (SIGMA_P * SIGMA_P);
                String at = "mu=" + MU[i] + " rho=" + RHO[i];
                assertTrue(Float.isFinite(gMu[i]) && Float.isFinite(gRho[i]), at);
                assertEquals(expMu, gMu[i], 1e-5 * Math.max(1, Math.abs(expMu)), at);
                assertEquals(expRho, gRho[i], 1e-5 * Math.max(1, Math.abs(expRho)), at + " grad rho " + gRho[i]);
            }
        }
    }

    @Test
    void rejectsBadSigmaAndDescribesItself() {
        assertThrows(IllegalArgumentException.class, () -> new GaussianPrior(0));
        assertThrows(IllegalArgumentException.class, () -> new GaussianPrior(-1));
        assertThrows(IllegalArgumentException.class, () -> new GaussianPrior(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GaussianPrior(Double.POSITIVE_INFINITY));
        GaussianPrior p = new GaussianPrior(0.5);
        assertEquals("gaussian(0.5)", p.describe());
        assertTrue(p.closedForm());
        assertFalse(new ScaleMixturePrior(0.5, 1, 0.1).closedForm());
    }
}
