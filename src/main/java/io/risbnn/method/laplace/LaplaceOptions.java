package io.risbnn.method.laplace;

/**
 * Options of the linearised Laplace / GLM predictive (Immer et al. 2021).
 *
 * @param structure last-layer (full covariance), diag or kfac (all layers)
 * @param link the classification predictive of the linearised network: probit or mc
 * @param priorPrecision marglik (maximise the marginal likelihood), grid (validation grid) or a number
 * @param linkSamples Monte Carlo draws of the linearised outputs for the mc link
 * @param curvatureExamples training examples the curvature is summed over; 0: all
 */
public record LaplaceOptions(String structure, String link, String priorPrecision, int linkSamples,
                             int curvatureExamples) {
    public static LaplaceOptions defaults() {
        return new LaplaceOptions("last-layer", "probit", "marglik", 100, 0);
    }
}
