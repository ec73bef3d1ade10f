package io.risbnn.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/** p(y | network output). Outputs come as [S, B, out]: S sampled networks (S = 1 under MOMENT). */
public interface Likelihood {
    /**
     * Mean over the S outputs and the B examples of −log p(y | output).
     *
     * @param outputs network outputs [S, B, out]
     * @param targets [B] (regression values, standardised; or class indices)
     * @return a scalar in nats per example, differentiable in the outputs and the likelihood's parameters
     */
    NDArray negativeLogLikelihood(NDArray outputs, NDArray targets);

    /**
     * The MEAN_VAR data term: the mean over the B examples of −E log p(y | f) for outputs
     * f ~ N(mean, diag variance), both [B, out] (MOMENTS.md §3).
     *
     * @param mean the output means [B, out]
     * @param variance the output variances [B, out], ≥ 0
     * @param targets [B]
     * @return a scalar in nats per example, differentiable in mean, variance and the likelihood's parameters
     */
    NDArray expectedNegativeLogLikelihood(NDArray mean, NDArray variance, NDArray targets);

    /**
     * Network outputs this likelihood needs (1 for regression, C for C classes).
     *
     * @return the required width of the network's last layer
     */
    int outputSize();

    /**
     * Trainable parameters of the likelihood itself (e.g. the noise scale); may be empty.
     *
     * @return the parameters, trained with the network's
     */
    List<Parameter> parameters();

    /**
     * Allocates and initialises those parameters.
     *
     * @param manager the manager the parameters' arrays live in (the model's)
     */
    void initialize(NDManager manager);

    /**
     * A short description for logs and checkpoints.
     *
     * @return e.g. {@code gaussian} or {@code categorical(10)}
     */
    String describe();
}
