package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.risbnn.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ReluKernel}, the Java pass behind {@code analytic}'s ReLU on float32, against the float64
 * tensor-op closed forms it replaces ({@link ClosedFormMoments#relu}, the reference), on the same float32
 * inputs: all six outputs, the non-live fallback, and the gradients autograd sees through the attached
 * Jacobian.
 */
@ExtendWith(OneEngineThread.class)
class ReluKernelTest {
    @Test
    void taylorTableMatchesTheSlowLowerTail() {
        double worst = 0;
        for (int i = 0; i < 40000; i++) {
            double x = i * 1e-4;
            double ref = ReluKernel.lowerTailReference(x);
            worst = Math.max(worst, Math.abs(ReluKernel.lowerTail(x) - ref) / ref);
        }
        assertTrue(worst < 1e-14, "max rel err " + worst);
        // the slow reference itself against the test's independent double Φ
        for (double x : new double[] {0, 0.3, 1.2, 1.6, 2.5, 3.5}) {
            double ref = RisTestSupport.cdf(-x);
            assertEquals(ref, ReluKernel.lowerTailReference(x), 1e-13 * ref, "x=" + x);
        }
    }

    /** (m, v) in float32 over α from −40 to 40, sd from 3e-6 to 1e3, and units that are not live. */
    private static float[][] grid() {
        List<float[]> points = new ArrayList<>();
        for (double sd : new double[] {3e-6, 0.01, 1, 7, 1e3}) {
            for (double a = -40; a <= 40; a += 0.37) {
                points.add(new float[] {(float) (a * sd), (float) (sd * sd)});
            }
            for (double a : new double[] {-4.0001, -3.9999, 4.0001, 3.9999, -0.0001, 0.0001}) {
                points.add(new float[] {(float) (a * sd), (float) (sd * sd)});
            }
        }
        float[][] notLive = {{-3e-6f, 1e-12f}, {0, 0}, {2e-6f, 1e-12f}, {5, 1e-14f}, {-5, 0}, {1e-3f, 1e-31f}};
        for (float[] p : notLive) {
            points.add(p);
        }
        float[] m = new float[points.size()];
        float[] v = new float[points.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = points.get(i)[0];
            v[i] = points.get(i)[1];
        }
        return new float[][] {m, v};
    }

    @Test
    void outputsMatchTheFloat64TensorFormsToFloatRounding() {
        float[][] g = grid();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray m = manager.create(g[0]);
            NDArray v = manager.create(g[1]);
            PreActivation pre = PreActivation.fromMoments(m, v);
            float[] kernel = ReluKernel.compute(m, v, true).toFloatArray();
            NDArray m64 = m.toType(DataType.FLOAT64, false);
            NDArray s64 = pre.sd().toType(DataType.FLOAT64, false);
            ClosedFormMoments.Moments ref = ClosedFormMoments.relu(m64, s64);
            NDArray[] parts = {ref.mean(), ref.meanDm(), ref.meanDv(), ref.variance(), ref.varianceDm(), ref.varianceDv()};
            boolean[] live = pre.live().toBooleanArray();
            int n = g[0].length;
            StringBuilder report = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                double[] r = parts[k].toDoubleArray();
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    double got = kernel[k * n + i];
                    double want;
                    if (live[i]) {
                        want = r[i];
                    } else {      // δ(m) with ∂/∂m = 1{m > 0}; nothing else
                        want = k == 0 ? Math.max(g[0][i], 0) : k == 1 ? (g[0][i] > 0 ? 1 : 0) : 0;
                    }
                    assertTrue(Double.isFinite(got), "output " + k + " at m=" + g[0][i] + " v=" + g[1][i]);
                    // float32 rounding of the double value (≤ 6e-8) plus the inputs' double evaluation
                    double err = Math.abs(got - want) / (Math.abs(want) + 1e-37);
                    worst = Math.max(worst, err);
                    assertTrue(err < 3e-7, "output " + k + " at m=" + g[0][i] + " v=" + g[1][i] + ": " + got + " vs " + want);
                }
                report.append(" ").append(k).append(": ").append(fmt(worst));
            }
            System.out.println("[ReluKernelTest] max rel err vs float64 tensor forms, by output:" + report);
        }
    }

    /** The split form (values, Jacobians) holds the stacked form's rows, bit for bit, with and without the variance. */
    @Test
    void splitOutputsAreTheStackedRows() {
        float[][] g = grid();
        int n = g[0].length;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray m = manager.create(g[0]);
            NDArray v = manager.create(g[1]);
            for (boolean withVariance : new boolean[] {true, false}) {
                float[] stacked = ReluKernel.compute(m, v, withVariance).toFloatArray();
                NDArray[] split = ReluKernel.computeSplit(m, v, withVariance);
                int[] valueRows = withVariance ? new int[] {0, 3} : new int[] {0};
                int[] jacobianRows = withVariance ? new int[] {1, 2, 4, 5} : new int[] {1, 2};
                for (int r = 0; r < valueRows.length; r++) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(stacked, valueRows[r] * n, (valueRows[r] + 1) * n),
                            split[0].get(r).toFloatArray(), "value row " + valueRows[r]);
                }
                for (int r = 0; r < jacobianRows.length; r++) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(stacked, jacobianRows[r] * n, (jacobianRows[r] + 1) * n),
                            split[1].get(r).toFloatArray(), "Jacobian row " + jacobianRows[r]);
                }
            }
        }
    }

    @Test
    void gradientsThroughTheEstimatorAreTheKernelJacobians() {
        float[][] g = grid();
        AnalyticEstimator analytic = new AnalyticEstimator();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray m0 = manager.create(g[0]);
            NDArray v0 = manager.create(g[1]);
            float[] kernel = ReluKernel.compute(m0, v0, true).toFloatArray();
            int n = g[0].length;
            for (int which = 0; which < 3; which++) {
                NDArray m = manager.create(g[0]);
                NDArray v = manager.create(g[1]);
                m.setRequiresGradient(true);
                v.setRequiresGradient(true);
                float[] value;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    PreActivation pre = PreActivation.fromMoments(m, v);
                    NDArray out = which == 0 ? analytic.activationMeanVar("L", ActivationFunction.RELU, pre, null).mean()
                            : which == 1 ? analytic.activationMeanVar("L", ActivationFunction.RELU, pre, null).variance()
                            : analytic.activationMoment("L", ActivationFunction.RELU, pre,
                                    new ForwardContext(analytic, Objective.MOMENT, 1));
                    value = out.toFloatArray();
                    gc.backward(out.sum());
                }
                int base = which == 1 ? 3 : 0;
                float[] dm = m.getGradient().toFloatArray();
                float[] dv = v.getGradient().toFloatArray();
                for (int i = 0; i < n; i++) {
                    assertEquals(kernel[base * n + i], value[i], 0f, "value " + which + " at " + i);
                    assertEquals(kernel[(base + 1) * n + i], dm[i], 0f, "d/dm " + which + " at " + i);
                    assertEquals(kernel[(base + 2) * n + i], dv[i], 0f, "d/dv " + which + " at " + i);
                }
            }
        }
    }

    @Test
    void resultDoesNotDependOnTheChunkingOrThreads() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray m = manager.randomNormal(new ai.djl.ndarray.types.Shape(3, 70001));
            NDArray v = manager.randomUniform(0f, 2f, new ai.djl.ndarray.types.Shape(3, 70001));
            float[] whole = ReluKernel.compute(m, v, true).toFloatArray();
            int n = (int) m.size();
            float[] mf = m.toFloatArray();
            float[] vf = v.toFloatArray();
            for (int i = 0; i < n; i += 9973) {       // one element alone gives the same six numbers
                float[] one = ReluKernel.compute(manager.create(new float[] {mf[i]}), manager.create(new float[] {vf[i]}), true)
                        .toFloatArray();
                for (int k = 0; k < 6; k++) {
                    assertEquals(whole[k * n + i], one[k], 0f);
                }
            }
            assertArrayEquals(whole, ReluKernel.compute(m, v, true).toFloatArray());
        }
    }

    /** {@link QuadratureKernel}: values and gradients against the tensor-op Gauss–Hermite form, K = 10 and 40. */
    @Test
    void quadratureKernelMatchesTheTensorForm() {
        float[][] g = grid();
        StringBuilder report = new StringBuilder();
        for (int nodes : new int[] {10, 40}) {
            for (int which = 0; which < 2; which++) {
                float[][] got = new float[3][];
                float[][] want = new float[3][];
                for (int path = 0; path < 2; path++) {
                    try (NDManager manager = NDManager.newBaseManager()) {
                        NDArray m = manager.create(g[0]);
                        NDArray v = manager.create(g[1]);
                        m.setRequiresGradient(true);
                        v.setRequiresGradient(true);
                        float[] value;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            PreActivation pre = PreActivation.fromMoments(m, v);
                            MeanVar out;
                            if (path == 0) {
                                MeanVar raw = QuadratureEstimator.fused(pre, nodes, true);
                                out = new MeanVar(ai.djl.ndarray.NDArrays.where(pre.live(), raw.mean(), ActivationFunction.RELU.apply(m)),
                                        ai.djl.ndarray.NDArrays.where(pre.live(), raw.variance(), raw.variance().zerosLike()));
                            } else {
                                out = QuadratureEstimator.reference(ActivationFunction.RELU, pre, nodes);
                            }
                            NDArray y = which == 0 ? out.mean() : out.variance();
                            value = y.toFloatArray();
                            gc.backward(y.sum());
                        }
                        float[][] r = {value, m.getGradient().toFloatArray(), v.getGradient().toFloatArray()};
                        if (path == 0) {
                            got = r;
                        } else {
                            want = r;
                        }
                    }
                }
                for (int part = 0; part < 3; part++) {
                    double scale = 0;
                    for (float w : want[part]) {
                        scale = Math.max(scale, Math.abs(w));
                    }
                    double worst = 0;
                    for (int i = 0; i < got[part].length; i++) {
                        // float32 sums over K nodes in the reference: 1e-6 of the array's scale absolute, or 2e-5 relative
                        double err = Math.abs(got[part][i] - want[part][i]) / (Math.abs(want[part][i]) + 0.05 * scale + 1e-30);
                        worst = Math.max(worst, err);
                    }
                    report.append(String.format(" K=%d %s part %d: %s;", nodes, which == 0 ? "mean" : "var", part, fmt(worst)));
                    assertTrue(worst < 2e-5, report.toString());
                }
            }
        }
        System.out.println("[ReluKernelTest] quadrature kernel vs tensor form:" + report);
    }
}
