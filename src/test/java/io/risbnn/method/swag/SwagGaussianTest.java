package io.risbnn.method.swag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Draws θ̃ have the mean and covariance of SWAG's formula, and a stream gives the same θ̃. */
class SwagGaussianTest {
    private static final int P = 4;
    private static final int DRAWS = 60000;

    /** Iterates of a Gaussian random walk around a drifting point: a few deviations, far from isotropic. */
    private static SwagMoments walk(int rank) {
        SwagMoments moments = new SwagMoments(P, rank);
        SplittableRandom random = new SplittableRandom(21);
        double[] theta = {1, -0.5, 0.2, 3};
        for (int t = 0; t < 30; t++) {
            double common = random.nextGaussian();
            for (int i = 0; i < P; i++) {
                theta[i] += 0.1 * (i + 1) * random.nextGaussian() + 0.2 * common;
            }
            moments.collect(theta.clone());
        }
        return moments;
    }

    @Test
    void swagDrawsHaveTheFormulasCovariance() {
        checkCovariance(new SwagGaussian(walk(5), true, 0.5));
    }

    @Test
    void swagDiagonalDrawsHaveTheDiagonalCovariance() {
        SwagGaussian diag = new SwagGaussian(walk(0), false, 1.0);
        assertEquals(0, diag.covariance(0, 1), 0.0);
        checkCovariance(diag);
    }

    private static void checkCovariance(SwagGaussian gaussian) {
        double[] sum = new double[P];
        double[][] cross = new double[P][P];
        SplittableRandom random = new SplittableRandom(99);
        double[][] draws = new double[DRAWS][];
        for (int s = 0; s < DRAWS; s++) {
            draws[s] = gaussian.draw(random);
            for (int i = 0; i < P; i++) {
                sum[i] += draws[s][i];
            }
        }
        double[] mean = new double[P];
        for (int i = 0; i < P; i++) {
            mean[i] = sum[i] / DRAWS;
            double se = Math.sqrt(gaussian.covariance(i, i) / DRAWS);
            assertEquals(gaussian.mean()[i], mean[i], 4 * se, "mean " + i);
        }
        for (double[] d : draws) {
            for (int i = 0; i < P; i++) {
                for (int j = 0; j < P; j++) {
                    cross[i][j] += (d[i] - mean[i]) * (d[j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < P; i++) {
            for (int j = 0; j < P; j++) {
                double c = gaussian.covariance(i, j);
                double se = Math.sqrt((gaussian.covariance(i, i) * gaussian.covariance(j, j) + c * c) / DRAWS);
                assertEquals(c, cross[i][j] / (DRAWS - 1), 4 * se, "covariance " + i + "," + j);
            }
        }
    }

    @Test
    void theLowRankPartIsUsedAndScaled() {
        SwagMoments moments = walk(5);
        SwagGaussian half = new SwagGaussian(moments, true, 0.5);
        double[] diagonal = moments.diagonalVariance();
        double low = 0;
        for (int k = 0; k < 5; k++) {
            low += moments.deviation(k)[2] * moments.deviation(k)[3];
        }
        assertEquals(0.5 * low / 4, half.covariance(2, 3), 1e-15);
        assertEquals(0.5 * (diagonal[0] + sq(moments, 0) / 4), half.covariance(0, 0), 1e-15);
    }

    private static double sq(SwagMoments moments, int i) {
        double s = 0;
        for (int k = 0; k < moments.columns(); k++) {
            s += moments.deviation(k)[i] * moments.deviation(k)[i];
        }
        return s;
    }

    @Test
    void aStreamGivesTheSameDraw() {
        SwagGaussian gaussian = new SwagGaussian(walk(5), true, 0.5);
        double[] a = gaussian.draw(new SplittableRandom(7));
        double[] b = gaussian.draw(new SplittableRandom(7));
        double[] c = gaussian.draw(new SplittableRandom(8));
        assertArrayEquals(a, b, 0.0);
        assertFalse(Arrays.equals(a, c));
    }
}
