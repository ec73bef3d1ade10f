package io.risbnn.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.List;

/** p(y | network output). Outputs come as [S, B, out]: S sampled networks (S = 1 under MOMENT). */
public interface Likelihood {
    /** Mean over the S outputs and the B examples of −log p(y | output). */
    NDArray negativeLogLikelihood(NDArray outputs, NDArray targets);

    /**
     * The MEAN_VAR data term: the mean over the B examples of −E log p(y | f) for outputs
     * f ~ N(mean, diag variance), both [B, out] (MOMENTS.md §3).
     */
    NDArray expectedNegativeLogLikelihood(NDArray mean, NDArray variance, NDArray targets);

    /** Network outputs this likelihood needs (1 for regression, C for C classes). */
    int outputSize();

    /** Trainable parameters of the likelihood itself (e.g. the noise scale); may be empty. */
    List<Parameter> parameters();

    /** Allocates and initialises those parameters. */
    void initialize(NDManager manager);

    /** A short description for logs and checkpoints. */
    String describe();
}
