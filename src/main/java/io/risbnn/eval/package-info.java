/**
 * Evaluation of a trained posterior ({@code posterior}): the posterior predictive (sampled networks,
 * first-moment and mean–variance predictives), regression and classification evaluation, out-of-distribution
 * detection, sampled-network studies and the estimator-variance studies. The metrics themselves are in
 * {@code eval.metrics}.
 */
package io.risbnn.eval;
