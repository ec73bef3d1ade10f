package io.risbnn.method;

import ai.djl.ndarray.NDArray;
import io.risbnn.estimator.Estimator;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.Prior;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a model's parameters are fitted and what posterior comes out: the variation point above the
 * estimator. The trainer asks the method which parameters to optimise, what to add to the data term,
 * which estimator runs the forward pass and at what learning rate, and tells it after every step and
 * epoch (SWAG collects iterates there); the run then lets it {@link #finish} (Laplace fits its curvature)
 * and asks for the {@link #posterior} that evaluation, {@code compare}, {@code uci}, {@code table1},
 * {@code eval}, {@code ood}, {@code sample-models} and {@code predict} draw from without knowing the method.
 *
 * <p>A method instance belongs to one run: it may hold state (SWAG's moments, Laplace's curvature),
 * which checkpoints store through {@link #state} and {@link #restore} so a resumed run continues exactly.
 */
public interface InferenceMethod {
    /**
     * The name of {@code --method} (and of the rows of compare/uci).
     *
     * @return e.g. {@code vi}, {@code map}, {@code swag}
     */
    String name();

    /**
     * The forward pass's estimator.
     *
     * @param config the run's configuration
     * @return VI's configured estimator; mc-shared for the methods on a point mass
     */
    Estimator estimator(TrainConfig config);

    /**
     * Puts a freshly built or restored model into the method's form before training (idempotent).
     *
     * @param model the model, changed in place (e.g. MAP collapses every ρ)
     */
    void prepare(BayesianModel model);

    /**
     * Whether the trainer optimises this parameter.
     *
     * @param model the model
     * @param parameter one of its named arrays
     * @return true if the optimiser updates it
     */
    boolean trains(BayesianModel model, NamedParameter parameter);

    /**
     * The regulariser added to the mean NLL as factor · penalty / N: KL(q‖p) for VI, −log p(μ) for MAP.
     *
     * @param model the model
     * @param prior the run's prior
     * @return a scalar, differentiable in the trained parameters
     */
    NDArray penalty(BayesianModel model, Prior prior);

    /**
     * What the run's objective is called in results.
     *
     * @param config the run's configuration
     * @return e.g. the objective's CLI name ({@code elbo}, {@code mean-var}) for VI, {@code log-posterior} for MAP
     */
    String objectiveLabel(TrainConfig config);

    /**
     * The architecture the method trains: the run's, or a variant of it (MC dropout adds its dropout blocks).
     *
     * @param spec the run's architecture
     * @param config the run's configuration
     * @return the architecture to build; {@code spec} by default
     */
    default io.risbnn.model.ModelSpec architecture(io.risbnn.model.ModelSpec spec, TrainConfig config) {
        return spec;
    }

    /**
     * Refuses, before any training, a run the method could not finish (Laplace's grid without held-out
     * rows, SWAG collecting less often than its phase has steps); {@code validation} is null when the run
     * holds none out.
     *
     * @param config the run's configuration
     * @param train the training set
     * @param validation the held-out rows, or null
     * @throws io.risbnn.RisbnnException if the method could not finish the run
     */
    default void checkRun(TrainConfig config, ExampleSet train, ExampleSet validation) {
        checkConfig(config, train.size());
    }

    /**
     * The part of {@link #checkRun} that needs only the configuration and the number of training rows, so the
     * CLI refuses the run before it creates any output (SGHMC's cycles against the epochs).
     *
     * @param config the run's configuration
     * @param trainingRows N, the training rows
     * @throws io.risbnn.RisbnnException if the method could not finish the run
     */
    default void checkConfig(TrainConfig config, int trainingRows) {}

    /**
     * Whether a step draws the run's M weight samples ({@code --samples}): VOGN's Monte Carlo curvature does;
     * the methods on a point mass and Adversarial Sampling (one draw, as its authors) run with M = 1.
     *
     * @return true if a step uses {@code --samples} draws; false by default
     */
    default boolean drawsWeightSamples() {
        return false;
    }

    /**
     * The learning rate of a step (SWAG replaces the schedule after its start epoch).
     *
     * @param config the run's configuration
     * @param epoch the 0-based epoch
     * @param step the 0-based step of the run
     * @param totalSteps the run's steps in all
     * @return the rate; the configured schedule's by default
     */
    default double learningRate(TrainConfig config, int epoch, long step, long totalSteps) {
        return config.lr().rate(epoch, step, totalSteps);
    }

    /**
     * The step this method takes itself (VOGN, HMC, Adversarial Sampling), or null for the trainer's
     * loss → backward → optimiser update of {@link #trains trained} parameters with {@link #penalty}.
     *
     * @param config the run's configuration
     * @return the method's step, or null (the default)
     */
    default StepRule stepRule(TrainConfig config) {
        return null;
    }

    /**
     * Called after every optimiser step, {@code step} counted from 0 over the whole run (SWAG collects moments here).
     *
     * @param model the model after the step
     * @param config the run's configuration
     * @param epoch the 0-based epoch
     * @param step the 0-based step of the run
     * @param stepsPerEpoch steps in one epoch
     */
    default void afterStep(BayesianModel model, TrainConfig config, int epoch, long step, long stepsPerEpoch) {}

    /**
     * Called at the end of every epoch (0-based), before its checkpoint.
     *
     * @param model the model
     * @param config the run's configuration
     * @param epoch the 0-based epoch just finished
     */
    default void afterEpoch(BayesianModel model, TrainConfig config, int epoch) {}

    /**
     * Called once after the last epoch, before the final evaluation and checkpoint: what a method fits
     * post hoc (Laplace's curvature and prior precision). {@code train} is the training set (BatchNorm
     * statistics and curvature are computed on it). Not called again for a run whose state says it finished.
     *
     * @param model the trained model
     * @param config the run's configuration
     * @param train the training set
     */
    default void finish(BayesianModel model, TrainConfig config, ExampleSet train) {}

    /**
     * As {@link #finish(BayesianModel, TrainConfig, ExampleSet)}, with the run's held-out validation rows
     * (null when it has none), for methods that choose a hyperparameter on them (Laplace's grid).
     *
     * @param model the trained model
     * @param config the run's configuration
     * @param train the training set
     * @param validation the held-out rows, or null
     */
    default void finish(BayesianModel model, TrainConfig config, ExampleSet train, ExampleSet validation) {
        finish(model, config, train);
    }

    /**
     * Figures about the fit the run's results report beside the evaluation's metrics (HMC's acceptance
     * rate and R̂), known after {@link #finish}; empty by default.
     *
     * @return figures by key
     */
    default Map<String, Double> diagnostics() {
        return Map.of();
    }

    /**
     * The method's arrays for a checkpoint, by name (stored under {@code method/}); empty when stateless.
     *
     * @return the arrays by name (SWAG's moments, Laplace's curvature, ensemble members, …)
     */
    default Map<String, NDArray> state() {
        return Map.of();
    }

    /**
     * Restores what {@link #state} returned from a checkpoint (arrays in the model's manager).
     *
     * @param model the restored model
     * @param config the run's configuration
     * @param state the arrays by the names {@link #state} used
     */
    default void restore(BayesianModel model, TrainConfig config, Map<String, NDArray> state) {}

    /**
     * The posterior evaluation and prediction draw from. {@code train} supplies the training set for
     * methods that need it at prediction time (SWAG recomputes BatchNorm statistics per sampled network);
     * it may be called never, and may fail when the training data is not at hand.
     *
     * @param model the trained model
     * @param config the run's configuration
     * @param train supplies the training set on demand
     * @return the posterior's sampled networks and deterministic predictives
     */
    PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train);
}
