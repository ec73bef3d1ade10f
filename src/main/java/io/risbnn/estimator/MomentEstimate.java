package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.risbnn.tensor.Scalars;

/**
 * An estimator's raw estimates of E f(a), E f(a)² and Var f(a) for a Gaussian pre-activation, before
 * the variance is clamped and deterministic units are replaced ({@link #finish}). Kept apart from
 * {@link MeanVar} so that tests and studies can check the second moment, which is unbiased, directly.
 */
public record MomentEstimate(NDArray mean, NDArray second, NDArray variance) {
    /**
     * From M i.i.d. unbiased samples y₁ [M, …] of E f and y₂ [M, …] of E f² (importance-weighted or
     * plain): mean = ȳ₁, second = ȳ₂, variance = ȳ₂ − ȳ₁² + s²(y₁)/M with s² the sample variance. Since
     * E[ȳ₁² − s²/M] = (E f)², the variance is unbiased for M ≥ 2 (the plug-in ȳ₂ − ȳ₁² is biased by
     * −Var(ȳ₁)); at M = 1 it is the plug-in. Differentiable in y₁, y₂.
     */
    static MomentEstimate fromSamples(NDArray y1, NDArray y2) {
        long samples = y1.getShape().get(0);
        NDArray mean = Scalars.mul(y1.sum(new int[] {0}), 1.0 / samples);
        NDArray second = Scalars.mul(y2.sum(new int[] {0}), 1.0 / samples);
        NDArray variance = second.sub(mean.square());
        if (samples > 1) {
            NDArray spread = y1.sub(mean.expandDims(0)).square().sum(new int[] {0});
            variance = variance.add(Scalars.mul(spread, 1.0 / (samples * (samples - 1.0))));
        }
        return new MomentEstimate(mean, second, variance);
    }

    /** The MEAN_VAR output: variance clamped at 0, and (f(m), 0) where the unit is not live. */
    public MeanVar finish(Activation f, PreActivation pre) {
        NDArray v = Scalars.maximum(variance, 0);
        return new MeanVar(NDArrays.where(pre.live(), mean, f.apply(pre.m())),
                NDArrays.where(pre.live(), v, v.zerosLike()));
    }
}
