/**
 * The {@code bench} command's measurements: timed training steps of a model under several estimators on
 * random images ({@link io.risbnn.bench.TrainStepBench}, {@link io.risbnn.bench.RandomImages}) and the
 * machine's matrix-product speed, for the README's Speed tables.
 */
package io.risbnn.bench;
