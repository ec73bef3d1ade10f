package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.RisbnnException;
import io.risbnn.nn.BayesLinear;
import io.risbnn.objective.Objective;
import io.risbnn.variational.PosteriorInit;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The quadrature estimator: K-node Gauss–Hermite moments of every activation converge to independent
 * double references as K grows (fast for smooth activations, slowly at ReLU's kink), are exact where δ is
 * linear over the nodes, carry autograd gradients that converge to the references' derivatives, and keep
 * the identity and not-live conventions.
 */
@ExtendWith(OneEngineThread.class)
class QuadratureEstimatorTest {
    /** α = m/sd: the grid stays where a unit's output is not negligible (deeper tails have no relative error to speak of). */
    static final double[] ALPHAS = {-3, -1, -0.3, 0, 0.3, 1, 3};
    static final double[] SDS = {0.1, 0.5, 1, 2};
    static final int[] NODES = {5, 10, 20, 40};
    static final ActivationFunction[] ALL = {ActivationFunction.RELU, ActivationFunction.LEAKY_RELU, ActivationFunction.GELU, ActivationFunction.SILU,
        ActivationFunction.TANH, ActivationFunction.SOFTPLUS};

    private final QuadratureEstimator quadrature = new QuadratureEstimator();

    /** The grid as flat (m, v) arrays. */
    static double[][] grid() {
        int n = ALPHAS.length * SDS.length;
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double sd = SDS[i / ALPHAS.length];
            m[i] = ALPHAS[i % ALPHAS.length] * sd;
            v[i] = sd * sd;
        }
        return new double[][] {m, v};
    }

    /**
     * Max over the grid of |mean − ref| / (|ref mean| + ref sd) and |var − ref| / ref var, in float64
     * (the rule's error, not float32's rounding).
     */
    static double[] maxErrors(NDManager manager, Estimator e, ActivationFunction f, int nodes) {
        double[][] g = grid();
        MomentProbe.Values out = MomentProbe.values(manager, e, f, g[0], g[1], DataType.FLOAT64, nodes);
        double mean = 0;
        double var = 0;
        for (int i = 0; i < g[0].length; i++) {
            double[] ref = MomentReference.meanVar(f, g[0][i], Math.sqrt(g[1][i]));
            mean = Math.max(mean, Math.abs(out.mean()[i] - ref[0]) / (Math.abs(ref[0]) + Math.sqrt(ref[1])));
            var = Math.max(var, Math.abs(out.var()[i] - ref[1]) / ref[1]);
        }
        return new double[] {mean, var};
    }

    @Test
    void convergesToTheReferencesAsTheNodeCountGrows() {
        Map<ActivationFunction, double[][]> errors = new EnumMap<>(ActivationFunction.class);
        StringBuilder table = new StringBuilder("| activation |");
        for (int k : NODES) {
            table.append(" K=").append(k).append(" mean | K=").append(k).append(" var |");
        }
        table.append('\n');
        try (NDManager manager = NDManager.newBaseManager()) {
            for (ActivationFunction f : ALL) {
                double[][] e = new double[NODES.length][];
                table.append("| ").append(f.cliName()).append(" |");
                for (int j = 0; j < NODES.length; j++) {
                    e[j] = maxErrors(manager, quadrature, f, NODES[j]);
                    table.append(' ').append(fmt(e[j][0])).append(" | ").append(fmt(e[j][1])).append(" |");
                }
                table.append('\n');
                errors.put(f, e);
            }
        }
        System.out.println("[QuadratureEstimatorTest] max relative error over m/sd ∈ {−3…3} × sd ∈ {0.1, 0.5, 1, 2}\n"
                + table);
        for (ActivationFunction f : ALL) {
            double[][] e = errors.get(f);
            boolean kink = f == ActivationFunction.RELU || f == ActivationFunction.LEAKY_RELU;
            for (int q = 0; q < 2; q++) {
                assertTrue(e[3][q] < e[1][q] && e[1][q] < e[0][q], f + " does not converge: " + table);
                // measured at K = 40: kink 0.007 (mean) and 0.024 (var, worst at α = −3); smooth ≤ 6.5e-5 (mean,
                // tanh) and ≤ 1.9e-3 (var, tanh at sd = 2, whose poles at ±iπ/2 sit 0.8 from the real t-axis)
                double bound = kink ? 0.05 : (q == 0 ? 2e-4 : 5e-3);
                assertTrue(e[3][q] < bound, f + " at K = 40: " + table);
            }
        }
    }

    /** Where δ is linear over the nodes (leaky ReLU far from its kink) two nodes are exact; one gives (δ(m), 0). */
    @Test
    void exactForALinearPieceAndDegenerateWithOneNode() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] m = {40, -40};
            double[] v = {1, 1};
            MomentProbe.Values two = MomentProbe.values(manager, quadrature, ActivationFunction.LEAKY_RELU, m, v, DataType.FLOAT64, 2);
            assertArrayEquals(new double[] {40, -0.4}, two.mean(), 1e-12);
            assertArrayEquals(new double[] {1, 1e-4}, two.var(), 1e-12);
            MomentProbe.Values one = MomentProbe.values(manager, quadrature, ActivationFunction.TANH, new double[] {0.3}, new double[] {2},
                    DataType.FLOAT64, 1);
            assertEquals(Math.tanh(0.3), one.mean()[0], 1e-15);
            assertEquals(0, one.var()[0], 0);
        }
    }

    /** Autograd gradients against central differences of the references: the error falls from K = 10 to K = 40. */
    @Test
    void gradientsConvergeToTheReferenceDerivatives() {
        double[] m = {-1.5, -0.2, 0, 0.6, 2};
        double[] v = {0.25, 1, 0.09, 2, 0.5};
        StringBuilder report = new StringBuilder();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (ActivationFunction f : new ActivationFunction[] {ActivationFunction.GELU, ActivationFunction.SILU, ActivationFunction.TANH, ActivationFunction.SOFTPLUS}) {
                double[] worst = new double[2];
                int j = 0;
                for (int nodes : new int[] {10, 40}) {
                    MomentProbe.Gradients g = MomentProbe.gradients(manager, quadrature, f, m, v, DataType.FLOAT64, nodes);
                    for (int i = 0; i < m.length; i++) {
                        double[] fd = finiteDifferences(f, m[i], v[i]);
                        double[] got = {g.meanDm()[i], g.meanDv()[i], g.varDm()[i], g.varDv()[i]};
                        for (int k = 0; k < 4; k++) {
                            worst[j] = Math.max(worst[j], Math.abs(got[k] - fd[k]) / (1 + Math.abs(fd[k])));
                        }
                    }
                    j++;
                }
                report.append(f.cliName()).append(": K=10 ").append(fmt(worst[0])).append(", K=40 ")
                        .append(fmt(worst[1])).append('\n');
                assertTrue(worst[1] < worst[0] && worst[1] < 1e-3, f + ": " + report);   // tanh: 2.5e-4
            }
        }
        System.out.println("[QuadratureEstimatorTest] max gradient error vs central differences\n" + report);
    }

    static double[] finiteDifferences(ActivationFunction f, double m, double v) {
        double hm = 1e-4 * Math.sqrt(v);
        double hv = 1e-4 * v;
        double[] mp = MomentReference.meanVar(f, m + hm, Math.sqrt(v));
        double[] mn = MomentReference.meanVar(f, m - hm, Math.sqrt(v));
        double[] vp = MomentReference.meanVar(f, m, Math.sqrt(v + hv));
        double[] vn = MomentReference.meanVar(f, m, Math.sqrt(v - hv));
        return new double[] {(mp[0] - mn[0]) / (2 * hm), (vp[0] - vn[0]) / (2 * hv),
            (mp[1] - mn[1]) / (2 * hm), (vp[1] - vn[1]) / (2 * hv)};
    }

    /** float32 at the extremes: finite, variance ≥ 0, the identity passed through, not-live units (δ(m), 0). */
    @Test
    void float32ExtremesIdentityAndNotLiveUnits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] alphas = {-40, -6, 0, 6, 40};
            double[] sds = {3e-6, 1, 1e3};
            double[] m = new double[alphas.length * sds.length];
            double[] v = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                double sd = sds[i / alphas.length];
                m[i] = alphas[i % alphas.length] * sd;
                v[i] = sd * sd;
            }
            for (ActivationFunction f : ALL) {
                MomentProbe.Values out = MomentProbe.values(manager, quadrature, f, m, v, DataType.FLOAT32, 10);
                for (int i = 0; i < m.length; i++) {
                    assertTrue(Double.isFinite(out.mean()[i]) && Double.isFinite(out.var()[i]) && out.var()[i] >= 0,
                            f + " at m=" + m[i] + " v=" + v[i]);
                }
                double[] dead = {-3e-6, 0, 5};
                MomentProbe.Values fixed = MomentProbe.values(manager, quadrature, f, dead, new double[] {1e-12, 0, 1e-14},
                        DataType.FLOAT32, 10);
                assertArrayEquals(RisTestSupport.toDoubles(f.apply(MomentProbe.array(manager, dead, DataType.FLOAT32))),
                        fixed.mean(), 0, f.cliName());
                assertArrayEquals(new double[3], fixed.var(), 0, f.cliName());
            }
            PreActivation pre = PreActivation.fromMoments(manager.create(new float[] {1, -2}), manager.create(new float[] {3, 0}));
            ForwardContext ctx = new ForwardContext(quadrature, Objective.MEAN_VAR, 10);
            MeanVar out = quadrature.activationMeanVar("out", ActivationFunction.NONE, pre, ctx);
            assertSame(pre.m(), out.mean());
            assertSame(pre.v(), out.variance());
            assertSame(pre.m(), quadrature.activationMoment("out", ActivationFunction.NONE, pre, ctx));
        }
    }

    /** Under MOMENT, a layer's forward is the first-moment hook on its pre-activation, and equals the mean-var mean. */
    @Test
    void momentForwardIsTheHookOnTheLayersPreActivation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BayesLinear layer = new BayesLinear("d", 6, 4, true, ActivationFunction.TANH, PosteriorInit.withRho0(-1));
            layer.initialize(manager, DataType.FLOAT32, new Shape(1, 6));
            NDArray input = manager.randomNormal(new Shape(5, 6));
            ForwardContext ctx = new ForwardContext(quadrature, Objective.MOMENT, 12);
            float[] viaForward = quadrature.forward(layer, input, ctx).toFloatArray();
            PreActivation pre = PreActivation.of(layer, input);
            assertArrayEquals(viaForward, quadrature.activationMoment("d", ActivationFunction.TANH, pre, ctx).toFloatArray());
            assertArrayEquals(viaForward, quadrature.activationMeanVar("d", ActivationFunction.TANH, pre, ctx).mean().toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void registeredAfterAnalyticAndServesMomentAndMeanVarOnly() {
        assertEquals(Estimators.NAMES.indexOf(AnalyticEstimator.NAME) + 1, Estimators.NAMES.indexOf(QuadratureEstimator.NAME));
        Estimator e = Estimators.byName("quadrature", RisConfig.defaults());
        assertInstanceOf(QuadratureEstimator.class, e);
        assertTrue(e.supports(Objective.MOMENT) && e.supports(Objective.MEAN_VAR));
        assertFalse(e.supports(Objective.ELBO));
        RisbnnException refusal = assertThrows(RisbnnException.class, () -> Estimators.checkPair(e, Objective.ELBO));
        assertEquals("--estimator quadrature with --objective elbo: quadrature serves --objective moment or mean-var",
                refusal.getMessage());
    }
}
