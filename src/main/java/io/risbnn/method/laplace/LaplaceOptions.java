package io.risbnn.method.laplace;

/**
 * Options of the linearised Laplace / GLM predictive (Immer et al. 2021).
 *
 * @param structure last-layer (full covariance), diag or kfac (all layers)
 * @param link the classification predictive of the linearised network: probit or mc
 * @param priorPrecision marglik (maximise the Laplace evidence), grid (the δ of a log grid with the lowest NLL on the run's held-out --validation rows) or a
 *     positive number δ
 * @param linkSamples Monte Carlo draws of the linearised outputs for the mc link (not read yet: under mc the own
 *     predictive is the full-covariance {@code glm} Gaussian, whose E softmax evaluation draws itself)
 * @param curvatureExamples training examples the curvature is summed over (a seeded random subset, sums scaled
 *     by N/n); 0: all
 */
public record LaplaceOptions(String structure, String link, String priorPrecision, int linkSamples,
                             int curvatureExamples) {
    /**
     * Last-layer structure, probit link, δ by marginal likelihood, 100 link samples, all examples.
     *
     * @return the default options
     */
    public static LaplaceOptions defaults() {
        return new LaplaceOptions("last-layer", "probit", "marglik", 100, 0);
    }
}
