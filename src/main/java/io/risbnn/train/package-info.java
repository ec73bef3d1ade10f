/**
 * The training loop: {@link io.risbnn.train.BnnTrainer} (batching, per-step seeds and scopes, the NaN/Inf
 * guard, hooks of the {@code method} in use), {@link io.risbnn.train.TrainConfig}, parameter updates
 * (Adam, SGD with momentum), learning-rate schedules, example sets, progress output, and checkpoints with
 * the {@link io.risbnn.train.TrainingState} that makes a run resumable.
 */
package io.risbnn.train;
