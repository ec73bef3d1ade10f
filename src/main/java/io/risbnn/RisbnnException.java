package io.risbnn;

/**
 * The project's own error type: a problem with the user's input (file, option, checkpoint) or a
 * numerical failure the user must act on. Its message is one line meant for the terminal; the CLI
 * prints it without a stack trace and exits with code 2.
 */
public class RisbnnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error whose one-line {@code message} names the input at fault and what was expected.
     *
     * @param message e.g. {@code --samples 0: expected an integer >= 1}
     */
    public RisbnnException(String message) {
        super(message);
    }

    /**
     * The same, keeping the failure behind it.
     *
     * @param message the one-line message
     * @param cause the underlying failure (e.g. an IOException)
     */
    public RisbnnException(String message, Throwable cause) {
        super(message, cause);
    }
}
