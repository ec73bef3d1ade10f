package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.variational.PosteriorInit;
import picocli.CommandLine.Option;

/** Architecture and initialisation options of the regression MLP. */
public final class ModelOptions {
    @Option(names = "--hidden", split = ",", description = "Hidden layer widths, e.g. 50 or 100,100. Default: the data set's protocol (50); 100 for --model mlp-image.")
    int[] hidden;

    @Option(names = "--sigma-ratio", defaultValue = "" + PosteriorInit.DEFAULT_SIGMA_RATIO,
            description = "Initial s as a fraction of the He std √(2/fan-in). Default: ${DEFAULT-VALUE}")
    double sigmaRatio;

    @Option(names = "--rho0", description = "Fixed initial ρ (s = softplus(ρ)); overrides --sigma-ratio.")
    Double rho0;

    @Option(names = "--heteroscedastic",
            description = "Regression: a second output models each example's log noise variance (instead of one learned noise level).")
    boolean heteroscedastic;

    @Option(names = "--eval-samples", defaultValue = "100", description = "Networks sampled for the posterior predictive. Default: ${DEFAULT-VALUE}")
    int evalSamples;

    int[] hiddenOr(Integer hint) {
        if (hidden != null) {
            return hidden;
        }
        return new int[] {hint != null ? hint : 50};
    }

    void validate() {
        if (evalSamples < 1) {
            throw new RisbnnException("--eval-samples " + evalSamples + ": expected an integer >= 1");
        }
        if (!(sigmaRatio > 0)) {
            throw new RisbnnException("--sigma-ratio " + sigmaRatio + ": expected a positive number");
        }
    }
}
