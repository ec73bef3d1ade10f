package io.risbnn.method.vogn;

import io.risbnn.RisbnnException;

/**
 * Options of VOGN (Osawa et al. 2019, "Practical deep learning with Bayesian principles"), defaults from
 * the authors' CIFAR-10 configurations (team-approx-bayes/dl-with-bayes): momentum 0.9, curvature moving
 * average 0.999, damping 1e-3, KL weighting 1, data-set-size scale 1 (they use 10 with data augmentation).
 * The learning rate, the prior variance, M and the schedule are the run's {@code --lr}, {@code --prior},
 * {@code --samples} and {@code --lr-schedule}.
 *
 * @param momentum       β₁ of the gradient's moving average m ← β₁m + (1 − β₁)(ĝ + δ̃μ), in [0, 1)
 * @param curvatureDecay β₂ of the curvature's moving average s ← β₂s + (1 − β₂)ĥ, in [0, 1)
 * @param damping        γ added to s in the preconditioner and the posterior precision, ≥ 0
 * @param klWeight       τ, the KL weighting (tempering): posterior precision N(s + γ)/τ + 1/σ_p², > 0
 * @param dataScale      multiplies the training-set size N in the posterior's precision (the authors'
 *                       data-set-size scale for augmented data), > 0
 */
public record VognOptions(double momentum, double curvatureDecay, double damping, double klWeight, double dataScale) {
    /**
     * The authors' CIFAR-10 settings: momentum 0.9, curvature decay 0.999, damping 1e-3, KL weight 1, data scale 1.
     *
     * @return the default options
     */
    public static VognOptions defaults() {
        return new VognOptions(0.9, 0.999, 1e-3, 1, 1);
    }

    /**
     * Refuses options the method could not use, naming the CLI option.
     *
     * @param momentum β₁, in [0, 1)
     * @param curvatureDecay β₂, in [0, 1)
     * @param damping γ, ≥ 0
     * @param klWeight τ, &gt; 0
     * @param dataScale the data-set-size scale, &gt; 0
     * @throws RisbnnException if a value is out of range
     */
    public VognOptions {
        requireUnitInterval("--vogn-momentum", momentum);
        requireUnitInterval("--vogn-curvature-decay", curvatureDecay);
        if (!(damping >= 0 && Double.isFinite(damping))) {
            throw new RisbnnException("--vogn-damping " + damping + ": expected a finite number >= 0");
        }
        requirePositive("--vogn-kl-weight", klWeight);
        requirePositive("--vogn-data-scale", dataScale);
    }

    private static void requireUnitInterval(String option, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new RisbnnException(option + " " + value + ": expected a number in [0, 1)");
        }
    }

    private static void requirePositive(String option, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new RisbnnException(option + " " + value + ": expected a finite number > 0");
        }
    }
}
