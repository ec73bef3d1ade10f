package io.risbnn.posterior;

/**
 * The Gaussian likelihood's noise in standardised units: one learned σ for every input
 * (homoscedastic), or each network's second output as log σ² (heteroscedastic).
 *
 * @param heteroscedastic whether output 1 of each network is the log noise variance
 * @param homoscedasticStd the learned σ (standardised units); NaN when heteroscedastic
 */
public record NoiseModel(boolean heteroscedastic, double homoscedasticStd) {
    /**
     * One σ for every input.
     *
     * @param std σ in standardised target units
     * @return the homoscedastic noise model
     */
    public static NoiseModel homoscedastic(double std) {
        return new NoiseModel(false, std);
    }

    /**
     * Per-example noise read from each network's second output (log σ²).
     *
     * @return the heteroscedastic noise model
     */
    public static NoiseModel perExample() {
        return new NoiseModel(true, Double.NaN);
    }

    /**
     * Noise variance of one network's outputs for one input.
     *
     * @param outputs one network's raw outputs for one input: [mean] or [mean, log σ²]
     * @return σ² in standardised units
     */
    public double variance(double[] outputs) {
        return heteroscedastic ? Math.exp(outputs[1]) : homoscedasticStd * homoscedasticStd;
    }

    /**
     * E σ² under Gaussian outputs: e^{m + v/2} for a log variance output, else σ².
     *
     * @param mean the outputs' means for one input
     * @param variance the outputs' variances for one input
     * @return the expected noise variance in standardised units
     */
    public double expectedVariance(double[] mean, double[] variance) {
        return heteroscedastic ? Math.exp(mean[1] + variance[1] / 2) : homoscedasticStd * homoscedasticStd;
    }
}
