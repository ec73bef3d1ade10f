package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The nonlinearity δ fused into a variational layer. Estimators of the first moment need it (they
 * estimate E[δ(a)], not E[a]); the RIS proposals of RIS-SPEC §5 are derived for ReLU only.
 */
public enum Activation {
    RELU,
    NONE;

    public NDArray apply(NDArray preActivation) {
        return this == RELU ? preActivation.getNDArrayInternal().relu() : preActivation;
    }

    /**
     * E[δ(a)] for a ~ N(m, sd²) in closed form: m for NONE, sd·ψ(m/sd) for ReLU with
     * ψ(α) = φ(α) + αΦ(α). Computed in float64 so Φ keeps its precision for α down to about −8 and
     * underflows to 0 (never NaN) beyond; autograd gives ∂/∂m = Φ(α), ∂/∂v = φ(α)/(2sd).
     */
    public NDArray mean(NDArray m, NDArray sd) {
        if (this == NONE) {
            return m;
        }
        DataType type = m.getDataType();
        NDArray m64 = m.toType(DataType.FLOAT64, false);
        NDArray sd64 = sd.toType(DataType.FLOAT64, false);
        NDArray alpha = m64.div(sd64);
        NDArray psi = GaussianFunctions.pdf(alpha).add(alpha.mul(GaussianFunctions.cdf(alpha)));
        return sd64.mul(psi).toType(type, false);
    }
}
