package io.risbnn.predict;

/**
 * A method's own predictive over network outputs: independent Gaussians N(mean, variance) per input
 * and output ({@code variance} all zero for a point prediction such as first-moment propagation).
 *
 * @param name how result columns are suffixed, e.g. {@code meanvar} or {@code moment}
 * @param mean [N][out]
 * @param variance [N][out]
 * @param hasEpistemicPart false when the method does not model the outputs' variance (first moments
 *     only): its epistemic part is then reported as absent, not as zero certainty
 */
public record GaussianOutputs(String name, double[][] mean, double[][] variance, boolean hasEpistemicPart) {}
