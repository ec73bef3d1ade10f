package io.risbnn.train;

import ai.djl.ndarray.NDArray;

/**
 * A model array with the stable name used in checkpoints and error messages; {@code trainable} is false
 * for state that is saved but not optimised (e.g. BatchNorm running statistics).
 */
public record NamedParameter(String name, NDArray array, boolean trainable) {
    /**
     * A trainable array.
     *
     * @param name the checkpoint name, e.g. {@code dense1.weightMu}
     * @param array the parameter's array
     */
    public NamedParameter(String name, NDArray array) {
        this(name, array, true);
    }
}
