package io.risbnn.eval.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standard regression summary, in the target's original units.
 *
 * @param rmse RMSE of the predictive mean
 * @param logLikelihood average test log-likelihood under the sample mixture
 */
public record RegressionReport(double rmse, double logLikelihood) {

    /**
     * Computes both metrics from [S][N] sampled means, [S] noise stds and N targets.
     *
     * @param sampleMeans [S][N] predicted means per sampled network
     * @param sigma [S] observation noise std per sample, all &gt; 0
     * @param y [N] targets
     * @return the RMSE of the predictive mean and the mixture log-likelihood
     * @see RegressionMetrics#mixtureLogLikelihood(double[][], double[], double[])
     */
    public static RegressionReport of(double[][] sampleMeans, double[] sigma, double[] y) {
        return new RegressionReport(
                RegressionMetrics.rmse(RegressionMetrics.predictiveMean(sampleMeans), y),
                RegressionMetrics.mixtureLogLikelihood(sampleMeans, sigma, y));
    }

    /**
     * Metrics in a fixed order under their report keys.
     *
     * @return {@code rmse}, then {@code test_ll}
     */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rmse", rmse);
        m.put("test_ll", logLikelihood);
        return m;
    }
}
