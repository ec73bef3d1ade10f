package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Training or test examples that can be gathered into batches of NDArrays. */
public interface ExampleSet {
    /**
     * The number of examples N.
     *
     * @return N
     */
    int size();

    /**
     * Features of the given rows, [rows, …].
     *
     * @param manager where the array is created
     * @param rows row indices in [0, N), in the order wanted
     * @return the features [rows.length, …example shape], float32
     */
    NDArray features(NDManager manager, int[] rows);

    /**
     * Features of the rows of training batch {@code batch} of {@code epoch}: sets that augment draw
     * their randomness from (seed, epoch, batch), so resumed runs see the same batches. Default: no
     * augmentation.
     *
     * @param manager where the array is created
     * @param rows row indices in [0, N)
     * @param epoch the 0-based epoch
     * @param batch the batch's index within the epoch
     * @return the (possibly augmented) features [rows.length, …]
     */
    default NDArray features(NDManager manager, int[] rows, int epoch, int batch) {
        return features(manager, rows);
    }

    /**
     * Targets of the given rows: [rows] values (regression) or class indices.
     *
     * @param manager where the array is created
     * @param rows row indices in [0, N)
     * @return the targets [rows.length]
     */
    NDArray targets(NDManager manager, int[] rows);
}
