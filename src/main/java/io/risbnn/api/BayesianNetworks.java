package io.risbnn.api;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.risbnn.RisbnnException;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.ModelFiles;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.TrainedRun;
import io.risbnn.runtime.Devices;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The library's entry point: a Bayesian network fitted in one chain of calls, then asked for predictions
 * with their uncertainty.
 *
 * <pre>{@code
 * try (Posterior posterior = BayesianNetworks.regression()
 *         .network(() -> new SequentialBlock().add(new BayesLinear(...)) ..., new Shape(3))
 *         .data(x, y).epochs(200).seed(0)
 *         .fit()) {
 *     PredictiveDistribution p = posterior.predict(newRows);
 *     double[] mean = p.mean(), epistemic = p.epistemicVariance(), aleatoric = p.aleatoricVariance();
 *     posterior.save(Path.of("model"));
 * }
 * }</pre>
 */
public final class BayesianNetworks {
    private BayesianNetworks() {}

    /**
     * Starts a regression fit: one real target per example under a Gaussian likelihood, with one learned noise
     * σ (or a per-example one, {@link FitBuilder#heteroscedastic}).
     *
     * @return a builder with every option at its default; give it data and call {@link FitBuilder#fit()}
     */
    public static FitBuilder regression() {
        return new FitBuilder(null);
    }

    /**
     * Starts a classification fit over named classes, under a categorical likelihood; the labels of the data are
     * the class indices 0..K-1 in this order, and predictions report these names.
     *
     * @param classNames the K class names, K &ge; 2 (copied)
     * @return a builder with every option at its default
     * @throws RisbnnException if {@code classNames} is null or has fewer than 2 names
     */
    public static FitBuilder classification(List<String> classNames) {
        if (classNames == null || classNames.size() < 2) {
            throw new RisbnnException("classNames: expected at least 2 classes, got " + classNames);
        }
        return new FitBuilder(List.copyOf(classNames));
    }

    /**
     * Starts a classification fit over K unnamed classes, which predictions call {@code class0..class(K-1)}.
     *
     * @param classes K, the number of classes, &ge; 2; the labels of the data are 0..K-1
     * @return a builder with every option at its default
     * @throws RisbnnException if {@code classes} &lt; 2
     */
    public static FitBuilder classification(int classes) {
        if (classes < 2) {
            throw new RisbnnException("classes must be >= 2, got " + classes);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class" + k);
        }
        return classification(names);
    }

    /**
     * A classification fit of one of the project's image data sets, run exactly as {@code risbnn train --data
     * SPEC} runs it: the classes, shapes and test images come from the data; see {@link FitBuilder#subset},
     * {@link FitBuilder#validation}, {@link FitBuilder#augment}, {@link FitBuilder#epochEvalSamples}.
     *
     * @param images loaded with {@link ClassificationRun#load} (pass the subset there too: an image folder then
     *     decodes only that many images per class)
     * @return a classification builder over the data set's classes, its data already given
     */
    public static FitBuilder images(ClassificationRun.Data images) {
        return classification(images.train().classNames()).images(images);
    }

    /**
     * As {@link #images(ClassificationRun.Data)}, loading every image of a data set named by its spec.
     *
     * @param dataSpec the {@code risbnn train --data} spec: {@code fashion-mnist}, {@code cifar10:DIR}, …
     * @return a classification builder over the data set's classes, its data already given
     * @throws ParameterException if the spec is unknown or its files cannot be read
     */
    public static FitBuilder images(String dataSpec) {
        return images(ParameterErrors.named(() -> ClassificationRun.load(io.risbnn.data.DataSpec.canonical(dataSpec), 0)));
    }

    /**
     * Continues a checkpointed run ({@code risbnn train} or {@link FitBuilder#checkpoints}) from its last
     * checkpoint, with its own configuration and data, checkpointing again to the same file; the result is the
     * posterior, with the {@link Posterior#outcome()}, that the uninterrupted run would have given.
     *
     * @param runDir the run directory (holding {@code model/checkpoint.risbnn})
     * @param checkpointEverySteps checkpoint every this many steps as well as at epoch ends (0: epoch ends only)
     * @param onEpoch receives the metrics of each epoch still to train (null: none)
     * @return the trained posterior, which owns its memory: close it
     * @throws ParameterException if {@code checkpointEverySteps} &lt; 0 or {@code runDir} holds no checkpoint
     */
    public static Posterior resume(Path runDir, long checkpointEverySteps, BnnTrainer.EpochListener onEpoch) {
        if (checkpointEverySteps < 0) {
            throw ParameterErrors.of("checkpointEverySteps", "must be >= 0, got " + checkpointEverySteps);
        }
        Path file = PosteriorFiles.checkpointOf(runDir);
        if (!Files.isRegularFile(file) && !Files.isRegularFile(Checkpoint.previousOf(file))) {
            throw ParameterErrors.of("runDir", runDir + ": no checkpoint at " + file
                    + " (expected a directory written by risbnn train or FitBuilder.checkpoints)");
        }
        boolean images = ModelFiles.isClassification(Checkpoint.loadForResume(file));
        NDManager root = Devices.newBaseManager();
        try {
            TrainedRun<?> run = images ? ClassificationRun.resume(file, checkpointEverySteps, onEpoch, root)
                    : RegressionRun.resume(file, checkpointEverySteps, onEpoch, root);
            return RunPosteriors.of(root, run);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /**
     * Loads a saved posterior (or a {@code risbnn train} run directory) of a built-in model, ready to predict; same
     * as {@link Posterior#load(Path)}. A posterior over a user's own or a converted block takes
     * {@link #load(Path, Supplier)}.
     *
     * @param dir the directory {@link Posterior#save} wrote, or a run directory
     * @return the posterior, which owns its memory: close it
     * @throws RisbnnException if {@code dir} holds neither file, or it holds a posterior over a user's own or a
     *     converted block
     */
    public static Posterior load(Path dir) {
        return Posterior.load(dir);
    }

    /**
     * Loads a saved posterior over a user's own or a converted block; same as {@link Posterior#load(Path, Supplier)}.
     *
     * @param dir the directory {@link Posterior#save} wrote
     * @param network builds the block again, uninitialised, as the factory given to
     *     {@link FitBuilder#network(Supplier, ai.djl.ndarray.types.Shape)} did; for a converted block, e.g.
     *     {@code () -> ModelConversion.toBayesian(deterministic, new Shape(1, F), manager)}
     * @return the posterior, which owns its memory: close it
     * @throws RisbnnException if {@code dir} holds no saved posterior, or the block's parameters do not match the file
     */
    public static Posterior load(Path dir, Supplier<? extends Block> network) {
        return Posterior.load(dir, network);
    }
}
