package io.risbnn.method.swag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SWAG's moments and deviation matrix recover a known Gaussian from its draws, and survive a checkpoint. */
class SwagMomentsTest {
    private static final int P = 5;

    /** Σ = diag(d) + U Uᵀ, U of rank 2. */
    static final double[] MEAN = {0.5, -1.0, 2.0, 0.0, 0.3};
    static final double[] DIAG = {0.04, 0.09, 0.01, 0.25, 0.16};
    static final double[][] U = {{0.3, 0.1}, {-0.2, 0.4}, {0.1, 0.1}, {0.0, -0.3}, {0.5, 0.0}};

    static double sigma(int i, int j) {
        double s = i == j ? DIAG[i] : 0;
        for (int r = 0; r < 2; r++) {
            s += U[i][r] * U[j][r];
        }
        return s;
    }

    /** θ = m + d^½ ⊙ e + U f, e ~ N(0, I_P), f ~ N(0, I_2). */
    static double[] draw(SplittableRandom random) {
        double[] f = {random.nextGaussian(), random.nextGaussian()};
        double[] theta = new double[P];
        for (int i = 0; i < P; i++) {
            theta[i] = MEAN[i] + Math.sqrt(DIAG[i]) * random.nextGaussian() + U[i][0] * f[0] + U[i][1] * f[1];
        }
        return theta;
    }

    @Test
    void meanDiagonalAndLowRankCovarianceOfGaussianIterates() {
        int n = 20000;
        int rank = 4000;   // many deviations, so DDᵀ/(K−1) estimates Σ tightly
        SwagMoments moments = new SwagMoments(P, rank);
        SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < n; t++) {
            moments.collect(draw(random));
        }
        assertEquals(n, moments.count());
        assertEquals(rank, moments.columns());
        double[] variance = moments.diagonalVariance();
        for (int i = 0; i < P; i++) {
            double se = Math.sqrt(sigma(i, i) / n);
            assertEquals(MEAN[i], moments.mean()[i], 4 * se, "mean " + i);
            double seVar = sigma(i, i) * Math.sqrt(2.0 / n);
            assertEquals(sigma(i, i), variance[i], 4 * seVar, "diagonal variance " + i);
        }
        // the low-rank part: DDᵀ/(K−1) over the last K deviations estimates the full Σ
        for (int i = 0; i < P; i++) {
            for (int j = 0; j <= i; j++) {
                double lowRank = 0;
                for (int k = 0; k < rank; k++) {
                    lowRank += moments.deviation(k)[i] * moments.deviation(k)[j];
                }
                lowRank /= rank - 1;
                double se = Math.sqrt((sigma(i, i) * sigma(j, j) + sigma(i, j) * sigma(i, j)) / rank);
                assertEquals(sigma(i, j), lowRank, 4 * se, "DDᵀ/(K−1) at " + i + "," + j);
                // SWAG's covariance ½(Σ_diag + DDᵀ/(K−1)) through SwagGaussian at scale ½
            }
        }
        SwagGaussian swag = new SwagGaussian(moments, true, 0.5);
        for (int i = 0; i < P; i++) {
            for (int j = 0; j < P; j++) {
                double truth = 0.5 * ((i == j ? sigma(i, i) : 0) + sigma(i, j));
                double se = 0.5 * Math.sqrt((sigma(i, i) * sigma(j, j) + sigma(i, j) * sigma(i, j)) / rank)
                        + (i == j ? 0.5 * sigma(i, i) * Math.sqrt(2.0 / n) : 0);
                assertEquals(truth, swag.covariance(i, j), 4 * se, "SWAG covariance " + i + "," + j);
            }
        }
    }

    @Test
    void deviationsAreFromTheUpdatedMeanInARingOfTheLastK() {
        SwagMoments moments = new SwagMoments(1, 2);
        moments.collect(new double[] {1});   // mean 1, deviation 0 → slot 0
        moments.collect(new double[] {3});   // mean 2, deviation 1 → slot 1
        moments.collect(new double[] {8});   // mean 4, deviation 4 → slot 0 (overwrites)
        assertEquals(4, moments.mean()[0], 1e-15);
        assertEquals((1 + 9 + 64) / 3.0, moments.squareMean()[0], 1e-13);
        assertEquals(2, moments.columns());
        assertEquals(4, moments.deviation(0)[0], 1e-15);
        assertEquals(1, moments.deviation(1)[0], 1e-15);
        assertEquals(74 / 3.0 - 16, moments.diagonalVariance()[0], 1e-12);
        SwagMoments constant = new SwagMoments(1, 0);
        constant.collect(new double[] {0.1});
        constant.collect(new double[] {0.1});
        assertTrue(constant.diagonalVariance()[0] >= SwagMoments.VARIANCE_FLOOR, "variance floored");
    }

    @Test
    void aRestoredCopyContinuesBitIdentically() {
        SplittableRandom random = new SplittableRandom(5);
        SwagMoments original = new SwagMoments(P, 3);
        for (int t = 0; t < 7; t++) {
            original.collect(draw(random));
        }
        SwagMoments copy;
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> state = original.state(manager);
            copy = SwagMoments.restore(state);
        }
        for (int t = 0; t < 5; t++) {
            double[] theta = draw(random);
            original.collect(theta);
            copy.collect(theta);
        }
        assertEquals(original.count(), copy.count());
        assertArrayEquals(original.mean(), copy.mean(), 0.0);
        assertArrayEquals(original.squareMean(), copy.squareMean(), 0.0);
        for (int k = 0; k < original.columns(); k++) {
            assertArrayEquals(original.deviation(k), copy.deviation(k), 0.0, "deviation " + k);
        }
    }
}
