package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;

/**
 * Gaussian proposals N(τ₂, λ₂²) for t = (a − m)/sd when estimating E relu(a)² of a ReLU unit with
 * α = m/sd: the second-moment counterpart of {@link RisProposal}. The optimal proposal is
 * r₂* ∝ (α + t)₊²·φ(t). With S₂(α) = E(α + t)₊² = (α² + 1)Φ(α) + αφ(α), Stein's lemma
 * (E[t g] = E g', E[t² g] = E g + E g'') gives its mean τ₂* = 2ψ(α)/S₂ and E_{r₂*}[t²] = 1 + 2Φ/S₂, so
 * λ₂*² = 1 + 2Φ/S₂ − τ₂*² (checked against quadrature in the tests).
 *
 * <p>Finite variance: the importance-sampling second moment is ∫ φ²/r · g² dt with
 * φ²/r ∝ exp(−t²(1 − 1/(2λ²)) − tτ/λ²), finite for a polynomial g iff λ² > 1/2 — the same condition as
 * for the first moment (a one-sided g such as relu² with τ > 0 is also finite at λ² = 1/2 exactly). The
 * faster growth of f² ~ a² changes only the constant: at τ = 0 it diverges like (2λ² − 1)^(−5/2) instead
 * of ^(−3/2) as λ² → 1/2 (measured in RisSecondMomentTest). The floor lam2Min (0.8) is kept:
 * λ₂*² < 0.8 for every α ≲ 3 (0.45 at α = 0).
 */
final class RisSecondMoment {
    /** As {@link RisProposal}: keeps α² finite in float32. */
    private static final float ALPHA_CLAMP = 1e6f;
    /** Below this the closed form cancels in float32 and the √ form is used (variance within 2 % of exact). */
    private static final float DIRECT_BRANCH = -3f;
    /** Beyond x = −α = 30 the exact form uses τ₂ = x + 3/x − 12/x³, λ₂² = 3/x² (τ is capped at tauMax anyway). */
    private static final double ASYMPTOTIC_BRANCH = 30.0;

    private RisSecondMoment() {}

    /**
     * τ₂, λ₂ for the proposal family chosen for the first moment: NONE → (0, 1); TAYLOR → τ = 2α/(α² + 1)
     * (the tilt of a² ≈ relu²) above alphaMinTaylor, else MC; TILT/MM → the exact τ₂* (in float64), with
     * λ = 1 or λ₂*² ≥ lam2Min; TILT_APX/MM_APX → the float32 closed form {@link #closedForm} (exact for
     * α ≥ −3, the √ form below), with λ = 1 or λ₂² ≥ lam2Min. No tauMax cap or guards here.
     */
    static RisProposal.TauLambda compute(RisProposal proposal, NDArray alpha, RisConfig config) {
        NDArray a = alpha.stopGradient().clip(-ALPHA_CLAMP, ALPHA_CLAMP);
        NDArray one = a.onesLike();
        switch (proposal) {
            case NONE:
                return new RisProposal.TauLambda(a.zerosLike(), one);
            case TAYLOR: {
                NDArray on = a.gt(config.alphaMinTaylor());
                NDArray tau = a.mul(2).div(a.square().add(1));
                return new RisProposal.TauLambda(NDArrays.where(on, tau, a.zerosLike()), one);
            }
            case TILT:
            case MM: {
                NDArray[] exact = exact(a);
                NDArray tau = exact[0].toType(a.getDataType(), false);
                if (proposal == RisProposal.TILT) {
                    return new RisProposal.TauLambda(tau, one);
                }
                return new RisProposal.TauLambda(tau, exact[1].toType(a.getDataType(), false).maximum(config.lam2Min()).sqrt());
            }
            case TILT_APX:
            case MM_APX: {
                NDArray[] cf = closedForm(a, config.lam2Min());
                return new RisProposal.TauLambda(cf[0], proposal == RisProposal.TILT_APX ? one : cf[1].sqrt());
            }
            default:
                throw new IllegalStateException(proposal.name());
        }
    }

