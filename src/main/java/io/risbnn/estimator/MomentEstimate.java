package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.risbnn.tensor.Scalars;

/**
 * An estimator's raw estimates of E f(a), E f(a)² and Var f(a) for a Gaussian pre-activation, before
 * the variance is clamped and deterministic units are replaced ({@link #finish}). Kept apart from
 * {@link MeanVar} so that tests and studies can check the second moment, which is unbiased, directly.
 *
 * @param mean the estimate of E f(a)
 * @param second the estimate of E f(a)², unbiased
 * @param variance the estimate of Var f(a), unclamped (it can dip below 0)
 */
public record MomentEstimate(NDArray mean, NDArray second, NDArray variance) {
    /**
     * From M i.i.d. unbiased samples y₁ [M, …] of E f and y₂ [M, …] of E f² (importance-weighted or
     * plain): mean = ȳ₁, second = ȳ₂, variance = ȳ₂ − ȳ₁² + s²(y₁)/M with s² the sample variance. Since
     * E[ȳ₁² − s²/M] = (E f)², the variance is unbiased for M ≥ 2 (the plug-in ȳ₂ − ȳ₁² is biased by
     * −Var(ȳ₁)); at M = 1 it is the plug-in. Differentiable in y₁, y₂.
     */
    static MomentEstimate fromSamples(NDArray y1, NDArray y2) {
        return fromSamples(y1, y2, null);
    }

    /**
     * As {@link #fromSamples(NDArray, NDArray)} with y₂ unbiased samples of E(f − c)² for a constant c
     * (no gradient; null for 0): second = ȳ₂ + c(2ȳ₁ − c) and variance = ȳ₂ − (ȳ₁ − c)² + s²(y₁)/M,
     * both unbiased for any c; with c ≈ E f the variance involves no cancellation.
     */
    static MomentEstimate fromSamples(NDArray y1, NDArray y2, NDArray centre) {
        long samples = y1.getShape().get(0);
        NDArray mean = Scalars.mul(y1.sum(new int[] {0}), 1.0 / samples);
        NDArray about = Scalars.mul(y2.sum(new int[] {0}), 1.0 / samples);
        NDArray second = centre == null ? about : about.add(centre.mul(Scalars.mul(mean, 2).sub(centre)));
        NDArray variance = about.sub((centre == null ? mean : mean.sub(centre)).square());
        if (samples > 1) {
            NDArray spread = y1.sub(mean.expandDims(0)).square().sum(new int[] {0});
            variance = variance.add(Scalars.mul(spread, 1.0 / (samples * (samples - 1.0))));
        }
        return new MomentEstimate(mean, second, variance);
    }

    /**
     * The MEAN_VAR output: (f(m), 0) where the unit is not live, and the variance's value clamped at 0
     * with a straight-through gradient (that of the unclamped, unbiased estimate). A plain clamp zeroes
     * the gradient wherever an estimate dips below 0 (0.5–2 % of RIS units at M = 4) and biased the
     * readout gradient measurably (t = 10 over R = 20000 in MeanVarGradientTest).
     *
     * @param f the activation, applied to {@code pre.m()} where the unit is deterministic
     * @param pre the pre-activation the estimates were made for; its {@code live} mask selects the estimates
     * @return the activation's mean and non-negative variance, the shape of {@code pre.m()}
     */
    public MeanVar finish(ActivationFunction f, PreActivation pre) {
        NDArray v = variance.sub(variance.stopGradient()).add(Scalars.maximum(variance.stopGradient(), 0));
        return new MeanVar(NDArrays.where(pre.live(), mean, f.apply(pre.m())),
                NDArrays.where(pre.live(), v, v.zerosLike()));
    }
}
