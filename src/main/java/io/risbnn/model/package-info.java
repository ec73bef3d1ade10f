/**
 * Models: {@link io.risbnn.model.ModelSpec} (architecture, likelihood and variant, as a checkpoint stores it),
 * {@link io.risbnn.model.Models} (spec to network) and {@link io.risbnn.model.BayesianModel} (a DJL block tree
 * of {@code nn} layers with its manager, likelihood and KL), which the trainer ({@code train}) and the
 * inference methods ({@code method}) work on. The image networks are in {@code model.vision}.
 */
package io.risbnn.model;
