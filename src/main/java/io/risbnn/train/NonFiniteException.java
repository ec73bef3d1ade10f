package io.risbnn.train;

import io.risbnn.RisbnnException;

/** Training met NaN or Inf; the message names the quantity (loss, or layer and tensor) and the step. */
public final class NonFiniteException extends RisbnnException {
    private static final long serialVersionUID = 1L;

    public NonFiniteException(String what, long step, int epoch) {
        super("non-finite " + what + " at step " + step + " (epoch " + (epoch + 1)
                + "); lower --lr, or pass --skip-nonfinite to skip such steps");
    }
}
