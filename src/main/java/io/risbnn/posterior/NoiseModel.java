package io.risbnn.posterior;

/**
 * The Gaussian likelihood's noise in standardised units: one learned σ for every input
 * (homoscedastic), or each network's second output as log σ² (heteroscedastic).
 */
public record NoiseModel(boolean heteroscedastic, double homoscedasticStd) {
    public static NoiseModel homoscedastic(double std) {
        return new NoiseModel(false, std);
    }

    public static NoiseModel perExample() {
        return new NoiseModel(true, Double.NaN);
    }

    /** Noise variance of one network's outputs for one input. */
    public double variance(double[] outputs) {
        return heteroscedastic ? Math.exp(outputs[1]) : homoscedasticStd * homoscedasticStd;
    }

    /** E σ² under Gaussian outputs: e^{m + v/2} for a log variance output, else σ². */
    public double expectedVariance(double[] mean, double[] variance) {
        return heteroscedastic ? Math.exp(mean[1] + variance[1] / 2) : homoscedasticStd * homoscedasticStd;
    }
}
