package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * The ReLU closed forms of {@link ClosedFormMoments#relu} for float32 (m, v) on the CPU, as one pass of
 * plain Java loops in double precision (split over the cores; every element is computed alone, so the
 * result does not depend on the thread count): E relu(a), Var relu(a) and their four partial derivatives
 * in (m, v), with the non-live fallback of {@link AnalyticEstimator} (relu(m) with ∂/∂m = 1{m > 0}, zero
 * variance and zero variance derivatives) already applied. The tensor-op form evaluates about 150 float64
 * passes (a 30-term continued fraction over every element, where-selects, casts) and was 25× the cost
 * of the layer's three convolutions; this is one pass.
 *
 * <p>Numerics. With x = |α|, α = m/sd, the lower-tail function L(x) = Φ(−x) is needed to full relative
 * accuracy. For x &lt; 4 it comes from degree-{@value #DEGREE} Taylor polynomials about the centres of
 * {@value #INTERVALS} intervals of width 1/8 (|h| ≤ 1/16; the coefficients −φ(c)(−1)^(k−1)He_(k−1)(c)/k!
 * are computed once, L(c) from a 4000-term continued fraction or, for c &lt; 1.5, the positive series
 * Φ(c) − ½ = φ(c)Σ c^(2n+1)/(2n+1)!!), so the truncation error is below 1e-15 relative; ψ(−x) = φ − xL
 * and E(t − x)₊² = (x² + 1)L − xφ then lose at most the factor x⁴ ≤ 256 that the tensor form's
 * direct branch loses too. For x ≥ 4 the continued-fraction forms of {@link ClosedFormMoments}, read
 * from {@link MillsTable} instead of evaluated per element. Values agree with the float64 tensor form to
 * ~1e-12 relative before the cast to float32 (tested). The outputs are written straight into an engine
 * array ({@link KernelOutput}).
 */
final class ReluKernel {
    static final int DEGREE = 12;
    static final int INTERVALS = 32;
    static final double WIDTH = 4.0 / INTERVALS;
    private static final double TAIL_START = ClosedFormMoments.TAIL_START;
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final float MIN_VARIANCE = 1e-30f;
    /** Elements per parallel chunk. */
    private static final int CHUNK = 1 << 15;
    /** COEFFICIENTS[j][k]: the Taylor coefficient of h^k of L(c_j + h), c_j = (j + ½)·WIDTH. */
    private static final double[][] COEFFICIENTS = new double[INTERVALS][DEGREE + 1];

    static {
        for (int j = 0; j < INTERVALS; j++) {
            double c = (j + 0.5) * WIDTH;
            double pdf = Math.exp(-0.5 * c * c) * INV_SQRT_2PI;
            COEFFICIENTS[j][0] = lowerTailReference(c);
            // L^(k)(c) = −φ^(k−1)(c) = −(−1)^(k−1)·He_(k−1)(c)·φ(c)
            double hePrev = 0;
            double he = 1;          // He_0
            double factorial = 1;
            for (int k = 1; k <= DEGREE; k++) {
                factorial *= k;
                double sign = (k - 1) % 2 == 0 ? 1 : -1;
                COEFFICIENTS[j][k] = -sign * he * pdf / factorial;
                double next = c * he - (k - 1) * hePrev;     // He_k = c·He_(k−1) − (k−1)·He_(k−2)
                hePrev = he;
                he = next;
            }
        }
    }

    /** COEFFICIENTS row by row, COEFFICIENTS[j][k] at j·(DEGREE + 1) + k: for lane-wise gathers. */
    static final double[] FLAT_COEFFICIENTS = new double[INTERVALS * (DEGREE + 1)];

    static {
        for (int j = 0; j < INTERVALS; j++) {
            System.arraycopy(COEFFICIENTS[j], 0, FLAT_COEFFICIENTS, j * (DEGREE + 1), DEGREE + 1);
        }
    }

    private ReluKernel() {}

    /** Φ(−c) to ~1e-16 relative, slowly: for the table. */
    static double lowerTailReference(double c) {
        double pdf = Math.exp(-0.5 * c * c) * INV_SQRT_2PI;
        if (c < 1.5) {
            double term = c;
            double sum = c;
            for (int n = 1; n < 200 && term > 1e-18 * sum; n++) {
                term *= c * c / (2 * n + 1);
                sum += term;
            }
            return 0.5 - pdf * sum;
        }
        double frac = c;
        for (int j = 3999; j >= 0; j--) {
            frac = c + (j + 1) / frac;
        }
        return pdf / frac;
    }

    /** Φ(−x) for 0 ≤ x &lt; 4 from the table (Estrin's scheme: a short dependency chain). */
    static double lowerTail(double x) {
        int j = Math.min((int) (x * (1 / WIDTH)), INTERVALS - 1);
        double h = x - (j + 0.5) * WIDTH;
        return MillsTable.estrin12(COEFFICIENTS[j], h);
    }

    /** Whether the kernel serves these moments: float32 on the CPU. */
    static boolean applies(NDArray m, NDArray v) {
        return m.getDataType() == DataType.FLOAT32 && v.getDataType() == DataType.FLOAT32
                && "cpu".equals(m.getDevice().getDeviceType()) && "cpu".equals(v.getDevice().getDeviceType())
                && m.getShape().equals(v.getShape()) && m.size() > 0;
    }

    /**
     * The stacked outputs [6, …shape] (or [3, …] without the variance): mean, ∂mean/∂m, ∂mean/∂v and
     * then variance, ∂var/∂m, ∂var/∂v, in engine memory, no gradient.
     */
    static NDArray compute(NDArray m, NDArray v, boolean withVariance) {
        int n = Math.toIntExact(m.size());
        int outputs = withVariance ? 6 : 3;
        KernelOutput out = KernelOutput.allocate(m.getManager(), new Shape(outputs).addAll(m.getShape()));
        FloatBuffer[] rows = new FloatBuffer[outputs];
        for (int k = 0; k < outputs; k++) {
            rows[k] = out.floats().slice(k * n, n);
        }
        compute(m, v, withVariance, rows);
        return out.array();
    }

    /**
     * {@link #compute}'s outputs as two arrays: the values [2, …] (mean, variance; [1, …] without the variance) and
     * the Jacobians [4, …] (∂mean/∂m, ∂mean/∂v, ∂var/∂m, ∂var/∂v; [2, …]). Attached to the graph, the backward pass
     * then keeps only the Jacobians' array alive.
     */
    static NDArray[] computeSplit(NDArray m, NDArray v, boolean withVariance) {
        int n = Math.toIntExact(m.size());
        KernelOutput values = KernelOutput.allocate(m.getManager(), new Shape(withVariance ? 2 : 1).addAll(m.getShape()));
        KernelOutput jacobians = KernelOutput.allocate(m.getManager(), new Shape(withVariance ? 4 : 2).addAll(m.getShape()));
        FloatBuffer[] rows = new FloatBuffer[withVariance ? 6 : 3];
        rows[0] = values.floats().slice(0, n);
        rows[1] = jacobians.floats().slice(0, n);
        rows[2] = jacobians.floats().slice(n, n);
        if (withVariance) {
            rows[3] = values.floats().slice(n, n);
            rows[4] = jacobians.floats().slice(2 * n, n);
            rows[5] = jacobians.floats().slice(3 * n, n);
        }
        compute(m, v, withVariance, rows);
        return new NDArray[] {values.array(), jacobians.array()};
    }

    /** The pass over all elements, output k of element i into rows[k] at i. */
    private static void compute(NDArray m, NDArray v, boolean withVariance, FloatBuffer[] rows) {
        NDArray md = m.stopGradient();
        NDArray vd = v.stopGradient();
        FloatBuffer mb = md.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        FloatBuffer vb = vd.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
        int n = Math.toIntExact(m.size());
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            run(mb, vb, rows, from, Math.min(n, from + CHUNK), withVariance);
        });
    }

    private static void run(FloatBuffer mb, FloatBuffer vb, FloatBuffer[] out, int from, int to, boolean withVariance) {
        for (int i = from; i < to; i++) {
            float mf = mb.get(i);
            float vf = vb.get(i);
            float sd = (float) Math.sqrt(Math.max(vf, MIN_VARIANCE));
            if (!(sd > (Math.abs(mf) + 1f) * 1e-6f)) {    // not live: relu(m), exact
                out[0].put(i, Math.max(mf, 0f) + 0f);
                out[1].put(i, mf > 0 ? 1f : 0f);
                out[2].put(i, 0f);
                if (withVariance) {
                    out[3].put(i, 0f);
                    out[4].put(i, 0f);
                    out[5].put(i, 0f);
                }
                continue;
            }
            double s = sd;
            double alpha = mf / s;
            double x = Math.abs(alpha);
            double pdf = RisKernel.exp(-0.5 * x * x) * INV_SQRT_2PI;
            double lower;
            double psiLower;
            double varLower;
            if (pdf == 0) {                  // x > 38.6: the lower tail is 0 in double
                lower = 0;
                psiLower = 0;
                varLower = 0;
            } else if (x >= TAIL_START) {
                lower = pdf * MillsTable.g0(x);
                psiLower = pdf * MillsTable.g1(x);
                varLower = pdf * MillsTable.g2(x) - psiLower * psiLower;
            } else {
                lower = lowerTail(x);
                psiLower = pdf - x * lower;
                double second = (x * x + 1) * lower - x * pdf;
                varLower = second - psiLower * psiLower;
            }
            boolean positive = alpha > 0;
            double upper = 1 - lower;
            double cdf = positive ? upper : lower;
            double ccdf = positive ? lower : upper;
            double psi = positive ? x + psiLower : psiLower;
            double mean = s * psi;
            out[0].put(i, (float) mean);
            out[1].put(i, (float) cdf);
            out[2].put(i, (float) (pdf / (s * 2)));
            if (withVariance) {
                double var = positive ? varLower - 2 * lower + 1 : varLower;
                out[3].put(i, (float) (s * s * Math.max(var, 0)));
                out[4].put(i, (float) (2 * mean * ccdf));
                out[5].put(i, (float) (cdf - psi * pdf));
            }
        }
    }
}
