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
    /** The CLI name, e.g. {@code lrt}. */
    String name();

    boolean supports(Objective objective);

    NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx);

    /**
     * Whether image batches should enter the network stored channels-last under this objective (see
     * {@link io.risbnn.tensor.MemoryLayout}): true where the convolutions dominate the step. Estimators
     * whose step is dominated by element-wise work over [M, B, C, H, W] draws stay NCHW, which those
     * draws are in (channels-last made them slower, measured).
     */
    default boolean prefersChannelsLast(Objective objective) {
        return false;
    }

    /**
     * E[δ(a)] for pre-activations given directly by their Gaussian marginal a ~ N(pre.m, pre.v), estimated
     * the way this estimator estimates a layer's first moment under MOMENT: the second half of {@link
     * #forward}. Blocks that transform (m, v) between the layer and its nonlinearity — BatchNorm's affine
     * map, a residual sum — call it on the transformed moments ({@link PreActivation#fromMoments}).
     */
    default NDArray activationMoment(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        throw new RisbnnException("estimator " + name() + " cannot estimate an activation's first moment"
                + " from its Gaussian pre-activation (needed by layer " + layerName + ")");
    }

    /**
     * Mean and variance of δ(a) for a ~ N(pre.m, pre.v): the activation step of the MEAN_VAR objective.
     * The variance is E δ² − (E δ)², clamped at 0. For {@link ActivationFunction#NONE} it is (m, v) exactly.
     */
    default MeanVar activationMeanVar(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        throw new RisbnnException("estimator " + name() + " cannot estimate an activation's mean and variance"
                + " (needed by layer " + layerName + " under --objective mean-var)");
    }
}
