/**
 * Metrics on plain arrays, free of models and tensors: regression (RMSE, log-likelihood, interval
 * coverage) and classification (accuracy, NLL, calibration bins, ROC) with their reports. {@code eval}
 * computes the predictive and hands it here.
 */
package io.risbnn.eval.metrics;
