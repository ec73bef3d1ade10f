package io.risbnn.report;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}; lets callers stream content into
 * {@link AtomicFiles#write} without wrapping checked exceptions themselves.
 *
 * @param <T> the consumed type
 */
@FunctionalInterface
public interface IoConsumer<T> {
    /**
     * Consumes a value.
     *
     * @param value the value, e.g. an output stream to write to
     * @throws IOException if writing fails
     */
    void accept(T value) throws IOException;
}
