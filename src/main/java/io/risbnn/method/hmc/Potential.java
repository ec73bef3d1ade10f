package io.risbnn.method.hmc;

/**
 * A potential energy U(θ) = −log π(θ) + const over a flat parameter vector, with its gradient: what the
 * sampler core needs, so it runs on an explicit density (tests) as on a network ({@link NetworkPotential}).
 */
@FunctionalInterface
public interface Potential {
    /**
     * U(θ); writes ∇U(θ) into {@code gradient} (same length as θ). May return NaN or ∞ (a divergence).
     *
     * @param theta the position
     * @param gradient receives ∇U(θ); overwritten
     * @return U(θ)
     */
    double valueAndGradient(double[] theta, double[] gradient);
}
