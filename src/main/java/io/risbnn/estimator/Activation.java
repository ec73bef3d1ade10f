package io.risbnn.estimator;

import io.risbnn.tensor.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * The nonlinearity δ fused into a variational layer. Estimators of the first moment need it (they
 * estimate E[δ(a)], not E[a]); the RIS proposals of RIS-SPEC §5 are derived for ReLU only.
 */
public enum Activation {
    RELU,
    NONE;

    private static final float TAIL_LIMIT = 12f;

    public NDArray apply(NDArray preActivation) {
        return this == RELU ? preActivation.getNDArrayInternal().relu() : preActivation;
    }

    /**
     * E[δ(a)] for a ~ N(m, sd²) in closed form: m for NONE, sd·ψ(m/sd) for ReLU with
     * ψ(α) = φ(α) + αΦ(α); autograd gives ∂/∂m = Φ(α) and ∂/∂v = φ(α)/(2sd). It stays in the input's
     * type because DJL's type casts cut the autograd graph. Below α = −3 the direct form cancels, so
     * ψ = φ(α)·(1 − xR(x)) with x = −α and R the Mills ratio.
     */
    public NDArray mean(NDArray m, NDArray sd) {
        if (this == NONE) {
            return m;
        }
        NDArray alpha = m.div(sd);
        // φ and the Mills ratio only ever see |α| ≤ 12: beyond, φ(α) < 1e-31 is negligible, and the
        // clamp keeps float32 out of denormals (100× slower arithmetic) and away from inf·0 in backward.
        NDArray clamped = alpha.clip(-TAIL_LIMIT, TAIL_LIMIT);
        NDArray pdf = GaussianFunctions.pdf(clamped);
        NDArray direct = pdf.add(alpha.mul(GaussianFunctions.cdf(clamped)));
        NDArray x = alpha.neg().clip(3f, TAIL_LIMIT);
        NDArray tail = pdf.mul(x.mul(GaussianFunctions.millsRatio(x)).neg().add(1));
        NDArray psi = Scalars.maximum(NDArrays.where(alpha.lt(-3f), tail, direct), 0);
        return sd.mul(psi);
    }
}
