/**
 * risbnn as a library: {@link io.risbnn.api.BayesianNetworks} starts a {@link io.risbnn.api.FitBuilder} (a
 * built-in network, a user's own DJL block of Bayesian layers, or a deterministic DJL block to convert; any
 * inference method; arrays, NDArrays, DJL datasets or the project's loaders; training options with
 * defaults), whose {@code fit()} returns a {@link io.risbnn.api.Posterior}: {@code predict} gives a
 * {@link io.risbnn.api.PredictiveDistribution} (mean, epistemic and aleatoric variance, quantiles; class
 * probabilities, entropy, mutual information; the sampled networks' and the method's own), and
 * {@code save}/{@code load} round-trip everything prediction needs. Errors name builder parameters. The
 * project's data sets run as {@code risbnn train} runs them (the command is built on this facade), with
 * checkpoints that {@link io.risbnn.api.BayesianNetworks#resume} continues.
 */
package io.risbnn.api;
