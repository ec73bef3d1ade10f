package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.risbnn.RisbnnException;
import io.risbnn.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analytic estimator's (E δ, Var δ) for ReLU, leaky ReLU and GELU against independent double
 * references over α = m/sd ∈ [−40, 40] and sd from 3e-6 to 1e3, in the product's float32; its exact
 * local Jacobian against central differences of the references; the (δ(m), 0) fallback; refusals.
 */
@ExtendWith(OneEngineThread.class)
class AnalyticMeanVarTest {
    static final double[] ALPHAS = {-40, -20, -10, -6, -4.5, -4.01, -3.99, -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3,
        3.99, 4.01, 6, 10, 20, 40};
    static final double[] SDS = {3e-6, 1, 1e3};
    static final ActivationFunction[] CLOSED = {ActivationFunction.RELU, ActivationFunction.LEAKY_RELU, ActivationFunction.GELU};

    private final AnalyticEstimator analytic = new AnalyticEstimator();

    /** Reference (E δ, Var δ): closed forms in double for ReLU and leaky ReLU, numerical integration for GELU. */
    static double[] reference(ActivationFunction f, double m, double sd) {
        double v = sd * sd;
        switch (f) {
            case RELU:
                return new double[] {RisTestSupport.reluMean(m, sd), RisTestSupport.reluVariance(m, v)};
            case LEAKY_RELU: {   // relu(a) − c·relu(−a), the cross term of the square being 0
                double c = 0.01;
                double mean = RisTestSupport.reluMean(m, sd) - c * RisTestSupport.reluMean(-m, sd);
                double second = RisTestSupport.reluSecond(m, v) + c * c * RisTestSupport.reluSecond(-m, v);
                return new double[] {mean, Math.max(second - mean * mean, 0)};
            }
            default:
                return MomentReference.meanVar(f, m, sd);
        }
    }

