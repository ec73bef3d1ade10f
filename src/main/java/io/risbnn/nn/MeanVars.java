package io.risbnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.MeanVar;

/**
 * How (mean, variance) pairs travel between DJL blocks under MEAN_VAR: as an {@link NDList} of two
 * arrays of one shape, means first. DJL's containers hand a block's whole output list to the next
 * block, so pairs pass through {@code SequentialBlock} unchanged.
 */
public final class MeanVars {
    private MeanVars() {}

    /**
     * The pair held by {@code list} from position {@code offset}.
     *
     * @param list a block's input or output list
     * @param offset the position of the mean; the variance follows it
     * @param where names the block in error messages
     * @return the (mean, variance) pair
     * @throws RisbnnException if the list holds fewer than {@code offset + 2} arrays or the two differ in shape
     */
    public static MeanVar of(NDList list, int offset, String where) {
        if (list.size() < offset + 2) {
            throw new RisbnnException(where + ": under --objective mean-var a block needs (mean, variance) inputs, got "
                    + list.size() + " array(s)");
        }
        NDArray mean = list.get(offset);
        NDArray variance = list.get(offset + 1);
        if (!mean.getShape().equals(variance.getShape())) {
            throw new RisbnnException(where + ": mean " + mean.getShape() + " and variance " + variance.getShape()
                    + " differ in shape");
        }
        return new MeanVar(mean, variance);
    }

    /**
     * The (mean, variance) pair at the head of a block's output list; {@code where} names the block in errors.
     *
     * @param list a block's input or output list
     * @param where names the block in error messages
     * @return the pair of arrays 0 and 1
     * @throws RisbnnException if the list holds fewer than two arrays or they differ in shape
     */
    public static MeanVar of(NDList list, String where) {
        return of(list, 0, where);
    }

    /**
     * The two-array list a block returns for a (mean, variance) pair.
     *
     * @param pair the pair
     * @return the list (mean, variance)
     */
    public static NDList toList(MeanVar pair) {
        return new NDList(pair.mean(), pair.variance());
    }
}
