/**
 * Predictions for new inputs from a saved run, over any posterior ({@code posterior}): regression (mean,
 * epistemic and aleatoric spread, mixture-quantile intervals) and classification (class probabilities,
 * entropy, mutual information) and their CSV/JSON tables. Java code loads a run or a saved posterior with
 * {@link io.risbnn.api.Posterior#load}, which the {@code predict} command uses too.
 */
package io.risbnn.predict;
