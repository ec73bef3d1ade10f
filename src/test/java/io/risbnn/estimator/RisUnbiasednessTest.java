package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.nn.BayesLinear;
import io.risbnn.objective.Objective;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * T1 (RIS-SPEC §6): the value (1/M) Σ γ relu(a) is unbiased. Dense layer n = 64, k = 32,
 * s = 0.3|μ|, M = 10, R = 4000 repetitions (the input row repeated R times in the batch: noise is
 * drawn per example, so each row is an independent estimate). On units with Φ(α) ≥ 0.05:
 * max|t| ≤ 4.0 and the χ²(Σt²) p-value > 1e-3. Runs the real estimator in float32 (the product's
 * type); the exact reference σψ(α) is computed in double from the parameters the layer holds.
 */
@ExtendWith(OneEngineThread.class)
class RisUnbiasednessTest {
    static final int N = 64;
    static final int K = 32;
    static final int M = 10;
    static final int R = 4000;

    /** Per-unit t-statistics of an R×K sample of estimates against exact values. */
    record Bias(double maxAbsT, double chi2P, int units, double[] t) {
        String describe() {
            return "max|t|=" + fmt(maxAbsT) + " over " + units + " units, χ² p=" + fmt(chi2P);
        }
    }

    static Bias bias(double[] estimates, int rows, double[] exact, boolean[] selected) {
        int cols = exact.length;
        double[][] mv = RisTestSupport.columnMeanVar(estimates, rows, cols);
        double[] t = new double[cols];
        double max = 0;
        double chi2 = 0;
        int units = 0;
        for (int i = 0; i < cols; i++) {
            t[i] = (mv[0][i] - exact[i]) / Math.sqrt(mv[1][i] / rows);
            if (selected[i]) {
                max = Math.max(max, Math.abs(t[i]));
                chi2 += t[i] * t[i];
                units++;
            }
        }
        return new Bias(max, RisTestSupport.chi2Sf(chi2, units), units, t);
    }

    /** The T1 layer, its exact unit means and the Φ(α) ≥ 0.05 selection. */
    static final class Setup {
        final BayesLinear layer;
        final double[] z;
        final double[] exact = new double[K];
        final boolean[] selected = new boolean[K];

        Setup(NDManager manager) {
            RisTestSupport.DenseConfig c = new RisTestSupport.DenseConfig(N, K, 0.3, 1);
            layer = RisTestSupport.dense(manager, DataType.FLOAT32, N, K, c.mu, c.s);
            z = new double[N];
            for (int j = 0; j < N; j++) {
                z[j] = (float) c.z[j];
            }
            double[][] p = RisTestSupport.effectiveParams(layer);
            double[][] mv = RisTestSupport.moments(p[0], p[1], z, K, N);
            for (int i = 0; i < K; i++) {
                double sd = Math.sqrt(mv[1][i]);
                exact[i] = RisTestSupport.reluMean(mv[0][i], sd);
                selected[i] = RisTestSupport.cdf(mv[0][i] / sd) >= 0.05;
            }
        }
    }

    /** R estimates [R, K] from the real estimator, run in row chunks (each row independent). */
    static double[] estimates(NDManager manager, Setup setup, RisConfig config, int chunk) {
        ForwardContext ctx = new ForwardContext(new RisEstimator(config), Objective.MOMENT, M);
        double[] out = new double[R * K];
        for (int from = 0; from < R; from += chunk) {
            try (NDScope scope = new NDScope()) {
                NDArray z = RisTestSupport.repeatRows(manager, setup.z, chunk, DataType.FLOAT32);
                double[] part = RisTestSupport.toDoubles(ctx.estimator().forward(setup.layer, z, ctx));
                System.arraycopy(part, 0, out, from * K, part.length);
            }
        }
        return out;
    }

