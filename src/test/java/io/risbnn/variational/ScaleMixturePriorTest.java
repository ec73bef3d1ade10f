package io.risbnn.variational;

import static io.risbnn.variational.VariationalTesting.HALF_LOG_2PI;
import static io.risbnn.variational.VariationalTesting.doubles;
import static io.risbnn.variational.VariationalTesting.posterior;
import static io.risbnn.variational.VariationalTesting.repeat;
import static io.risbnn.variational.VariationalTesting.scalar;
import static io.risbnn.variational.VariationalTesting.softplus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ScaleMixturePriorTest {
    /** Blundell et al.'s setting: π = 0.5, σ1 = 1, σ2 = e^{-6}. */
    private static final double PI = 0.5;
    private static final double SIGMA1 = 1.0;
    private static final double SIGMA2 = Math.exp(-6);

    /** log of the mixture density in double, by log-sum-exp. */
    static double logMixture(double w, double pi, double s1, double s2) {
        double l1 = Math.log(pi) - Math.log(s1) - HALF_LOG_2PI - w * w / (2 * s1 * s1);
        double l2 = Math.log1p(-pi) - Math.log(s2) - HALF_LOG_2PI - w * w / (2 * s2 * s2);
        double hi = Math.max(l1, l2);
        return hi + Math.log1p(Math.exp(Math.min(l1, l2) - hi));
    }

    /**
     * KL(N(μ, s²)‖mixture) = −H(q) − E_q[log p(w)], the expectation by composite Simpson over
     * t ∈ [−12, 12] (w = μ + s·t) with 200000 intervals: accurate far beyond the MC error.
     */
    static double trueKl(double mu, double s, double pi, double s1, double s2) {
        int intervals = 200000;
        double a = -12;
        double h = 24.0 / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double t = a + i * h;
            double f = Math.exp(-0.5 * t * t - HALF_LOG_2PI) * logMixture(mu + s * t, pi, s1, s2);
            sum += f * (i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        double expectedLogP = sum * h / 3;
        double negEntropy = -0.5 * Math.log(2 * Math.PI * Math.E * s * s);
        return negEntropy - expectedLogP;
    }

    @Test
    void referenceIntegratorReproducesGaussianClosedForm() {
        // sanity check of the reference itself: with σ1 = σ2 the numeric KL is the closed form
        double numeric = trueKl(0.4, 0.3, 0.3, 0.8, 0.8);
        assertEquals(VariationalTesting.gaussianKl(0.4, Softplus.inverse(0.3), 0.8), numeric, 1e-10);
    }

    /** Mean over many calls of the one-sample estimate vs the numerically integrated KL. */
    @Test
    void klIsAnUnbiasedEstimateOfTheTrueKl() {
        float[] muRow = {0.1f, -0.5f, 0.02f, 1.0f};
        float[] rhoRow = {(float) Softplus.inverse(0.05), (float) Softplus.inverse(0.2),
                (float) Softplus.inverse(0.01), (float) Softplus.inverse(0.5)};
        int perRow = 5000;
        int calls = 100;
        double truth = 0;
        for (int i = 0; i < muRow.length; i++) {
            truth += perRow * trueKl(muRow[i], softplus(rhoRow[i]), PI, SIGMA1, SIGMA2);
        }
        double[] stats = repeatedKl(new ScaleMixturePrior(PI, SIGMA1, SIGMA2), muRow, rhoRow, perRow, calls, 3);
        double z = (stats[0] - truth) / stats[1];
        System.out.printf("ScaleMixture KL (20000 elements): true=%.3f MC mean=%.3f SE=%.3f z=%.2f%n",
                truth, stats[0], stats[1], z);
        assertTrue(Math.abs(z) < 4, "true " + truth + " mean " + stats[0] + " SE " + stats[1]);
    }

    /** σ1 = σ2 = σ: the mixture is N(0, σ²), so E[kl] is GaussianPrior's closed form. */
    @Test
    void collapsedMixtureAgreesWithGaussianClosedFormInExpectation() {
        float[] muRow = {0.3f, -1.1f, 0f};
        float[] rhoRow = {-2f, 0.3f, -0.7f};
        int perRow = 2000;
        double sigma = 0.8;
        double closed;
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianPosterior q = posterior(m, new Shape(3, perRow), repeat(muRow, perRow), repeat(rhoRow, perRow));
            closed = scalar(new GaussianPrior(sigma).kl(q));
        }
        double[] stats = repeatedKl(new ScaleMixturePrior(0.3, sigma, sigma), muRow, rhoRow, perRow, 100, 4);
        double z = (stats[0] - closed) / stats[1];
        System.out.printf("Collapsed mixture KL (6000 elements): closed=%.3f MC mean=%.3f SE=%.3f z=%.2f%n",
                closed, stats[0], stats[1], z);
        assertTrue(Math.abs(z) < 4, "closed " + closed + " mean " + stats[0] + " SE " + stats[1]);
    }

    @Test
    void collapsedMixtureHasTheGaussianLogDensity() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {0.3f, -2.5f, 0f, 1.25f, 4f});
            double mixture = scalar(new ScaleMixturePrior(0.3, 0.8, 0.8).logDensity(w));
            double gaussian = scalar(new GaussianPrior(0.8).logDensity(w));
            assertEquals(gaussian, mixture, 1e-5 * Math.abs(gaussian));
        }
    }

    @Test
    void logDensityMatchesHandComputationIncludingFarTails() {
        try (NDManager m = NDManager.newBaseManager()) {
            // at |w| = 3 the narrow component is e^{-1.6e5}: log-sum-exp must not produce −∞ or NaN
            float[] w = {0f, 0.001f, -0.01f, 0.5f, 3f, -40f};
            double expected = 0;
            for (float x : w) {
                expected += logMixture(x, PI, SIGMA1, SIGMA2);
            }
            double got = scalar(new ScaleMixturePrior(PI, SIGMA1, SIGMA2).logDensity(m.create(w)));
            assertTrue(Double.isFinite(got));
            assertEquals(expected, got, 1e-5 * Math.abs(expected));
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new ScaleMixturePrior(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScaleMixturePrior(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScaleMixturePrior(Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScaleMixturePrior(0.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScaleMixturePrior(0.5, 1, Double.POSITIVE_INFINITY));
    }

    /** Mean and standard error of {@code calls} calls of prior.kl on rows of identical (μ, ρ). */
    private static double[] repeatedKl(Prior prior, float[] muRow, float[] rhoRow, int perRow, int calls, int seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(seed);
            GaussianPosterior q = posterior(m, new Shape(muRow.length, perRow), repeat(muRow, perRow), repeat(rhoRow, perRow));
            double sum = 0;
            double sumSq = 0;
            for (int c = 0; c < calls; c++) {
                try (NDScope scope = new NDScope()) {
                    double x = doubles(prior.kl(q))[0];
                    assertTrue(Double.isFinite(x));
                    sum += x;
                    sumSq += x * x;
                }
            }
            double mean = sum / calls;
            double se = Math.sqrt((sumSq / calls - mean * mean) / (calls - 1));
            return new double[] {mean, se};
        }
    }
}
