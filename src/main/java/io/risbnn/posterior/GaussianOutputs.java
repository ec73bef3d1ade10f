package io.risbnn.posterior;

/**
 * A deterministic predictive over network outputs: Gaussians N(mean, variance) per input and output
 * ({@code variance} all zero for a point prediction such as first-moment propagation), optionally
 * with the full covariance between one input's outputs (a linearised network's logits are correlated).
 *
 * @param name how result columns are suffixed, e.g. {@code meanvar}, {@code moment}, {@code glm}
 * @param mean [N][out]
 * @param variance [N][out], the diagonal of {@code covariance} when that is given
 * @param hasEpistemicPart false when the method does not model the outputs' variance (first moments
 *     only): its epistemic part is then reported as absent, not as zero certainty
 * @param covariance [N][out][out], or null when the outputs are independent
 */
public record GaussianOutputs(String name, double[][] mean, double[][] variance, boolean hasEpistemicPart,
                              double[][][] covariance) {
    /**
     * Independent outputs (no covariance).
     *
     * @param name how result columns are suffixed
     * @param mean [N][out]
     * @param variance [N][out]
     * @param hasEpistemicPart whether the method models the outputs' variance
     */
    public GaussianOutputs(String name, double[][] mean, double[][] variance, boolean hasEpistemicPart) {
        this(name, mean, variance, hasEpistemicPart, null);
    }

    /**
     * A point prediction: variance zero, no epistemic part.
     *
     * @param name how result columns are suffixed, e.g. {@code moment}
     * @param mean [N][out]
     * @return the predictive with a zero variance of the same shape
     */
    public static GaussianOutputs point(String name, double[][] mean) {
        double[][] zero = new double[mean.length][mean.length == 0 ? 0 : mean[0].length];
        return new GaussianOutputs(name, mean, zero, false);
    }
}
