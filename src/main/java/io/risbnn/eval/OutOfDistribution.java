package io.risbnn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.risbnn.eval.metrics.ClassificationMetrics;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.Objective;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * Out-of-distribution detection by uncertainty: how well a classifier's uncertainty on each input
 * separates an out-of-distribution (OOD) test set from its own (in-distribution) test set. Three
 * per-example scores, higher meaning "more likely OOD":
 * <ul>
 *   <li>{@code entropy_sampled}: entropy H(p̄) of the posterior predictive p̄ = mean of the softmax of S
 *       networks sampled from q (total uncertainty);</li>
 *   <li>{@code mutual_information}: H(p̄) − mean_s H(p_s), the epistemic part (BALD);</li>
 *   <li>{@code entropy_moment}: entropy of the softmax of the first-moment (closed-form ReLU moment)
 *       logits, a deterministic single pass;</li>
 *   <li>{@code entropy_meanvar} (models trained under mean-var): entropy of E softmax(f) over the
 *       propagated Gaussian logits f ~ N(m, diag v), a deterministic single pass.</li>
 * </ul>
 * For each score: AUROC with the OOD examples as positives (1 = every OOD example scores above every
 * in-distribution one, 0.5 = no separation), its Hanley–McNeil standard error, and the mean score of
 * each set.
 *
 * <p>Both sets are scored in one pass over their concatenation, in blocks of at most
 * {@link #MAX_BLOCK_VALUES} / (S × classes) examples so the S × rows × classes outputs held at once stay
 * bounded (~40 MB of doubles per array); the engine is re-seeded with {@code seed} before each block, so
 * every block (and both sets) is scored by the same S sampled networks.
 */
public final class OutOfDistribution {
    /** Largest S × rows × classes block of sampled outputs held at once. */
    public static final long MAX_BLOCK_VALUES = 5_000_000L;

    /** Score name: entropy of the S sampled networks' predictive. */
    public static final String ENTROPY_SAMPLED = "entropy_sampled";
    /** Score name: H(p̄) − mean_s H(p_s), the epistemic part (BALD). */
    public static final String MUTUAL_INFORMATION = "mutual_information";
    /** Score name: entropy of the softmax of the first-moment logits. */
    public static final String ENTROPY_MOMENT = "entropy_moment";
    /** Score name: entropy of E softmax over the mean–variance logits. */
    public static final String ENTROPY_MEANVAR = "entropy_meanvar";

    private OutOfDistribution() {}

    /**
     * One uncertainty score on both sets.
     *
     * @param auroc P(score_ood > score_in) + ½ P(tie)
     * @param aurocSe Hanley–McNeil (1982) standard error of the AUROC
     */
    public record Score(String name, double auroc, double aurocSe, double meanIn, double meanOod, double[] in,
                        double[] ood) {}

    /** The scores, in the order entropy_sampled, mutual_information, entropy_moment. */
    public record Result(int samples, int inSize, int oodSize, List<Score> scores) {
        /**
         * One score by name.
         *
         * @param name e.g. {@link #ENTROPY_SAMPLED}
         * @return the score
         * @throws IllegalArgumentException if there is no score of that name
         */
        public Score score(String name) {
            for (Score s : scores) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no score " + name);
        }
    }

    /**
     * Scores {@code in} (negatives) and {@code ood} (positives) with S = {@code samples} networks.
     *
     * @param model the trained classifier
     * @param in in-distribution inputs (the negatives)
     * @param ood out-of-distribution inputs (the positives)
     * @param samples S, the sampled networks, ≥ 1
     * @param seed fixes the S networks
     * @return the scores entropy_sampled, mutual_information and entropy_moment
     * @throws IllegalArgumentException if a set is empty or {@code samples < 1}
     */
    public static Result evaluate(BayesianModel model, ExampleSet in, ExampleSet ood, int samples, long seed) {
        return evaluate(model, in, ood, samples, seed, MAX_BLOCK_VALUES, false);
    }

    /**
     * As {@link #evaluate(BayesianModel, ExampleSet, ExampleSet, int, long)}, adding entropy_meanvar when asked.
     *
     * @param model the trained classifier
     * @param in in-distribution inputs (the negatives)
     * @param ood out-of-distribution inputs (the positives)
     * @param samples S, the sampled networks, ≥ 1
     * @param seed fixes the S networks
     * @param meanVar whether to add entropy_meanvar (for models trained under mean-var)
     * @return the scores
     */
    public static Result evaluate(BayesianModel model, ExampleSet in, ExampleSet ood, int samples, long seed,
                                  boolean meanVar) {
        return evaluate(model, in, ood, samples, seed, MAX_BLOCK_VALUES, meanVar);
    }

    static Result evaluate(BayesianModel model, ExampleSet in, ExampleSet ood, int samples, long seed, long maxBlockValues) {
        return evaluate(model, in, ood, samples, seed, maxBlockValues, false);
    }

    /** With blocks of at most maxBlockValues sampled outputs. */
    static Result evaluate(BayesianModel model, ExampleSet in, ExampleSet ood, int samples, long seed, long maxBlockValues,
                           boolean meanVar) {
        Seeds.seedEngine(seed);
        long networks = Predictive.drawSeed(model.manager());   // the networks the engine seeded with seed draws
        Objective objective = meanVar ? Objective.MEAN_VAR : Objective.ELBO;
        return evaluate(new VariationalPosterior(model, objective), model.likelihood().outputSize(), in, ood, samples,
                networks, maxBlockValues);
    }

    /**
     * Any method's posterior: entropy_sampled and mutual_information from S networks drawn with
     * {@code seed}, then {@code entropy_<name>} for each of its deterministic predictives.
     *
     * @param posterior any method's posterior
     * @param classes the number of classes C
     * @param in in-distribution inputs (the negatives)
     * @param ood out-of-distribution inputs (the positives)
     * @param samples S, the sampled networks, ≥ 1
     * @param seed fixes the S networks
     * @return the scores
     */
    public static Result evaluate(PosteriorOutputs posterior, int classes, ExampleSet in, ExampleSet ood, int samples,
                                  long seed) {
        return evaluate(posterior, classes, in, ood, samples, seed, MAX_BLOCK_VALUES);
    }

    static Result evaluate(PosteriorOutputs posterior, int classes, ExampleSet in, ExampleSet ood, int samples, long seed,
                           long maxBlockValues) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
        if (in.size() == 0 || ood.size() == 0) {
            throw new IllegalArgumentException("empty set: " + in.size() + " in-distribution, " + ood.size() + " OOD examples");
        }
        int nIn = in.size();
        int total = nIn + ood.size();
        int block = (int) Math.max(1, Math.min(total, maxBlockValues / ((long) samples * classes)));
        List<String> names = new ArrayList<>(List.of(ENTROPY_SAMPLED, MUTUAL_INFORMATION));
        List<double[]> all = new ArrayList<>(List.of(new double[total], new double[total]));
        for (int from = 0; from < total; from += block) {
            int count = Math.min(block, total - from);
            ExampleSet rows = new Joined(in, ood, from, count);
            double[][][] probs = Predictive.softmax(posterior.sampled(rows, samples, seed));
            double[][] perExample = sampledScores(probs);
            probs = null;   // let the block's outputs go before the next pass
            System.arraycopy(perExample[0], 0, all.get(0), from, count);
            System.arraycopy(perExample[1], 0, all.get(1), from, count);
            int k = 2;
            for (GaussianOutputs g : posterior.predictives(rows)) {
                String name = "entropy_" + g.name();
                if (from == 0) {
                    names.add(name);
                    all.add(new double[total]);
                }
                double[][] p = !g.hasEpistemicPart() ? Predictive.softmax(new double[][][] {g.mean()})[0]
                        : GaussianLogits.expectation(g, false).probabilities();
                System.arraycopy(ClassificationMetrics.predictiveEntropy(p), 0, all.get(k), from, count);
                k++;
            }
        }
        List<Score> scores = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            scores.add(score(names.get(k), java.util.Arrays.copyOfRange(all.get(k), 0, nIn),
                    java.util.Arrays.copyOfRange(all.get(k), nIn, total)));
        }
        return new Result(samples, nIn, ood.size(), List.copyOf(scores));
    }

    /**
     * Per example, from sampled probabilities [S][N][C]: {predictive entropy [N], mutual information [N]}.
     *
     * @param probs the S networks' probabilities [S][N][C]
     * @return {entropy, mutual information}, each [N], in nats
     */
    public static double[][] sampledScores(double[][][] probs) {
        double[] entropy = ClassificationMetrics.predictiveEntropy(ClassificationMetrics.predictive(probs));
        double[] mi = ClassificationMetrics.mutualInformation(probs);
        return new double[][] {entropy, mi};
    }

    /**
     * AUROC (OOD as positives), its standard error and the mean of each set for one score.
     *
     * @param name the score's name
     * @param in the score of every in-distribution example
     * @param ood the score of every OOD example
     * @return the score's summary (keeping both arrays)
     */
    public static Score score(String name, double[] in, double[] ood) {
        double auroc = ClassificationMetrics.auroc(ood, in);
        return new Score(name, auroc, aurocStandardError(auroc, ood.length, in.length), mean(in), mean(ood), in, ood);
    }

    /**
     * Hanley &amp; McNeil (1982) standard error of an AUROC A from nPos positives and nNeg negatives:
     * SE² = [A(1−A) + (nPos−1)(Q1−A²) + (nNeg−1)(Q2−A²)] / (nPos·nNeg), Q1 = A/(2−A), Q2 = 2A²/(1+A).
     * At A = ½ it is exactly the null-hypothesis SE √((nPos+nNeg+1)/(12·nPos·nNeg)) of the Mann–Whitney
     * statistic (no ties).
     *
     * @param auroc A, in [0, 1]
     * @param nPos the number of positives
     * @param nNeg the number of negatives
     * @return the standard error of A
     */
    public static double aurocStandardError(double auroc, int nPos, int nNeg) {
        double a = auroc;
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double variance = (a * (1 - a) + (nPos - 1) * (q1 - a * a) + (nNeg - 1) * (q2 - a * a)) / ((double) nPos * nNeg);
        return Math.sqrt(Math.max(0, variance));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Rows [offset, offset + count) of the concatenation of two sets, as one set; the rows asked for
     * must be in increasing order (as {@link Predictive} asks for them), so the first set's rows come
     * first and one concatenation restores the order.
     */
    static final class Joined implements ExampleSet {
        private final ExampleSet first;
        private final ExampleSet second;
        private final int offset;
        private final int count;

        Joined(ExampleSet first, ExampleSet second, int offset, int count) {
            this.first = first;
            this.second = second;
            this.offset = offset;
            this.count = count;
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public NDArray features(NDManager manager, int[] rows) {
            return gather(manager, rows, true);
        }

        @Override
        public NDArray targets(NDManager manager, int[] rows) {
            return gather(manager, rows, false);
        }

        private NDArray gather(NDManager manager, int[] rows, boolean features) {
            int split = 0;
            int n = first.size();
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] < 0 || rows[i] >= count) {
                    throw new IllegalArgumentException("row " + rows[i] + " out of range 0.." + (count - 1));
                }
                if (i > 0 && rows[i] <= rows[i - 1]) {
                    throw new IllegalArgumentException("rows must be increasing");
                }
                if (offset + rows[i] < n) {
                    split = i + 1;
                }
            }
            int[] a = new int[split];
            int[] b = new int[rows.length - split];
            for (int i = 0; i < rows.length; i++) {
                int global = offset + rows[i];
                if (i < split) {
                    a[i] = global;
                } else {
                    b[i - split] = global - n;
                }
            }
            if (b.length == 0) {
                return features ? first.features(manager, a) : first.targets(manager, a);
            }
            if (a.length == 0) {
                return features ? second.features(manager, b) : second.targets(manager, b);
            }
            NDArray x = features ? first.features(manager, a) : first.targets(manager, a);
            NDArray y = features ? second.features(manager, b) : second.targets(manager, b);
            if (!features && x.getDataType() != y.getDataType()) {
                y = y.toType(x.getDataType(), false);
            }
            return NDArrays.concat(new NDList(x, y), 0);
        }
    }
}
