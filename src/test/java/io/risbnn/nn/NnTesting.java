package io.risbnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Reference maths in plain Java double for the tests of this package. */
final class NnTesting {
    private NnTesting() {}

    static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }

    static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** y = x·Wᵀ (+ b) for x [B, n], W [k, n], b [k] or null; row-major result [B, k]. */
    static double[] dense(double[] x, double[] w, double[] b, int batch, int n, int k) {
        double[] y = new double[batch * k];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < k; j++) {
                double sum = b == null ? 0 : b[j];
                for (int t = 0; t < n; t++) {
                    sum += x[i * n + t] * w[j * n + t];
                }
                y[i * k + j] = sum;
            }
        }
        return y;
    }

    /**
     * Cross-correlation as in PyTorch: out[b,k,i,j] = Σ_{c,u,v} x[b,c,i·s+u−p,j·s+v−p]·W[k,c,u,v] (+ bias[k]),
     * zero padding. x [B, C, H, W], W [K, C, kh, kw].
     */
    static double[] conv(double[] x, Shape xs, double[] w, Shape ws, double[] bias, int stride, int pad) {
        int b = (int) xs.get(0);
        int c = (int) xs.get(1);
        int h = (int) xs.get(2);
        int wd = (int) xs.get(3);
        int k = (int) ws.get(0);
        int kh = (int) ws.get(2);
        int kw = (int) ws.get(3);
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (wd + 2 * pad - kw) / stride + 1;
        double[] out = new double[b * k * oh * ow];
        for (int n = 0; n < b; n++) {
            for (int o = 0; o < k; o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int ch = 0; ch < c; ch++) {
                            for (int u = 0; u < kh; u++) {
                                for (int v = 0; v < kw; v++) {
                                    int r = i * stride + u - pad;
                                    int q = j * stride + v - pad;
                                    if (r >= 0 && r < h && q >= 0 && q < wd) {
                                        sum += x[((n * c + ch) * h + r) * wd + q] * w[((o * c + ch) * kh + u) * kw + v];
                                    }
                                }
                            }
                        }
                        out[((n * k + o) * oh + i) * ow + j] = sum;
                    }
                }
            }
        }
        return out;
    }

    static double[] relu(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = Math.max(0, a[i]);
        }
        return r;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static float[] randomFloats(java.util.SplittableRandom r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }
}
