package io.risbnn.method.adversarial;

import io.risbnn.RisbnnException;

/**
 * Options of Adversarial Sampling (Zhang et al., AAAI 2022), with the defaults of the authors' code
 * (AISIGSJTU/AS): {@code --ratio} λ = 0.8, 5 ascent iterations, step α = 0.02.
 *
 * @param lambda   λ in the loss (1 − λ)·ELBO + λ·NLL(ε_adv), in [0, 1]; 0 is plain mean-field VI
 * @param steps    signed-gradient ascent steps from ε ~ N(0, I) to ε_adv, at least 0
 * @param stepSize α of each step ε ← ε + α·sign(∇_ε NLL), finite and at least 0
 */
public record AdversarialOptions(double lambda, int steps, double stepSize) {
    /**
     * The authors' settings: λ = 0.8, 5 steps, α = 0.02.
     *
     * @return the default options
     */
    public static AdversarialOptions defaults() {
        return new AdversarialOptions(0.8, 5, 0.02);
    }

    /**
     * Refuses options the method could not use, naming the CLI option.
     *
     * @param lambda λ, in [0, 1]
     * @param steps ascent steps, ≥ 0
     * @param stepSize α, finite and ≥ 0
     * @throws RisbnnException if a value is out of range
     */
    public AdversarialOptions {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new RisbnnException("--as-lambda " + lambda + ": expected a number in [0, 1]");
        }
        if (steps < 0) {
            throw new RisbnnException("--as-steps " + steps + ": expected an integer >= 0");
        }
        if (!(stepSize >= 0 && Double.isFinite(stepSize))) {
            throw new RisbnnException("--as-step-size " + stepSize + ": expected a finite number >= 0");
        }
    }
}
