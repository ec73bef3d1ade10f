package io.risbnn.eval.metrics;

import java.util.Arrays;

/**
 * Classification metrics. Sampled inputs are {@code [S][N][C]} softmax probabilities, one
 * {@code [N][C]} block per sampled network; the predictive distribution is their mean.
 */
public final class ClassificationMetrics {
    /** Floor for p_y in the NLL so a confidently wrong prediction costs ~27.6 nats, not ∞. */
    public static final double MIN_PROB = 1e-12;

    /** Bin count used by {@link #ece(double[][], int[])}, as in Guo et al. (2017). */
    public static final int DEFAULT_ECE_BINS = 15;

    private ClassificationMetrics() {}

    /**
     * Predictive distribution: mean over S of the sampled probabilities, [S][N][C] → [N][C].
     *
     * @param probs the S networks' probabilities [S][N][C]
     * @return the posterior predictive [N][C]
     * @throws IllegalArgumentException if {@code probs} is empty or ragged
     */
    public static double[][] predictive(double[][][] probs) {
        Shapes.requireSampled(probs);
        int s = probs.length;
        int n = probs[0].length;
        int c = probs[0][0].length;
        double[][] mean = new double[n][c];
        for (double[][] sample : probs) {
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c; k++) {
                    mean[i][k] += sample[i][k];
                }
            }
        }
        for (double[] row : mean) {
            for (int k = 0; k < c; k++) {
                row[k] /= s;
            }
        }
        return mean;
    }

    /**
     * Fraction of points whose arg-max class (first on ties) equals the label.
     *
     * @param p predictive probabilities [N][C]
     * @param labels class indices [N]
     * @return the accuracy in [0, 1]
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static double accuracy(double[][] p, int[] labels) {
        Shapes.requireLabels(p, labels);
        int correct = 0;
        for (int n = 0; n < labels.length; n++) {
            if (argMax(p[n]) == labels[n]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }

    /**
     * Mean negative log-likelihood −log p_y in nats, with p_y clamped to ≥ {@link #MIN_PROB}.
     *
     * @param p predictive probabilities [N][C]
     * @param labels class indices [N]
     * @return the NLL in nats per example, ≥ 0
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static double nll(double[][] p, int[] labels) {
        Shapes.requireLabels(p, labels);
        double sum = 0;
        for (int n = 0; n < labels.length; n++) {
            sum -= Math.log(Math.max(p[n][labels[n]], MIN_PROB));
        }
        return sum / labels.length;
    }

    /**
     * Brier score: mean over points of Σ_c (p_c − 1{c = y})². Range [0, 2].
     *
     * @param p predictive probabilities [N][C]
     * @param labels class indices [N]
     * @return the Brier score
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static double brier(double[][] p, int[] labels) {
        Shapes.requireLabels(p, labels);
        double sum = 0;
        for (int n = 0; n < labels.length; n++) {
            for (int k = 0; k < p[n].length; k++) {
                double d = p[n][k] - (k == labels[n] ? 1.0 : 0.0);
                sum += d * d;
            }
        }
        return sum / labels.length;
    }

    /**
     * Expected calibration error with {@value #DEFAULT_ECE_BINS} bins.
     *
     * @param p predictive probabilities [N][C]
     * @param labels class indices [N]
     * @return the ECE in [0, 1]
     */
    public static double ece(double[][] p, int[] labels) {
        return ece(p, labels, DEFAULT_ECE_BINS);
    }

    /**
     * Expected calibration error: Σ_b |B_b|/N · |acc_b − conf_b| over equal-width bins of the
     * confidence max_c p_c, binned by {@link ReliabilityBins} (the bins the reliability diagram draws).
     *
     * @param p predictive probabilities [N][C]
     * @param labels class indices [N]
     * @param bins the number of equal-width confidence bins, ≥ 1
     * @return the ECE in [0, 1]
     */
    public static double ece(double[][] p, int[] labels, int bins) {
        return ReliabilityBins.of(p, labels, bins).ece();
    }

    /**
     * Entropy of each predictive distribution in nats: [N][C] → [N].
     *
     * @param p probabilities [N][C]
     * @return the entropies [N], in [0, log C]
     */
    public static double[] predictiveEntropy(double[][] p) {
        Shapes.requireMatrix(p, "probabilities");
        double[] h = new double[p.length];
        for (int n = 0; n < p.length; n++) {
            h[n] = LogMath.entropy(p[n]);
        }
        return h;
    }

    /**
     * Mutual information between prediction and weights (epistemic uncertainty), per point:
     * H(mean_s p_s) − mean_s H(p_s). Non-negative by Jensen; rounding noise below 0 is clamped.
     *
     * @param probs the S networks' probabilities [S][N][C]
     * @return the mutual information per point [N], in nats
     */
    public static double[] mutualInformation(double[][][] probs) {
        double[][] mean = predictive(probs); // validates shapes
        double[] mi = predictiveEntropy(mean);
        int s = probs.length;
        for (int n = 0; n < mi.length; n++) {
            double expected = 0;
            for (double[][] sample : probs) {
                expected += LogMath.entropy(sample[n]);
            }
            mi[n] = Math.max(0.0, mi[n] - expected / s);
        }
        return mi;
    }

    /**
     * Area under the ROC curve for separating positives from negatives by score (higher = more
     * positive), via the Mann–Whitney U statistic: P(score⁺ > score⁻) + ½ P(score⁺ = score⁻).
     * O((m + n) log n).
     *
     * @param scoresPositive the scores of the positives (e.g. OOD examples)
     * @param scoresNegative the scores of the negatives
     * @return the AUROC in [0, 1]; 0.5 for no separation
     * @throws IllegalArgumentException if a set is empty
     */
    public static double auroc(double[] scoresPositive, double[] scoresNegative) {
        Shapes.requireNonEmpty(scoresPositive.length, "scoresPositive");
        Shapes.requireNonEmpty(scoresNegative.length, "scoresNegative");
        requireNoNaN(scoresPositive, "scoresPositive");
        requireNoNaN(scoresNegative, "scoresNegative");
        double[] neg = scoresNegative.clone();
        Arrays.sort(neg);
        double u = 0;
        for (double score : scoresPositive) {
            int below = lowerBound(neg, score);
            int notAbove = upperBound(neg, score);
            u += below + 0.5 * (notAbove - below);
        }
        return u / ((double) scoresPositive.length * neg.length);
    }

    /**
     * Entropy of one distribution in nats, with 0·log 0 = 0.
     *
     * @param p probabilities summing to 1
     * @return −Σ p log p
     */
    public static double entropy(double[] p) {
        return LogMath.entropy(p);
    }

    /**
     * Index of the largest entry (the first on ties).
     *
     * @param row a non-empty row of scores or probabilities
     * @return the arg-max index
     */
    public static int argMax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    private static void requireNoNaN(double[] a, String what) {
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is NaN");
            }
        }
    }

    /** Number of elements of sorted {@code a} strictly less than {@code key}. */
    private static int lowerBound(double[] a, double key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of elements of sorted {@code a} less than or equal to {@code key}. */
    private static int upperBound(double[] a, double key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
