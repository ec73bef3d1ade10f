package io.risbnn.estimator;

import io.risbnn.RisbnnException;
import java.util.Locale;

/**
 * Options of the RIS estimator (RIS-SPEC §5). Defaults: pre-activation space, MM_APX proposal,
 * HYBRID gradient, λ² ≥ 0.8 (finite fourth moment of the weights), τ ≤ 8, no self-normalisation.
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

        /** The CLI spelling: pathwise, hybrid, hybrid-independent. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public boolean isHybrid() {
            return this != PATHWISE;
        }

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

        public static Space parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RisbnnException("--ris-space '" + text + "': expected preact or weight");
            }
        }
    }

    public RisConfig {
        if (!(lam2Min > 0.5)) {
            throw new RisbnnException("--ris-lam2-min " + lam2Min + ": expected a number > 0.5 (the IS variance is infinite for λ² ≤ 1/2)");
        }
        if (!(tauMax > 0)) {
            throw new RisbnnException("--ris-tau-max " + tauMax + ": expected a positive number");
        }
    }

    public static RisConfig defaults() {
        return new RisConfig(RisProposal.MM_APX, Gradient.HYBRID, Space.PREACT, 0.8, 8.0, 1.0, false);
    }

    public RisConfig withProposal(RisProposal p) {
        return new RisConfig(p, gradient, space, lam2Min, tauMax, alphaMinTaylor, selfNormalize);
    }

    public RisConfig withGradient(Gradient g) {
        return new RisConfig(proposal, g, space, lam2Min, tauMax, alphaMinTaylor, selfNormalize);
    }

    public RisConfig withSpace(Space s) {
        return new RisConfig(proposal, gradient, s, lam2Min, tauMax, alphaMinTaylor, selfNormalize);
    }

    public RisConfig withSelfNormalize(boolean sn) {
        return new RisConfig(proposal, gradient, space, lam2Min, tauMax, alphaMinTaylor, sn);
    }
}
