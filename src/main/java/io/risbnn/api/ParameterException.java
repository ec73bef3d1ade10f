package io.risbnn.api;

import io.risbnn.RisbnnException;

/**
 * An error of the facade that names the builder parameter at fault. When it rewrites a check shared with
 * the command line ({@code --epochs 0: …} becomes {@code epochs 0: …}), the original error is its cause, so
 * the CLI can report it in terms of its own options.
 */
public final class ParameterException extends RisbnnException {
    private static final long serialVersionUID = 1L;

    ParameterException(String message) {
        super(message);
    }

    ParameterException(String message, Throwable original) {
        super(message, original);
    }
}
