package io.risbnn.estimator;

import static io.risbnn.estimator.RisTestSupport.fmt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.risbnn.objective.Objective;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Unbiasedness of the mean-var estimates (MOMENTS.md §4.4, t-tests as RIS-SPEC §6): for every hidden
 * activation, α ∈ {−2, 0, 2} × sd ∈ {0.5, 2}, M = 10, R = 4000 repetitions as rows of one batch, the
 * estimates of E f, E f² and Var f of `ris` (HYBRID and PATHWISE) and `lrt`, and `ris`'s first moment
 * under MOMENT, against double-precision quadrature. ReLU elements with Φ(α) < 0.05 are excluded
 * (their skew breaks t-tests). max|t| ≤ 4.5 and χ² p > 1e-4 per estimator and activation. The power
 * check builds the two broken variants from the real proposals and requires them to be flagged.
 */
@ExtendWith(OneEngineThread.class)
@Tag("statistical")
class MeanVarUnbiasednessTest {
    static final double[] ALPHA = {-2, 0, 2};
    static final double[] SD = {0.5, 2};
    static final int G = ALPHA.length * SD.length;
    static final int M = 10;
    static final int R = 4000;

    /** The grid as float32 rows [R, G], each row one repetition. */
    static PreActivation grid(NDManager manager, int rows) {
        NDArray[] mv = gridArrays(manager, ALPHA, SD, rows);
        return PreActivation.fromMoments(mv[0], mv[1]);
    }

    /** Means α·sd and variances sd² of the grid α × sd as float32 rows [rows, |α|·|sd|]. */
    static NDArray[] gridArrays(NDManager manager, double[] alpha, double[] sd, int rows) {
        int g = alpha.length * sd.length;
        float[] m = new float[g];
        float[] v = new float[g];
        for (int i = 0; i < alpha.length; i++) {
            for (int j = 0; j < sd.length; j++) {
                m[i * sd.length + j] = (float) (alpha[i] * sd[j]);
                v[i * sd.length + j] = (float) (sd[j] * sd[j]);
            }
        }
        return new NDArray[] {manager.create(m).reshape(1, g).repeat(0, rows), manager.create(v).reshape(1, g).repeat(0, rows)};
    }

    /** The float32 grid values in double: {m, sd}. */
    static double[][] gridValues() {
        double[][] out = new double[2][G];
        for (int i = 0; i < ALPHA.length; i++) {
            for (int j = 0; j < SD.length; j++) {
                float m = (float) (ALPHA[i] * SD[j]);
                float v = (float) (SD[j] * SD[j]);
                out[0][i * SD.length + j] = m;
                out[1][i * SD.length + j] = Math.sqrt(v);
            }
        }
        return out;
    }

    static boolean[] selection(ActivationFunction f) {
        double[][] g = gridValues();
        boolean[] keep = new boolean[G];
        for (int c = 0; c < G; c++) {
            keep[c] = f != ActivationFunction.RELU || RisTestSupport.cdf(g[0][c] / g[1][c]) >= 0.05;
        }
        return keep;
    }

    /** Exact {E f, E f², Var f} per grid column. */
    static double[][] exact(ActivationFunction f) {
        double[][] g = gridValues();
        double[][] out = new double[3][G];
        for (int c = 0; c < G; c++) {
            out[0][c] = MeanVarReference.mean(f, g[0][c], g[1][c]);
            out[1][c] = MeanVarReference.second(f, g[0][c], g[1][c]);
            out[2][c] = out[1][c] - out[0][c] * out[0][c];
        }
        return out;
    }

    static final String[] QUANTITY = {"mean", "second", "variance"};

