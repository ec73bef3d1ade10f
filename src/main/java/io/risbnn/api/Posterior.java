package io.risbnn.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.risbnn.data.image.ChannelNormalizer;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
import io.risbnn.experiment.ClassificationSetup;
import io.risbnn.experiment.RegressionSetup;
import io.risbnn.experiment.RunOutcome;
import io.risbnn.method.InferenceMethod;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.predict.PredictOptions;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A trained posterior, from {@link FitBuilder#fit()} or {@link #load}: predicts new inputs with their
 * uncertainty ({@link PredictiveDistribution}) and saves itself with everything prediction needs. It owns
 * its NDManager: close it when done.
 *
 * <p>{@link #predict} runs S sampled networks in one forward pass per chunk of inputs (the batch is stacked
 * S times inside), seeded by {@link PredictOptions#seed()}: the same seed gives the same S networks, so the
 * same predictions, whatever the batch and after a save and load.
 */
public final class Posterior implements AutoCloseable {
    private final NDManager root;
    private final BayesianModel model;
    private final TrainConfig config;
    private final InferenceMethod method;
    private final Supplier<PosteriorOutputs> outputsOf;
    private PosteriorOutputs outputs;
    private final Scaling scaling;
    private final List<EpochMetrics> history;
    private final ChannelNormalizer images;
    private final RegressionSetup runSetup;
    private final ClassificationSetup imageRunSetup;
    private final RunOutcome outcome;

    /** {@code outputs} is asked for on first use (some methods build a network per sample for it). */
    Posterior(NDManager root, BayesianModel model, TrainConfig config, InferenceMethod method, Supplier<PosteriorOutputs> outputs,
              Scaling scaling, List<EpochMetrics> history, ChannelNormalizer images, RegressionSetup runSetup,
              RunOutcome outcome) {
        this(root, model, config, method, outputs, scaling, history, images, runSetup, null, outcome);
    }

    /** As above, with the setup of a project image run ({@code images} is then its normalizer). */
    Posterior(NDManager root, BayesianModel model, TrainConfig config, InferenceMethod method, Supplier<PosteriorOutputs> outputs,
              Scaling scaling, List<EpochMetrics> history, ChannelNormalizer images, RegressionSetup runSetup,
              ClassificationSetup imageRunSetup, RunOutcome outcome) {
        this.root = root;
        this.model = model;
        this.config = config;
        this.method = method;
        this.outputsOf = outputs;
        this.scaling = scaling;
        this.history = List.copyOf(history);
        this.images = images;
        this.runSetup = runSetup;
        this.imageRunSetup = imageRunSetup;
        this.outcome = outcome;
    }

    /**
     * Loads a directory written by {@link #save} or by {@code risbnn train}, when the model is a built-in one,
     * ready to predict in the units it was trained in.
     *
     * @param dir the directory holding {@code posterior.risbnn}, or a run directory holding
     *     {@code model/checkpoint.risbnn}
     * @return the posterior, in a fresh manager it owns: close it
     * @throws io.risbnn.RisbnnException if {@code dir} holds neither file, the file is not a saved posterior, or it
     *     holds a posterior over a user's own or a converted block (use {@link #load(Path, Supplier)})
     */
    public static Posterior load(Path dir) {
        return PosteriorFiles.load(dir, null);
    }

    /**
     * Loads a directory written by {@link #save} of a posterior over a user's own block; {@code network}
     * builds that block again (uninitialised), as it did for {@link FitBuilder#network(Supplier, Shape)}. A
     * converted block ({@link FitBuilder#convert}) loads the same way, its factory converting the deterministic
     * block again.
     *
     * @param dir the directory {@link #save} wrote (or a run directory, when {@code network} is then unused)
     * @param network the block's factory; null for a built-in model
     * @return the posterior, in a fresh manager it owns: close it
     * @throws io.risbnn.RisbnnException if {@code dir} holds no saved posterior, or a tensor of the file does not
     *     match the shape of the block's parameter (another block)
     */
    public static Posterior load(Path dir, Supplier<? extends Block> network) {
        return PosteriorFiles.load(dir, network);
    }

    /**
     * As {@link #load(Path, Supplier)}, in a sub-manager of {@code parent}, so the posterior is closed with it (as a
     * DJL model's block does).
     *
     * @param dir the directory {@link #save} wrote, or a run directory
     * @param network the block's factory; null for a built-in model
     * @param parent the manager whose sub-manager holds the posterior; null: a fresh base manager
     * @return the posterior
     * @throws io.risbnn.RisbnnException as {@link #load(Path, Supplier)}
     */
    public static Posterior load(Path dir, Supplier<? extends Block> network, NDManager parent) {
        return PosteriorFiles.load(dir, network, parent);
    }

    /**
     * Writes {@code dir/posterior.risbnn} (parameters, method state, spec, configuration, scaling, names) and
     * {@code dir/serving.properties}, so DJL's {@code Criteria} can load the directory (see
     * {@link io.risbnn.api.serving.PosteriorTranslatorFactory}). Everything prediction needs is kept; the
     * training history is not.
     *
     * @param dir the directory, created if needed; existing files of these names are replaced
     * @return the file written, {@code dir/posterior.risbnn}
     * @throws io.risbnn.RisbnnException if the directory cannot be created or a file cannot be written
     */
    public Path save(Path dir) {
        return PosteriorFiles.save(dir, this);
    }

    /**
     * Predicts rows of input values with the default options ({@link PredictOptions#defaults()}: 100 sampled
     * networks, seed 0, 95 % intervals).
     *
     * @param rows [N][F], values in the training data's units (NaN: a missing value, filled when the posterior has
     *     fill values)
     * @return one predictive distribution per row
     * @throws IllegalArgumentException if a row's width is not the model's, or a value is missing and the model has
     *     no fill values
     */
    public PredictiveDistribution predict(double[][] rows) {
        return predict(rows, PredictOptions.defaults());
    }

    /**
     * Predicts rows of input values with S sampled networks; the same options give the same predictions.
     *
     * @param rows [N][F], values in the training data's units (NaN: a missing value, filled when the posterior has
     *     fill values)
     * @param options S, the seed of the S networks and the regression interval level
     * @return one predictive distribution per row
     * @throws IllegalArgumentException if a row's width is not the model's, or a value is missing and the model has
     *     no fill values
     */
    public PredictiveDistribution predict(double[][] rows, PredictOptions options) {
        return predictEncoded(scaling.encode(rows), options);
    }

    /**
     * Predicts inputs given as an NDArray, in the training data's units.
     *
     * @param inputs [N, …example shape], any numeric type
     * @param options S, the seed of the S networks and the regression interval level
     * @return one predictive distribution per input
     * @throws IllegalArgumentException if the shape after the batch axis is not {@link #exampleShape()}
     */
    public PredictiveDistribution predict(NDArray inputs, PredictOptions options) {
        Shape shape = inputs.getShape();
        if (shape.dimension() < 1 || !shape.slice(1).equals(scaling.shape())) {
            throw new IllegalArgumentException("inputs: shape " + shape + ", the model takes [N]+" + scaling.shape());
        }
        int n = Math.toIntExact(shape.get(0));
        double[] flat = inputs.toType(DataType.FLOAT64, false).toDoubleArray();
        int width = Math.toIntExact(scaling.shape().size());
        double[][] rows = new double[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * width, rows[i], 0, width);
        }
        return predict(rows, options);
    }

    /**
     * Predicts images of the model's shape, normalised with the channel statistics of training; for posteriors of
     * the project's image runs ({@link BayesianNetworks#images}, {@code risbnn train}).
     *
     * @param inputs the images
     * @param options S, the seed of the S networks
     * @return one predictive distribution per image
     * @throws IllegalStateException if this posterior was neither trained on a project image data set nor loaded
     *     from such a run's directory ({@link #save} keeps no image normalisation: pass the images of a saved one
     *     as an NDArray [N, C, H, W] of pixel values in [0, 1], as {@link ImageSet#pixels()} gives them)
     */
    public PredictiveDistribution predict(ImageSet inputs, PredictOptions options) {
        if (images == null) {
            throw new IllegalStateException("this posterior was not trained on an image data set: pass rows or an NDArray");
        }
        return predictEncoded(new ImageExamples(inputs, images, null, 0), options);
    }

    /**
     * Predicts inputs already in the network's (standardised) units, skipping {@link #scaling()}'s encoding; the
     * outputs are still in the target's units.
     *
     * @param inputs encoded examples of {@link #exampleShape()}
     * @param options S, the seed of the S networks and the regression interval level
     * @return one predictive distribution per input
     */
    public PredictiveDistribution predictEncoded(ExampleSet inputs, PredictOptions options) {
        PosteriorOutputs outputs = outputs();   // built before the seed is set, so its draws do not move the predictions
        Seeds.seedEngine(options.seed());
        double[][][] sampled = outputs.sampled(inputs, options.samples(), options.seed());
        var own = outputs.own(inputs);
        if (scaling.isClassification()) {
            return PredictiveDistribution.classification(sampled, own, scaling.classNames());
        }
        return PredictiveDistribution.regression(sampled, own, outputs.noise(), scaling.targets(), options.interval());
    }

    /**
     * The model's spec: architecture, widths, likelihood, initialisation; what {@link #load} rebuilds the network
     * from.
     *
     * @return the spec
     */
    public ModelSpec spec() {
        return model.spec();
    }

    /**
     * The inference method's name, as {@link FitBuilder#method} takes it.
     *
     * @return {@code vi}, {@code map}, {@code swag}, …
     */
    public String methodName() {
        return method.name();
    }

    /**
     * The training configuration the posterior was fitted with (method, estimator, objective, optimiser, seed, …),
     * as {@link FitBuilder#trainConfig} takes it.
     *
     * @return the configuration
     */
    public TrainConfig config() {
        return config;
    }

    /**
     * How user inputs become network inputs and outputs return to the target's units (training statistics,
     * names, example shape, fill values).
     *
     * @return the scaling, saved with the posterior
     */
    public Scaling scaling() {
        return scaling;
    }

    /**
     * Whether the posterior is a classifier (its predictions have class probabilities) or a regression.
     *
     * @return true for classification
     */
    public boolean isClassification() {
        return scaling.isClassification();
    }

    /**
     * The names of the input values, in row order: given, from the table, or generated.
     *
     * @return one name per value of an example; null for the project's image data sets
     */
    public List<String> featureNames() {
        return scaling.featureNames();
    }

    /**
     * The name of the regression target.
     *
     * @return the name (by default {@code y}); null for classification of the project's image data sets
     */
    public String targetName() {
        return scaling.targetName();
    }

    /**
     * The class names, in label order.
     *
     * @return the K names, or null for regression
     */
    public List<String> classNames() {
        return scaling.classNames();
    }

    /**
     * The checkpoint file of a {@code risbnn train} run directory, which {@link #load(Path)} and
     * {@link BayesianNetworks#resume} read.
     *
     * @param runDir the run directory
     * @return {@code runDir/model/checkpoint.risbnn} (whether or not it exists)
     */
    public static java.nio.file.Path runCheckpoint(java.nio.file.Path runDir) {
        return PosteriorFiles.checkpointOf(runDir);
    }

    /**
     * The shape of one input example, which {@link #predict(NDArray, PredictOptions)} takes after the batch axis.
     *
     * @return the shape, without the batch axis
     */
    public Shape exampleShape() {
        return scaling.shape();
    }

    /**
     * The metrics of each training epoch (loss, nll, kl, …).
     *
     * @return one entry per epoch; empty for a posterior loaded with {@link #save}'s files, the run's epochs for a
     *     run directory
     */
    public List<EpochMetrics> history() {
        return history;
    }

    /**
     * What the fit produced: per-epoch history, the loss and NLL of every step, the final metrics (on the test
     * rows of a project data set; empty for arrays) and the training time.
     *
     * @return the outcome of {@link FitBuilder#fit()} or {@link BayesianNetworks#resume}; null for a loaded posterior
     */
    public RunOutcome outcome() {
        return outcome;
    }

    /**
     * The trained network, for direct access to its parameters or block ({@code model().network()}).
     *
     * @return the model, owned by this posterior
     */
    public BayesianModel model() {
        return model;
    }

    /**
     * The posterior as evaluation sees it: the sampled networks' raw outputs and the method's own predictives,
     * built on first use.
     *
     * @return the outputs, in standardised units
     */
    public synchronized PosteriorOutputs outputs() {
        if (outputs == null) {
            outputs = outputsOf.get();
        }
        return outputs;
    }

    /**
     * A label of what was optimised, as the project's tables print it.
     *
     * @return the objective's name under VI, else the method's objective
     */
    public String objectiveLabel() {
        return method.objectiveLabel(config);
    }

    InferenceMethod method() {
        return method;
    }

    /**
     * The setup of the project regression run this posterior comes from: its split, standardisation and test rows.
     *
     * @return the setup, or null otherwise (also for a project run saved with {@link #save} and loaded again)
     */
    public RegressionSetup runSetup() {
        return runSetup;
    }

    /**
     * The setup of the project image run this posterior comes from: its data spec, subset, channel statistics and
     * architecture.
     *
     * @return the setup, or null otherwise (also for a project run saved with {@link #save} and loaded again)
     */
    public ClassificationSetup imageRunSetup() {
        return imageRunSetup;
    }

    NDManager manager() {
        return root;
    }

    /** Frees the network and every NDArray of this posterior; it cannot predict afterwards. */
    @Override
    public void close() {
        model.close();
        root.close();
    }
}
