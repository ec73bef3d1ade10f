package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;

/**
 * A look into a variational layer's forward pass for methods that need per-example quantities: the
 * estimator hands the tap the layer's input and its sampled pre-activation (before the activation) and
 * continues with what the tap returns. VOGN returns the pre-activation plus a zero "probe" that requires a
 * gradient, so one backward pass yields the gradient of the loss with respect to every row's pre-activation
 * and, with the recorded input, exact per-example weight gradients. Read by the estimators that sample
 * whole weight tensors (mc-shared).
 */
@FunctionalInterface
public interface LayerTap {
    /**
     * Observes (and may attach gradient probes to) a layer's sampled pre-activation.
     *
     * @param layer the layer being evaluated
     * @param input the layer's input rows [M·B, …]
     * @param preActivation the sampled pre-activation W ⋆ x + b of those rows, before the activation
     * @return the pre-activation to continue with: the same values, possibly with a probe added
     */
    NDArray tap(VariationalLayerView layer, NDArray input, NDArray preActivation);
}
