/**
 * Bayesian layers as DJL blocks ({@link io.risbnn.nn.BayesLinear}, {@link io.risbnn.nn.BayesConv2d}), the
 * deterministic blocks between them with their meaning under each objective, and how (mean, variance)
 * pairs travel between blocks ({@link io.risbnn.nn.MeanVars}). A layer holds a {@code variational}
 * posterior and hands its forward pass to the estimator of the current
 * {@link io.risbnn.estimator.ForwardContext}, so the layers drop into ordinary DJL models.
 */
package io.risbnn.nn;
