package io.risbnn.method.laplace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Λ_n, the Hessian of −log p(y_n | f) with respect to the network outputs f at f(x_n, θ*), the middle of
 * the generalised Gauss–Newton J_nᵀ Λ_n J_n: 1/σ² for a homoscedastic Gaussian (σ the learned noise in
 * standardised units), diag(p) − ppᵀ for the softmax of a categorical likelihood. Both are also given as a
 * square root Λ = M Mᵀ, M = [1/σ] or diag(√p) − p√pᵀ (using Σp = 1), so curvature factors can be
 * accumulated as sums of outer products.
 */
record OutputHessian(boolean classification, double noiseStd) {
    static OutputHessian gaussian(double noiseStd) {
        return new OutputHessian(false, noiseStd);
    }

    static OutputHessian softmax() {
        return new OutputHessian(true, Double.NaN);
    }

    /** Λ for outputs f [B, C] (float64): [B, C, C]. */
    NDArray lambda(NDArray outputs) {
        if (!classification) {
            return outputs.onesLike().expandDims(2).mul(1.0 / (noiseStd * noiseStd));
        }
        NDArray p = outputs.softmax(1);
        int c = (int) p.getShape().get(1);
        NDArray eye = p.getManager().eye(c, c, 0, DataType.FLOAT64);
        return p.expandDims(2).mul(eye).sub(p.expandDims(2).mul(p.expandDims(1)));
    }

    /** M with Λ = M Mᵀ for outputs f [B, C] (float64): [B, C, K] (K = 1 for regression, C for classification). */
    NDArray root(NDArray outputs) {
        if (!classification) {
            return outputs.onesLike().expandDims(2).mul(1.0 / noiseStd);
        }
        NDArray p = outputs.softmax(1);
        int c = (int) p.getShape().get(1);
        NDArray eye = p.getManager().eye(c, c, 0, DataType.FLOAT64);
        NDArray s = p.sqrt();
        return s.expandDims(2).mul(eye).sub(p.expandDims(2).mul(s.expandDims(1)));
    }

    /** Σ_n log p(y_n | f_n) for outputs [B, C] and targets (values, or class indices as doubles). */
    double logLikelihood(double[][] outputs, double[] targets) {
        double sum = 0;
        for (int n = 0; n < outputs.length; n++) {
            if (classification) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : outputs[n]) {
                    max = Math.max(max, v);
                }
                double z = 0;
                for (double v : outputs[n]) {
                    z += Math.exp(v - max);
                }
                sum += outputs[n][(int) targets[n]] - max - Math.log(z);
            } else {
                double r = (targets[n] - outputs[n][0]) / noiseStd;
                sum += -0.5 * r * r - Math.log(noiseStd) - 0.5 * Math.log(2 * Math.PI);
            }
        }
        return sum;
    }

}
