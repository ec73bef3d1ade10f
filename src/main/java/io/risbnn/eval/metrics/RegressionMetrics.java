package io.risbnn.eval.metrics;

/**
 * Regression metrics for a predictive distribution given by S sampled networks. All inputs are in
 * the target's original units (de-standardized by the caller).
 */
public final class RegressionMetrics {
    private RegressionMetrics() {}

    /**
     * Root mean squared error of {@code predMean} against {@code y}.
     *
     * @param predMean predicted means [N]
     * @param y targets [N], in the same units
     * @return the RMSE, in target units
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double rmse(double[] predMean, double[] y) {
        Shapes.requireNonEmpty(y.length, "y");
        Shapes.requireSameLength(predMean.length, "predMean", y.length, "y");
        double sum = 0;
        for (int n = 0; n < y.length; n++) {
            double d = predMean[n] - y[n];
            sum += d * d;
        }
        return Math.sqrt(sum / y.length);
    }

    /**
     * Average test log-likelihood under the equally weighted Gaussian mixture of the S sampled
     * networks: mean over n of log((1/S) Σ_s N(y_n; sampleMeans[s][n], sigma[s]²)). Evaluated
     * with log-sum-exp, so it stays finite when every component density underflows.
     *
     * @param sampleMeans [S][N] predicted means per sampled network
     * @param sigma [S] observation noise std per sample, all > 0
     * @param y [N] targets
     * @return the mean log-likelihood in nats per example
     */
    public static double mixtureLogLikelihood(double[][] sampleMeans, double[] sigma, double[] y) {
        Shapes.requireNonEmpty(sampleMeans.length, "sampleMeans");
        Shapes.requireSameLength(sigma.length, "sigma", sampleMeans.length, "sampleMeans");
        double[][] perExample = new double[sigma.length][];
        for (int i = 0; i < sigma.length; i++) {
            if (!(sigma[i] > 0) || Double.isInfinite(sigma[i])) {
                throw new IllegalArgumentException("sigma[" + i + "] = " + sigma[i] + " must be finite and > 0");
            }
            perExample[i] = new double[sampleMeans[i].length];
            java.util.Arrays.fill(perExample[i], sigma[i]);
        }
        return mixtureLogLikelihood(sampleMeans, perExample, y);
    }

    /**
     * Mean over the S samples of the predicted means: [S][N] → [N].
     *
     * @param sampleMeans [S][N] predicted means per sampled network
     * @return the predictive mean [N]
     */
    public static double[] predictiveMean(double[][] sampleMeans) {
        int s = sampleMeans.length;
        Shapes.requireNonEmpty(s, "sampleMeans");
        int n = sampleMeans[0].length;
        double[] mean = new double[n];
        for (int i = 0; i < s; i++) {
            Shapes.requireSameLength(sampleMeans[i].length, "sampleMeans[" + i + "]", n,
                    "sampleMeans[0]");
            for (int j = 0; j < n; j++) {
                mean[j] += sampleMeans[i][j];
            }
        }
        for (int j = 0; j < n; j++) {
            mean[j] /= s;
        }
        return mean;
    }

    /**
     * {@link #mixtureLogLikelihood(double[][], double[], double[])} with a noise std per sample and
     * example (heteroscedastic outputs, or a predictive variance that varies by example).
     *
     * @param sampleMeans [S][N] predicted means per sampled network
     * @param sigma [S][N], all finite and > 0
     * @param y [N] targets
     * @return the mean log-likelihood in nats per example
     */
    public static double mixtureLogLikelihood(double[][] sampleMeans, double[][] sigma, double[] y) {
        int s = sampleMeans.length;
        Shapes.requireNonEmpty(s, "sampleMeans");
        Shapes.requireNonEmpty(y.length, "y");
        Shapes.requireSameLength(sigma.length, "sigma", s, "sampleMeans");
        for (int i = 0; i < s; i++) {
            Shapes.requireSameLength(sampleMeans[i].length, "sampleMeans[" + i + "]", y.length, "y");
            Shapes.requireSameLength(sigma[i].length, "sigma[" + i + "]", y.length, "y");
        }
        double logS = Math.log(s);
        double[] terms = new double[s];
        double total = 0;
        for (int n = 0; n < y.length; n++) {
            for (int i = 0; i < s; i++) {
                double sd = sigma[i][n];
                if (!(sd > 0) || Double.isInfinite(sd)) {
                    throw new IllegalArgumentException("sigma[" + i + "][" + n + "] = " + sd + " must be finite and > 0");
                }
                terms[i] = LogMath.gaussianLogDensity(y[n], sampleMeans[i][n], sd);
            }
            total += LogMath.logSumExp(terms) - logS;
        }
        return total / y.length;
    }
}
