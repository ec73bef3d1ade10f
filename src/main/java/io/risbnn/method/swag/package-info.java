/**
 * SWAG and SWAG-diagonal (Maddox et al. 2019, "A Simple Baseline for Bayesian Uncertainty in Deep
 * Learning"): MAP training whose late iterates are summarised by their first two moments and the last K
 * deviations ({@link io.risbnn.method.swag.SwagMoments}), a Gaussian over the weights built from them
 * ({@link io.risbnn.method.swag.SwagGaussian}), the method's hooks ({@link io.risbnn.method.swag.Swag}),
 * the posterior evaluation samples ({@link io.risbnn.method.swag.SwagPosterior}) and the BatchNorm
 * statistics every sampled network needs ({@link io.risbnn.method.swag.BatchNormUpdate}).
 */
package io.risbnn.method.swag;
