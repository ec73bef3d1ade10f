/**
 * Adversarial Sampling (Zhang et al., "Improving Bayesian Neural Networks by Adversarial Sampling",
 * AAAI 2022) as an inference method: mean-field VI whose step adds, to the ELBO, the data term at an
 * adversarial weight noise ε_adv found by a few signed-gradient ascent steps on the NLL
 * ({@link io.risbnn.method.adversarial.NoiseAscent}); the network runs at given noise through the forward
 * context's {@link io.risbnn.estimator.WeightNoise} ({@link io.risbnn.method.adversarial.SuppliedNoise}).
 * The posterior is the variational one.
 */
package io.risbnn.method.adversarial;
