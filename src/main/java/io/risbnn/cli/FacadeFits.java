package io.risbnn.cli;

import io.risbnn.api.FitBuilder;
import io.risbnn.api.Posterior;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.RunOutcome;

/** The commands' options set on the library facade, so {@code train} and {@code compare} fit through one path. */
final class FacadeFits {
    private FacadeFits() {}

    /** The architecture and evaluation options both kinds of data share (width: the data set's default unless given). */
    static FitBuilder withModelOptions(FitBuilder fit, ModelOptions model) {
        if (model.hidden != null) {
            fit.hidden(model.hidden);
        }
        return fit.sigmaRatio(model.sigmaRatio).rho0(model.rho0).evalSamples(model.evalSamples).activation(model.activation)
                .heteroscedastic(model.heteroscedastic).logitExpectation(model.logitExpectation);
    }

    /** The image options {@link ImageOptions#toOptions} checked: model, widths, augmentation, subset, validation. */
    static FitBuilder withImageOptions(FitBuilder fit, ClassificationRun.Options options) {
        fit.architecture(options.model()).hidden(options.hidden()).augment(options.augment())
                .epochEvalSamples(options.epochEvalSamples());
        if (options.subset() > 0) {
            fit.subset(options.subset());
        }
        if (options.validation() > 0) {
            fit.validation(options.validation());
        }
        return fit;
    }

    /** Fits, keeps what the run measured and frees the posterior; builder errors name the command's options. */
    static RunOutcome outcome(FitBuilder fit) {
        try (Posterior posterior = FacadeErrors.asOptions(fit::fit)) {
            return posterior.outcome();
        }
    }
}
