package io.risbnn.method;

import ai.djl.ndarray.NDArray;
import io.risbnn.estimator.Estimator;
import io.risbnn.model.BayesianModel;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.Prior;

/**
 * How a model's parameters are fitted: the variation point above the estimator. The trainer asks the
 * method which parameters to optimise, what to add to the data term, and which estimator runs the
 * forward pass; evaluation and checkpoints do not need to know which method it is.
 */
public interface InferenceMethod {
    /** The name of {@code --method} (and of the rows of compare/uci). */
    String name();

    /** The forward pass's estimator. */
    Estimator estimator(TrainConfig config);

    /** Puts a freshly built or restored model into the method's form before training (idempotent). */
    void prepare(BayesianModel model);

    /** Whether the trainer optimises this parameter. */
    boolean trains(BayesianModel model, NamedParameter parameter);

    /** The regulariser added to the mean NLL as factor · penalty / N: KL(q‖p) for VI, −log p(μ) for MAP. */
    NDArray penalty(BayesianModel model, Prior prior);

    /** What the run's objective is called in results. */
    String objectiveLabel(TrainConfig config);
}