    /** t-tests of the three raw estimates; returns a report and whether all pass. */
    static String check(String label, ActivationFunction f, MomentEstimate e, boolean[] ok) {
        double[][] ex = exact(f);
        boolean[] keep = selection(f);
        NDArray[] q = {e.mean(), e.second(), e.variance()};
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            if (q[k] == null) {
                continue;
            }
            RisUnbiasednessTest.Bias b = RisUnbiasednessTest.bias(RisTestSupport.toDoubles(q[k]), R, ex[k], keep);
            boolean pass = b.maxAbsT() <= 4.5 && b.chi2P() > 1e-4;
            ok[0] &= pass;
            sb.append(label).append(' ').append(f.cliName()).append(' ').append(QUANTITY[k]).append(": ")
                    .append(b.describe()).append(pass ? "" : "  <-- FAIL").append('\n');
        }
        return sb.toString();
    }

    static MomentEstimate run(NDManager manager, ActivationFunction f, Function<PreActivation, MomentEstimate> estimator) {
        return estimator.apply(grid(manager, R));
    }

    @ParameterizedTest
    @EnumSource(value = ActivationFunction.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void everyEstimatorIsUnbiasedForEveryActivation(ActivationFunction f) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5100 + f.ordinal());
            boolean[] ok = {true};
            StringBuilder report = new StringBuilder();
            RisEstimator hybrid = new RisEstimator();
            RisEstimator pathwise = new RisEstimator(RisConfig.defaults().withGradient(RisConfig.Gradient.PATHWISE));
            RisEstimator independent = new RisEstimator(RisConfig.defaults().withGradient(RisConfig.Gradient.HYBRID_INDEPENDENT));
            ForwardContext ctx = new ForwardContext(hybrid, Objective.MEAN_VAR, M);
            ForwardContext momentCtx = new ForwardContext(hybrid, Objective.MOMENT, M);
            report.append(check("ris/hybrid", f, run(manager, f, pre -> hybrid.moments("u", f, pre, ctx)), ok));
            report.append(check("ris/pathwise", f, run(manager, f, pre -> pathwise.moments("u", f, pre, ctx)), ok));
            report.append(check("ris/hybrid-independent", f,
                    run(manager, f, pre -> independent.moments("u", f, pre, ctx)), ok));
            report.append(check("lrt", f, run(manager, f, pre -> LrtEstimator.moments(f, pre, M)), ok));
            for (RisEstimator e : new RisEstimator[] {hybrid, pathwise}) {
                NDArray first = e.activationMoment("u", f, grid(manager, R), momentCtx);
                report.append(check("ris/moment/" + e.config().gradient().cliName(), f,
                        new MomentEstimate(first, null, null), ok));
            }
            System.out.print("[mean-var unbiased]\n" + report);
            assertTrue(ok[0], report.toString());
        }
    }

    /**
     * Power: the second moment weighted with the first-moment proposal's density (t drawn from the
     * second's), and with log λ₂ dropped, are biased and must be flagged (max|t| > 10) by the same test.
     */
    @Test
    void theTestFlagsBrokenSecondMomentWeights() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5201);
            StringBuilder report = new StringBuilder();
            for (ActivationFunction f : new ActivationFunction[] {ActivationFunction.RELU, ActivationFunction.GELU}) {
                RisEstimator ris = new RisEstimator(RisConfig.defaults().withProposal(RisProposal.MM));
                PreActivation pre = grid(manager, R);
                GaussHermiteProposal.Pair p = ris.proposals(f, pre, pre.standardisedMean());
                NDArray xi = manager.randomNormal(new Shape(M, R, G));
                RisEstimator.Draw second = RisEstimator.preActivationDraw(pre, p.second(), xi);
                NDArray f2 = f.apply(second.preActivation()).square();
                NDArray t2 = p.second().tau().expandDims(0).add(p.second().lambda().expandDims(0).mul(xi));
                NDArray tau1 = p.first().tau().expandDims(0);
                NDArray lam1 = p.first().lambda().expandDims(0);
                NDArray wrongDensity = t2.square().mul(-0.5).add(t2.sub(tau1).square().div(lam1.square().mul(2)))
                        .add(lam1.log());
                NDArray noLogLambda = second.logWeight().sub(p.second().lambda().log().expandDims(0));
                double[] ex = exact(f)[1];
                boolean[] keep = selection(f);
                RisUnbiasednessTest.Bias right = bias(second.logWeight(), f2, ex, keep);
                RisUnbiasednessTest.Bias density = bias(wrongDensity, f2, ex, keep);
                RisUnbiasednessTest.Bias lambda = bias(noLogLambda, f2, ex, keep);
                report.append(f.cliName()).append(": correct ").append(right.describe()).append("; first-moment density ")
                        .append(density.describe()).append("; no log λ ").append(lambda.describe()).append('\n');
                assertTrue(right.maxAbsT() <= 4.5, report.toString());
                assertTrue(density.maxAbsT() > 10, report.toString());
                assertTrue(lambda.maxAbsT() > 10, report.toString());
            }
            System.out.print("[mean-var power]\n" + report);
        }
    }

    private static RisUnbiasednessTest.Bias bias(NDArray logWeight, NDArray f2, double[] exact, boolean[] keep) {
        NDArray est = logWeight.exp().mul(f2).mean(new int[] {0});
        return RisUnbiasednessTest.bias(RisTestSupport.toDoubles(est), R, exact, keep);
    }
}
