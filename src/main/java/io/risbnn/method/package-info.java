/**
 * Inference methods: the variation point above the estimator. An {@link io.risbnn.method.InferenceMethod}
 * turns (model spec, data, configuration) into a posterior — which parameters are trained, what
 * regularises the data term, the learning rate, what is collected along the way or fitted afterwards
 * ({@code afterStep}, {@code afterEpoch}, {@code finish}), what the checkpoint keeps ({@code state},
 * {@code restore}) — and hands evaluation and prediction a {@link io.risbnn.posterior.PosteriorOutputs}.
 * The run loop, evaluation and every command see only these interfaces; {@link io.risbnn.method.Methods}
 * names them. {@link io.risbnn.method.VariationalInference} is VI with its estimators and objectives,
 * {@link io.risbnn.method.MaximumAPosteriori} the point mass the baselines of the sub-packages build on
 * ({@code swag}, {@code laplace}, {@code ensemble}, {@code dropout}); {@link io.risbnn.method.MemberTraining}
 * marks a method fitted as several trainings (deep ensembles).
 */
package io.risbnn.method;
