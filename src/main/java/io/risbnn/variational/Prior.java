package io.risbnn.variational;

import ai.djl.ndarray.NDArray;

/** A prior p(w) over every element of a weight tensor, and the KL(q‖p) it induces. */
public interface Prior {
    /** KL(q‖p) summed over the tensor: closed form where one exists, else a one-sample MC estimate. */
    NDArray kl(GaussianPosterior q);

    /** log p(w) summed over the tensor. */
    NDArray logDensity(NDArray w);

    /** Whether {@link #kl} is exact (true) or a Monte Carlo estimate (false). */
    boolean closedForm();

    /** A short description for logs and checkpoints, e.g. {@code gaussian(1.0)}. */
    String describe();
}
