package io.risbnn.model;

import io.risbnn.RisbnnException;
import java.util.Arrays;

/**
 * The architecture of a Bayesian network, complete enough to rebuild it from a checkpoint.
 *
 * @param architecture "mlp" (more come with the image models)
 * @param inputSize features per example
 * @param hidden hidden layer widths (ReLU)
 * @param outputs network outputs
 * @param likelihood "gaussian" (regression) or "categorical"
 * @param sigmaRatio initial s relative to the He std (see PosteriorInit)
 * @param rho0 fixed initial ρ, or null to use sigmaRatio
 * @param bias whether layers have (variational) biases
 * @param initialNoiseStd starting σ of the Gaussian likelihood (standardised units)
 */
public record ModelSpec(String architecture, int inputSize, int[] hidden, int outputs, String likelihood,
                        double sigmaRatio, Double rho0, boolean bias, double initialNoiseStd) {
    public ModelSpec {
        if (inputSize <= 0 || outputs <= 0) {
            throw new RisbnnException("model: input size and outputs must be positive, got " + inputSize + " and " + outputs);
        }
        for (int h : hidden) {
            if (h <= 0) {
                throw new RisbnnException("--hidden: every layer width must be a positive integer, got " + Arrays.toString(hidden));
            }
        }
    }

    public static ModelSpec regressionMlp(int inputSize, int[] hidden, double sigmaRatio, Double rho0) {
        return new ModelSpec("mlp", inputSize, hidden, 1, "gaussian", sigmaRatio, rho0, true, 0.5);
    }

    public static ModelSpec classifierMlp(int inputSize, int[] hidden, int classes, double sigmaRatio, Double rho0) {
        return new ModelSpec("mlp", inputSize, hidden, classes, "categorical", sigmaRatio, rho0, true, 0.5);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec m && architecture.equals(m.architecture) && inputSize == m.inputSize
                && Arrays.equals(hidden, m.hidden) && outputs == m.outputs && likelihood.equals(m.likelihood)
                && sigmaRatio == m.sigmaRatio && java.util.Objects.equals(rho0, m.rho0) && bias == m.bias
                && initialNoiseStd == m.initialNoiseStd;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(architecture, inputSize, Arrays.hashCode(hidden), outputs, likelihood);
    }

    @Override
    public String toString() {
        return architecture + " " + inputSize + " -> " + Arrays.toString(hidden) + " -> " + outputs + " (" + likelihood + ")";
    }
}
