package io.risbnn.method;

import ai.djl.ndarray.NDArray;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.model.BayesianModel;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.ParameterUpdate;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.Prior;
import java.util.List;

/**
 * A training step a method takes itself instead of the trainer's loss → backward → optimiser update:
 * natural-gradient VI (VOGN) updates μ and precision from per-example curvature, HMC runs a leapfrog
 * trajectory with a Metropolis–Hastings test, Adversarial Sampling adds a loss at an adversarial noise.
 * The trainer still chooses the batch, seeds the engine for the step, opens the step's NDScope, checks
 * the parameters for NaN/Inf afterwards, calls {@link InferenceMethod#afterStep}, logs and checkpoints.
 */
public interface StepRule {
    /** What the trainer hands a step: the batch, the run and the trainer's own optimiser and parameters. */
    record Inputs(BayesianModel model, TrainConfig config, ForwardContext context, Prior prior,
                  List<NamedParameter> parameters, ParameterUpdate optimizer, NDArray features, NDArray targets,
                  int trainingRows, double learningRate, double klFactor, int epoch, long step) {}

    /**
     * What the step reports for the training log: the loss it minimised (or the potential energy of a
     * sampler), its data term and its regulariser, all finite unless the step failed; {@code skipped}
     * when the step changed nothing (a rejected proposal is not skipped: it is a step).
     */
    record Outcome(double loss, double nll, double penalty, boolean skipped) {}

    /**
     * Takes one step in place; every array it makes belongs to the step's scope unless it unregisters it.
     *
     * @param in the batch, the run and the trainer's optimiser and parameters
     * @return the loss and its parts for the log
     */
    Outcome take(Inputs in);
}
