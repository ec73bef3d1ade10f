package io.risbnn.variational;

import static io.risbnn.variational.VariationalTesting.backward;
import static io.risbnn.variational.VariationalTesting.gaussianKl;
import static io.risbnn.variational.VariationalTesting.posterior;
import static io.risbnn.variational.VariationalTesting.scalar;
import static io.risbnn.variational.VariationalTesting.softplus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.risbnn.RisbnnException;
import org.junit.jupiter.api.Test;

/** The empirical-Bayes prior: the Gaussian prior's KL at the ELBO-maximising variance σ̂² = mean(μ² + s²). */
class EmpiricalBayesPriorTest {
    private static final float[] MU = {0.5f, -1.2f, 0f, 2.0f, 0.1f, -0.3f};
    private static final float[] RHO = {-3f, 0f, 1.5f, -1f, -6f, -2f};

    /** σ̂ of the test posterior, in double. */
    private static double sigmaHat() {
        double sum = 0;
        for (int i = 0; i < MU.length; i++) {
            double s = softplus(RHO[i]);
            sum += s * s + MU[i] * (double) MU[i];
        }
        return Math.sqrt(sum / MU.length);
    }

    private static double gaussianKlSum(double sigmaP) {
        double kl = 0;
        for (int i = 0; i < MU.length; i++) {
            kl += gaussianKl(MU[i], RHO[i], sigmaP);
        }
        return kl;
    }

    @Test
    void klIsTheGaussianPriorsKlAtTheOptimalVarianceAndItsMinimum() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianPosterior q = posterior(m, new Shape(2, 3), MU, RHO);
            double kl = scalar(new EmpiricalBayesPrior().kl(q));
            double atOptimum = gaussianKlSum(sigmaHat());
            assertEquals(atOptimum, kl, 1e-5 * Math.abs(atOptimum));
            for (double factor : new double[] {0.5, 0.8, 0.95, 1.05, 1.25, 2}) {
                assertTrue(gaussianKlSum(factor * sigmaHat()) > kl, "σ = " + factor + "·σ̂ gives a smaller KL");
            }
        }
    }

    /** At the optimum the gradient equals that of the Gaussian prior with σp fixed at σ̂ (envelope theorem). */
    @Test
    void gradientIsTheFixedPriorsGradientAtTheOptimum() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianPosterior q = posterior(m, new Shape(2, 3), MU, RHO);
            q.mu().setRequiresGradient(true);
            q.rho().setRequiresGradient(true);
            backward(() -> new EmpiricalBayesPrior().kl(q));
            float[] gMu = q.mu().getGradient().toFloatArray();
            float[] gRho = q.rho().getGradient().toFloatArray();
            GaussianPosterior fixed = posterior(m, new Shape(2, 3), MU, RHO);
            fixed.mu().setRequiresGradient(true);
            fixed.rho().setRequiresGradient(true);
            backward(() -> new GaussianPrior(sigmaHat()).kl(fixed));
            float[] wantMu = fixed.mu().getGradient().toFloatArray();
            float[] wantRho = fixed.rho().getGradient().toFloatArray();
            for (int i = 0; i < MU.length; i++) {
                assertEquals(wantMu[i], gMu[i], 1e-5 * (1 + Math.abs(wantMu[i])), "d/dμ " + i);
                assertEquals(wantRho[i], gRho[i], 1e-5 * (1 + Math.abs(wantRho[i])), "d/dρ " + i);
            }
        }
    }

    @Test
    void parsedByNameAndRefusedWhereALogDensityIsNeeded() {
        Prior prior = Priors.parse("empirical-bayes");
        assertInstanceOf(EmpiricalBayesPrior.class, prior);
        assertEquals("empirical-bayes", prior.describe());
        try (NDManager m = NDManager.newBaseManager()) {
            RisbnnException e = assertThrows(RisbnnException.class, () -> prior.logDensity(m.create(new float[] {1f})));
            assertTrue(e.getMessage().startsWith("--prior empirical-bayes:"), e.getMessage());
        }
    }
}
