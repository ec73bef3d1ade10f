package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;

/**
 * The diagonal Gaussian summary a unit carries under {@link io.risbnn.objective.Objective#MEAN_VAR}:
 * its mean and its variance, both of the same shape, the variance never negative. Units are treated as
 * independent (the diagonal approximation of Wu et al. 2019, MOMENTS.md §3).
 *
 * @param mean the units' means, any shape
 * @param variance the units' variances, the shape of {@code mean}, ≥ 0
 */
public record MeanVar(NDArray mean, NDArray variance) {
    /**
     * A deterministic input: the given values with zero variance (the network's data input under MEAN_VAR).
     *
     * @param values the input values, any shape
     * @return (values, 0) with a zero variance of the same shape
     */
    public static MeanVar deterministic(NDArray values) {
        return new MeanVar(values, values.zerosLike());
    }
}
