package io.risbnn.eval;

import java.util.SplittableRandom;

/**
 * The predictive class probabilities of Gaussian logits f ~ N(m, diag v), E softmax(f), by Monte
 * Carlo over the K logits of each example with a fixed seed (a deterministic function of the moments).
 * This is how a model trained under {@code mean-var} predicts by its own propagation.
 */
public final class GaussianLogits {
    /** Draws per example: the probabilities' Monte Carlo error is below 1/(2√draws) ≈ 0.016 per class. */
    public static final int DRAWS = 1000;
    private static final long SEED = 0x6d65616e766172L;

    private GaussianLogits() {}

    /** @param moments [2][N][K]: means, then variances; returns [1][N][K] probabilities */
    public static double[][][] probabilities(double[][][] moments) {
        return new double[][][] {expectation(moments[0], moments[1], false).probabilities()};
    }

    /**
     * E softmax(f) per example, and E H(softmax(f)) over the same draws (the expected entropy of one
     * network, so H(E softmax) − E H is the mutual information of the Gaussian logits).
     */
    public record Expectation(double[][] probabilities, double[] meanEntropy) {}

    /** @param mean [N][K] logit means; @param variance [N][K] logit variances */
    public static Expectation expectation(double[][] mean, double[][] variance) {
        return expectation(mean, variance, true);
    }

    /** @param withEntropy also E H (one entropy per draw); the probabilities alone need none */
    private static Expectation expectation(double[][] mean, double[][] variance, boolean withEntropy) {
        int n = mean.length;
        double[][] probs = new double[n][];
        double[] meanEntropy = new double[n];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < n; i++) {
            int k = mean[i].length;
            double[] sum = new double[k];
            double[] logits = new double[k];
            double[] p = new double[k];
            double[] sd = new double[k];
            for (int c = 0; c < k; c++) {
                sd[c] = Math.sqrt(Math.max(0, variance[i][c]));
            }
            for (int d = 0; d < DRAWS; d++) {
                for (int c = 0; c < k; c++) {
                    logits[c] = mean[i][c] + sd[c] * gaussian(random);
                }
                Predictive.softmaxRow(logits, p);
                for (int c = 0; c < k; c++) {
                    sum[c] += p[c];
                }
                if (withEntropy) {
                    meanEntropy[i] += io.risbnn.eval.metrics.ClassificationMetrics.entropy(p);
                }
            }
            for (int c = 0; c < k; c++) {
                sum[c] /= DRAWS;
            }
            probs[i] = sum;
            meanEntropy[i] /= DRAWS;
        }
        return new Expectation(probs, meanEntropy);
    }

    /** A standard normal draw (Box–Muller, one of the pair). */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
