package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.data.image.ImageDataSpec;
import io.risbnn.experiment.ClassificationRun;
import picocli.CommandLine.Option;

/** Options of image classification runs (--data fashion-mnist, cifar10:DIR, imagefolder:DIR, …). */
final class ImageOptions implements ValidatedOptions {
    @Option(names = "--model", description = "Image classifier: lenet, mlp-image, resnet20, resnet32 or resnet56. "
            + "Default: lenet for 28×28 images, resnet20 for 32×32 RGB.")
    String model;

    @Option(names = "--subset", description = "Train on the first N training images after a seeded shuffle. Default: all.")
    Integer subset;

    @Option(names = "--validation", description = "Hold out N training images (or rows of a regression split; seeded) for the per-epoch evaluation. Default: none (the test images).")
    Integer validation;

    @Option(names = "--epoch-eval-samples", defaultValue = "10",
            description = "Networks sampled for the evaluation after each epoch (the final one uses --eval-samples); "
                    + "0: no per-epoch evaluation (e.g. HMC, whose epoch is one iteration). Default: ${DEFAULT-VALUE}")
    int epochEvalSamples;

    @Option(names = "--augment", description = "Random crop (4-pixel padding) and horizontal flip of training images.")
    boolean augment;

    /** The numeric checks (run by {@link Main} before the command); the rest need the data spec. */
    @Override
    public void validate() {
        if (subset != null) {
            OptionChecks.atLeast("--subset", subset, 1);
        }
        if (validation != null) {
            OptionChecks.atLeast("--validation", validation, 1);
        }
        OptionChecks.atLeast("--epoch-eval-samples", epochEvalSamples, 0);
    }

    /** Refuses image options with regression data (--validation serves both). */
    void checkUnused(String dataSpec) {
        if (ImageDataSpec.isImage(dataSpec)) {
            return;
        }
        String given = model != null ? "--model" : subset != null ? "--subset" : augment ? "--augment" : null;
        if (given != null) {
            throw new RisbnnException(given + ": only for image data (--data fashion-mnist, mnist:DIR, cifar10:DIR, "
                    + "cifar100:DIR or imagefolder:DIR)");
        }
    }

    ClassificationRun.Options toOptions(ModelOptions modelOptions, boolean evalEachEpoch, boolean progress) {
        int n = subset == null ? 0 : subset;
        if (modelOptions.heteroscedastic) {
            throw new RisbnnException("--heteroscedastic: only for regression data (a Gaussian likelihood)");
        }
        if (model != null && !io.risbnn.model.ModelSpec.IMAGE_ARCHITECTURES.contains(model)) {
            throw new RisbnnException("--model " + model + ": expected one of "
                    + String.join(", ", io.risbnn.model.ModelSpec.IMAGE_ARCHITECTURES));
        }
        int[] hidden = modelOptions.hidden != null ? modelOptions.hidden : new int[] {100};
        return new ClassificationRun.Options(model, hidden, modelOptions.sigmaRatio, modelOptions.rho0, n,
                validation == null ? 0 : validation, augment, modelOptions.evalSamples, epochEvalSamples, evalEachEpoch && epochEvalSamples > 0,
                progress, modelOptions.variant());
    }

    /** Held-out regression rows of --validation (0: none). */
    int regressionValidation() {
        return validation == null ? 0 : validation;
    }

    int subsetOrZero() {
        return subset == null ? 0 : subset;
    }
}
