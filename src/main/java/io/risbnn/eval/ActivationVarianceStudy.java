package io.risbnn.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.GaussHermite;
import io.risbnn.estimator.LrtEstimator;
import io.risbnn.estimator.MomentEstimate;
import io.risbnn.estimator.PreActivation;
import io.risbnn.estimator.RisEstimator;
import io.risbnn.objective.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the estimators of an activation's two moments compare at equal cost (MOMENTS.md §4.4): for each
 * activation and standardised mean α at sd = 1, the per-element variance of RIS's estimates of E f,
 * E f² and Var f relative to plain MC (LRT) with the same M, and the absolute error of an M-node
 * Gauss–Hermite rule against a 100-node one (a deterministic competitor at the same number of
 * function evaluations). R repetitions run as R rows of one batch, in chunks.
 */
public final class ActivationVarianceStudy {
    /** Nodes of the quadrature reference. */
    public static final int REFERENCE_NODES = 100;
    private static final int CHUNK = 20_000;

    /**
     * One (activation, α): variance ratios RIS/LRT of the mean, second-moment and variance estimates,
     * their relative standard errors (from the fourth moments), and the quadrature errors.
     */
    public record Row(ActivationFunction activation, double alpha, double meanRatio, double secondRatio, double varianceRatio,
                      double meanRatioRse, double secondRatioRse, double varianceRatioRse,
                      double quadErrorMean, double quadErrorSecond) {}

    private ActivationVarianceStudy() {}

    /**
     * Every hidden activation at α ∈ {−2, 0, 2}, M = 10.
     *
     * @param manager where the study's arrays live
     * @param repeats R, the repetitions the variances are taken over, ≥ 2
     * @param seed the engine seed (offset by the activation's ordinal)
     * @return one row per (activation, α)
     */
    public static List<Row> run(NDManager manager, int repeats, int seed) {
        List<ActivationFunction> all = new ArrayList<>(List.of(ActivationFunction.values()));
        all.remove(ActivationFunction.NONE);
        return run(manager, all, new double[] {-2, 0, 2}, 10, repeats, seed);
    }

    /**
     * The study for chosen activations, standardised means and sample count.
     *
     * @param manager where the study's arrays live
     * @param activations the activations to study (not NONE)
     * @param alphas the standardised means α = m/sd, at sd = 1
     * @param samples M, the samples per estimate and the nodes of the competing quadrature rule
     * @param repeats R, the repetitions the variances are taken over, ≥ 2
     * @param seed the engine seed (offset by the activation's ordinal)
     * @return one row per (activation, α), activations outermost
     */
    public static List<Row> run(NDManager manager, List<ActivationFunction> activations, double[] alphas, int samples,
                                int repeats, int seed) {
        RisEstimator ris = new RisEstimator();
        ForwardContext ctx = new ForwardContext(ris, Objective.MEAN_VAR, samples);
        GaussHermite rule = GaussHermite.standardNormal(samples);
        GaussHermite reference = GaussHermite.standardNormal(REFERENCE_NODES);
        List<Row> rows = new ArrayList<>();
        for (ActivationFunction f : activations) {
            Engine.getInstance().setRandomSeed(seed + f.ordinal());
            Moments risStats = new Moments(alphas.length);
            Moments lrtStats = new Moments(alphas.length);
            for (int from = 0; from < repeats; from += CHUNK) {
                int rowsNow = Math.min(CHUNK, repeats - from);
                try (NDScope scope = new NDScope()) {
                    NDArray m = manager.create(toFloats(alphas)).reshape(1, alphas.length).repeat(0, rowsNow);
                    PreActivation pre = PreActivation.fromMoments(m, m.onesLike());
                    risStats.add(ris.moments("study", f, pre, ctx));
                    lrtStats.add(LrtEstimator.moments(f, pre, samples));
                }
            }
            double[][] quad = quadratureError(manager, f, alphas, rule, reference);
            for (int g = 0; g < alphas.length; g++) {
                rows.add(new Row(f, alphas[g],
                        risStats.variance(0, g) / lrtStats.variance(0, g),
                        risStats.variance(1, g) / lrtStats.variance(1, g),
                        risStats.variance(2, g) / lrtStats.variance(2, g),
                        Math.hypot(risStats.relativeSe(0, g), lrtStats.relativeSe(0, g)),
                        Math.hypot(risStats.relativeSe(1, g), lrtStats.relativeSe(1, g)),
                        Math.hypot(risStats.relativeSe(2, g), lrtStats.relativeSe(2, g)),
                        quad[0][g], quad[1][g]));
            }
        }
        return rows;
    }

