/**
 * What training minimises: the {@link io.risbnn.objective.Objective} (ELBO over sampled networks,
 * first-moment or mean–variance propagation), each estimator's default one, the likelihoods with their
 * expected log-likelihood under output moments, and the KL schedule. Used by {@code train} and
 * {@code method}; the estimators of {@code estimator} say which objectives they serve.
 */
package io.risbnn.objective;
