package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import io.risbnn.variational.GaussianPosterior;

/**
 * The standard-normal ε of a forward pass's weight samples w = μ + s·ε, one tensor per posterior. A
 * {@link ForwardContext} without one draws fresh ε from the engine (the ordinary Monte Carlo pass);
 * a method that needs the network at chosen noise (Adversarial Sampling's ε_adv) supplies it. Read by
 * the estimators that sample whole weight tensors (mc-shared); the others sample pre-activations.
 */
@FunctionalInterface
public interface WeightNoise {
    /**
     * ε of shape [count, posterior's shape] for {@code count} stacked samples of {@code posterior}.
     *
     * @param posterior the weight or bias posterior to be sampled
     * @param count the number of stacked samples M, ≥ 1
     * @return standard-normal noise [count, …posterior's shape]
     */
    NDArray of(GaussianPosterior posterior, int count);
}
