package io.risbnn.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Arithmetic with a constant that is safe under autograd. DJL's {@code mul(Number)},
 * {@code div(Number)}, {@code pow(Number)}, {@code maximum(Number)} wrap the constant in a temporary
 * tensor over a Java direct buffer and close it right after the operation; autograd has saved that
 * tensor for the backward pass, and once the garbage collector frees the buffer the backward pass reads
 * freed memory (observed here as identical seeded runs differing in the 6th digit, and as rare NaN
 * gradients). These helpers create the constant as an array of the operand's type in engine-owned
 * memory ({@link #of}), so autograd's reference stays valid whenever the Java handle is closed.
 * Use them for every constant operation on a tensor that may require a gradient.
 */
public final class Scalars {
    private Scalars() {}

    /**
     * A 0-d array of {@code like}'s type holding {@code value}, in memory the engine owns: the array
     * DJL creates from a Java value wraps a Java buffer, so it is copied and the wrapper closed at once.
     * A constant that autograd saves thus stays valid even when the scope that created it closes before
     * the backward pass (layers free their intermediates when they return).
     *
     * @param like gives the data type (float64, else float32) and the manager
     * @param value the scalar
     * @return a 0-d array holding {@code value}
     */
    public static NDArray of(NDArray like, double value) {
        NDArray wrapped = like.getDataType() == DataType.FLOAT64 ? like.getManager().create(value)
                : like.getManager().create((float) value);
        NDArray owned = wrapped.duplicate();
        wrapped.close();
        return owned;
    }

    /**
     * a · value, element-wise, differentiable in a.
     *
     * @param a any array
     * @param value the scalar factor
     * @return a · value
     */
    public static NDArray mul(NDArray a, double value) {
        return a.mul(of(a, value));
    }

    /**
     * value / a, element-wise, differentiable in a.
     *
     * @param value the scalar numerator
     * @param a any array
     * @return value / a
     */
    public static NDArray divide(double value, NDArray a) {
        return of(a, value).div(a);
    }

    /**
     * max(a, value) element-wise.
     *
     * @param a any array
     * @param value the scalar floor
     * @return max(a, value)
     */
    public static NDArray maximum(NDArray a, double value) {
        return a.maximum(of(a, value));
    }
}
