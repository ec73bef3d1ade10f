package io.risbnn.method.swag;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.vision.BayesConvBnRelu;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes every BatchNorm's running mean and variance for the network's current weights, as SWAG
 * does for the SWA mean and for every sampled network (their statistics differ from any iterate's):
 * the statistics of the BatchNorm inputs over the whole training set, in a fixed order of batches and
 * without randomness, so the same weights always get the same statistics. Only the running statistics
 * change.
 *
 * <p>How: before each batch both running arrays are set to 0; the training-mode forward (the plain
 * network: one draw of MAP's point mass, no gradients) lets the engine's kernel
 * update them to (1−m)·batch statistic, m the BatchNorm's momentum, which gives the batch mean μ_b and
 * unbiased variance v_b over its c_b values per channel. The batches are combined exactly (law of total
 * variance): mean = Σ c_b μ_b / N, variance = (Σ (c_b−1) v_b + c_b μ_b² − N·mean²)/(N−1), the unbiased
 * dataset variance, as PyTorch keeps running variances. (The reference code instead averages the batch
 * statistics with momentum b/(n+b), which leaves out the spread between batch means.) As in the
 * reference, the forward runs in training mode, so a BatchNorm's input is normalised upstream with
 * batch statistics: the first BatchNorm gets the exact dataset statistics, deeper ones depend mildly
 * on the batch size (the run's {@code --batch-size}, the batches the network was trained with).
 */
public final class BatchNormUpdate {
    /** Gauss–Hermite nodes where the activation has no closed form (as the evaluation's). */

    private BatchNormUpdate() {}

    /** One BatchNorm, its momentum and its values per channel per example. */
    record Norm(BatchNorm block, float momentum) {
        NDArray runningMean() {
            return block.getParameters().get("runningMean").getArray();
        }

        NDArray runningVar() {
            return block.getParameters().get("runningVar").getArray();
        }

        long valuesPerExample() {
            Shape[] in = block.getInputShapes();
            if (in == null || in.length == 0) {
                throw new RisbnnException("BatchNorm update: a BatchNorm block was never initialised");
            }
            long out = 1;
            for (int d = 2; d < in[0].dimension(); d++) {
                out *= in[0].get(d);
            }
            return out;
        }
    }

    /**
     * Whether the network has a BatchNorm.
     *
     * @param model the model
     * @return true if any BatchNorm is in its network
     */
    public static boolean present(BayesianModel model) {
        return !norms(model).isEmpty();
    }

    /**
     * The running statistics of every BatchNorm, in network order: mean, variance, mean, … (copies).
     *
     * @param model the model
     * @return two arrays per BatchNorm
     */
    public static List<float[]> snapshot(BayesianModel model) {
        List<float[]> out = new ArrayList<>();
        for (Norm n : norms(model)) {
            out.add(n.runningMean().toFloatArray());
            out.add(n.runningVar().toFloatArray());
        }
        return out;
    }

    /**
     * Writes back what {@link #snapshot} took.
     *
     * @param model the model the snapshot was taken of
     * @param snapshot the statistics, in {@link #snapshot}'s order
     */
    public static void restore(BayesianModel model, List<float[]> snapshot) {
        List<Norm> norms = norms(model);
        for (int i = 0; i < norms.size(); i++) {
            norms.get(i).runningMean().set(snapshot.get(2 * i));
            norms.get(i).runningVar().set(snapshot.get(2 * i + 1));
        }
    }

    /**
     * Recomputes the running statistics over {@code data} in batches of {@code batchSize} rows (in row order).
     *
     * @param model the model, whose current weights are used
     * @param data the rows to compute the statistics on (the training set)
     * @param batchSize rows per forward pass, ≥ 1
     */
    public static void recompute(BayesianModel model, ExampleSet data, int batchSize) {
        List<Norm> norms = norms(model);
        int n = data.size();
        if (norms.isEmpty() || n == 0) {
            return;
        }
        long[] perExample = new long[norms.size()];
        double[][] sum = new double[norms.size()][];
        double[][] squares = new double[norms.size()][];
        for (int j = 0; j < norms.size(); j++) {
            perExample[j] = norms.get(j).valuesPerExample();
            long channels = norms.get(j).runningMean().size();
            sum[j] = new double[Math.toIntExact(channels)];
            squares[j] = new double[Math.toIntExact(channels)];
        }
        // the plain network: one mc-shared draw of MAP's point mass (s ≈ 9e-14, below float precision of the
        // weights) through DJL's BatchNorm kernel, several times faster than the first-moment path of a
        // ResNet (measured: 20 SWAG networks' statistics on 5,000 CIFAR images took over 15 minutes that way);
        // the engine is seeded per batch so the (negligible) weight noise is the same on every call
        ForwardContext ctx = new ForwardContext(new McSharedEstimator(), Objective.ELBO, 1);
        NDManager manager = model.manager();
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            try (NDScope scope = new NDScope()) {
                Seeds.seedEngine(0, "batchnorm-update", from);
                for (Norm norm : norms) {
                    norm.runningMean().set(new NDIndex("..."), 0f);
                    norm.runningVar().set(new NDIndex("..."), 0f);
                }
                model.forward(data.features(manager, rows), ctx, true);
                for (int j = 0; j < norms.size(); j++) {
                    Norm norm = norms.get(j);
                    double kept = 1f - norm.momentum();     // the kernel's weight of the batch statistic
                    float[] m = norm.runningMean().toType(DataType.FLOAT32, false).toFloatArray();
                    float[] v = norm.runningVar().toType(DataType.FLOAT32, false).toFloatArray();
                    long values = rows.length * perExample[j];
                    for (int c = 0; c < m.length; c++) {
                        double mean = m[c] / kept;
                        double within = values > 1 ? (values - 1) * (v[c] / kept) : 0;
                        sum[j][c] += values * mean;
                        squares[j][c] += within + values * mean * mean;
                    }
                }
            }
        }
        for (int j = 0; j < norms.size(); j++) {
            long total = n * perExample[j];
            float[] mean = new float[sum[j].length];
            float[] variance = new float[sum[j].length];
            for (int c = 0; c < mean.length; c++) {
                double mu = sum[j][c] / total;
                double spread = Math.max(0, squares[j][c] - total * mu * mu);
                mean[c] = (float) mu;
                variance[c] = (float) (total > 1 ? spread / (total - 1) : 0);
            }
            norms.get(j).runningMean().set(mean);
            norms.get(j).runningVar().set(variance);
        }
    }

    /** Every BatchNorm of the network, depth first in child order. */
    static List<Norm> norms(BayesianModel model) {
        List<Norm> out = new ArrayList<>();
        collect(model.network(), out);
        return out;
    }

    private static void collect(Block block, List<Norm> out) {
        if (block instanceof BayesConvBnRelu fused) {
            out.add(new Norm(fused.batchNorm(), fused.momentum()));
            return;
        }
        if (block instanceof BatchNorm bn) {
            out.add(new Norm(bn, momentumOf(bn)));
            return;
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), out);
        }
    }

    /** DJL keeps a BatchNorm's momentum private (as ModelConversion reads its configuration). */
    private static float momentumOf(BatchNorm bn) {
        try {
            Field f = BatchNorm.class.getDeclaredField("momentum");
            f.setAccessible(true);
            return (Float) f.get(bn);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new RisbnnException("BatchNorm update: cannot read a DJL BatchNorm's momentum (" + e + ")");
        }
    }
}
