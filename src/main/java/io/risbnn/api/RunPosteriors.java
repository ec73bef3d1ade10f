package io.risbnn.api;

import ai.djl.ndarray.NDManager;
import io.risbnn.experiment.ClassificationSetup;
import io.risbnn.experiment.RegressionSetup;
import io.risbnn.experiment.RunOutcome;
import io.risbnn.experiment.TrainedRun;
import io.risbnn.method.InferenceMethod;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.TrainConfig;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The posterior of a run on one of the project's data sets, fresh, resumed or loaded from its run directory:
 * the {@link Scaling} comes from the run's setup (standardisation statistics, names, image normalisation), so
 * a run predicts the same whichever way it was obtained.
 */
final class RunPosteriors {
    private RunPosteriors() {}

    /** A run just trained or resumed in {@code root}. */
    static Posterior of(NDManager root, TrainedRun<?> run) {
        return of(root, run.model(), run.config(), run.method(), run::posterior, run.setup(), run.outcome().history(),
                run.outcome());
    }

    /** {@code setup} is a {@link RegressionSetup} or a {@link ClassificationSetup}; {@code outcome} null when loaded. */
    static Posterior of(NDManager root, BayesianModel model, TrainConfig config, InferenceMethod method,
                        Supplier<PosteriorOutputs> outputs, Object setup, List<EpochMetrics> history, RunOutcome outcome) {
        if (setup instanceof ClassificationSetup images) {
            return new Posterior(root, model, config, method, outputs, scaling(images), history, images.normalizer(), null,
                    images, outcome);
        }
        RegressionSetup table = (RegressionSetup) setup;
        return new Posterior(root, model, config, method, outputs, scaling(table), history, null, table, outcome);
    }

    static Scaling scaling(RegressionSetup setup) {
        return new Scaling(setup.featureMeans(), setup.featureStds(), setup.targetMean(), setup.targetStd(),
                setup.featureNamesOrDefault(), setup.targetNameOrDefault(), null, new long[] {setup.featureMeans().length},
                setup.fillValues());
    }

    /** Per-value statistics of the images' per-channel ones (a channel without spread is left unscaled). */
    static Scaling scaling(ClassificationSetup setup) {
        int[] shape = setup.model().imageShape();
        int plane = shape[1] * shape[2];
        double[] means = new double[shape[0] * plane];
        double[] stds = new double[means.length];
        for (int i = 0; i < means.length; i++) {
            means[i] = setup.channelMeans()[i / plane];
            stds[i] = setup.channelStds()[i / plane] > 0 ? setup.channelStds()[i / plane] : 1;
        }
        return new Scaling(means, stds, Double.NaN, Double.NaN, null, null, setup.classNamesOrDefault(),
                Arrays.stream(shape).mapToLong(v -> v).toArray(), null);
    }
}
