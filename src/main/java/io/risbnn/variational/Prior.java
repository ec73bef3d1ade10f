package io.risbnn.variational;

import ai.djl.ndarray.NDArray;

/** A prior p(w) over every element of a weight tensor, and the KL(q‖p) it induces. */
public interface Prior {
    /**
     * KL(q‖p) summed over the tensor: closed form where one exists, else a one-sample MC estimate.
     *
     * @param q the posterior of one weight tensor
     * @return a scalar, differentiable in μ and ρ (in nats)
     */
    NDArray kl(GaussianPosterior q);

    /**
     * log p(w) summed over the tensor (used by samplers such as HMC and SG-MCMC as the log prior).
     *
     * @param w weights of any shape
     * @return a scalar, differentiable in {@code w}
     */
    NDArray logDensity(NDArray w);

    /**
     * Whether {@link #kl} is exact (true) or a Monte Carlo estimate (false).
     *
     * @return true for a closed-form KL
     */
    boolean closedForm();

    /**
     * A short description for logs and checkpoints, e.g. {@code gaussian(1.0)}.
     *
     * @return the description
     */
    String describe();
}
