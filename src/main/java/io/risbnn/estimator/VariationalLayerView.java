package io.risbnn.estimator;

import io.risbnn.variational.GaussianPosterior;

/** What an estimator sees of a variational layer: y = δ(W ⋆ x + b) with W, b under their posteriors. */
public interface VariationalLayerView {
    /**
     * A name unique within the model, used in diagnostics and error messages.
     *
     * @return the layer's name
     */
    String layerName();

    /**
     * The posterior q(W) of the kernel.
     *
     * @return the kernel's mean-field Gaussian posterior, of the kernel's shape
     */
    GaussianPosterior weight();

    /**
     * The bias posterior, or null when the layer has no bias.
     *
     * @return the bias posterior [k], or null
     */
    GaussianPosterior bias();

    /**
     * The linear part W ⋆ x (dense product or convolution).
     *
     * @return the layer's linear map
     */
    LinearMap linearMap();

    /**
     * The nonlinearity δ applied after the linear part ({@link ActivationFunction#NONE} for an output layer).
     *
     * @return the layer's activation
     */
    ActivationFunction activation();
}
