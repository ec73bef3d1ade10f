/**
 * Regression data: strict parsing of numeric tables and UCI benchmark folders, train/test splits,
 * standardization fitted on training rows, the data set shipped in the jar, and the {@code --data}
 * spec. All user-facing problems raise {@link io.risbnn.RisbnnException} with a one-line message
 * naming the file and line.
 */
package io.risbnn.data;
