package io.risbnn.estimator;

import io.risbnn.variational.GaussianPosterior;

/** What an estimator sees of a variational layer: y = δ(W ⋆ x + b) with W, b under their posteriors. */
public interface VariationalLayerView {
    /** A name unique within the model, used in diagnostics and error messages. */
    String layerName();

    GaussianPosterior weight();

    /** The bias posterior, or null when the layer has no bias. */
    GaussianPosterior bias();

    LinearMap linearMap();

    ActivationFunction activation();
}
