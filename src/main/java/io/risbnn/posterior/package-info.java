/**
 * What a trained posterior gives, whatever the inference method: {@link io.risbnn.posterior.PosteriorOutputs}
 * (S sampled networks' raw outputs, the method's deterministic predictives as
 * {@link io.risbnn.posterior.GaussianOutputs}, which one is its own, and the {@link io.risbnn.posterior.NoiseModel}
 * of regression outputs). Evaluation ({@code io.risbnn.eval}) and prediction ({@code io.risbnn.predict}) read
 * posteriors only through this package; {@link io.risbnn.posterior.VariationalPosterior} is VI's (and MAP's).
 */
package io.risbnn.posterior;
