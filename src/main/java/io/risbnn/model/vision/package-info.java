/**
 * Bayesian image models: {@link io.risbnn.model.vision.BayesianLeNet}, {@link io.risbnn.model.vision.BayesianMlpClassifier},
 * the CIFAR ResNets {@link io.risbnn.model.vision.BayesianResNet} (built from {@link io.risbnn.model.vision.BayesBasicBlock},
 * {@link io.risbnn.model.vision.BayesConvBnRelu} and the parameter-free {@link io.risbnn.model.vision.OptionAShortcut}),
 * and {@link io.risbnn.model.vision.ModelConversion} of trained DJL networks (MOPED-style). Every builder returns a DJL
 * {@code SequentialBlock}; nonlinear maps outside variational layers are either fused (ReLU, conv → BN → ReLU) or
 * marked, so the MOMENT objective stays exact where it can be (see {@code docs/batchnorm-and-moments.md}).
 */
package io.risbnn.model.vision;
