package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;

/**
 * The diagonal Gaussian summary a unit carries under {@link io.risbnn.objective.Objective#MEAN_VAR}:
 * its mean and its variance, both of the same shape, the variance never negative. Units are treated as
 * independent (the diagonal approximation of Wu et al. 2019, MOMENTS.md §3).
 */
public record MeanVar(NDArray mean, NDArray variance) {
    /** A deterministic input: the given values with zero variance. */
    public static MeanVar deterministic(NDArray values) {
        return new MeanVar(values, values.zerosLike());
    }
}
