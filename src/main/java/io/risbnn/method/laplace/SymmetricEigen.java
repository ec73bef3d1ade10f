package io.risbnn.method.laplace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/** Eigen-decomposition of a symmetric matrix held as a float64 NDArray [n, n] (commons-math, in double). */
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
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(a, false));
        double[] values = eigen.getRealEigenvalues();
        double[][] v = eigen.getV().getData();
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(v[i], 0, q, i * n, n);
        }
        return new SymmetricEigen(values, manager.create(q, new Shape(n, n)));
    }
}
