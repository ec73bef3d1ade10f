package io.risbnn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.QuadratureEstimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;

/**
 * Network outputs for evaluation, in chunks of rows so memory stays bounded:
 * <ul>
 *   <li>{@link #sampled}: the posterior predictive, S whole networks drawn from q (weights shared by
 *       all examples of a network, as a user deploying the BNN would sample them: the engine is
 *       re-seeded with the same seed before every chunk of rows, and the mc-shared weight noise has a
 *       shape that does not depend on the rows, so every chunk sees the same S networks);</li>
 *   <li>{@link #moment}: deterministic first-moment propagation with the closed-form activation moment
 *       (what a model trained under the {@code moment} objective was fitted for);</li>
 *   <li>{@link #meanVar}: deterministic mean–variance propagation (the {@code mean-var} objective's).</li>
 * </ul>
 * All return raw outputs [S][N][out] (S = 1 for moment, 2 for meanVar: means, variances).
 */
public final class Predictive {
    // Rows of one forward pass after stacking the S networks: chunks hold R/S examples with
    // R = ModelSpec.evaluationRowsPerPass(), so memory per pass stays bounded whatever S is.

    private Predictive() {}

    /**
     * S networks drawn from q, each applied to every example. The networks' seed is drawn from the
     * engine's generator, so a caller that seeds the engine first gets reproducible networks.
     *
     * @param model the trained model
     * @param data the N inputs
     * @param samples S, ≥ 1
     * @return raw outputs [S][N][out]
     */
    public static double[][][] sampled(BayesianModel model, ExampleSet data, int samples) {
        return sampled(model, data, samples, drawSeed(model.manager()));
    }

    /**
     * S networks drawn from (seed, "predictive"), each applied to every example.
     *
     * @param model the trained model
     * @param data the N inputs
     * @param samples S, ≥ 1
     * @param seed fixes the S networks, whatever the chunking of the rows
     * @return raw outputs [S][N][out]
     */
    public static double[][][] sampled(BayesianModel model, ExampleSet data, int samples, long seed) {
        return run(model, data, new ForwardContext(new McSharedEstimator(), Objective.ELBO, samples), samples,
                () -> Seeds.seedEngine(seed, PURPOSE, 0));
    }

    /**
     * Deterministic first-moment propagation with a zero-variance estimator: [1][N][out].
     *
     * @param model the trained model
     * @param data the N inputs
     * @return raw outputs [1][N][out]
     */
    public static double[][][] moment(BayesianModel model, ExampleSet data) {
        return run(model, data, new ForwardContext(deterministic(model), Objective.MOMENT, QUADRATURE_NODES), 1, () -> { });
    }

    /**
     * Mean–variance propagation with a zero-variance estimator: [2][N][out], the output means then
     * their variances (what a model trained under {@code mean-var} was fitted for).
     *
     * @param model the trained model
     * @param data the N inputs
     * @return {means [N][out], variances [N][out]}
     */
    public static double[][][] meanVar(BayesianModel model, ExampleSet data) {
        return run(model, data, new ForwardContext(deterministic(model), Objective.MEAN_VAR, QUADRATURE_NODES), 2,
                () -> { });
    }

    /** Gauss–Hermite nodes where the activation has no closed form. */
    static final int QUADRATURE_NODES = 32;

    /** The closed forms where the activation has them, else Gauss–Hermite quadrature: no sampling noise. */
    static Estimator deterministic(BayesianModel model) {
        boolean closed = model.spec().isCustom()   // a user's block: its layers' own activations decide
                ? model.variationalLayers().stream().allMatch(l -> AnalyticEstimator.hasClosedForm(l.activation()))
                : AnalyticEstimator.hasClosedForm(model.spec().hiddenActivation());
        return closed ? new AnalyticEstimator() : new QuadratureEstimator();
    }

    /** Seed purpose of the networks of {@link #sampled}. */
    static final String PURPOSE = "predictive";

    /**
     * A seed taken from the engine's current generator state (two uniform floats' bits).
     *
     * @param manager a manager of the engine (a scratch sub-manager is used and closed)
     * @return the seed; advances the engine's generator
     */
    public static long drawSeed(NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            float[] u = scratch.randomUniform(0f, 1f, new Shape(2)).toFloatArray();
            return ((long) Float.floatToIntBits(u[0]) << 32) ^ (Float.floatToIntBits(u[1]) & 0xFFFFFFFFL);
        }
    }

    private static double[][][] run(BayesianModel model, ExampleSet data, ForwardContext ctx, int streams,
                                    Runnable beforeChunk) {
        int n = data.size();
        int outputs = model.likelihood().outputSize();
        double[][][] result = new double[streams][n][outputs];
        NDManager manager = model.manager();
        int chunk = Math.max(1, model.spec().evaluationRowsPerPass() / streams);
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            try (NDScope scope = new NDScope()) {
                beforeChunk.run();
                NDArray out = model.forward(data.features(manager, rows), ctx, false);   // [S, rows, out]
                double[] flat = out.toType(DataType.FLOAT64, false).toDoubleArray();
                for (int s = 0; s < streams; s++) {
                    for (int i = 0; i < rows.length; i++) {
                        System.arraycopy(flat, (s * rows.length + i) * outputs, result[s][from + i], 0, outputs);
                    }
                }
            }
        }
        return result;
    }

    /**
     * The single output column of a regression network: [S][N][1] → [S][N].
     *
     * @param outputs raw outputs [S][N][out]
     * @return column 0 of every output row, [S][N]
     */
    public static double[][] firstColumn(double[][][] outputs) {
        double[][] out = new double[outputs.length][];
        for (int s = 0; s < outputs.length; s++) {
            out[s] = new double[outputs[s].length];
            for (int i = 0; i < outputs[s].length; i++) {
                out[s][i] = outputs[s][i][0];
            }
        }
        return out;
    }

    /**
     * Softmax of logits [S][N][C] → probabilities, row by row with the max subtracted.
     *
     * @param logits [S][N][C]
     * @return probabilities [S][N][C], each row summing to 1
     */
    public static double[][][] softmax(double[][][] logits) {
        double[][][] probs = new double[logits.length][][];
        for (int s = 0; s < logits.length; s++) {
            probs[s] = new double[logits[s].length][];
            for (int i = 0; i < logits[s].length; i++) {
                double[] p = new double[logits[s][i].length];
                softmaxRow(logits[s][i], p);
                probs[s][i] = p;
            }
        }
        return probs;
    }

    /**
     * Softmax of one row of logits into {@code p} (same length), with the max subtracted.
     *
     * @param row the logits
     * @param p receives the probabilities; overwritten
     */
    public static void softmaxRow(double[] row, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < row.length; c++) {
            p[c] = Math.exp(row[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < row.length; c++) {
            p[c] /= sum;
        }
    }
}
