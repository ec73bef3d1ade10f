package io.risbnn.experiment;

import io.risbnn.method.InferenceMethod;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.TrainConfig;
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
}
