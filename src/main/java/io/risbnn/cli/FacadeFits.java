package io.risbnn.cli;

import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.FitBuilder;
import io.risbnn.api.Posterior;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.RunOutcome;
import io.risbnn.experiment.Table1Runner;
import io.risbnn.model.ModelVariant;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.TrainConfig;
import java.nio.file.Path;

/** The commands' options set on the library facade, so {@code train}, {@code compare} and {@code table1} fit through one path. */
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

    /**
     * Every image run option of {@code options} on the facade: those of {@link #withImageOptions}, plus the
     * initialisation, evaluation, variant and progress ones that {@code table1}'s protocol fixes itself.
     */
    static FitBuilder withRunOptions(FitBuilder fit, ClassificationRun.Options options) {
        ModelVariant variant = options.variant();
        return withImageOptions(fit, options).sigmaRatio(options.sigmaRatio()).rho0(options.rho0())
                .evalSamples(options.evalSamples()).epochEvaluation(options.evalEachEpoch())
                .activation(variant.activation().cliName()).heteroscedastic(variant.heteroscedastic())
                .logitExpectation(variant.logitExpectation()).progress(options.progress());
    }

    /** {@code table1}'s runs, trained and continued through the facade, checkpointing at epoch ends. */
    static Table1Runner.Trainer table1Trainer() {
        return new Table1Runner.Trainer() {
            @Override
            public RunOutcome fresh(ClassificationRun.Data images, TrainConfig config, ClassificationRun.Options options,
                                    Path runDir, BnnTrainer.EpochListener listener) {
                return outcome(withRunOptions(BayesianNetworks.images(images), options).trainConfig(config)
                        .checkpoints(runDir, 0).onEpoch(listener));
            }

            @Override
            public RunOutcome resume(Path runDir, BnnTrainer.EpochListener listener) {
                try (Posterior posterior = FacadeErrors.asOptions(() -> BayesianNetworks.resume(runDir, 0, listener))) {
                    return posterior.outcome();
                }
            }
        };
    }

    /** Fits, keeps what the run measured and frees the posterior; builder errors name the command's options. */
    static RunOutcome outcome(FitBuilder fit) {
        try (Posterior posterior = FacadeErrors.asOptions(fit::fit)) {
            return posterior.outcome();
        }
    }
}
