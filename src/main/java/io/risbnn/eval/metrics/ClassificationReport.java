package io.risbnn.eval.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standard classification summary of a sampled predictive distribution.
 *
 * @param accuracy arg-max accuracy of the predictive mean
 * @param nll mean negative log-likelihood (nats)
 * @param ece expected calibration error, 15 bins
 * @param brier Brier score
 * @param meanEntropy mean predictive entropy (nats)
 * @param meanMutualInformation mean mutual information (nats)
 */
public record ClassificationReport(double accuracy, double nll, double ece, double brier,
        double meanEntropy, double meanMutualInformation) {

    /**
     * Computes all metrics from [S][N][C] sampled probabilities and N labels.
     *
     * @param probs the S networks' probabilities [S][N][C] (S = 1 for a deterministic predictive)
     * @param labels class indices [N]
     * @return the metrics of the posterior predictive
     */
    public static ClassificationReport of(double[][][] probs, int[] labels) {
        double[][] p = ClassificationMetrics.predictive(probs);
        return new ClassificationReport(
                ClassificationMetrics.accuracy(p, labels),
                ClassificationMetrics.nll(p, labels),
                ClassificationMetrics.ece(p, labels, ClassificationMetrics.DEFAULT_ECE_BINS),
                ClassificationMetrics.brier(p, labels),
                mean(ClassificationMetrics.predictiveEntropy(p)),
                mean(ClassificationMetrics.mutualInformation(probs)));
    }

    /**
     * Metrics in a fixed order under their report keys.
     *
     * @return accuracy, nll, ece, brier, … by key, in report order
     */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy);
        m.put("nll", nll);
        m.put("ece", ece);
        m.put("brier", brier);
        m.put("entropy", meanEntropy);
        m.put("mutual_information", meanMutualInformation);
        return m;
    }

    private static double mean(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        return sum / a.length;
    }
}
