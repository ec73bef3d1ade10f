package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.risbnn.objective.Objective;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gradient unbiasedness of the mean-var output (RIS-SPEC §6 T4 for two moments): the readout
 * L = Σ c₁·mean + c₂·variance of activationMeanVar, differentiated w.r.t. the pre-activation's (m, v)
 * (leaf arrays [R, G], one repetition per row, so each row's gradient is one independent estimate),
 * R = 20000, M = 4, against the exact gradient of c₁ E f + c₂ Var f in double (Stein forms by
 * quadrature). max|t| ≤ 4.5 over the 2G coordinates; ReLU columns with Φ(α) < 0.05 excluded.
 */
@ExtendWith(OneEngineThread.class)
@Tag("statistical")
class MeanVarGradientTest {
    static final double[] ALPHA = {-1, 0, 1, 2};
    static final double[] SD = {0.7, 1.5};
    static final int G = ALPHA.length * SD.length;
    static final int M = 4;
    static final int R = 20000;
    static final double C1 = 0.7;
    static final double C2 = 1.3;

    /** Per-row gradients {∂L/∂m, ∂L/∂v} [R·G] of the estimator's readout. */
    static double[][] gradients(NDManager manager, Estimator estimator, ActivationFunction f) {
        NDArray[] grid = MeanVarUnbiasednessTest.gridArrays(manager, ALPHA, SD, R);
        NDArray mm = grid[0];
        NDArray vv = grid[1];
        mm.setRequiresGradient(true);
        vv.setRequiresGradient(true);
        ForwardContext ctx = new ForwardContext(estimator, Objective.MEAN_VAR, M);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            MeanVar out = estimator.activationMeanVar("u", f, PreActivation.fromMoments(mm, vv), ctx);
            NDArray loss = out.mean().mul(manager.create((float) C1)).add(out.variance().mul(manager.create((float) C2))).sum();
            collector.backward(loss);
        }
        return new double[][] {RisTestSupport.toDoubles(mm.getGradient()), RisTestSupport.toDoubles(vv.getGradient())};
    }

    static String check(String label, NDManager manager, Estimator estimator, ActivationFunction f, boolean[] ok) {
        double[][] g = gradients(manager, estimator, f);
        double[][] exact = new double[2][G];
        boolean[] keep = new boolean[G];
        for (int i = 0; i < ALPHA.length; i++) {
            for (int j = 0; j < SD.length; j++) {
                int c = i * SD.length + j;
                double m = (float) (ALPHA[i] * SD[j]);
                double sd = Math.sqrt((float) (SD[j] * SD[j]));
                double[] e = MeanVarReference.readoutGradient(f, m, sd, C1, C2);
                exact[0][c] = e[0];
                exact[1][c] = e[1];
                keep[c] = f != ActivationFunction.RELU || RisTestSupport.cdf(m / sd) >= 0.05;
            }
        }
        RisUnbiasednessTest.Bias bm = RisUnbiasednessTest.bias(g[0], R, exact[0], keep);
        RisUnbiasednessTest.Bias bv = RisUnbiasednessTest.bias(g[1], R, exact[1], keep);
        boolean pass = bm.maxAbsT() <= 4.5 && bv.maxAbsT() <= 4.5 && bm.chi2P() > 1e-4 && bv.chi2P() > 1e-4;
        ok[0] &= pass;
        return label + " " + f.cliName() + ": ∂/∂m " + bm.describe() + "; ∂/∂v " + bv.describe() + (pass ? "" : "  <-- FAIL") + "\n";
    }

    @Test
    void readoutGradientsAreUnbiased() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(6100);
            boolean[] ok = {true};
            StringBuilder report = new StringBuilder();
            for (RisConfig.Gradient g : RisConfig.Gradient.values()) {
                report.append(check("ris/" + g.cliName(), manager, new RisEstimator(RisConfig.defaults().withGradient(g)),
                        ActivationFunction.RELU, ok));
            }
            report.append(check("ris/mm", manager, new RisEstimator(RisConfig.defaults().withProposal(RisProposal.MM)),
                    ActivationFunction.RELU, ok));
            for (ActivationFunction f : new ActivationFunction[] {ActivationFunction.GELU, ActivationFunction.TANH, ActivationFunction.SOFTPLUS, ActivationFunction.LEAKY_RELU}) {
                report.append(check("ris/hybrid", manager, new RisEstimator(), f, ok));
            }
            report.append(check("ris/pathwise", manager,
                    new RisEstimator(RisConfig.defaults().withGradient(RisConfig.Gradient.PATHWISE)), ActivationFunction.SILU, ok));
            report.append(check("lrt", manager, new LrtEstimator(), ActivationFunction.RELU, ok));
            System.out.print("[mean-var gradient]\n" + report);
            assertTrue(ok[0], report.toString());
        }
    }
}
