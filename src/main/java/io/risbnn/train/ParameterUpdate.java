package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters in place from their gradients. Implemented here rather than with DJL's
 * optimisers because a checkpoint must hold the optimiser state (moments, step count) to resume a
 * run exactly, and DJL keeps that state private.
 */
public interface ParameterUpdate {
    /** One update of every parameter with learning rate {@code lr}; gradients are already computed. */
    void step(List<NamedParameter> parameters, double lr);

    /** The optimiser's state arrays by name, for checkpoints (they live outside any step scope). */
    Map<String, NDArray> state();

    /** Number of updates taken so far. */
    long updates();

    /** Restores the update count and state arrays written by {@link #state()}. */
    void restore(long updates, Map<String, NDArray> state);

    String describe();
}
