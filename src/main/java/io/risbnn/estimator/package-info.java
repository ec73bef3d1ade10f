/**
 * Estimators of a Bayesian layer's output, the one variation point of a forward pass:
 * {@link io.risbnn.estimator.Estimator} and its implementations (shared-weight Monte Carlo, local
 * reparameterisation, closed forms, Gauss–Hermite quadrature and RIS), the activations they serve, and the
 * {@link io.risbnn.estimator.ForwardContext} (estimator, objective, samples) a layer of {@code nn} reads.
 * The fused kernels ({@code RisKernel}, {@code ReluKernel}, {@code QuadratureKernel}) run only on float32
 * CPU arrays and fall back to the tensor-op form on any other device.
 */
package io.risbnn.estimator;
