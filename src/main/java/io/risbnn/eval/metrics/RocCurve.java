package io.risbnn.eval.metrics;

import java.util.Arrays;

/**
 * The ROC curve of a score separating positives from negatives (higher = more positive): one point
 * (false positive rate, true positive rate) per distinct score, from (0, 0) to (1, 1). Examples with
 * the same score cross the threshold together, so a tie between positives and negatives is a diagonal
 * segment; the trapezoidal area under the points is then exactly
 * {@link ClassificationMetrics#auroc(double[], double[])}, which counts a tie as ½.
 */
public final class RocCurve {
    private final double[] fpr;
    private final double[] tpr;

    private RocCurve(double[] fpr, double[] tpr) {
        this.fpr = fpr;
        this.tpr = tpr;
    }

    /**
     * The ROC curve of separating positives from negatives by score (higher = more positive).
     *
     * @param scoresPositive the scores of the positives
     * @param scoresNegative the scores of the negatives
     * @return the curve from (0, 0), one point per distinct score threshold
     * @throws IllegalArgumentException if a set is empty or holds NaN
     */
    public static RocCurve of(double[] scoresPositive, double[] scoresNegative) {
        Shapes.requireNonEmpty(scoresPositive.length, "scoresPositive");
        Shapes.requireNonEmpty(scoresNegative.length, "scoresNegative");
        double[] pos = sortedNoNaN(scoresPositive, "scoresPositive");
        double[] neg = sortedNoNaN(scoresNegative, "scoresNegative");
        int capacity = pos.length + neg.length + 1;
        double[] fpr = new double[capacity];
        double[] tpr = new double[capacity];
        int points = 1;   // (0, 0): the threshold above every score
        int i = pos.length - 1;
        int j = neg.length - 1;
        // Lower the threshold from the highest score; everything at the threshold turns positive at once.
        while (i >= 0 || j >= 0) {
            double threshold = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY, j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && pos[i] == threshold) {
                i--;
            }
            while (j >= 0 && neg[j] == threshold) {
                j--;
            }
            fpr[points] = (double) (neg.length - 1 - j) / neg.length;
            tpr[points] = (double) (pos.length - 1 - i) / pos.length;
            points++;
        }
        return new RocCurve(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points));
    }

    /**
     * False positive rates, non-decreasing from 0 to 1 (a copy).
     *
     * @return the FPR of each point
     */
    public double[] falsePositiveRates() {
        return fpr.clone();
    }

    /**
     * True positive rates, non-decreasing from 0 to 1 (a copy).
     *
     * @return the TPR of each point, aligned with {@link #falsePositiveRates()}
     */
    public double[] truePositiveRates() {
        return tpr.clone();
    }

    /**
     * Trapezoidal area under the points.
     *
     * @return the AUROC in [0, 1]
     */
    public double area() {
        double area = 0;
        for (int k = 1; k < fpr.length; k++) {
            area += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2;
        }
        return area;
    }

    private static double[] sortedNoNaN(double[] scores, String what) {
        for (int k = 0; k < scores.length; k++) {
            if (Double.isNaN(scores[k])) {
                throw new IllegalArgumentException(what + "[" + k + "] is NaN");
            }
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
