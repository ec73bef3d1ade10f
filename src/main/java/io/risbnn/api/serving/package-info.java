/**
 * A saved {@link io.risbnn.api.Posterior} served by DJL: {@link io.risbnn.api.serving.PosteriorBlockFactory}
 * loads the model directory as a {@link io.risbnn.api.serving.PosteriorBlock} (S sampled networks in one
 * forward pass), {@link io.risbnn.api.serving.PosteriorTranslatorFactory} makes the
 * {@link io.risbnn.api.serving.PosteriorTranslator} ({@code float[]} → {@code PredictiveDistribution}) for
 * DJL's {@code Criteria} and {@code Predictor}.
 */
package io.risbnn.api.serving;
