package io.risbnn.train;

import ai.djl.ndarray.NDArray;

/** A trainable array with the stable name used in checkpoints and error messages. */
public record NamedParameter(String name, NDArray array) {}
