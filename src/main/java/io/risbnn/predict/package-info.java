/**
 * Predictions for new inputs from a saved run, over any posterior ({@code posterior}): regression (mean,
 * epistemic and aleatoric spread, mixture-quantile intervals) and classification (class probabilities,
 * entropy, mutual information), their CSV/JSON tables, and {@link io.risbnn.predict.TrainedRun}, the
 * one-call entry point from Java that the {@code predict} command uses too.
 */
package io.risbnn.predict;
