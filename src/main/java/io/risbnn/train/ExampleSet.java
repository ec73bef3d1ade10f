package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Training or test examples that can be gathered into batches of NDArrays. */
public interface ExampleSet {
    int size();

    /** Features of the given rows, [rows, …]. */
    NDArray features(NDManager manager, int[] rows);

    /**
     * Features of the rows of training batch {@code batch} of {@code epoch}: sets that augment draw
     * their randomness from (seed, epoch, batch), so resumed runs see the same batches. Default: no
     * augmentation.
     */
    default NDArray features(NDManager manager, int[] rows, int epoch, int batch) {
        return features(manager, rows);
    }

    /** Targets of the given rows: [rows] values (regression) or class indices. */
    NDArray targets(NDManager manager, int[] rows);
}
