package io.risbnn.variational;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/** Small helpers shared by the tests of this package (double-precision reference maths, posteriors). */
final class VariationalTesting {
    static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private VariationalTesting() {}

    /** A 0-d (or 1-element) array as a double, whatever its float type. */
    static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }

    static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Reference softplus in double, written independently of {@link Softplus#of}. */
    static double softplus(double rho) {
        return rho > 0 ? rho + Math.log1p(Math.exp(-rho)) : Math.log1p(Math.exp(rho));
    }

    /** log softplus(ρ) in double, exact also where softplus underflows double (ρ < −745). */
    static double logSoftplus(double rho) {
        return rho < -30 ? rho + Math.log1p(-Math.exp(rho) / 2) : Math.log(softplus(rho));
    }

    static double sigmoid(double rho) {
        return rho >= 0 ? 1 / (1 + Math.exp(-rho)) : Math.exp(rho) / (1 + Math.exp(rho));
    }

    /** A posterior of the given shape with μ and ρ set to the given float32 values. */
    static GaussianPosterior posterior(NDManager manager, Shape shape, float[] mu, float[] rho) {
        GaussianPosterior q = new GaussianPosterior("w", shape, PosteriorInit.defaults(), (int) shape.tail(), false);
        q.muParameter().initialize(manager, DataType.FLOAT32);
        q.rhoParameter().initialize(manager, DataType.FLOAT32);
        q.mu().set(mu);
        q.rho().set(rho);
        return q;
    }

    /** Closed-form KL(N(μ,s²)‖N(0,σp²)) of one element, in double. */
    static double gaussianKl(double mu, double rho, double sigmaP) {
        double s = softplus(rho);
        return Math.log(sigmaP) - logSoftplus(rho) + (s * s + mu * mu) / (2 * sigmaP * sigmaP) - 0.5;
    }

    /** Computes {@code loss} with gradient recording on and runs backward; read the gradients afterwards. */
    static void backward(java.util.function.Supplier<NDArray> loss) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(loss.get());
        }
    }

    static float[] repeat(float[] perRow, int rowLength) {
        float[] out = new float[perRow.length * rowLength];
        for (int i = 0; i < perRow.length; i++) {
            java.util.Arrays.fill(out, i * rowLength, (i + 1) * rowLength, perRow[i]);
        }
        return out;
    }
}
