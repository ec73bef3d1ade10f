package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import io.risbnn.RisbnnException;
import java.util.Locale;

/**
 * Gaussian proposals r_t = N(τ, λ²) for the standardised pre-activation t = (a − m)/sd of a ReLU
 * unit with α = m/sd, from RIS-SPEC §5 (the table "Proposals for ReLU"). Every formula depends on α
 * only, so there is no Z ≈ 0 singularity. The exact forms (TILT, MM) are evaluated in float64.
 */
public enum RisProposal {
    /** τ = 0, λ = 1: plain MC with the same noise (spec T6). */
    NONE,
    /** The poster's Eq. 15, normalised: τ = 1/α for α > alphaMinTaylor, else MC. Ablation only. */
    TAYLOR,
    /** Exact exponential tilt τ* = Φ(α)/ψ(α), λ = 1. */
    TILT,
    /** τ = (√(α²+4) − α)/2, λ = 1: within 9 % of TILT's variance, no special functions. */
    TILT_APX,
    /** τ*, λ² = max(lam2Min, ατ* + 2φ/ψ − τ*²): the moment-matched proposal. */
    MM,
    /** TILT_APX's τ with λ² = max(lam2Min, 1 − 1/α²) for α > 0, lam2Min otherwise. The default. */
    MM_APX;

    /**
     * Clamp on |α| that keeps α² finite in float32. At 1e6, τ ≈ 1/α stays accurate for units that are
     * clearly on (a clamp at 1e4 left τ = 1e-4 and relative noise of ~1e-4/√M as s → 0).
     */
    private static final float ALPHA_CLAMP = 1e6f;
    /** Below α = −3 Φ/ψ is computed from the Mills ratio (no cancellation). */
    private static final double MILLS_BRANCH = -3.0;
    /** Beyond x = −α = 30 the variance uses its asymptotic series (the direct formula cancels). */
    private static final double ASYMPTOTIC_BRANCH = 30.0;

    /**
     * τ and λ for every element of α, no gradient, same shape and type as α.
     *
     * @param tau the proposal's mean τ on the standardised scale
     * @param lambda the proposal's standard deviation λ, &gt; 0
     */
    public record TauLambda(NDArray tau, NDArray lambda) {}

    /**
     * A proposal by CLI name.
     *
     * @param text {@code none}, {@code taylor}, {@code tilt}, {@code tilt-apx}, {@code mm} or {@code mm-apx};
     *     case-insensitive, {@code _} and {@code -} alike
     * @return the proposal
     * @throws RisbnnException if {@code text} names none of them
     */
    public static RisProposal parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new RisbnnException("--ris-proposal '" + text + "': expected one of none, taylor, tilt, tilt_apx, mm, mm_apx");
        }
    }

    /**
     * Whether τ and λ come from elementary closed forms, finite for every finite α (not TILT or MM).
     *
     * @return false for TILT and MM, which need Φ/ψ in float64
     */
    public boolean isClosedForm() {
        return this != TILT && this != MM;
    }

    /**
     * τ and λ of this proposal for standardised means α (clamped to ±1e6), without the guards and the
     * τ cap that {@link RisEstimator#proposal} adds.
     *
     * @param alpha α = m/sd, any shape; its gradient is not used
     * @param config supplies lam2Min (MM, MM_APX) and alphaMinTaylor (TAYLOR)
     * @return τ and λ, the shape and type of {@code alpha}
     */
    public TauLambda compute(NDArray alpha, RisConfig config) {
        NDArray a = alpha.stopGradient().clip(-ALPHA_CLAMP, ALPHA_CLAMP);
        NDArray one = a.onesLike();
        switch (this) {
            case NONE:
                return new TauLambda(a.zerosLike(), one);
            case TAYLOR: {
                NDArray on = a.gt(config.alphaMinTaylor());
                NDArray inv = NDArrays.where(on, a, one).pow(-1);
                return new TauLambda(NDArrays.where(on, inv, a.zerosLike()), one);
            }
            case TILT_APX:
                return new TauLambda(tauApprox(a), one);
            case MM_APX: {
                // for α ≤ 0, 1 − 1/max(α, 1e-6)² = 1 − 10¹² is below the floor, so no branch is needed
                NDArray lam2 = one.sub(one.div(a.maximum(1e-6f).square())).maximum(config.lam2Min());
                return new TauLambda(tauApprox(a), lam2.sqrt());
            }
            case TILT:
            case MM: {
                NDArray[] exact = exactTilt(a);
                NDArray tau = exact[0].toType(a.getDataType(), false);
                if (this == TILT) {
                    return new TauLambda(tau, one);
                }
                NDArray lam2 = exact[1].toType(a.getDataType(), false).maximum(config.lam2Min());
                return new TauLambda(tau, lam2.sqrt());
            }
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * (√(α²+4) − α)/2, written as 2/(√(α²+4) + α) for α ≥ 0 to avoid cancellation. Reciprocals are
     * divisions: DJL's pow(−1) runs PyTorch's general tensor-exponent pow (SLEEF powf), several times
     * slower.
     */
    static NDArray tauApprox(NDArray a) {
        NDArray root = a.square().add(4).sqrt();
        NDArray forNegative = root.sub(a).div(2);
        NDArray halfSum = root.add(a).muli(0.5f);
        NDArray forPositive = halfSum.onesLike().divi(halfSum);
        return NDArrays.where(a.gte(0), forPositive, forNegative);
    }

    /**
     * Mean τ* = Φ/ψ and variance ατ* + 2φ/ψ − τ*² of t under r* ∝ relu(α + t)·φ(t), in float64.
     * For α < −3 with x = −α: Φ(α) = φ(α)R(x) and ψ(α) = φ(α)(1 − xR), so τ* = R/g and φ/ψ = 1/g with
     * g = 1 − xR; beyond x = 30 the variance uses 2/x² − 18/x⁴ + 210/x⁶.
     */
    static NDArray[] exactTilt(NDArray alpha) {
        NDArray a = alpha.toType(DataType.FLOAT64, false);
        NDArray pdf = GaussianFunctions.pdf(a);
        NDArray cdf = GaussianFunctions.cdf(a);
        NDArray psi = pdf.add(a.mul(cdf)).maximum(1e-300);
        NDArray tauDirect = cdf.div(psi);
        NDArray phiOverPsiDirect = pdf.div(psi);

        NDArray x = a.neg().maximum(-MILLS_BRANCH);
        NDArray mills = GaussianFunctions.millsRatio(x);
        NDArray g = x.mul(mills).neg().add(1).maximum(1e-300);
        NDArray tauTail = mills.div(g);
        NDArray phiOverPsiTail = g.pow(-1);

        NDArray tail = a.lt(MILLS_BRANCH);
        NDArray tau = NDArrays.where(tail, tauTail, tauDirect);
        NDArray phiOverPsi = NDArrays.where(tail, phiOverPsiTail, phiOverPsiDirect);
        NDArray variance = a.mul(tau).add(phiOverPsi.mul(2)).sub(tau.square());

        NDArray x2 = x.square().pow(-1);
        NDArray asymptotic = x2.mul(2).sub(x2.square().mul(18)).add(x2.pow(3).mul(210));
        variance = NDArrays.where(a.lt(-ASYMPTOTIC_BRANCH), asymptotic, variance).maximum(1e-300);
        return new NDArray[] {tau, variance};
    }
}
