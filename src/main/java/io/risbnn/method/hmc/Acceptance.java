package io.risbnn.method.hmc;

/**
 * The log Metropolis–Hastings ratio of a leapfrog proposal (θ, p) → (θ', p'): the leapfrog map is
 * volume-preserving and, with the momentum flipped, its own inverse, so the ratio is exp(H − H') with
 * H = U + ½pᵀp. An interface only so a test can inject a wrong ratio and see the distribution test fail.
 */
@FunctionalInterface
public interface Acceptance {
    /** The correct ratio: log α = (U + K) − (U' + K'). */
    Acceptance METROPOLIS = (u, k, uNew, kNew) -> (u + k) - (uNew + kNew);

    /**
     * log α from the potential and kinetic energies before ({@code u}, {@code k}) and after the trajectory.
     *
     * @param u U(θ) at the start
     * @param k K(p) at the start
     * @param uNew U at the end of the trajectory (may be non-finite after a divergence)
     * @param kNew K at the end of the trajectory
     * @return the log acceptance ratio (Metropolis: u + k − uNew − kNew; the test accepts with probability min(1, e^ratio))
     */
    double logRatio(double u, double k, double uNew, double kNew);
}