    /** |E_rule − E_reference| of f and f² at a = α + t, in float64 tensor arithmetic. */
    private static double[][] quadratureError(NDManager manager, ActivationFunction f, double[] alphas, GaussHermite rule,
                                              GaussHermite reference) {
        double[][] coarse = expectations(manager, f, alphas, rule);
        double[][] fine = expectations(manager, f, alphas, reference);
        double[][] error = new double[2][alphas.length];
        for (int k = 0; k < 2; k++) {
            for (int g = 0; g < alphas.length; g++) {
                error[k][g] = Math.abs(coarse[k][g] - fine[k][g]);
            }
        }
        return error;
    }

    private static double[][] expectations(NDManager manager, ActivationFunction f, double[] alphas, GaussHermite rule) {
        try (NDScope scope = new NDScope()) {
            NDArray t = manager.create(rule.nodes()).reshape(1, rule.size());
            NDArray w = manager.create(rule.weights()).reshape(1, rule.size());
            NDArray fa = f.apply(manager.create(alphas).reshape(alphas.length, 1).add(t));
            return new double[][] {fa.mul(w).sum(new int[] {1}).toDoubleArray(),
                fa.square().mul(w).sum(new int[] {1}).toDoubleArray()};
        }
    }

    private static float[] toFloats(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    /** Power sums about a shift (the first chunk's mean) of the three estimates per column, in double. */
    private static final class Moments {
        private final int cols;
        private double[][] shift;
        private final double[][][] sums;     // [quantity][power 0..4][col]
        Moments(int cols) {
            this.cols = cols;
            sums = new double[3][5][cols];
        }

        void add(MomentEstimate e) {
            NDArray[] q = {e.mean(), e.second(), e.variance()};
            if (shift == null) {
                shift = new double[3][];
                for (int k = 0; k < 3; k++) {
                    shift[k] = q[k].stopGradient().toType(DataType.FLOAT64, false).mean(new int[] {0}).toDoubleArray();
                }
            }
            for (int k = 0; k < 3; k++) {
                NDArray d = q[k].stopGradient().toType(DataType.FLOAT64, false)
                        .sub(q[k].getManager().create(shift[k]).reshape(new Shape(1, cols)));
                NDArray power = d.onesLike();
                for (int p = 0; p <= 4; p++) {
                    double[] s = power.sum(new int[] {0}).toDoubleArray();
                    for (int g = 0; g < cols; g++) {
                        sums[k][p][g] += s[g];
                    }
                    power = power.mul(d);
                }
            }
        }

        private double central(int k, int g, int order) {
            double n = sums[k][0][g];
            double m1 = sums[k][1][g] / n;
            double m2 = sums[k][2][g] / n;
            double m3 = sums[k][3][g] / n;
            double m4 = sums[k][4][g] / n;
            return order == 2 ? m2 - m1 * m1
                    : m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 * m1 * m1 * m1;
        }

        double variance(int k, int g) {
            double n = sums[k][0][g];
            return central(k, g, 2) * n / (n - 1);
        }

        /** SE(s²)/s² ≈ √((μ₄/σ⁴ − 1)/R). */
        double relativeSe(int k, int g) {
            double v = central(k, g, 2);
            return Math.sqrt(Math.max(central(k, g, 4) / (v * v) - 1, 0) / sums[k][0][g]);
        }
    }

    /**
     * The rows as a Markdown table.
     *
     * @param rows the study's rows
     * @return the table, with a header line, one line per row
     */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| activation | α | var_ris/var_lrt mean | second | variance | quad_err mean | quad_err second |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.3g ± %.0f%% | %.3g ± %.0f%% | %.3g ± %.0f%% | %.2e | %.2e |%n",
                    r.activation().cliName(), fmt(r.alpha()), r.meanRatio(), 100 * r.meanRatioRse(),
                    r.secondRatio(), 100 * r.secondRatioRse(), r.varianceRatio(), 100 * r.varianceRatioRse(),
                    r.quadErrorMean(), r.quadErrorSecond()));
        }
        return sb.toString();
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
