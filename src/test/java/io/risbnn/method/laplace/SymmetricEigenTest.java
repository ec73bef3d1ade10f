package io.risbnn.method.laplace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eigen-decompositions reconstruct the matrix: A = V diag(λ) Vᵀ, with dead (zero) rows split off. */
class SymmetricEigenTest {
    /** A random rank-2 Gauss–Newton-like matrix with some exactly zero rows and columns. */
    private static double[][] matrix(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] u = new double[2][n];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < n; i++) {
                u[k][i] = i % 3 == 0 ? 0 : r.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = u[0][i] * u[0][j] + 0.5 * u[1][i] * u[1][j];
            }
        }
        return a;
    }

    private static void assertReconstructs(double[][] a, double[][] d) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += d[i + 1][k] * d[0][k] * d[j + 1][k];
                }
                assertEquals(a[i][j], s, 1e-9, "entry " + i + "," + j);
            }
        }
    }

    @Test
    void bothPathsReconstructADegenerateMatrix() {
        double[][] a = matrix(12, 3);
        assertReconstructs(a, SymmetricEigen.decompose(a));
        assertReconstructs(a, SymmetricEigen.jacobi(a));
    }
}
