package io.risbnn.model;

import io.risbnn.estimator.ActivationFunction;

/**
 * The choices that vary a built-in architecture without changing its shape: the hidden activation,
 * a heteroscedastic regression head, and how a classifier takes E log softmax under mean-var.
 *
 * @param activation the hidden layers' activation
 * @param heteroscedastic regression only: add a log-noise-variance output
 * @param logitExpectation {@code mc} or {@code second-order}
 */
public record ModelVariant(ActivationFunction activation, boolean heteroscedastic, String logitExpectation) {
    /**
     * ReLU, homoscedastic, the default logit expectation.
     *
     * @return the default variant
     */
    public static ModelVariant defaults() {
        return new ModelVariant(ActivationFunction.RELU, false, ModelSpec.DEFAULT_LOGIT_EXPECTATION);
    }

    /**
     * {@code spec} with these choices (the heteroscedastic head only for regression specs, the logit
     * expectation only for classifiers).
     *
     * @param spec a built-in architecture's spec
     * @return the varied spec
     * @throws io.risbnn.RisbnnException if the logit expectation is neither {@code mc} nor {@code second-order}
     */
    public ModelSpec applyTo(ModelSpec spec) {
        ModelSpec out = spec.withActivation(activation);
        if (spec.likelihood().equals("gaussian")) {
            return out.withHeteroscedastic(heteroscedastic);
        }
        return out.withLogitExpectation(logitExpectation);
    }
}
