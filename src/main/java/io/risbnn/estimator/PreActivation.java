package io.risbnn.estimator;

import io.risbnn.tensor.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.risbnn.variational.GaussianPosterior;

/**
 * The Gaussian marginal of every pre-activation a = W ⋆ z + b under q for a deterministic input z:
 * mean m = z ⋆ μ + μ_b and variance v = z² ⋆ s² + s_b² (local reparameterisation).
 *
 * @param m mean
 * @param v variance
 * @param sd √v, clamped away from 0 so its gradient stays finite
 * @param live where sd > 1e-6·(1 + |m|); elsewhere the unit is deterministic and δ(m) is exact
 */
public record PreActivation(NDArray m, NDArray v, NDArray sd, NDArray live) {
    /** v below this is treated as 0; keeps √v differentiable (float32 normal range). */
    private static final float MIN_VARIANCE = 1e-30f;

    /**
     * The marginal of a layer's pre-activations for a deterministic input batch (MOMENT, and the
     * local reparameterisation of LRT): m = z ⋆ μ + μ_b, v = z² ⋆ s² + s_b².
     *
     * @param layer the layer, whose posteriors give μ and s
     * @param input the deterministic input batch [B, …]
     * @return the marginal, m and v of shape [B, k, …]
     */
    public static PreActivation of(VariationalLayerView layer, NDArray input) {
        LinearMap map = layer.linearMap();
        GaussianPosterior w = layer.weight();
        NDArray s = w.sigma();
        NDArray m = map.apply(input, w.mu());
        NDArray v = map.apply(input.square(), s.square());
        GaussianPosterior b = layer.bias();
        if (b != null) {
            m = map.addBias(m, b.mu());
            v = map.addBias(v, b.sigma().square());
        }
        return fromMoments(m, v);
    }

    /**
     * The marginal of a = W ⋆ z + b when the input z is itself random with independent units of mean
     * μ_z and variance v_z, independent of W (MOMENTS.md §3): m = μ_W ⋆ μ_z + μ_b and
     * v = μ_W² ⋆ v_z + s_W² ⋆ (μ_z² + v_z) + s_b², three products (convolutions) per layer.
     *
     * @param layer the layer, whose posteriors give μ and s
     * @param input the input's means and variances [B, …]
     * @return the marginal, m and v of shape [B, k, …]
     */
    public static PreActivation ofMeanVar(VariationalLayerView layer, MeanVar input) {
        LinearMap map = layer.linearMap();
        GaussianPosterior w = layer.weight();
        NDArray mu = w.mu();
        NDArray zm = input.mean();
        NDArray zv = input.variance();
        NDArray m = map.apply(zm, mu);
        NDArray v = map.apply(zv, mu.square()).add(map.apply(zm.square().add(zv), w.sigma().square()));
        GaussianPosterior b = layer.bias();
        if (b != null) {
            m = map.addBias(m, b.mu());
            v = map.addBias(v, b.sigma().square());
        }
        return fromMoments(m, v);
    }

    /**
     * The pre-activation of given moments: sd = √max(v, 1e-30), live where sd > 1e-6·(1 + |m|).
     *
     * @param m means, any shape
     * @param v variances, the shape of {@code m}, ≥ 0
     * @return the marginal with its derived sd and live mask
     */
    public static PreActivation fromMoments(NDArray m, NDArray v) {
        NDArray sd = Scalars.maximum(v, MIN_VARIANCE).sqrt();
        NDArray live = sd.stopGradient().gt(m.stopGradient().abs().add(1).mul(1e-6));
        return new PreActivation(m, v, sd, live);
    }

    /**
     * α = m/sd where live, 0 elsewhere; no gradient (proposals are under stop-gradient).
     *
     * @return the standardised means, the shape of {@link #m()}, detached from autograd
     */
    public NDArray standardisedMean() {
        NDArray alpha = m.stopGradient().div(sd.stopGradient());
        return NDArrays.where(live, alpha, alpha.zerosLike());
    }
}
