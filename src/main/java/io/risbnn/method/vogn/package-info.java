/**
 * VOGN (Osawa et al. 2019): mean-field Gaussian VI by natural gradients whose curvature is the mean of exact
 * per-example squared gradients, taken from each variational layer's input and the gradient at its
 * pre-activation. A method behind {@link io.risbnn.method.InferenceMethod} with its own
 * {@link io.risbnn.method.StepRule}; its posterior is the variational one, evaluated by sampled networks.
 */
package io.risbnn.method.vogn;
