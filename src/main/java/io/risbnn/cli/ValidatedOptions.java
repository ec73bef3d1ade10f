package io.risbnn.cli;

/**
 * A mixin whose values {@link Main} checks before the command runs, so a bad number fails before any
 * data is read or output written, in every command that uses the mixin.
 */
interface ValidatedOptions {
    /** Throws a RisbnnException naming the first bad option, its value and the expected range. */
    void validate();
}
