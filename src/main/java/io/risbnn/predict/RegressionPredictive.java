package io.risbnn.predict;

/**
 * One predictive distribution for each input row, in the target's original units: its mean, its
 * standard deviation split into an epistemic part (spread of the networks' means: what more data
 * would reduce) and an aleatoric part (the noise the model expects around any one network), with
 * std² = epistemic² + aleatoric², and a central interval holding {@code level} of the predictive mass.
 *
 * @param name {@code sampled} for the posterior's sampled networks, else the method's own predictive
 *     (e.g. {@code meanvar}); result columns of the own predictive carry it as a suffix
 * @param epistemicStd NaN throughout when the predictive does not model it (first-moment propagation)
 */
public record RegressionPredictive(String name, double level, double[] mean, double[] std, double[] epistemicStd,
                                   double[] aleatoricStd, double[] lower, double[] upper) {
    /**
     * The number of input rows.
     *
     * @return the length of {@link #mean()}
     */
    public int size() {
        return mean.length;
    }
}
