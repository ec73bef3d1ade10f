package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import io.risbnn.RisbnnException;
import io.risbnn.objective.Objective;

/**
 * How a variational layer turns (input, posterior) into its output and gradients. This is the one
 * variation point between the methods the project compares; each implementation is one class.
 *
 * <p>Under {@link Objective#ELBO}, {@code input} holds M stacked network streams [M·B, …] and the
 * result is one sample of δ(W ⋆ x + b) per row. Under {@link Objective#MOMENT}, {@code input} holds
 * B first moments and the result estimates E_q[δ(W ⋆ z̃ + b)] per row. Under {@link Objective#MEAN_VAR}
 * the layer itself maps its input's (mean, variance) to the pre-activation's Gaussian marginal
 * ({@link PreActivation#ofMeanVar}) and asks the estimator for the activation's two moments through
 * {@link #activationMeanVar}; {@link #forward} is not called.
 */
public interface Estimator {
    /**
     * The CLI name, e.g. {@code lrt}, as accepted by {@link Estimators#byName}.
     *
     * @return the estimator's name
     */
    String name();

    /**
     * Whether this estimator can serve the given training/evaluation objective; {@link Estimators#checkPair}
     * refuses the pairs for which this is false.
     *
     * @param objective the objective of the run
     * @return true if {@link #forward} (or, for MEAN_VAR, {@link #activationMeanVar}) is defined under it
     */
    boolean supports(Objective objective);

    /**
     * One variational layer's output y = δ(W ⋆ x + b) under the context's objective (see the class
     * comment for what {@code input} and the result hold under ELBO and MOMENT).
     *
     * @param layer the layer: its posteriors, linear map and activation
     * @param input the layer's input: [M·B, …] stacked sampled streams under ELBO, [B, …] first moments under MOMENT
     * @param ctx the forward pass's objective, sample count and random state
     * @return the layer's output rows, as many as {@code input} has, activation applied
     */
    NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx);

    /**
     * Whether image batches should enter the network stored channels-last under this objective (see
     * {@link io.risbnn.tensor.MemoryLayout}): true where the convolutions dominate the step. Estimators
     * whose step is dominated by element-wise work over [M, B, C, H, W] draws stay NCHW, which those
     * draws are in (channels-last made them slower, measured).
     *
     * @param objective the objective of the run
     * @return true to store image batches NHWC; the default is false
     */
    default boolean prefersChannelsLast(Objective objective) {
        return false;
    }

    /**
     * E[δ(a)] for pre-activations given directly by their Gaussian marginal a ~ N(pre.m, pre.v), estimated
     * the way this estimator estimates a layer's first moment under MOMENT: the second half of {@link
     * #forward}. Blocks that transform (m, v) between the layer and its nonlinearity — BatchNorm's affine
     * map, a residual sum — call it on the transformed moments ({@link PreActivation#fromMoments}).
     *
     * @param layerName the calling layer, for error messages and estimator diagnostics
     * @param activation the nonlinearity δ
     * @param pre the Gaussian marginal of the pre-activations, any shape
     * @param ctx the forward pass's context (sample count, random state)
     * @return the estimate of E[δ(a)], the shape of {@code pre.m()}
     * @throws RisbnnException by default: the estimator has no such estimate (e.g. mc-shared, which
     *     samples weights, not pre-activations)
     */
    default NDArray activationMoment(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        throw new RisbnnException("estimator " + name() + " cannot estimate an activation's first moment"
                + " from its Gaussian pre-activation (needed by layer " + layerName + ")");
    }

    /**
     * Mean and variance of δ(a) for a ~ N(pre.m, pre.v): the activation step of the MEAN_VAR objective.
     * The variance is E δ² − (E δ)², clamped at 0. For {@link ActivationFunction#NONE} it is (m, v) exactly.
     *
     * @param layerName the calling layer, for error messages and estimator diagnostics
     * @param activation the nonlinearity δ
     * @param pre the Gaussian marginal of the pre-activations, any shape
     * @param ctx the forward pass's context (sample count, random state)
     * @return the activation's mean and variance, each the shape of {@code pre.m()}
     * @throws RisbnnException by default: the estimator does not serve MEAN_VAR
     */
    default MeanVar activationMeanVar(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        throw new RisbnnException("estimator " + name() + " cannot estimate an activation's mean and variance"
                + " (needed by layer " + layerName + " under --objective mean-var)");
    }
}
