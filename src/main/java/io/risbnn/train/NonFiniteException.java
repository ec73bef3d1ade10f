package io.risbnn.train;

import io.risbnn.RisbnnException;

/** Training met NaN or Inf; the message names the quantity (loss, or layer and tensor) and the step. */
public final class NonFiniteException extends RisbnnException {
    private static final long serialVersionUID = 1L;
    private static final String ADVICE = "lower --lr, or pass --skip-nonfinite to skip such steps";
    /** Skipping steps cannot help an evaluation: its parameters are finite, their exponentials overflow. */
    private static final String EVALUATION_ADVICE = "lower --lr";

    /** The non-finite quantity, e.g. {@code loss}. */
    private final String what;

    /**
     * Training met a non-finite value at a known step.
     *
     * @param what the quantity, e.g. {@code loss} or {@code gradient of dense1.weightMu}
     * @param step the step (0-based, of the run)
     * @param epoch the epoch (0-based)
     */
    public NonFiniteException(String what, long step, int epoch) {
        this(what, step, epoch, null);
    }

    /**
     * {@code detail} (may be null) follows the epoch, e.g. which part of the loss and the largest parameter.
     *
     * @param what the quantity
     * @param step the step
     * @param epoch the epoch
     * @param detail more about the values, or null
     */
    public NonFiniteException(String what, long step, int epoch, String detail) {
        this("non-finite " + what + at(step, epoch, detail) + "; " + ADVICE, what);
    }

    private NonFiniteException(String message, String what) {
        super(message);
        this.what = what;
    }

    /**
     * Found where the step is not known (an evaluation); {@link BnnTrainer} adds it via {@link #atStep}.
     *
     * @param what the quantity
     * @return the exception, advising a lower learning rate
     */
    public static NonFiniteException inEvaluation(String what) {
        String where = what + " in the evaluation";
        return new NonFiniteException("non-finite " + where + "; " + EVALUATION_ADVICE, where);
    }

    NonFiniteException atStep(long step, int epoch) {
        return new NonFiniteException("non-finite " + what + at(step, epoch, null) + "; " + EVALUATION_ADVICE, what);
    }

    private static String at(long step, int epoch, String detail) {
        return " at step " + step + " (epoch " + (epoch + 1) + (detail == null ? "" : "; " + detail) + ")";
    }
}
