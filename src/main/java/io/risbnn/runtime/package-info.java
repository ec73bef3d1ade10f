/**
 * Where a run computes: the device option's parsing and availability check ({@link io.risbnn.runtime.Devices}),
 * free of the CLI so the command line and library callers share it. The experiment runners
 * ({@code io.risbnn.experiment}, {@code io.risbnn.predict}) open their managers on the chosen device;
 * CPU-only fast paths in {@code io.risbnn.estimator} check an array's device before they run.
 */
package io.risbnn.runtime;
