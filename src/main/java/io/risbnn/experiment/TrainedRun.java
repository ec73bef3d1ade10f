package io.risbnn.experiment;

import ai.djl.ndarray.NDManager;
import io.risbnn.method.InferenceMethod;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.runtime.Devices;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.TrainConfig;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A finished run whose model is still open, so the library facade can hand it out as a posterior: the
 * trained model with the method that trained it, the setup its checkpoint records, and the outcome. The
 * caller owns the model (closing the manager it was built in closes it too).
 *
 * @param <S> {@link RegressionSetup} or {@link ClassificationSetup}
 * @param train the run's prepared training examples (some methods' posteriors need them for BatchNorm)
 */
public record TrainedRun<S>(BayesianModel model, InferenceMethod method, S setup, TrainConfig config,
                            RunOutcome outcome, Supplier<ExampleSet> train) {
    /**
     * The posterior the method defines over the trained model.
     *
     * @return the sampled networks and the method's own predictives (the training examples read only if needed)
     */
    public PosteriorOutputs posterior() {
        return method.posterior(model, config, train);
    }

    /**
     * Runs {@code run} in a fresh manager and keeps only its outcome: the model and its memory are freed (for
     * callers that need no posterior, such as {@code table1}).
     */
    static RunOutcome outcomeOf(Function<NDManager, TrainedRun<?>> run) {
        try (NDManager root = Devices.newBaseManager()) {
            TrainedRun<?> trained = run.apply(root);
            trained.model().close();
            return trained.outcome();
        }
    }
}
