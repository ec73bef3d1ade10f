/**
 * The linearised Laplace approximation (Immer, Korzepa &amp; Bauer 2021; Daxberger et al. 2021): a MAP network,
 * a Gauss–Newton curvature at θ* ({@link io.risbnn.method.laplace.LastLayerCurvature last-layer},
 * {@link io.risbnn.method.laplace.LayerwiseCurvature diag or K-FAC}) recorded by a forward pass that is an
 * estimator of its own ({@link io.risbnn.method.laplace.LinearisedPass}), a prior precision from the Laplace
 * evidence ({@link io.risbnn.method.laplace.LaplaceEvidence}), and the GLM predictive of the network
 * linearised around θ* ({@link io.risbnn.method.laplace.LaplacePosterior}).
 */
package io.risbnn.method.laplace;
