/**
 * The mean-field Gaussian posterior of a layer's weights ({@link io.risbnn.variational.GaussianPosterior}:
 * μ, ρ, s = softplus(ρ)), its initialisation, and the priors with their KL divergence. The layers of
 * {@code nn} own these posteriors; the estimators of {@code estimator} read them.
 */
package io.risbnn.variational;
