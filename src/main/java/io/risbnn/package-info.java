/**
 * risbnn: mean-field variational Bayesian neural networks on DJL, built around Reparameterized Importance
 * Sampling. This package holds only what every other one shares: {@link io.risbnn.RisbnnException}, the
 * one-line error a user can act on. The layers are in {@code nn} and {@code variational}, the estimators of
 * a layer's output in {@code estimator}, models in {@code model}, training in {@code train} and
 * {@code method}, evaluation and prediction in {@code eval}, {@code posterior} and {@code predict}, and the
 * command line in {@code cli}.
 */
package io.risbnn;
