package io.risbnn.variational;

import static io.risbnn.variational.VariationalTesting.doubles;
import static io.risbnn.variational.VariationalTesting.softplus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PosteriorInitTest {
    private static GaussianPosterior initialised(NDManager m, Shape shape, PosteriorInit init, int fanIn, boolean isBias) {
        GaussianPosterior q = new GaussianPosterior(isBias ? "bias" : "weight", shape, init, fanIn, isBias);
        q.muParameter().initialize(m, DataType.FLOAT32);
        q.rhoParameter().initialize(m, DataType.FLOAT32);
        return q;
    }

    @Test
    void initialRhoGivesSigmaRatioTimesHeStd() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int fanIn : new int[] {1, 7, 50, 784}) {
                for (double ratio : new double[] {PosteriorInit.DEFAULT_SIGMA_RATIO, 0.1, 1.0}) {
                    PosteriorInit init = PosteriorInit.withSigmaRatio(ratio);
                    double target = ratio * Math.sqrt(2.0 / fanIn);
                    assertEquals(target, softplus(init.initialRho(fanIn)), 1e-12 * target);
                    GaussianPosterior w = initialised(m, new Shape(3, fanIn), init, fanIn, false);
                    GaussianPosterior b = initialised(m, new Shape(3), init, fanIn, true);
                    for (double s : doubles(w.sigma())) {
                        assertEquals(target, s, 1e-5 * target, "fanIn " + fanIn + " ratio " + ratio);
                    }
                    for (double s : doubles(b.sigma())) {
                        assertEquals(target, s, 1e-5 * target, "bias, fanIn " + fanIn + " ratio " + ratio);
                    }
                }
            }
            assertEquals(PosteriorInit.DEFAULT_SIGMA_RATIO, PosteriorInit.defaults().sigmaRatio());
            assertNull(PosteriorInit.defaults().rho0());
        }
    }

    @Test
    void fixedRho0OverridesTheRatio() {
        try (NDManager m = NDManager.newBaseManager()) {
            PosteriorInit init = PosteriorInit.withRho0(-4.0);
            assertEquals(-4.0, init.initialRho(10));
            assertEquals(-4.0, init.initialRho(1000));
            for (double r : doubles(initialised(m, new Shape(2, 10), init, 10, false).rho())) {
                assertEquals(-4.0, r, 0.0);
            }
        }
    }

    /** μ ~ N(0, 2/fanIn): the sample std of 10000 weights within 4 SE of √(2/fanIn); biases start at 0. */
    @Test
    void meanStartsHeNormalAndBiasAtZero() {
        int fanIn = 50;
        int out = 200;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            double[] mu = doubles(initialised(m, new Shape(out, fanIn), PosteriorInit.defaults(), fanIn, false).mu());
            int n = mu.length;
            double sum = 0;
            double sumSq = 0;
            for (double x : mu) {
                sum += x;
                sumSq += x * x;
            }
            double mean = sum / n;
            double std = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
            double he = PosteriorInit.heStd(fanIn);
            assertEquals(Math.sqrt(2.0 / fanIn), he, 1e-15);
            double seStd = he / Math.sqrt(2.0 * (n - 1));
            System.out.printf("He init: std=%.5f expected=%.5f SE=%.5f z=%.2f; mean=%.5f (SE %.5f)%n",
                    std, he, seStd, (std - he) / seStd, mean, he / Math.sqrt(n));
            assertTrue(Math.abs(std - he) < 4 * seStd, "std " + std + " vs " + he);
            assertTrue(Math.abs(mean) < 4 * he / Math.sqrt(n), "mean " + mean);

            double[] bias = doubles(initialised(m, new Shape(out), PosteriorInit.defaults(), fanIn, true).mu());
            for (double b : bias) {
                assertEquals(0.0, b, 0.0);
            }
        }
    }

    @Test
    void setMeanCopiesWeightsAndKeepsRho() {
        try (NDManager m = NDManager.newBaseManager()) {
            GaussianPosterior q = initialised(m, new Shape(2, 3), PosteriorInit.defaults(), 3, false);
            float[] rhoBefore = q.rho().toFloatArray();
            float[] w = {1f, 2f, 3f, -4f, 5f, -6f};
            PosteriorInit.setMean(q, m.create(w).toType(DataType.FLOAT64, false).reshape(6));
            assertArrayEquals(w, q.mu().toFloatArray());
            assertEquals(new Shape(2, 3), q.shape());
            assertArrayEquals(rhoBefore, q.rho().toFloatArray());
        }
    }

    @Test
    void rejectsNonPositiveRatio() {
        assertThrows(IllegalArgumentException.class, () -> PosteriorInit.withSigmaRatio(0));
        assertThrows(IllegalArgumentException.class, () -> PosteriorInit.withSigmaRatio(-0.1));
        assertThrows(IllegalArgumentException.class, () -> PosteriorInit.withSigmaRatio(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PosteriorInit.withSigmaRatio(Double.POSITIVE_INFINITY));
    }
}
