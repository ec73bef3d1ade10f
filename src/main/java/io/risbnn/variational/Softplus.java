package io.risbnn.variational;

import io.risbnn.tensor.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * The map s = softplus(ρ) between the unconstrained parameter ρ and the posterior standard deviation,
 * with a log that stays finite where softplus underflows in float32 (ρ below about −87).
 */
public final class Softplus {
    /** Below this ρ, softplus(ρ) = exp(ρ) to float32 precision, so log s = ρ. */
    private static final float LINEAR_LOG_REGION = -20f;

    private Softplus() {}

    /**
     * s = log(1 + exp(ρ)); PyTorch's kernel uses log1p and is exact for large |ρ|.
     *
     * @param rho ρ, any shape
     * @return softplus(ρ), differentiable, the shape of {@code rho}
     */
    public static NDArray apply(NDArray rho) {
        return rho.getNDArrayInternal().softPlus();
    }

    /**
     * log softplus(ρ), finite for every finite ρ (used by the KL and log-densities).
     *
     * @param rho ρ, any shape
     * @param s softplus(ρ) as already computed, the shape of {@code rho}
     * @return log s, with log s = ρ where ρ &lt; −20, the shape of {@code rho}
     */
    public static NDArray log(NDArray rho, NDArray s) {
        NDArray safe = Scalars.maximum(s, Float.MIN_NORMAL).log();
        return NDArrays.where(rho.lt(LINEAR_LOG_REGION), rho, safe);
    }

    /**
     * ρ = softplus⁻¹(s) = log(expm1(s)), computed in double for a scalar.
     *
     * @param s a standard deviation, &gt; 0
     * @return ρ with softplus(ρ) = s
     * @throws IllegalArgumentException if {@code s} is not positive
     */
    public static double inverse(double s) {
        if (!(s > 0)) {
            throw new IllegalArgumentException("softplus inverse needs s > 0, got " + s);
        }
        return s > 30 ? s + Math.log(-Math.expm1(-s)) : Math.log(Math.expm1(s));
    }

    /**
     * softplus for a scalar, in double.
     *
     * @param rho ρ
     * @return log(1 + e^ρ), without overflow for large ρ
     */
    public static double of(double rho) {
        return rho > 30 ? rho + Math.log1p(Math.exp(-rho)) : Math.log1p(Math.exp(rho));
    }
}
