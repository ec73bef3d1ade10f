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

    /** log α from the potential and kinetic energies before ({@code u}, {@code k}) and after the trajectory. */
    double logRatio(double u, double k, double uNew, double kNew);
}
