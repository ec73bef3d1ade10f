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
    /**
     * One update of every parameter with learning rate {@code lr}; gradients are already computed.
     *
     * @param parameters the arrays to update in place; those not trainable are left alone
     * @param lr the learning rate of this step, &gt; 0
     */
    void step(List<NamedParameter> parameters, double lr);

    /**
     * The optimiser's state arrays by name, for checkpoints (they live outside any step scope).
     *
     * @return the live state map, e.g. Adam's m and v per parameter
     */
    Map<String, NDArray> state();

    /**
     * Number of updates taken so far.
     *
     * @return the update count (Adam's bias correction uses it)
     */
    long updates();

    /**
     * Restores the update count and state arrays written by {@link #state()}.
     *
     * @param updates the update count saved with the state
     * @param state the saved state arrays by name
     */
    void restore(long updates, Map<String, NDArray> state);

    /**
     * A short description for logs and checkpoints.
     *
     * @return the optimiser and its hyperparameters
     */
    String describe();
}
