package io.risbnn.model;

import io.risbnn.estimator.ActivationFunction;

/**
 * The choices that vary a built-in architecture without changing its shape: the hidden activation,
 * a heteroscedastic regression head, and how a classifier takes E log softmax under mean-var.
 *
 * @param logitExpectation {@code mc} or {@code second-order}
 */
public record ModelVariant(ActivationFunction activation, boolean heteroscedastic, String logitExpectation) {
    /** ReLU, homoscedastic, the default logit expectation. */
    public static ModelVariant defaults() {
        return new ModelVariant(ActivationFunction.RELU, false, ModelSpec.DEFAULT_LOGIT_EXPECTATION);
    }

    /** {@code spec} with these choices (the heteroscedastic head only for regression specs). */
    public ModelSpec applyTo(ModelSpec spec) {
        ModelSpec out = spec.withActivation(activation);
        if (spec.likelihood().equals("gaussian")) {
            return out.withHeteroscedastic(heteroscedastic);
        }
        return out.withLogitExpectation(logitExpectation);
    }
}
