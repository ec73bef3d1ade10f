package io.risbnn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.eval.metrics.ClassificationMetrics;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * N whole networks sampled from q, each applied to every test example (Figure 2, right): the accuracy
 * and NLL of each network, and the posterior predictive of all N (the mean of their softmax outputs).
 *
 * <p>Networks are drawn in blocks of {@code blockSize}: block b is one mc-shared forward pass with
 * {@code blockSize} weight draws, over chunks of rows. The mc-shared estimator draws its weight noise
 * with a shape that does not depend on the number of rows, so re-seeding the engine from
 * (seed, {@value #PURPOSE}, b) before every chunk gives the same networks for every chunk: network k
 * is draw k mod blockSize of block k / blockSize, whatever the chunking. A last, partial block still
 * draws {@code blockSize} networks and keeps the first ones, so the networks of a smaller count are a
 * prefix of those of a larger one (same seed and block size).
 *
 * <p>Memory stays bounded: one chunk of blockSize × rows outputs at a time (in an {@link NDScope}),
 * per-network counters and the running per-example sum of probabilities [examples][classes]; the
 * [N][examples][classes] probabilities are never held.
 */
public final class SampledNetworks {
    /** Seed purpose of the weight draws (see {@link Seeds#seedEngine(long, String, long)}). */
    public static final String PURPOSE = "sample-models";
    /** Networks per forward pass. Part of the identity of the networks: keep it fixed for reproducible draws. */
    public static final int DEFAULT_BLOCK_SIZE = 20;

    private SampledNetworks() {}

    /** Called after each chunk of each block with (chunks done, chunks in total). */
    public interface Progress {
        /**
         * Reports progress.
         *
         * @param done chunks finished so far
         * @param total chunks in all
         */
        void update(long done, long total);
    }

    /**
     * The per-network figures and the posterior predictive.
     *
     * @param accuracy accuracy of each network, [count]
     * @param nll mean negative log-likelihood of each network (p_y clamped to ≥ {@link ClassificationMetrics#MIN_PROB}), [count]
     * @param predictive the posterior predictive: mean over the networks of their probabilities, [examples][classes]
     * @param meanNetworkEntropy per example, the mean over networks of each network's predictive entropy (nats)
     * @param labels the labels the figures were computed against
     */
    public record Result(double[] accuracy, double[] nll, double[][] predictive, double[] meanNetworkEntropy,
                         int[] labels) {
        /**
         * The number of networks N.
         *
         * @return N
         */
        public int count() {
            return accuracy.length;
        }

        /**
         * Accuracy of the posterior predictive (the mean of the N networks' probabilities).
         *
         * @return the accuracy in [0, 1]
         */
        public double predictiveAccuracy() {
            return ClassificationMetrics.accuracy(predictive, labels);
        }

        /**
         * Mean negative log-likelihood of the posterior predictive.
         *
         * @return the NLL in nats per example
         */
        public double predictiveNll() {
            return ClassificationMetrics.nll(predictive, labels);
        }

        /**
         * The posterior predictive over the N networks under the keys of
         * {@link io.risbnn.eval.metrics.ClassificationReport#asMap()}: accuracy, nll, ece, brier,
         * entropy, mutual_information (H of the mean minus the mean of the networks' H).
         *
         * @return the metrics by key
         */
        public Map<String, Double> predictiveMetrics() {
            double[] entropy = ClassificationMetrics.predictiveEntropy(predictive);
            double h = 0;
            double mi = 0;
            for (int i = 0; i < entropy.length; i++) {
                h += entropy[i];
                mi += Math.max(0.0, entropy[i] - meanNetworkEntropy[i]);
            }
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("accuracy", predictiveAccuracy());
            m.put("nll", predictiveNll());
            m.put("ece", ClassificationMetrics.ece(predictive, labels, ClassificationMetrics.DEFAULT_ECE_BINS));
            m.put("brier", ClassificationMetrics.brier(predictive, labels));
            m.put("entropy", h / entropy.length);
            m.put("mutual_information", mi / entropy.length);
            return m;
        }
    }

    /**
     * {@code count} networks with the default block size and the model's row budget per pass.
     *
     * @param model the trained classifier
     * @param data the test inputs
     * @param labels the class indices of {@code data}
     * @param count N, the networks, ≥ 1
     * @param seed fixes the networks
     * @return the per-network figures and the posterior predictive
     */
    public static Result run(BayesianModel model, ExampleSet data, int[] labels, int count, long seed) {
        return run(model, data, labels, count, seed, DEFAULT_BLOCK_SIZE, model.spec().evaluationRowsPerPass(), null);
    }

    /**
     * {@code count} networks of any method's posterior: block b draws {@code blockSize} networks with a
     * seed derived from (seed, b), applied chunk by chunk of rows (the posterior gives the same networks
     * for every chunk). A variational posterior takes the mc-shared path above, so its networks are
     * those of the earlier releases.
     *
     * @param posterior any method's posterior
     * @param classes the number of classes C
     * @param data the test inputs
     * @param labels the class indices of {@code data}
     * @param count N, the networks, ≥ 1
     * @param seed fixes the networks
     * @param blockSize networks per draw (part of the networks' identity)
     * @param maxStackedRows rows per forward pass after stacking
     * @param progress called after every chunk; may be null
     * @return the per-network figures and the posterior predictive
     */
    public static Result run(PosteriorOutputs posterior, int classes, ExampleSet data, int[] labels, int count, long seed,
                             int blockSize, int maxStackedRows, Progress progress) {
        if (posterior instanceof VariationalPosterior v) {
            return run(v.model(), data, labels, count, seed, blockSize, maxStackedRows, progress);
        }
        return accumulate(data, labels, count, blockSize, maxStackedRows, classes, progress,
                (block, rows) -> posterior.sampled(rows, blockSize, Seeds.stream(seed, PURPOSE + "-" + block).nextLong()));
    }

    /** The outputs [blockSize][rows][C] of one block's networks on a subset of rows. */
    private interface BlockOutputs {
        double[][][] of(int block, ExampleSet rows);
    }

    /**
     * Samples {@code count} networks from q and applies each to every example of {@code data}.
     *
     * @param model the trained classifier
     * @param data the test inputs
     * @param labels the class indices of {@code data}
     * @param count N, the networks, ≥ 1
     * @param seed fixes the networks
     * @param blockSize networks per forward pass (part of the networks' identity)
     * @param maxStackedRows rows per forward pass after stacking; the chunk holds max(1, maxStackedRows / blockSize)
     *     examples (does not change the result)
     * @param progress called after every chunk; may be null
     * @return the per-network figures and the posterior predictive
     */
    public static Result run(BayesianModel model, ExampleSet data, int[] labels, int count, long seed, int blockSize,
                             int maxStackedRows, Progress progress) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        if (blockSize < 1 || maxStackedRows < 1) {
            throw new IllegalArgumentException("blockSize and maxStackedRows must be >= 1");
        }
        int n = data.size();
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " examples");
        }
        if (n == 0) {
            throw new IllegalArgumentException("no examples");
        }
        int classes = model.likelihood().outputSize();
        ForwardContext ctx = new ForwardContext(new McSharedEstimator(), Objective.ELBO, blockSize);
        NDManager manager = model.manager();
        return accumulate(data, labels, count, blockSize, maxStackedRows, classes, progress, (block, chunkRows) -> {
            int[] rows = ((RowRange) chunkRows).rows();
            double[] flat;
            try (NDScope scope = new NDScope()) {
                Seeds.seedEngine(seed, PURPOSE, block);   // same networks for every chunk of this block
                NDArray out = model.forward(data.features(manager, rows), ctx, false);   // [blockSize, rows, C]
                flat = out.toType(DataType.FLOAT64, false).toDoubleArray();
            }
            double[][][] outputs = new double[blockSize][rows.length][classes];
            for (int s = 0; s < blockSize; s++) {
                for (int i = 0; i < rows.length; i++) {
                    System.arraycopy(flat, (s * rows.length + i) * classes, outputs[s][i], 0, classes);
                }
            }
            return outputs;
        });
    }

    /** Rows [from, to) of a set, as a set. */
    private record RowRange(ExampleSet data, int from, int to) implements ExampleSet {
        int[] rows() {
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            return rows;
        }

        @Override
        public int size() {
            return to - from;
        }

        @Override
        public NDArray features(NDManager manager, int[] local) {
            return data.features(manager, shift(local));
        }

        @Override
        public NDArray targets(NDManager manager, int[] local) {
            return data.targets(manager, shift(local));
        }

        private int[] shift(int[] local) {
            int[] out = new int[local.length];
            for (int i = 0; i < local.length; i++) {
                out[i] = from + local[i];
            }
            return out;
        }
    }

    private static Result accumulate(ExampleSet data, int[] labels, int count, int blockSize, int maxStackedRows,
                                     int classes, Progress progress, BlockOutputs outputsOf) {
        int n = data.size();
        int chunk = Math.max(1, maxStackedRows / blockSize);
        int blocks = (count + blockSize - 1) / blockSize;
        int chunks = (n + chunk - 1) / chunk;
        long total = (long) blocks * chunks;
        long done = 0;

        long[] correct = new long[count];
        double[] nllSum = new double[count];
        double[][] sum = new double[n][classes];
        double[] entropySum = new double[n];
        double[] p = new double[classes];
        for (int block = 0; block < blocks; block++) {
            int first = block * blockSize;
            int used = Math.min(blockSize, count - first);
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                int[] rows = new int[to - from];
                double[][][] outputs = outputsOf.of(block, new RowRange(data, from, to));
                double[] logits = new double[classes];
                for (int s = 0; s < used; s++) {
                    int k = first + s;
                    for (int i = 0; i < rows.length; i++) {
                        System.arraycopy(outputs[s][i], 0, logits, 0, classes);
                        Predictive.softmaxRow(logits, p);
                        int row = from + i;
                        int y = labels[row];
                        if (ClassificationMetrics.argMax(p) == y) {
                            correct[k]++;
                        }
                        nllSum[k] -= Math.log(Math.max(p[y], ClassificationMetrics.MIN_PROB));
                        double[] acc = sum[row];
                        for (int c = 0; c < classes; c++) {
                            acc[c] += p[c];
                        }
                        entropySum[row] += ClassificationMetrics.entropy(p);
                    }
                }
                done++;
                if (progress != null) {
                    progress.update(done, total);
                }
            }
        }
        double[] accuracy = new double[count];
        double[] nll = new double[count];
        for (int k = 0; k < count; k++) {
            accuracy[k] = (double) correct[k] / n;
            nll[k] = nllSum[k] / n;
        }
        // the mean exactly as ClassificationMetrics.predictive computes it: sum over networks in order, then divide
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                sum[i][c] /= count;
            }
            entropySum[i] /= count;
        }
        return new Result(accuracy, nll, sum, entropySum, labels.clone());
    }
}
