package io.risbnn.method.laplace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.apache.commons.math3.exception.MaxCountExceededException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Eigen-decomposition of a symmetric matrix held as a float64 NDArray [n, n], in double. Rows and
 * columns that are exactly zero (a last layer's dead ReLU features) are split off first as eigenvalue 0
 * with a unit eigenvector; the rest goes to commons-math, whose QL iteration can fail to converge on
 * such degenerate matrices, and when it still does, to cyclic Jacobi rotations (slower, always converge).
 */
record SymmetricEigen(double[] values, NDArray vectors) {
    /** Eigenvalues and the matrix Q [n, n] of eigenvectors (columns), Q in {@code manager}. */
    static SymmetricEigen of(NDArray matrix, NDManager manager) {
        int n = (int) matrix.getShape().get(0);
        double[] flat = matrix.toDoubleArray();
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = 0.5 * (flat[i * n + j] + flat[j * n + i]);
            }
        }
        double[][] full = decompose(a);   // [0]: eigenvalues, then the rows of V
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(full[i + 1], 0, q, i * n, n);
        }
        return new SymmetricEigen(full[0], manager.create(q, new Shape(n, n)));
    }

    /** {eigenvalues, V's rows…} of a symmetric matrix. */
    static double[][] decompose(double[][] a) {
        int n = a.length;
        int[] live = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            boolean zero = true;
            for (int j = 0; j < n && zero; j++) {
                zero = a[i][j] == 0;
            }
            if (!zero) {
                live[m++] = i;
            }
        }
        double[][] sub = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                sub[i][j] = a[live[i]][live[j]];
            }
        }
        double[] subValues;
        double[][] subVectors;   // [row][column]
        try {
            EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(sub, false));
            subValues = eigen.getRealEigenvalues();
            subVectors = eigen.getV().getData();
        } catch (MaxCountExceededException e) {
            double[][] jacobi = jacobi(sub);
            subValues = jacobi[0];
            subVectors = java.util.Arrays.copyOfRange(jacobi, 1, m + 1);
        }
        double[][] out = new double[n + 1][n];
        boolean[] isLive = new boolean[n];
        for (int i = 0; i < m; i++) {
            isLive[live[i]] = true;
        }
        for (int k = 0; k < m; k++) {
            out[0][k] = subValues[k];
            for (int i = 0; i < m; i++) {
                out[live[i] + 1][k] = subVectors[i][k];
            }
        }
        int k = m;
        for (int i = 0; i < n; i++) {
            if (!isLive[i]) {
                out[0][k] = 0;
                out[i + 1][k] = 1;
                k++;
            }
        }
        return out;
    }

    /** Cyclic Jacobi: {eigenvalues, V's rows…}, sweeping until the off-diagonal mass is negligible. */
    static double[][] jacobi(double[][] input) {
        int n = input.length;
        double[][] a = new double[n][];
        double[][] v = new double[n][n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            a[i] = input[i].clone();
            v[i][i] = 1;
            for (double x : a[i]) {
                scale += x * x;
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int r = p + 1; r < n; r++) {
                    off += a[p][r] * a[p][r];
                }
            }
            if (off <= 1e-30 * scale || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int r = p + 1; r < n; r++) {
                    if (a[p][r] == 0) {
                        continue;
                    }
                    double theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {   // A ← A·J (columns p, r)
                        double akp = a[k][p];
                        double akr = a[k][r];
                        a[k][p] = c * akp - s * akr;
                        a[k][r] = s * akp + c * akr;
                    }
                    for (int k = 0; k < n; k++) {   // A ← Jᵀ·A (rows p, r)
                        double apk = a[p][k];
                        double ark = a[r][k];
                        a[p][k] = c * apk - s * ark;
                        a[r][k] = s * apk + c * ark;
                    }
                    for (int k = 0; k < n; k++) {   // V ← V·J
                        double vkp = v[k][p];
                        double vkr = v[k][r];
                        v[k][p] = c * vkp - s * vkr;
                        v[k][r] = s * vkp + c * vkr;
                    }
                }
            }
        }
        double[][] out = new double[n + 1][];
        out[0] = new double[n];
        for (int i = 0; i < n; i++) {
            out[0][i] = a[i][i];
            out[i + 1] = v[i];
        }
        return out;
    }
}
