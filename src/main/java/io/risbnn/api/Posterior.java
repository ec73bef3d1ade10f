package io.risbnn.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.risbnn.data.image.ChannelNormalizer;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
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
    private final RunOutcome outcome;

    /** {@code outputs} is asked for on first use (some methods build a network per sample for it). */
    Posterior(NDManager root, BayesianModel model, TrainConfig config, InferenceMethod method, Supplier<PosteriorOutputs> outputs,
              Scaling scaling, List<EpochMetrics> history, ChannelNormalizer images, RegressionSetup runSetup,
              RunOutcome outcome) {
        this.root = root;
        this.model = model;
        this.config = config;
        this.method = method;
        this.outputsOf = outputs;
        this.scaling = scaling;
        this.history = List.copyOf(history);
        this.images = images;
        this.runSetup = runSetup;
        this.outcome = outcome;
    }

    /** Loads a directory written by {@link #save} or by {@code risbnn train}, when the model is a built-in one. */
    public static Posterior load(Path dir) {
        return PosteriorFiles.load(dir, null);
    }

    /**
     * Loads a directory written by {@link #save} of a posterior over a user's own block; {@code network}
     * builds that block again (uninitialised), as it did for {@link FitBuilder#network(Supplier, Shape)}.
     */
    public static Posterior load(Path dir, Supplier<? extends Block> network) {
        return PosteriorFiles.load(dir, network);
    }

    /** As {@link #load(Path, Supplier)}, in a sub-manager of {@code parent} (closed with it); {@code network} null for built-in models. */
    public static Posterior load(Path dir, Supplier<? extends Block> network, NDManager parent) {
        return PosteriorFiles.load(dir, network, parent);
    }

    /**
     * Writes {@code dir/posterior.risbnn} (parameters, method state, spec, configuration, scaling, names) and
     * {@code dir/serving.properties}, so DJL's {@code Criteria} can load the directory (see
     * {@link io.risbnn.api.serving.PosteriorTranslatorFactory}).
     */
    public Path save(Path dir) {
        return PosteriorFiles.save(dir, this);
    }

    /** Predictions of rows of input values in the training data's units (NaN: a missing value), with defaults. */
    public PredictiveDistribution predict(double[][] rows) {
        return predict(rows, PredictOptions.defaults());
    }

    public PredictiveDistribution predict(double[][] rows, PredictOptions options) {
        return predictEncoded(scaling.encode(rows), options);
    }

    /** Predictions of inputs [N, …example shape] in the training data's units. */
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

    /** Images of the model's shape, normalised as at training (posteriors of {@code risbnn train} image runs). */
    public PredictiveDistribution predict(ImageSet inputs, PredictOptions options) {
        if (images == null) {
            throw new IllegalStateException("this posterior was not trained on an image data set: pass rows or an NDArray");
        }
        return predictEncoded(new ImageExamples(inputs, images, null, 0), options);
    }

    /** Predictions of inputs already in the network's (standardised) units. */
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

    public ModelSpec spec() {
        return model.spec();
    }

    /** The inference method's name ({@code vi}, {@code map}, {@code swag}, …). */
    public String methodName() {
        return method.name();
    }

    public TrainConfig config() {
        return config;
    }

    public Scaling scaling() {
        return scaling;
    }

    public boolean isClassification() {
        return scaling.isClassification();
    }

    public List<String> featureNames() {
        return scaling.featureNames();
    }

    public String targetName() {
        return scaling.targetName();
    }

    public List<String> classNames() {
        return scaling.classNames();
    }

    /** The checkpoint file of a {@code risbnn train} run directory ({@code DIR/model/checkpoint.risbnn}). */
    public static java.nio.file.Path runCheckpoint(java.nio.file.Path runDir) {
        return PosteriorFiles.checkpointOf(runDir);
    }

    /** The shape of one input example. */
    public Shape exampleShape() {
        return scaling.shape();
    }

    /** Per-epoch training metrics (empty for a loaded posterior). */
    public List<EpochMetrics> history() {
        return history;
    }

    /**
     * What the fit produced: per-epoch history, the loss and NLL of every step, the final metrics (on the test
     * rows of a project data set; empty for arrays) and the training time. Null for a loaded posterior.
     */
    public RunOutcome outcome() {
        return outcome;
    }

    /** The trained network (its block is {@code model().network()}). */
    public BayesianModel model() {
        return model;
    }

    /** The posterior as evaluation sees it: sampled networks' raw outputs and the method's own predictives. */
    public synchronized PosteriorOutputs outputs() {
        if (outputs == null) {
            outputs = outputsOf.get();
        }
        return outputs;
    }

    /** The objective's name under VI, else the method's objective. */
    public String objectiveLabel() {
        return method.objectiveLabel(config);
    }

    InferenceMethod method() {
        return method;
    }

    /** The setup of a {@code risbnn train} regression run this was loaded from (null otherwise). */
    public RegressionSetup runSetup() {
        return runSetup;
    }

    NDManager manager() {
        return root;
    }

    @Override
    public void close() {
        model.close();
        root.close();
    }
}