    /** Grid points as (m, v) in float32 and the product's output for them. */
    private MomentProbe.Values run(NDManager manager, ActivationFunction f, DataType type) {
        List<double[]> points = new ArrayList<>();
        for (double sd : SDS) {
            for (double a : ALPHAS) {
                points.add(new double[] {a * sd, sd * sd});
            }
        }
        double[] m = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] v = points.stream().mapToDouble(p -> p[1]).toArray();
        return MomentProbe.values(manager, analytic, f, m, v, type, 1);
    }

    /** max |x − ref| / (|ref| + floor) over the grid, with the worst point. */
    record Worst(double error, String where) {}

    @Test
    void closedFormsMatchTheReferencesOverTheWholeRangeInFloat32() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StringBuilder report = new StringBuilder();
            for (ActivationFunction f : CLOSED) {
                MomentProbe.Values out = run(manager, f, DataType.FLOAT32);
                double worstMean = 0;
                double worstVar = 0;
                String at = "";
                for (int i = 0; i < out.m().length; i++) {
                    double m = out.m()[i];
                    double sd = out.sd()[i];
                    double[] ref = reference(f, m, sd);
                    assertTrue(Double.isFinite(out.mean()[i]) && Double.isFinite(out.var()[i]) && out.var()[i] >= 0,
                            f + " non-finite or negative at m=" + m + " sd=" + sd);
                    // floors: float32's normal range, and for the variance the scale below which a unit's
                    // variance is irrelevant (1e-12·v; GELU's quadrature is not relative-accurate there)
                    double meanErr = Math.abs(out.mean()[i] - ref[0]) / (Math.abs(ref[0]) + 1e-37);
                    double varFloor = f == ActivationFunction.GELU ? 1e-12 * sd * sd : 1e-37;
                    double varErr = Math.abs(out.var()[i] - ref[1]) / (ref[1] + varFloor + 1e-37);
                    if (varErr > worstVar) {
                        at = "α=" + fmt(m / sd) + " sd=" + fmt(sd);
                    }
                    worstMean = Math.max(worstMean, meanErr);
                    worstVar = Math.max(worstVar, varErr);
                }
                report.append(f.cliName()).append(": max rel err mean ").append(fmt(worstMean)).append(", var ")
                        .append(fmt(worstVar)).append(" (worst var at ").append(at).append(")\n");
                assertTrue(worstMean < 2e-6 && worstVar < 2e-6, f + ": " + report);
            }
            System.out.println("[AnalyticMeanVarTest] float32 product vs double reference\n" + report);
        }
    }

    /**
     * The float64 values before the cast: ReLU, leaky ReLU and GELU's mean to rounding (relative, no
     * floor but underflow); GELU's variance to the accuracy of its fixed quadrature, stated with and
     * without the 1e-12·v floor (the Gauss–Hermite branch is not relative-accurate deep in the lower tail:
     * measured 7e-9 at α = −10, sd = 1, and 0 instead of 1e-59 at α = −20).
     */
    @Test
    void float64ValuesAreAccurateBeforeTheCast() {
        try (NDManager manager = NDManager.newBaseManager()) {
            StringBuilder report = new StringBuilder();
            for (ActivationFunction f : CLOSED) {
                MomentProbe.Values out = run(manager, f, DataType.FLOAT64);
                double worstMean = 0;
                double worstVar = 0;
                double worstVarNoFloor = 0;
                String at = "";
                for (int i = 0; i < out.m().length; i++) {
                    double sd = out.sd()[i];
                    double[] ref = reference(f, out.m()[i], sd);
                    double me = Math.abs(out.mean()[i] - ref[0]) / (Math.abs(ref[0]) + 1e-300);
                    worstMean = Math.max(worstMean, me);
                    double raw = Math.abs(out.var()[i] - ref[1]) / (ref[1] + 1e-300);
                    if (raw > worstVarNoFloor) {
                        at = "α=" + fmt(out.m()[i] / sd) + " sd=" + fmt(sd);
                    }
                    worstVarNoFloor = Math.max(worstVarNoFloor, raw);
                    worstVar = Math.max(worstVar, Math.abs(out.var()[i] - ref[1]) / (ref[1] + 1e-12 * sd * sd));
                }
                report.append(f.cliName()).append(": mean ").append(fmt(worstMean)).append(", var ")
                        .append(fmt(worstVar)).append(" (floor 1e-12·v), ").append(fmt(worstVarNoFloor))
                        .append(" (no floor, worst at ").append(at).append(")\n");
                // GELU's mean is limited by the reference's integration at sd = 1e3 (~2e-9; an mpmath check at
                // 40 digits put the product within 2e-13 there)
                assertTrue(worstMean < (f == ActivationFunction.GELU ? 1e-8 : 1e-9) && worstVar < 1e-9, f + ": " + report);
                if (f != ActivationFunction.GELU) {
                    assertTrue(worstVarNoFloor < 1e-9, f + ": " + report);
                }
            }
            System.out.println("[AnalyticMeanVarTest] float64 values vs double reference (max rel err)\n" + report);
        }
    }

    @Test
    void notLiveUnitsGiveTheActivationOfTheMeanAndNoVariance() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] m = {-3e-6, 0, 2e-6, 5, -5};
            double[] v = {1e-12, 0, 1e-12, 1e-14, 0};
            for (ActivationFunction f : CLOSED) {
                MomentProbe.Values out = MomentProbe.values(manager, analytic, f, m, v, DataType.FLOAT32, 1);
                double[] expected = RisTestSupport.toDoubles(f.apply(MomentProbe.array(manager, m, DataType.FLOAT32)));
                assertArrayEquals(expected, out.mean(), 0, f.cliName());
                assertArrayEquals(new double[m.length], out.var(), 0, f.cliName());
            }
        }
    }

    @Test
    void identityPassesTheMomentsThrough() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PreActivation pre = PreActivation.fromMoments(manager.create(new float[] {1, -2}), manager.create(new float[] {3, 0}));
            MeanVar out = analytic.activationMeanVar("out", ActivationFunction.NONE, pre, null);
            assertSame(pre.m(), out.mean());
            assertSame(pre.v(), out.variance());
        }
    }

    /**
     * The attached Jacobian (autograd through the estimator, float64) against central differences of the
     * double references, with steps 1e-4·sd in m and 1e-4·v in v. Sd 0.3 and 1 exercise GELU's
     * Gauss–Hermite branch, 2.5 and 30 its Legendre branch.
     */
    @Test
    void jacobianMatchesFiniteDifferencesOfTheReferences() {
        double[] alphas = {-5, -2, -0.5, 0, 0.7, 2, 5};
        double[] sds = {0.3, 1, 2.5, 30};
        int n = alphas.length * sds.length;
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double sd = sds[i / alphas.length];
            m[i] = alphas[i % alphas.length] * sd;
            v[i] = sd * sd;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            StringBuilder report = new StringBuilder();
            for (ActivationFunction f : CLOSED) {
                MomentProbe.Gradients g = MomentProbe.gradients(manager, analytic, f, m, v, DataType.FLOAT64, 1);
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    double sd = Math.sqrt(v[i]);
                    double[] fd = finiteDifferences(f, m[i], v[i]);
                    double[] got = {g.meanDm()[i], g.meanDv()[i], g.varDm()[i], g.varDv()[i]};
                    // each derivative relative to its natural scale: E' ~ 1, E_v ~ 1/sd, Var_m ~ sd, Var_v ~ 1
                    double[] scale = {1, 1 / sd, sd, 1};
                    for (int k = 0; k < 4; k++) {
                        double err = Math.abs(got[k] - fd[k]) / (Math.abs(fd[k]) + 1e-3 * scale[k]);
                        worst = Math.max(worst, err);
                        assertTrue(err < 1e-5, f + " derivative " + k + " at m=" + m[i] + " v=" + v[i] + ": "
                                + got[k] + " vs FD " + fd[k]);
                    }
                }
                report.append(f.cliName()).append(": max rel err ").append(fmt(worst)).append('\n');
            }
            System.out.println("[AnalyticMeanVarTest] Jacobian vs central differences\n" + report);
        }
    }

    /** The comparison above is sharp enough to reject the tempting ∂Var/∂v = Φ(α) (it drops −ψφ). */
    @Test
    void theFiniteDifferenceCheckWouldRejectAWrongVarianceDerivative() {
        int caught = 0;
        for (double alpha : new double[] {-2, -0.5, 0, 0.7, 2}) {
            double sd = 1.3;
            double[] fd = finiteDifferences(ActivationFunction.RELU, alpha * sd, sd * sd);
            double wrong = RisTestSupport.cdf(alpha);
            if (Math.abs(wrong - fd[3]) / (Math.abs(fd[3]) + 1e-3) > 1e-2) {
                caught++;
            }
        }
        assertEquals(5, caught);
    }

    /** {∂E/∂m, ∂E/∂v, ∂Var/∂m, ∂Var/∂v} of the reference by central differences. */
    static double[] finiteDifferences(ActivationFunction f, double m, double v) {
        double hm = 1e-4 * Math.sqrt(v);
        double hv = 1e-4 * v;
        double[] mp = reference(f, m + hm, Math.sqrt(v));
        double[] mn = reference(f, m - hm, Math.sqrt(v));
        double[] vp = reference(f, m, Math.sqrt(v + hv));
        double[] vn = reference(f, m, Math.sqrt(v - hv));
        return new double[] {(mp[0] - mn[0]) / (2 * hm), (vp[0] - vn[0]) / (2 * hv),
            (mp[1] - mn[1]) / (2 * hm), (vp[1] - vn[1]) / (2 * hv)};
    }

    @Test
    void reluFirstMomentIsTheClosedFormAndOthersAgreeWithMeanVar() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray m = manager.create(new float[] {-3, -0.2f, 0, 0.4f, 5});
            NDArray v = manager.create(new float[] {0.5f, 2, 1, 0.01f, 4});
            PreActivation pre = PreActivation.fromMoments(m, v);
            ForwardContext ctx = new ForwardContext(analytic, Objective.MOMENT, 1);
            // float32 CPU arrays take ReluKernel (double precision, one rounding): within float rounding of the
            // double reference, and within the float32 autograd form's own error (1.4e-6 at α = −4.2) of it
            float[] closed = ActivationFunction.RELU.mean(m, pre.sd()).toFloatArray();
            float[] kernel = analytic.activationMoment("L", ActivationFunction.RELU, pre, ctx).toFloatArray();
            float[] mf = m.toFloatArray();
            float[] sf = pre.sd().toFloatArray();
            for (int i = 0; i < closed.length; i++) {
                double ref = RisTestSupport.reluMean(mf[i], sf[i]);
                assertEquals(ref, kernel[i], 3e-7 * Math.abs(ref), "at " + i);
                assertEquals(closed[i], kernel[i], 3e-6 * Math.abs(closed[i]), "at " + i);
            }
            assertArrayEquals(analytic.activationMeanVar("L", ActivationFunction.RELU, pre, ctx).mean().toFloatArray(), kernel);
            for (ActivationFunction f : new ActivationFunction[] {ActivationFunction.LEAKY_RELU, ActivationFunction.GELU}) {
                assertArrayEquals(analytic.activationMeanVar("L", f, pre, ctx).mean().toFloatArray(),
                        analytic.activationMoment("L", f, pre, ctx).toFloatArray(), f.cliName());
            }
        }
    }

    @Test
    void activationsWithoutAClosedFormAreRefusedNamingEstimatorActivationAndLayer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PreActivation pre = PreActivation.fromMoments(manager.create(new float[] {1}), manager.create(new float[] {1}));
            for (ActivationFunction f : new ActivationFunction[] {ActivationFunction.TANH, ActivationFunction.SILU, ActivationFunction.SOFTPLUS}) {
                for (boolean meanVar : new boolean[] {true, false}) {
                    RisbnnException e = assertThrows(RisbnnException.class, () -> {
                        if (meanVar) {
                            analytic.activationMeanVar("block2.fc", f, pre, null);
                        } else {
                            analytic.activationMoment("block2.fc", f, pre, null);
                        }
                    });
                    assertEquals("estimator analytic has no closed form for activation " + f.cliName()
                            + " (layer block2.fc); use --estimator quadrature, lrt or ris", e.getMessage());
                }
            }
        }
    }

    @Test
    void servesMomentAndMeanVarButNotElbo() {
        assertTrue(analytic.supports(Objective.MOMENT) && analytic.supports(Objective.MEAN_VAR));
        RisbnnException e = assertThrows(RisbnnException.class, () -> Estimators.checkPair(analytic, Objective.ELBO));
        assertTrue(e.getMessage().contains("moment or mean-var"), e.getMessage());
    }
}
