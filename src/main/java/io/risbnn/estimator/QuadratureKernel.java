package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Gauss–Hermite moments of ReLU for float32 (m, sd) on the CPU in one pass of plain Java loops (split over
 * the cores, each unit alone): E = Σ w_k f_k and Var = Σ w_k (f_k − E)² with f_k = relu(m + sd·t_k), and
 * their derivatives ∂E/∂m = Σ w 1{a_k > 0}, ∂E/∂sd = Σ w t_k 1{a_k > 0}, ∂Var/∂m = 2Σ w (f_k − E)1{a_k > 0},
 * ∂Var/∂sd = 2Σ w (f_k − E) t_k 1{a_k > 0} (the terms in ∂E vanish as Σ w (f − E) = 0). The tensor-op
 * form ({@link QuadratureEstimator}) builds [K, …] arrays and differentiates them by autograd; it stays the
 * reference (same numbers to float rounding) and serves other activations and devices. With the Vector API
 * the loop runs eight units at a time ({@link QuadratureVectorKernel}, the same bits).
 */
final class QuadratureKernel {
    static final int CHUNK = 2048;

    private QuadratureKernel() {}

    /**
     * Values [2, …] (E, Var) and Jacobians [4, …] (∂E/∂m, ∂E/∂sd, ∂Var/∂m, ∂Var/∂sd) as two arrays, so that the backward
     * pass keeps only the Jacobians'; no gradient.
     */
    static NDArray[] relu(NDArray m, NDArray sd, GaussHermite rule) {
        double[] t = rule.nodes();
        double[] w = rule.weights();
        FloatBuffer mb = m.stopGradient().toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        FloatBuffer sb = sd.stopGradient().toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        int n = Math.toIntExact(m.size());
        KernelOutput valueArray = KernelOutput.allocate(m.getManager(), new Shape(2).addAll(m.getShape()));
        KernelOutput jacobianArray = KernelOutput.allocate(m.getManager(), new Shape(4).addAll(m.getShape()));
        FloatBuffer[] out = {valueArray.floats().slice(0, n), jacobianArray.floats().slice(0, n),
            jacobianArray.floats().slice(n, n), valueArray.floats().slice(n, n), jacobianArray.floats().slice(2 * n, n),
            jacobianArray.floats().slice(3 * n, n)};
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            int to = Math.min(n, from + CHUNK);
            if (RisRows.VECTOR) {
                QuadratureVectorKernel.run(mb, sb, t, w, out, from, to);
            } else {
                runScalar(mb, sb, t, w, out, from, to);
            }
        });
        return new NDArray[] {valueArray.array(), jacobianArray.array()};
    }

    /** Units [from, to): E, ∂E/∂m, ∂E/∂sd, Var, ∂Var/∂m, ∂Var/∂sd into out[0 … 5] at each unit. */
    static void runScalar(FloatBuffer mb, FloatBuffer sb, double[] t, double[] w, FloatBuffer[] out, int from, int to) {
        int nodes = t.length;
        double[] f = new double[nodes];
        for (int i = from; i < to; i++) {
            double mi = mb.get(i);
            double si = sb.get(i);
            double mean = 0;
            double dm = 0;
            double dsd = 0;
            for (int k = 0; k < nodes; k++) {
                double a = mi + si * t[k];
                double on = a > 0 ? w[k] : 0;
                f[k] = Math.max(a, 0);
                mean += w[k] * f[k];
                dm += on;
                dsd += on * t[k];
            }
            double var = 0;
            double vm = 0;
            double vsd = 0;
            for (int k = 0; k < nodes; k++) {
                double d = f[k] - mean;
                var += w[k] * d * d;
                if (f[k] > 0) {
                    vm += w[k] * d;
                    vsd += w[k] * d * t[k];
                }
            }
            out[0].put(i, (float) mean);
            out[1].put(i, (float) dm);
            out[2].put(i, (float) dsd);
            out[3].put(i, (float) var);
            out[4].put(i, (float) (2 * vm));
            out[5].put(i, (float) (2 * vsd));
        }
    }
}