    @Tag("statistical")
    @ParameterizedTest
    @EnumSource(RisProposal.class)
    void t1UnbiasedValuePreActivationSpace(RisProposal proposal) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1001 + proposal.ordinal());
            Setup setup = new Setup(manager);
            // the product's default configuration (HYBRID gradient) with the proposal under test
            double[] est = estimates(manager, setup, RisConfig.defaults().withProposal(proposal), R);
            Bias b = bias(est, R, setup.exact, setup.selected);
            System.out.println("[T1 " + proposal + "] " + b.describe());
            assertTrue(b.units >= 16, "enough active units: " + b.units);
            assertTrue(b.maxAbsT <= 4.0, "T1 " + proposal + ": " + b.describe());
            assertTrue(b.chi2P > 1e-3, "T1 " + proposal + ": " + b.describe());
        }
    }

    @Tag("statistical")
    @Test
    void t1UnbiasedValueWeightSpace() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1101);
            Setup setup = new Setup(manager);
            RisConfig config = RisConfig.defaults().withProposal(RisProposal.TILT)
                    .withSpace(RisConfig.Space.WEIGHT).withGradient(RisConfig.Gradient.PATHWISE);
            double[] est = estimates(manager, setup, config, 500);     // ξ is [M, 500, 32, 64] per chunk
            Bias b = bias(est, R, setup.exact, setup.selected);
            System.out.println("[T1 WEIGHT/TILT] " + b.describe());
            assertTrue(b.maxAbsT <= 4.0, "T1 weight space: " + b.describe());
            assertTrue(b.chi2P > 1e-3, "T1 weight space: " + b.describe());
        }
    }

    /**
     * Power check of T1: the same statistic on a deliberately wrong weight (log λ dropped from
     * log γ, the estimate is then biased by the factor 1/λ per sample) built from the real draw of
     * the MM proposal (λ² ≥ 0.8). T1 must flag it.
     */
    @Tag("statistical")
    @Test
    void t1FlagsAWeightWithoutLogLambda() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1201);
            Setup setup = new Setup(manager);
            RisEstimator estimator = new RisEstimator(RisConfig.defaults().withProposal(RisProposal.MM));
            NDArray z = RisTestSupport.repeatRows(manager, setup.z, R, DataType.FLOAT32);
            PreActivation pre = PreActivation.of(setup.layer, z);
            RisProposal.TauLambda tl = estimator.proposal(pre);
            NDArray xi = manager.randomNormal(new Shape(M, R, K));
            RisEstimator.Draw draw = RisEstimator.preActivationDraw(pre, tl, xi);
            RisEstimator.Draw wrong = new RisEstimator.Draw(draw.preActivation(),
                    draw.logWeight().sub(tl.lambda().log().expandDims(0)));
            Bias right = bias(RisTestSupport.toDoubles(RisEstimator.weightedMean(ActivationFunction.RELU, draw, false)),
                    R, setup.exact, setup.selected);
            Bias bad = bias(RisTestSupport.toDoubles(RisEstimator.weightedMean(ActivationFunction.RELU, wrong, false)),
                    R, setup.exact, setup.selected);
            System.out.println("[T1 power] correct MM draw: " + right.describe() + "; without log λ: " + bad.describe());
            assertTrue(right.maxAbsT <= 4.0, right.describe());
            assertTrue(bad.maxAbsT > 10 && bad.chi2P < 1e-10, "T1 must flag the wrong weight: " + bad.describe());
        }
    }

    /** Cross-check of the reference: the product's closed form (AnalyticEstimator) equals σψ(α) here. */
    @Test
    void analyticEstimatorAgreesWithTheReference() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Setup setup = new Setup(manager);
            NDArray z = RisTestSupport.repeatRows(manager, setup.z, 1, DataType.FLOAT32);
            ForwardContext ctx = new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, 1);
            double[] y = RisTestSupport.toDoubles(ctx.estimator().forward(setup.layer, z, ctx));
            for (int i = 0; i < K; i++) {
                assertTrue(Math.abs(y[i] - setup.exact[i]) <= 1e-5 * Math.abs(setup.exact[i]) + 1e-9,
                        "unit " + i + ": analytic " + y[i] + " vs reference " + setup.exact[i]);
            }
        }
    }

    /**
     * The closed form of the reference estimator in float32 (ActivationFunction.mean, Mills-ratio tail below
     * α = −3, clamp at |α| = 12) against σψ(α) in double over α ∈ [−12, 40], σ ∈ {1e-3, 1, 1e3}:
     * relative error ≤ 1e-4 (the tail's 1 − xR cancellation costs ~x²·6e-8 ≈ 1e-5 at x = 12).
     */
    @Test
    void analyticEstimatorMatchesTheReferenceOnAGrid() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] sigmas = {1e-3, 1, 1e3};
            int count = 0;
            double[] alpha = new double[600];
            for (double a = -12; a <= 40 && count < alpha.length; a += 0.173) {
                alpha[count++] = a;
            }
            float[] m = new float[count * sigmas.length];
            float[] sd = new float[count * sigmas.length];
            for (int i = 0; i < count; i++) {
                for (int g = 0; g < sigmas.length; g++) {
                    m[i * sigmas.length + g] = (float) (alpha[i] * sigmas[g]);
                    sd[i * sigmas.length + g] = (float) sigmas[g];
                }
            }
            float[] y = ActivationFunction.RELU.mean(manager.create(m), manager.create(sd)).toFloatArray();
            double worst = 0;
            String where = "";
            for (int i = 0; i < m.length; i++) {
                double exact = sd[i] * RisTestSupport.psi((double) m[i] / sd[i]);
                double rel = Math.abs(y[i] - exact) / exact;
                if (rel > worst) {
                    worst = rel;
                    where = "α=" + fmt((double) m[i] / sd[i]) + " σ=" + sd[i] + ": " + y[i] + " vs " + fmt(exact);
                }
            }
            System.out.println("[analytic] max rel err " + fmt(worst) + " at " + where);
            assertTrue(worst <= 1e-4, "analytic closed form: max rel err " + worst + " at " + where);
        }
    }
}
