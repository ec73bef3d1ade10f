package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import io.risbnn.objective.Objective;

/**
 * How a variational layer turns (input, posterior) into its output and gradients. This is the one
 * variation point between the methods the project compares; each implementation is one class.
 *
 * <p>Under {@link Objective#ELBO}, {@code input} holds M stacked network streams [M·B, …] and the
 * result is one sample of δ(W ⋆ x + b) per row. Under {@link Objective#MOMENT}, {@code input} holds
 * B first moments and the result estimates E_q[δ(W ⋆ z̃ + b)] per row.
 */
public interface Estimator {
    /** The CLI name, e.g. {@code lrt}. */
    String name();

    boolean supports(Objective objective);

    NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx);
}