    /**
     * {τ₂, λ₂²} in α's type: the exact Stein forms for α ≥ −3 (one erf and one exp; no cancellation
     * worth a digit above −3), and below τ₂ = (√(α² + 8) − α)/2 with λ₂² = lam2Min, where the floor is
     * binding anyway (λ₂*² ≤ 0.17). λ₂² is floored at lam2Min. The all-√ alternative
     * (√ form for every α, λ₂² = max(lam2Min, 1 − 2/α²)) costs 1.1–3.1× the exact proposal's variance
     * for α ∈ [0, 20]; this one costs ≤ 1.02× (measured by quadrature).
     */
    static NDArray[] closedForm(NDArray a, double lam2Min) {
        NDArray ad = a.maximum(DIRECT_BRANCH);
        NDArray pdf = GaussianFunctions.pdf(ad);
        NDArray cdf = GaussianFunctions.cdf(ad);
        NDArray psi = pdf.add(ad.mul(cdf));
        NDArray s2 = ad.square().add(1).mul(cdf).add(ad.mul(pdf));
        NDArray tauDirect = psi.mul(2).div(s2);
        NDArray lam2Direct = cdf.mul(2).div(s2).add(1).sub(tauDirect.square());
        NDArray direct = a.gte(DIRECT_BRANCH);
        NDArray tau = NDArrays.where(direct, tauDirect, tauApprox(a));
        NDArray lam2 = NDArrays.where(direct, lam2Direct, a.zerosLike()).maximum(lam2Min);
        return new NDArray[] {tau, lam2};
    }

    /** (√(α² + 8) − α)/2, as 4/(√(α² + 8) + α) for α ≥ 0: limits 2/α and |α| + 2/|α|. */
    static NDArray tauApprox(NDArray a) {
        NDArray root = a.square().add(8).sqrt();
        NDArray forNegative = root.sub(a).div(2);
        NDArray forPositive = root.add(a).onesLike().mul(4).div(root.add(a));
        return NDArrays.where(a.gte(0), forPositive, forNegative);
    }

    /**
     * {τ₂*, λ₂*²} in float64 (no floor). For α < −3 with x = −α and the Mills ratio R: Φ = φR,
     * ψ = φ(1 − xR), S₂ = φ((x² + 1)R − x), so φ cancels; beyond x = 30 the asymptotic series (the
     * proposal is then a Gamma(3, x) shape above the kink).
     */
    static NDArray[] exact(NDArray alpha) {
        NDArray a = alpha.toType(DataType.FLOAT64, false);
        NDArray pdf = GaussianFunctions.pdf(a);
        NDArray cdf = GaussianFunctions.cdf(a);
        NDArray psi = pdf.add(a.mul(cdf));
        NDArray s2 = a.square().add(1).mul(cdf).add(a.mul(pdf)).maximum(1e-300);
        NDArray tauDirect = psi.mul(2).div(s2);
        NDArray secondDirect = cdf.mul(2).div(s2).add(1);

        NDArray x = a.neg().maximum(3.0);
        NDArray mills = GaussianFunctions.millsRatio(x);
        NDArray s2Tail = x.square().add(1).mul(mills).sub(x).maximum(1e-300);
        NDArray tauTail = x.mul(mills).neg().add(1).mul(2).div(s2Tail);
        NDArray secondTail = mills.mul(2).div(s2Tail).add(1);

        NDArray tail = a.lt(-3.0);
        NDArray tau = NDArrays.where(tail, tauTail, tauDirect);
        NDArray lam2 = NDArrays.where(tail, secondTail, secondDirect).sub(tau.square());

        NDArray far = a.lt(-ASYMPTOTIC_BRANCH);
        NDArray inv = x.onesLike().div(x);
        NDArray tauFar = x.add(inv.mul(3)).sub(inv.pow(3).mul(12));
        NDArray lam2Far = inv.square().mul(3);
        tau = NDArrays.where(far, tauFar, tau);
        lam2 = NDArrays.where(far, lam2Far, lam2).maximum(1e-300);
        return new NDArray[] {tau, lam2};
    }
}
