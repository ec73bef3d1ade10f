package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.nn.BayesLinear;
import io.risbnn.objective.Objective;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * T8 of RIS-SPEC §6: mean-shift weight-space RIS (the poster's w = μ + s·ε, ε = τd + ξ) is the
 * pre-activation tilt t = τ + d·ξ with the same ξ: a agrees to 1e-12 and log γ to 1e-9. Run in
 * float64 (layer initialised with DataType.FLOAT64, float64 inputs and noise), so the spec's
 * tolerances apply unchanged. The equivalent standardised noise d·ξ is computed by the test in double.
 */
@ExtendWith(OneEngineThread.class)
class RisEquivalenceTest {
    static final int N = 32;
    static final int K = 8;
    static final int B = 3;
    static final int M = 4;

    @ParameterizedTest(name = "bias={0}")
    @ValueSource(booleans = {false, true})
    void t8WeightSpaceEqualsPreActivationTilt(boolean withBias) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(8001);
            RisTestSupport.DenseConfig c = new RisTestSupport.DenseConfig(N, K, 0.3, 10);
            Random rng = new Random(81);
            double[] muB = new double[K];
            double[] sB = new double[K];
            for (int i = 0; i < K; i++) {
                muB[i] = 0.1 * rng.nextGaussian();
                sB[i] = 0.05 + 0.05 * rng.nextDouble();
            }
            BayesLinear layer = withBias
                    ? RisTestSupport.denseWithBias(manager, DataType.FLOAT64, N, K, c.mu, c.s, muB, sB)
                    : RisTestSupport.dense(manager, DataType.FLOAT64, N, K, c.mu, c.s);
            double[] z = new double[B * N];
            for (int i = 0; i < z.length; i++) {
                z[i] = Math.abs(rng.nextGaussian());
            }
            NDArray input = manager.create(z, new Shape(B, N));
            assertEquals(DataType.FLOAT64, input.getDataType());
            PreActivation pre = PreActivation.of(layer, input);
            RisProposal.TauLambda tl = new RisEstimator(RisConfig.defaults().withProposal(RisProposal.TILT)).proposal(pre);
            assertEquals(DataType.FLOAT64, tl.tau().getDataType());
            NDArray xi = manager.randomNormal(0f, 1f, new Shape(M, B, K, N), DataType.FLOAT64);
            NDArray xiB = withBias ? manager.randomNormal(0f, 1f, new Shape(M, B, K), DataType.FLOAT64) : null;
            RisEstimator.Draw w = RisEstimator.weightSpaceDraw(layer, input, pre, tl.tau(), xi, xiB);

            // d·ξ in double from the layer's parameters (s = softplus(ρ)), independent of the code under test
            double[][] p = RisTestSupport.effectiveParams(layer);
            double[] s = p[1];
            double[] sBias = withBias ? new double[K] : null;
            if (withBias) {
                double[] rhoB = RisTestSupport.toDoubles(layer.bias().rho());
                for (int i = 0; i < K; i++) {
                    sBias[i] = io.risbnn.variational.Softplus.of(rhoB[i]);
                }
            }
            double[] x = xi.toDoubleArray();
            double[] xb = withBias ? xiB.toDoubleArray() : null;
            double[] projected = new double[M * B * K];
            double maxNormError = 0;
            for (int b = 0; b < B; b++) {
                for (int i = 0; i < K; i++) {
                    double v = withBias ? sBias[i] * sBias[i] : 0;
                    for (int j = 0; j < N; j++) {
                        double sz = s[i * N + j] * z[b * N + j];
                        v += sz * sz;
                    }
                    double sd = Math.sqrt(v);
                    double norm = withBias ? (sBias[i] / sd) * (sBias[i] / sd) : 0;
                    for (int j = 0; j < N; j++) {
                        double d = s[i * N + j] * z[b * N + j] / sd;
                        norm += d * d;
                        for (int mm = 0; mm < M; mm++) {
                            projected[(mm * B + b) * K + i] += d * x[((mm * B + b) * K + i) * N + j];
                        }
                    }
                    if (withBias) {
                        for (int mm = 0; mm < M; mm++) {
                            projected[(mm * B + b) * K + i] += sBias[i] / sd * xb[(mm * B + b) * K + i];
                        }
                    }
                    maxNormError = Math.max(maxNormError, Math.abs(norm - 1));
                }
            }
            assertTrue(maxNormError < 1e-12, "Σ d² = 1: " + maxNormError);
            NDArray xiT = manager.create(projected, new Shape(M, B, K));
            RisProposal.TauLambda meanShift = new RisProposal.TauLambda(tl.tau(), tl.tau().onesLike());
            RisEstimator.Draw a = RisEstimator.preActivationDraw(pre, meanShift, xiT);
            assertEquals(DataType.FLOAT64, w.preActivation().getDataType());
            double da = w.preActivation().sub(a.preActivation()).abs().max().getDouble();
            double dlogw = w.logWeight().sub(a.logWeight()).abs().max().getDouble();
            double scale = a.preActivation().abs().max().getDouble();
            System.out.println("[T8 bias=" + withBias + "] max|Δa|=" + fmt(da) + " (|a| ≤ " + fmt(scale) + "), max|Δlog γ|=" + fmt(dlogw));
            assertTrue(da <= 1e-12, "T8 a: " + da);
            assertTrue(dlogw <= 1e-9, "T8 log γ: " + dlogw);
        }
    }

    /** The estimator's forward is exactly weightedMean(preActivationDraw(pre, proposal(pre), ξ)) with its own ξ. */
    @Test
    void forwardIsTheStaticPipelineWithTheSameNoise() {
        try (NDManager manager = NDManager.newBaseManager()) {
            RisTestSupport.DenseConfig c = new RisTestSupport.DenseConfig(N, K, 0.3, 12);
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                BayesLinear layer = RisTestSupport.dense(manager, type, N, K, c.mu, c.s);
                NDArray input = RisTestSupport.repeatRows(manager, c.z, B, type);
                for (RisProposal proposal : RisProposal.values()) {
                    RisEstimator estimator = new RisEstimator(RisConfig.defaults().withProposal(proposal)
                            .withGradient(RisConfig.Gradient.PATHWISE));
                    ForwardContext ctx = new ForwardContext(estimator, Objective.MOMENT, M);
                    Engine.getInstance().setRandomSeed(8101);
                    NDArray out = estimator.forward(layer, input, ctx);
                    assertEquals(type, out.getDataType(), "output keeps the layer's type");
                    Engine.getInstance().setRandomSeed(8101);
                    PreActivation pre = PreActivation.of(layer, input);
                    NDArray xi = NormalStream.standardNormal(manager, new Shape(M, B, K));
                    NDArray expected = RisEstimator.weightedMean(ActivationFunction.RELU,
                            RisEstimator.preActivationDraw(pre, estimator.proposal(pre), xi), false);
                    assertArrayEquals(RisTestSupport.toDoubles(expected), RisTestSupport.toDoubles(out), 0.0,
                            type + "/" + proposal);
                }
            }
        }
    }
}
