package io.risbnn.estimator;

import io.risbnn.RisbnnException;
import java.util.Locale;

/**
 * Options of the RIS estimator (RIS-SPEC §5). Defaults: pre-activation space, MM_APX proposal,
 * HYBRID gradient, λ² ≥ 0.8 (finite fourth moment of the weights), τ ≤ 8, no self-normalisation.
 *
 * @param proposal the ReLU proposal family (other activations use Gauss–Hermite tilts)
 * @param gradient how gradients reach μ and ρ
 * @param space where the proposal lives; {@link Space#WEIGHT} is a dense-only reference
 * @param lam2Min the floor on λ² of the variance-adapting proposals, &gt; 0.5 (the IS variance is infinite below)
 * @param tauMax the cap on the proposal's mean shift τ, &gt; 0
 * @param alphaMinTaylor the α above which {@link RisProposal#TAYLOR} shifts (τ = 1/α); plain MC below
 * @param selfNormalize divide by Σ γ instead of M (biased; ablation only)
 */
public record RisConfig(
        RisProposal proposal,
        Gradient gradient,
        Space space,
        double lam2Min,
        double tauMax,
        double alphaMinTaylor,
        boolean selfNormalize) {

    /** How gradients reach μ and ρ. */
    public enum Gradient {
        /** Differentiate the importance-weighted estimate itself (γ constant, ε fixed). */
        PATHWISE,
        /**
         * Value from RIS, local Jacobian from an MC draw with the same noise ξ (lower gradient variance
         * than PATHWISE). Reusing ξ saves one [M, …] normal draw per layer, about a quarter of a
         * ResNet-20 RIS step; loss and gradient variances matched HYBRID_INDEPENDENT in T10 (measured,
         * see the README).
         */
        HYBRID,
        /** As HYBRID with an independent MC draw for the Jacobian: the form RIS-SPEC §5 writes. */
        HYBRID_INDEPENDENT;

        /**
         * The CLI spelling: pathwise, hybrid, hybrid-independent.
         *
         * @return the lower-case, hyphenated name
         */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * Whether the gradient comes from an MC draw rather than from the weighted estimate.
         *
         * @return true for HYBRID and HYBRID_INDEPENDENT
         */
        public boolean isHybrid() {
            return this != PATHWISE;
        }

        /**
         * The gradient form by CLI name.
         *
         * @param text {@code pathwise}, {@code hybrid} or {@code hybrid-independent}; case-insensitive
         * @return the gradient form
         * @throws RisbnnException if {@code text} names none
         */
        public static Gradient parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new RisbnnException("--ris-gradient '" + text + "': expected pathwise, hybrid or hybrid-independent");
            }
        }
    }

    /** Where the proposal lives. */
    public enum Space {
        /** Standardised pre-activation (the product's form). */
        PREACT,
        /** The poster's w = μ + s·ε with shifted ε, per example and unit; a dense-only reference. */
        WEIGHT;

        /**
         * The space by CLI name.
         *
         * @param text {@code preact} or {@code weight}; case-insensitive
         * @return the space
         * @throws RisbnnException if {@code text} names neither
         */
        public static Space parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RisbnnException("--ris-space '" + text + "': expected preact or weight");
            }
        }
    }

    /**
     * Validates the guards.
     *
     * @param proposal the ReLU proposal family
     * @param gradient how gradients reach μ and ρ
     * @param space where the proposal lives
     * @param lam2Min the floor on λ², &gt; 0.5
     * @param tauMax the cap on τ, &gt; 0
     * @param alphaMinTaylor the α above which TAYLOR shifts
     * @param selfNormalize divide by Σ γ instead of M
     * @throws RisbnnException if {@code lam2Min} ≤ 0.5 or {@code tauMax} ≤ 0 (or either is NaN)
     */
    public RisConfig {
        if (!(lam2Min > 0.5)) {
            throw new RisbnnException("--ris-lam2-min " + lam2Min + ": expected a number > 0.5 (the IS variance is infinite for λ² ≤ 1/2)");
        }
        if (!(tauMax > 0)) {
            throw new RisbnnException("--ris-tau-max " + tauMax + ": expected a positive number");
        }
    }

    /**
     * The defaults: MM_APX, HYBRID, PREACT, λ² ≥ 0.8, τ ≤ 8, alphaMinTaylor = 1, no self-normalisation.
     *
     * @return the default configuration
     */
    public static RisConfig defaults() {
        return new RisConfig(RisProposal.MM_APX, Gradient.HYBRID, Space.PREACT, 0.8, 8.0, 1.0, false);
    }

    /**
     * A copy with another proposal.
     *
     * @param p the ReLU proposal family
     * @return this configuration with {@code proposal = p}
     */
    public RisConfig withProposal(RisProposal p) {
        return new RisConfig(p, gradient, space, lam2Min, tauMax, alphaMinTaylor, selfNormalize);
    }

    /**
     * A copy with another gradient form.
     *
     * @param g how gradients reach μ and ρ
     * @return this configuration with {@code gradient = g}
     */
    public RisConfig withGradient(Gradient g) {
        return new RisConfig(proposal, g, space, lam2Min, tauMax, alphaMinTaylor, selfNormalize);
    }

    /**
     * A copy with another proposal space.
     *
     * @param s pre-activation or (dense-only) weight space
     * @return this configuration with {@code space = s}
     */
    public RisConfig withSpace(Space s) {
        return new RisConfig(proposal, gradient, s, lam2Min, tauMax, alphaMinTaylor, selfNormalize);
    }

    /**
     * A copy with self-normalisation switched on or off.
     *
     * @param sn true to divide by Σ γ (biased; ablation only)
     * @return this configuration with {@code selfNormalize = sn}
     */
    public RisConfig withSelfNormalize(boolean sn) {
        return new RisConfig(proposal, gradient, space, lam2Min, tauMax, alphaMinTaylor, sn);
    }
}
