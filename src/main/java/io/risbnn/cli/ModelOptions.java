package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.ModelVariant;
import io.risbnn.variational.PosteriorInit;
import picocli.CommandLine.Option;

/** Architecture and initialisation options of the regression MLP. */
public final class ModelOptions implements ValidatedOptions {
    @Option(names = "--hidden", split = ",", description = "Hidden layer widths, e.g. 50 or 100,100. Default: the data set's protocol (50); 100 for --model mlp-image.")
    int[] hidden;

    @Option(names = "--sigma-ratio", defaultValue = "" + PosteriorInit.DEFAULT_SIGMA_RATIO,
            description = "Initial s as a fraction of the He std √(2/fan-in). Default: ${DEFAULT-VALUE}")
    double sigmaRatio;

    @Option(names = "--rho0", description = "Fixed initial ρ (s = softplus(ρ)); overrides --sigma-ratio.")
    Double rho0;

    @Option(names = "--eval-samples", defaultValue = "100", description = "Networks sampled for the posterior predictive. Default: ${DEFAULT-VALUE}")
    int evalSamples;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation: relu, leaky-relu, gelu, silu, tanh or softplus. Default: ${DEFAULT-VALUE}")
    String activation;

    @Option(names = "--heteroscedastic",
            description = "Regression: a second output models each example's log noise variance (default: one learned noise σ).")
    boolean heteroscedastic;

    @Option(names = "--logit-expectation", defaultValue = ModelSpec.DEFAULT_LOGIT_EXPECTATION,
            description = "Classification under --objective mean-var: E log softmax over the Gaussian logits by Monte Carlo"
                    + " (mc) or its second-order expansion (second-order). Default: ${DEFAULT-VALUE}")
    String logitExpectation;

    ModelVariant variant() {
        if (!logitExpectation.equals("mc") && !logitExpectation.equals("second-order")) {
            throw new RisbnnException("--logit-expectation '" + logitExpectation + "': expected mc or second-order");
        }
        return new ModelVariant(ActivationFunction.parse(activation), heteroscedastic, logitExpectation);
    }

    int[] hiddenOr(Integer hint) {
        if (hidden != null) {
            return hidden;
        }
        return new int[] {hint != null ? hint : 50};
    }

    @Override
    public void validate() {
        OptionChecks.atLeast("--eval-samples", evalSamples, 1);
        OptionChecks.positive("--sigma-ratio", sigmaRatio);
        if (rho0 != null) {
            OptionChecks.finite("--rho0", rho0);
        }
        if (hidden != null) {
            for (int width : hidden) {
                OptionChecks.atLeast("--hidden", width, 1);
            }
        }
    }
}
