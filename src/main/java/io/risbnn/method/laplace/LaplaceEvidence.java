package io.risbnn.method.laplace;

/**
 * The Laplace approximation of the log marginal likelihood as a function of an isotropic prior
 * precision δ (MacKay 1992; Immer et al. 2021, eq. 6; Daxberger et al. 2021):
 * <pre>
 *   log p(D | δ) ≈ log p(D | θ*) + log p(θ* | δ) + (P/2) log 2π − ½ log det(H + δI)
 *                = log p(D | θ*) − (δ/2)‖θ*‖² + (P/2) log δ − ½ Σ_i log(λ_i + δ)
 * </pre>
 * with p(θ | δ) = N(0, δ⁻¹I) and λ_i the eigenvalues of the Gauss–Newton H of the P parameters the
 * posterior covers. Its derivative −½‖θ*‖² + ½ Σ_i λ_i/(δ(λ_i + δ)) decreases in δ, so the maximiser is
 * unique and found by bisection in log δ: there δ = γ/‖θ*‖², γ = Σ λ_i/(λ_i + δ), MacKay's update.
 * For a linear-Gaussian model, with θ* the MAP under δ, the formula is the exact evidence.
 */
public final class LaplaceEvidence {
    /** The search range of δ. */
    public static final double MIN_PRECISION = 1e-8;
    /** The upper end of the search range of δ. */
    public static final double MAX_PRECISION = 1e8;

    private final double logLikelihood;
    private final double squaredNorm;
    private final double[] eigenvalues;

    /**
     * @param logLikelihood log p(D | θ*), summed over the training examples
     * @param squaredNorm ‖θ*‖² over the parameters the posterior covers
     * @param eigenvalues the Gauss–Newton's eigenvalues (negative round-off is clamped to 0)
     */
    public LaplaceEvidence(double logLikelihood, double squaredNorm, double[] eigenvalues) {
        this.logLikelihood = logLikelihood;
        this.squaredNorm = squaredNorm;
        this.eigenvalues = eigenvalues.clone();
        for (int i = 0; i < this.eigenvalues.length; i++) {
            this.eigenvalues[i] = Math.max(0, this.eigenvalues[i]);
        }
    }

    /**
     * log p(D | δ) under the Laplace approximation.
     *
     * @param delta δ, &gt; 0
     * @return the approximate log evidence, in the second form of the class comment
     */
    public double logMarginal(double delta) {
        double sum = logLikelihood - 0.5 * delta * squaredNorm + 0.5 * eigenvalues.length * Math.log(delta);
        for (double l : eigenvalues) {
            sum -= 0.5 * Math.log(l + delta);
        }
        return sum;
    }

    /** d log p(D | δ) / dδ. */
    double slope(double delta) {
        double sum = -0.5 * squaredNorm;
        for (double l : eigenvalues) {
            sum += 0.5 * l / (delta * (l + delta));
        }
        return sum;
    }

    /**
     * The δ in [{@value #MIN_PRECISION}, {@value #MAX_PRECISION}] that maximises {@link #logMarginal}.
     *
     * @return the maximiser, found by bisection in log δ
     */
    public double maximiser() {
        double lo = Math.log(MIN_PRECISION);
        double hi = Math.log(MAX_PRECISION);
        if (slope(Math.exp(lo)) <= 0) {
            return MIN_PRECISION;
        }
        if (slope(Math.exp(hi)) >= 0) {
            return MAX_PRECISION;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12; i++) {
            double mid = 0.5 * (lo + hi);
            if (slope(Math.exp(mid)) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }
}
