package io.risbnn.api;

import io.risbnn.train.ShapedExamples;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.RandomAccessDataset;
import io.risbnn.RisbnnException;
import io.risbnn.data.RegressionData;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.Estimators;
import io.risbnn.estimator.RisConfig;
import io.risbnn.experiment.RunLoop;
import io.risbnn.experiment.RunOutcome;
import io.risbnn.method.InferenceMethod;
import io.risbnn.method.MethodOptions;
import io.risbnn.method.Methods;
import io.risbnn.method.VariationalInference;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.model.vision.ModelConversion;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.objective.Objectives;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.data.DataSpec;
import io.risbnn.data.RegressionSource;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.TrainedRun;
import io.risbnn.model.ModelVariant;
import io.risbnn.variational.PosteriorInit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything a fit needs, with defaults (built by {@link BayesianNetworks#regression()} or
 * {@link BayesianNetworks#classification}): the network (a built-in architecture, a user's own DJL block of
 * risbnn Bayesian layers, or a deterministic DJL block to convert), the inference method with its options,
 * the data and the training options. {@link #fit()} trains and returns the {@link Posterior}. Every error
 * names the builder parameter at fault.
 *
 * <p>A project data set ({@link #data(String, RegressionSource, int)}, {@link BayesianNetworks#images}) runs
 * exactly as {@code risbnn train} runs it, which is built on this class: the split and its held-out rows, the
 * data set's protocol, an evaluation after every epoch and a final one on the test rows
 * ({@link Posterior#outcome()}), and checkpoints ({@link #checkpoints}) that {@link BayesianNetworks#resume}
 * continues.
 *
 * <p>The network never sees the ELBO's M sampled networks or the forward context: the trainer stacks M
 * copies of each batch (any batch size, whatever M) and makes the context current around each forward pass.
 */
public final class FitBuilder {
    private final List<String> classNames;
    private TrainingData data;
    private List<String> featureNames;
    private String targetName;
    private String architecture;
    private int[] hidden;
    private String activation = "relu";
    private boolean heteroscedastic;
    private Supplier<? extends Block> network;
    private Shape networkShape;
    private Block toConvert;
    private ModelConversion.Options conversion = ModelConversion.Options.defaults();
    private String method = VariationalInference.NAME;
    private String estimator;
    private String objective;
    private Integer samples;
    private Integer epochs;
    private int batchSize = 32;
    private double learningRate = 0.01;
    private String optimizer = "adam";
    private double momentum = 0.9;
    private String lrSchedule = "cosine";
    private int lrStepEpochs = 30;       // the defaults of risbnn train's --lr-step-epochs and --lr-gamma
    private double lrGamma = 0.1;
    private double klWeight = 1;
    private double temperature = 1;
    private double klWarmupEpochs = 0;
    private String prior = "gaussian:1.0";
    private long seed;
    private ai.djl.Device device;
    private boolean standardize = true;
    private boolean progress;
    private MethodOptions methodOptions = MethodOptions.defaults();
    private RisConfig ris = RisConfig.defaults();
    private BnnTrainer.EpochListener listener;
    private TrainConfig trainConfig;
    private double sigmaRatio = PosteriorInit.DEFAULT_SIGMA_RATIO;
    private Double rho0;
    private String logitExpectation;
    // the project's data sets, as risbnn train runs them
    private RunData runData;
    private int validation;
    private int subset;
    private boolean augment;
    private int evalSamples = 100;
    private int epochEvalSamples = 10;
    private boolean epochEvaluation = true;
    private Path checkpointDir;
    private long checkpointEvery;
    /** Parameters set that only a project data set uses (refused with other data). */
    private final Set<String> runOnly = new LinkedHashSet<>();

    FitBuilder(List<String> classNames) {
        this.classNames = classNames;
    }

    // ---- the network ----

    /**
     * Chooses a built-in architecture instead of a network of one's own.
     *
     * @param name {@code mlp} for feature vectors (the only one they take; widths from {@link #hidden}), or for
     *     C×H×W images {@code lenet}, {@code mlp-image}, {@code resnet20}, {@code resnet32} or {@code resnet56}
     *     (default for images: {@code resnet20} for 3×32×32, else {@code lenet}); the image models are classifiers
     *     and, but for {@code mlp-image}, need square images ({@code lenet} at least 12×12). {@link #fit()} refuses
     *     it together with {@link #network} or {@link #convert}, and any name that does not fit the data
     * @return this builder
     */
    public FitBuilder architecture(String name) {
        this.architecture = name;
        return this;
    }

    /**
     * Sets the hidden layer widths of the built-in {@code mlp} and {@code mlp-image}, one layer per width.
     *
     * @param widths each &ge; 1 (checked by {@link #fit()}); default one layer of 50, or the data set's protocol for a
     *     project regression data set, and 100 for a project image data set
     * @return this builder
     */
    public FitBuilder hidden(int... widths) {
        this.hidden = widths.clone();
        return this;
    }

    /**
     * Chooses the hidden activation of the built-in architectures.
     *
     * @param name {@code relu} (default), {@code leaky-relu}, {@code gelu}, {@code silu}, {@code tanh} or
     *     {@code softplus}; case-insensitive, {@code _} taken as {@code -} (checked by {@link #fit()})
     * @return this builder
     */
    public FitBuilder activation(String name) {
        this.activation = name;
        return this;
    }

    /**
     * Makes the regression noise heteroscedastic: a second network output is each example's log noise variance,
     * so the aleatoric variance varies with the input.
     *
     * @param on true: per-example noise; false (default): one learned σ for all examples. {@link #fit()}
     *     refuses true for classification
     * @return this builder
     */
    public FitBuilder heteroscedastic(boolean on) {
        this.heteroscedastic = on;
        return this;
    }

    /**
     * Sets the initial posterior std s of each built-in layer's weights, as a fraction of the He std √(2/fan-in).
     *
     * @param ratio a positive finite number (checked by {@link #fit()}); default 0.01
     * @return this builder
     */
    public FitBuilder sigmaRatio(double ratio) {
        this.sigmaRatio = ratio;
        return this;
    }

    /**
     * Sets one fixed initial ρ for the built-in layers' weights (s = softplus(ρ)), in place of {@link #sigmaRatio}.
     *
     * @param rho a finite number (checked by {@link #fit()}), or null (default) for the {@link #sigmaRatio} rule
     * @return this builder
     */
    public FitBuilder rho0(Double rho) {
        this.rho0 = rho;
        return this;
    }

    /**
     * Chooses how classification under the {@code mean-var} objective computes E log softmax of the Gaussian
     * logits; ignored for regression.
     *
     * @param how {@code mc} (default: Monte Carlo over the Gaussian logits, unbiased) or {@code second-order} (the
     *     deterministic second-order expansion, accurate for small variances only); checked by {@link #fit()}
     * @return this builder
     */
    public FitBuilder logitExpectation(String how) {
        this.logitExpectation = how;
        return this;
    }

    /**
     * A user's own DJL block holding risbnn Bayesian layers ({@code BayesLinear}, {@code BayesConv2d}, …, in
     * any DJL container), built fresh by {@code factory} (ensembles and HMC build copies; {@link Posterior#load}
     * takes the same factory). Its output: 1 value per example for regression (2 when heteroscedastic), one
     * logit per class for classification.
     *
     * @param factory builds the block, uninitialised, each time it is called
     * @param exampleShape the shape of one input example, without the batch axis; it must hold as many values as
     *     an example of the data (checked by {@link #fit()})
     * @return this builder
     */
    public FitBuilder network(Supplier<? extends Block> factory, Shape exampleShape) {
        this.network = factory;
        this.networkShape = exampleShape;
        return this;
    }

    /**
     * As {@link #network(Supplier, Shape)} with one block instance, for methods that train a single network; those
     * that build copies (ensembles, HMC, …) fail with a {@link RisbnnException} naming {@code network}, asking for a
     * factory.
     *
     * @param block the block, uninitialised
     * @param exampleShape the shape of one input example, without the batch axis
     * @return this builder
     */
    public FitBuilder network(Block block, Shape exampleShape) {
        boolean[] used = {false};
        return network(() -> {
            if (used[0]) {
                throw new RisbnnException("network: method " + method + " builds copies of the network; pass a factory, "
                        + "network(() -> new MyBlock(), shape), instead of one block");
            }
            used[0] = true;
            return block;
        }, exampleShape);
    }

    /**
     * A trained deterministic DJL block (initialised, for inputs of {@code exampleShape}) turned into its
     * Bayesian version, MOPED-style ({@link ModelConversion}): the posterior means start at its weights, the stds
     * at δ·|w| ({@link #conversionOptions}). The block itself is not modified.
     *
     * @param trained the deterministic block, initialised and trained
     * @param exampleShape the shape of one input example, without the batch axis
     * @return this builder
     */
    public FitBuilder convert(Block trained, Shape exampleShape) {
        this.toConvert = trained;
        this.networkShape = exampleShape;
        return this;
    }

    /**
     * Sets how {@link #convert} builds the Bayesian version: MOPED's δ, the floor of s, and whether Conv2d →
     * BatchNorm → ReLU are fused.
     *
     * @param options the options; default {@link ModelConversion.Options#defaults()} (δ = 0.1, s_min = 1e-8, fused)
     * @return this builder
     */
    public FitBuilder conversionOptions(ModelConversion.Options options) {
        this.conversion = options;
        return this;
    }

    // ---- the method ----

    /**
     * Chooses the inference method, which decides what the posterior is and how it is trained.
     *
     * @param name {@code vi} (default: variational inference, see {@link #estimator}), {@code map}, {@code swag},
     *     {@code swag-diag}, {@code laplace}, {@code ensemble}, {@code mc-dropout}, {@code sghmc}, {@code hmc},
     *     {@code adversarial} or {@code vogn}; checked by {@link #fit()}, which also refuses an {@link #estimator}
     *     or {@link #objective} with a method other than {@code vi}
     * @return this builder
     */
    public FitBuilder method(String name) {
        this.method = name;
        return this;
    }

    /**
     * Chooses how variational inference estimates the expected log-likelihood (method {@code vi} only).
     *
     * @param name {@code mc-shared}, {@code lrt}, {@code analytic}, {@code quadrature} or {@code ris}; default
     *     {@code ris} for the built-in architectures, {@code lrt} for a user's own or a converted block. Checked by
     *     {@link #fit()}, which also refuses an estimator that does not support the {@link #objective}
     * @return this builder
     */
    public FitBuilder estimator(String name) {
        this.estimator = name;
        return this;
    }

    /**
     * Chooses variational inference's training objective (method {@code vi} only).
     *
     * @param name {@code elbo}, {@code mean-var} or {@code moment}; default the estimator's own: {@code elbo} for
     *     {@code mc-shared} and {@code lrt}, else {@code mean-var}. Checked by {@link #fit()}
     * @return this builder
     */
    public FitBuilder objective(String name) {
        this.objective = name;
        return this;
    }

    /**
     * Sets M, the weight samples drawn per training step under VI and VOGN.
     *
     * @param m M &ge; 1 (default 10); {@link #fit()} refuses it for methods that draw no weight samples (one
     *     deterministic forward per step)
     * @return this builder
     */
    public FitBuilder samples(int m) {
        this.samples = m;
        return this;
    }

    /**
     * Sets the options of the non-VI methods (SWAG, Laplace, ensemble, MC dropout, SG-MCMC, HMC, adversarial,
     * VOGN); each method reads its own part.
     *
     * @param options the options; default {@link MethodOptions#defaults()}
     * @return this builder
     */
    public FitBuilder methodOptions(MethodOptions options) {
        this.methodOptions = options;
        return this;
    }

    /**
     * Sets the options of the {@code ris} estimator (proposal, gradient, space, bounds on λ² and τ).
     *
     * @param options the options; default {@link RisConfig#defaults()}
     * @return this builder
     */
    public FitBuilder risOptions(RisConfig options) {
        this.ris = options;
        return this;
    }

    /**
     * Chooses the prior over the weights, which the KL term pulls the posterior towards.
     *
     * @param spec {@code gaussian:SIGMA} (default {@code gaussian:1.0}: N(0, 1)) or {@code mixture:PI,S1,S2}, a
     *     scale mixture π·N(0, S1²) + (1−π)·N(0, S2²); an unreadable spec fails {@link #fit()}
     * @return this builder
     */
    public FitBuilder prior(String spec) {
        this.prior = spec;
        return this;
    }

    /**
     * Sets a constant factor on the KL term of the objective (KL/N_train × weight × temperature × warm-up).
     *
     * @param weight a finite number &ge; 0 (checked by {@link #fit()}); default 1, the ELBO; 0 drops the KL term
     * @return this builder
     */
    public FitBuilder klWeight(double weight) {
        this.klWeight = weight;
        return this;
    }

    /**
     * Sets the posterior temperature T, a factor on the KL term: T &lt; 1 gives the "cold", tempered posterior
     * p(D|w)·p(w)^T.
     *
     * @param t a positive finite number (checked by {@link #fit()}); default 1, the ELBO
     * @return this builder
     */
    public FitBuilder temperature(double t) {
        this.temperature = t;
        return this;
    }

    /**
     * Sets a linear warm-up of the KL term: its factor rises from near 0 to 1 over this many epochs.
     *
     * @param epochs a finite number &ge; 0 (checked by {@link #fit()}), fractions allowed (rounded to steps);
     *     default 0, no warm-up
     * @return this builder
     */
    public FitBuilder klWarmupEpochs(double epochs) {
        this.klWarmupEpochs = epochs;
        return this;
    }

    // ---- the data ----

    /**
     * Gives the training data as rows of feature values, with one target per row.
     *
     * @param features [N][F], N &ge; 1 rows of the same width F, every value finite
     * @param targets [N]: regression a finite value, classification a class index 0..K-1 (checked by
     *     {@link #fit()})
     * @return this builder
     * @throws RisbnnException naming {@code data} if an array is null or empty, the lengths or widths differ, or a
     *     value is not finite
     */
    public FitBuilder data(double[][] features, double[] targets) {
        this.data = TrainingData.of(features, targets);
        return this;
    }

    /**
     * Gives the training data as NDArrays, whose example shape the network takes (C×H×W images for the
     * built-in image architectures).
     *
     * @param features [N, …example shape]
     * @param targets [N] (or [N, 1]): regression values, or class indices 0..K-1
     * @return this builder
     * @throws RisbnnException naming {@code data} if {@code features} has no batch axis or N differs from the
     *     targets
     */
    public FitBuilder data(NDArray features, NDArray targets) {
        this.data = TrainingData.of(features, targets);
        return this;
    }

    /**
     * Gives the training data as a DJL dataset, read in full now.
     *
     * @param dataset records of one data array (the example, the same shape in every record) and one scalar label
     *     each, e.g. an {@code ArrayDataset}
     * @return this builder
     * @throws RisbnnException naming {@code data} if the dataset is empty, cannot be prepared or read, or a record
     *     has another shape or more than one array
     */
    public FitBuilder data(RandomAccessDataset dataset) {
        this.data = TrainingData.of(dataset);
        return this;
    }

    /**
     * Gives the training data as a table of the project's loaders, whose column names become the feature and
     * target names: {@code DataSpec.parseRegression("concrete").data()}. Unlike
     * {@link #data(String, RegressionSource, int)}, it is fitted as plain arrays (no split, no protocol).
     *
     * @param table the whole table, every row used for training
     * @return this builder
     * @throws RisbnnException naming {@code data} if the table is empty or holds a non-finite value
     */
    public FitBuilder data(RegressionData table) {
        this.data = TrainingData.of(table);
        return this;
    }

    /**
     * One of the project's regression data sets, run exactly as {@code risbnn train --data SPEC --split SPLIT}
     * runs it: split {@code split} of {@code source} (drawn from the fixed split seed), standardised with the
     * training rows' statistics, the data set's protocol for the hidden width and epochs unless given, the
     * per-epoch evaluation on the test rows (on the {@link #validation} rows, keys prefixed {@code val_}, when
     * some are held out) and a final one on the test rows ({@link Posterior#outcome()}).
     *
     * @param dataSpec the spec the run records, so a checkpoint can reopen the data (see
     *     {@link io.risbnn.data.DataSpec#canonical})
     * @param source the data set, e.g. {@code DataSpec.parseRegression(dataSpec)}
     * @param split the split index, in [0, {@code source.splitCount()}) (checked by {@link #fit()})
     * @return this builder
     */
    public FitBuilder data(String dataSpec, RegressionSource source, int split) {
        this.runData = new RunData.Table(dataSpec, source, split);
        return this;
    }

    /**
     * As {@link #data(String, RegressionSource, int)}, the source opened from its spec.
     *
     * @param dataSpec the {@code risbnn train --data} spec: {@code concrete}, {@code uci:DIR}, …
     * @param split the split index, in [0, the data set's split count) (checked by {@link #fit()})
     * @return this builder
     * @throws ParameterException if the spec names no regression data set or its files cannot be read
     */
    public FitBuilder data(String dataSpec, int split) {
        RegressionSource source = ParameterErrors.named(() -> DataSpec.parseRegression(dataSpec));
        return data(DataSpec.canonical(dataSpec), source, split);
    }

    FitBuilder images(ClassificationRun.Data images) {
        this.runData = new RunData.Images(images);
        return this;
    }

    /**
     * Project data sets: hold out this many training rows (images) for the per-epoch evaluation, drawn from
     * the seed, so model selection never looks at the test rows.
     *
     * @param rows &ge; 1 when given (checked by {@link #fit()}); default 0: none, the epochs are evaluated on the test
     *     rows
     * @return this builder
     */
    public FitBuilder validation(int rows) {
        runOnly.add("validation");
        this.validation = rows;
        return this;
    }

    /**
     * Image data sets: trains on a seeded random subset of the training images, for quick runs.
     *
     * @param images N &ge; 1 when given (checked by {@link #fit()}); default 0: all
     * @return this builder
     */
    public FitBuilder subset(int images) {
        runOnly.add("subset");
        this.subset = images;
        return this;
    }

    /**
     * Image data sets: augments the training images with a random crop (4-pixel padding) and horizontal flip.
     *
     * @param on true to augment; default false
     * @return this builder
     */
    public FitBuilder augment(boolean on) {
        runOnly.add("augment");
        this.augment = on;
        return this;
    }

    /**
     * Project data sets: sets S, the networks sampled for the posterior predictive of the evaluations (per epoch
     * for tables, and the final one).
     *
     * @param networks S &ge; 1 (checked by {@link #fit()}); default 100
     * @return this builder
     */
    public FitBuilder evalSamples(int networks) {
        runOnly.add("evalSamples");
        this.evalSamples = networks;
        return this;
    }

    /**
     * Image data sets: networks sampled for the cheaper evaluation after each epoch (default 10; 0: none
     * after the epochs, the final evaluation stays).
     *
     * @param networks &ge; 0 (checked by {@link #fit()})
     * @return this builder
     */
    public FitBuilder epochEvalSamples(int networks) {
        runOnly.add("epochEvalSamples");
        this.epochEvalSamples = networks;
        return this;
    }

    /**
     * Project data sets: evaluate on the validation (or test) rows after every epoch (default true, as
     * {@code risbnn train}); false evaluates once, after training, as {@code risbnn compare} does.
     *
     * @param on whether each epoch is evaluated
     * @return this builder
     */
    public FitBuilder epochEvaluation(boolean on) {
        runOnly.add("epochEvaluation");
        this.epochEvaluation = on;
        return this;
    }

    /**
     * Project data sets: checkpoint to {@code runDir/model/checkpoint.risbnn} at the end of every epoch and,
     * when {@code everySteps} &gt; 0, every that many steps, in the format of {@code risbnn train}: the directory
     * then loads with {@link Posterior#load(Path)} and continues with {@link BayesianNetworks#resume}.
     *
     * @param runDir the run directory (created if needed)
     * @param everySteps &ge; 0 (checked by {@link #fit()}); 0: at epoch ends only
     * @return this builder
     */
    public FitBuilder checkpoints(Path runDir, long everySteps) {
        runOnly.add("checkpoints");
        this.checkpointDir = runDir;
        this.checkpointEvery = everySteps;
        return this;
    }

    /**
     * Names the features, as predictions and saved posteriors report them (not for project data sets, which name
     * their own).
     *
     * @param names one per value of an example (checked by {@link #fit()}); default the table's column names, else
     *     generated ones
     * @return this builder
     */
    public FitBuilder featureNames(String... names) {
        this.featureNames = List.of(names);
        return this;
    }

    /**
     * Names the regression target (not for project data sets, which name their own).
     *
     * @param name the name; default the table's target column, else {@code y}
     * @return this builder
     */
    public FitBuilder targetName(String name) {
        this.targetName = name;
        return this;
    }

    /**
     * Standardises every input value (and the regression target) with the training rows' mean and std; the
     * posterior undoes it, so predictions are in the data's units either way.
     *
     * @param on default true; {@link #fit()} refuses false for project data sets
     * @return this builder
     */
    public FitBuilder standardize(boolean on) {
        this.standardize = on;
        return this;
    }

    // ---- training ----

    /**
     * The whole training configuration at once, as {@code risbnn train} assembles it from its options: it
     * takes the place of method, estimator, objective, samples, methodOptions, risOptions, prior, klWeight,
     * temperature, klWarmupEpochs, epochs, batchSize, learningRate, optimizer, momentum, lrSchedule and seed.
     *
     * @param config the configuration, checked by its method for the training rows by {@link #fit()}; null
     *     (default): assembled from the parameters
     * @return this builder
     */
    public FitBuilder trainConfig(TrainConfig config) {
        this.trainConfig = config;
        return this;
    }

    /**
     * Sets the number of passes over the training data.
     *
     * @param n &ge; 1 (checked by {@link #fit()}); default 40, or the project data set's protocol (10 for images)
     * @return this builder
     */
    public FitBuilder epochs(int n) {
        this.epochs = n;
        return this;
    }

    /**
     * Sets the examples per optimiser step (the trainer stacks M copies of each batch for the weight samples).
     *
     * @param b &ge; 1 (checked by {@link #fit()}); default 32
     * @return this builder
     */
    public FitBuilder batchSize(int b) {
        this.batchSize = b;
        return this;
    }

    /**
     * Sets the base learning rate, which the {@link #lrSchedule} then varies.
     *
     * @param lr a positive finite number (checked by {@link #fit()}); default 0.01
     * @return this builder
     */
    public FitBuilder learningRate(double lr) {
        this.learningRate = lr;
        return this;
    }

    /**
     * Chooses the optimiser.
     *
     * @param name {@code adam} (default) or {@code sgd} (heavy-ball, see {@link #momentum}); checked by {@link #fit()}
     * @return this builder
     */
    public FitBuilder optimizer(String name) {
        this.optimizer = name;
        return this;
    }

    /**
     * Sets the momentum of the {@code sgd} optimiser.
     *
     * @param m in [0, 1) (checked by {@link #fit()}); default 0.9; 0: plain SGD
     * @return this builder
     */
    public FitBuilder momentum(double m) {
        this.momentum = m;
        return this;
    }

    /**
     * Chooses how the learning rate changes over the run.
     *
     * @param kind {@code constant}, {@code step} (see {@link #lrStep}) or {@code cosine} (default: annealed from the
     *     base rate to 0 over the run); checked by {@link #fit()}
     * @return this builder
     */
    public FitBuilder lrSchedule(String kind) {
        this.lrSchedule = kind;
        return this;
    }

    /**
     * Sets the decay of the {@code step} schedule: the rate is multiplied by {@code gamma} every {@code epochs}
     * epochs.
     *
     * @param epochs &ge; 1 (checked by {@link #fit()}); default 30
     * @param gamma a positive finite factor (checked by {@link #fit()}); default 0.1
     * @return this builder
     */
    public FitBuilder lrStep(int epochs, double gamma) {
        this.lrStepEpochs = epochs;
        this.lrGamma = gamma;
        return this;
    }

    /**
     * Sets the one seed of every random draw (initial weights, data order, weight noise), so a fit is repeatable.
     *
     * @param s any value; default 0
     * @return this builder
     */
    public FitBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * The device the network trains and predicts on: {@code cpu} (default: the process's current device, CPU
     * unless chosen), {@code gpu} or {@code gpu:N}; a GPU without usable CUDA natives fails here, naming which.
     *
     * @param spec {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}; case-insensitive
     * @return this builder
     * @throws RisbnnException naming {@code device} if the spec is none of these, or the GPU is not usable (CPU-only
     *     natives, no visible GPU, no GPU of that index)
     */
    public FitBuilder device(String spec) {
        this.device = io.risbnn.runtime.Devices.select("device", spec);
        return this;
    }

    /**
     * Prints a progress bar and a line per epoch on stderr while training.
     *
     * @param on default false
     * @return this builder
     */
    public FitBuilder progress(boolean on) {
        this.progress = on;
        return this;
    }

    /**
     * Registers a listener that receives each epoch's metrics (loss, nll, kl, …) as soon as they are known, e.g. to
     * log or plot the run.
     *
     * @param epochListener the listener; null (default): none
     * @return this builder
     */
    public FitBuilder onEpoch(BnnTrainer.EpochListener epochListener) {
        this.listener = epochListener;
        return this;
    }

    // ---- fit ----

    /**
     * Checks every parameter, trains the network and returns its posterior.
     *
     * @return the trained posterior, which owns its memory: close it
     * @throws ParameterException naming the parameter at fault when a parameter is out of range or does not fit
     *     the others, no (or more than one) data source is given, a label is not a class index, or the network's
     *     example shape does not match the data
     * @throws RisbnnException if training itself fails
     */
    public Posterior fit() {
        checkParameters();
        if (runData != null) {
            return fitRun();
        }
        TrainingData d = data.named(featureNames, targetName);
        checkTargets(d);
        boolean classification = classNames != null;
        Shape shape = networkShape != null ? networkShape : d.exampleShape();
        if (shape.size() != d.exampleShape().size()) {
            throw ParameterErrors.of("network", "takes examples of shape " + shape + " (" + shape.size()
                    + " values), the data has " + d.exampleShape().size() + " values per example");
        }
        List<String> names = d.featureNames() != null ? d.featureNames() : io.risbnn.data.RegressionData.defaultNames(
                Math.toIntExact(shape.size()));
        Scaling scaling = Scaling.fit(d.x(), d.y(), classification, standardize, names,
                d.targetName() != null ? d.targetName() : "y", classNames, shape);
        double[] y = classification ? d.y() : scaling.targets().transform(d.y());
        ShapedExamples train = ShapedExamples.of(scaling.features().transform(d.x()), y, shape);
        TrainConfig config = checkedConfig(d.x().length, 40);
        InferenceMethod chosen = Methods.of(config);
        NDManager root = newRoot();
        try {
            Seeds.seedEngine(config.seed());
            BayesianModel model = ParameterErrors.named(() -> build(chosen, config, shape, root));
            RunOutcome outcome = RunLoop.train(model, train, config, chosen, progress, listener);
            return new Posterior(root, model, config, chosen, PosteriorFiles.eager(chosen.posterior(model, config, () -> train)), scaling,
                    outcome.history(), null, null, outcome);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** A project data set, through the experiment code that {@code compare}, {@code uci} and {@code table1} share. */
    private Posterior fitRun() {
        RegressionRun.Checkpointing checkpointing = checkpointDir == null ? null
                : new RegressionRun.Checkpointing(PosteriorFiles.checkpointOf(checkpointDir), checkpointEvery);
        if (runData instanceof RunData.Table table) {
            RegressionSource source = table.source();
            int trainRows = ParameterErrors.named(() -> source.split(table.split(), RegressionRun.SPLIT_SEED)).train().length
                    - validation;
            TrainConfig config = checkedConfig(trainRows, source.epochsHint() != null ? source.epochsHint() : 40);
            int[] widths = hidden != null ? hidden : new int[] {source.hiddenUnitsHint() != null ? source.hiddenUnitsHint() : 50};
            RegressionRun.Options options = new RegressionRun.Options(widths, sigmaRatio, rho0, evalSamples, epochEvaluation, progress,
                    validation, variant());
            return trainRun(root -> RegressionRun.fit(table.spec(), source, table.split(), config, options, checkpointing,
                    listener, root));
        }
        ClassificationRun.Data images = ((RunData.Images) runData).data();
        int trainRows = subset > 0 ? Math.min(subset, images.train().size()) : images.train().size();
        TrainConfig config = checkedConfig(trainRows, ClassificationRun.DEFAULT_EPOCHS);
        ClassificationRun.Options options = new ClassificationRun.Options(architecture, hidden != null ? hidden : new int[] {100},
                sigmaRatio, rho0, subset, validation, augment, evalSamples, epochEvalSamples, epochEvaluation && epochEvalSamples > 0, progress,
                variant());
        return trainRun(root -> ClassificationRun.fit(images, config, options, checkpointing, listener, root));
    }

    /** Trains in a fresh manager, which the posterior then owns (closed here if training fails). */
    private Posterior trainRun(java.util.function.Function<NDManager, TrainedRun<?>> run) {
        NDManager root = newRoot();
        try {
            TrainedRun<?> trained = ParameterErrors.named(() -> run.apply(root));
            return RunPosteriors.of(root, trained);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private NDManager newRoot() {
        return NDManager.newBaseManager(device != null ? device : io.risbnn.runtime.Devices.current());
    }

    private ModelVariant variant() {
        return new ModelVariant(ActivationFunction.parse(activation), heteroscedastic,
                logitExpectation != null ? logitExpectation : ModelSpec.DEFAULT_LOGIT_EXPECTATION);
    }

    /** The given {@link #trainConfig} or the one of the parameters, checked by its method for this many rows. */
    private TrainConfig checkedConfig(int trainRows, int defaultEpochs) {
        TrainConfig config = trainConfig != null ? trainConfig : ParameterErrors.named(() -> config(trainRows, defaultEpochs));
        InferenceMethod chosen = Methods.of(config);
        ParameterErrors.named(() -> chosen.checkConfig(config, trainRows));
        return config;
    }

    private TrainConfig config(int trainRows, int defaultEpochs) {
        int epochs = this.epochs != null ? this.epochs : defaultEpochs;
        boolean vi = method.equals(VariationalInference.NAME);
        long stepsPerEpoch = (trainRows + batchSize - 1) / batchSize;
        KlSchedule kl = new KlSchedule(klWeight, temperature, Math.round(klWarmupEpochs * stepsPerEpoch));
        LrSchedule schedule = LrSchedule.parse(lrSchedule, learningRate, lrStepEpochs, lrGamma);
        if (!vi) {
            int draws = Methods.of(method).drawsWeightSamples() ? (samples != null ? samples : 10) : 1;
            return new TrainConfig(method, ris, Objective.ELBO, draws, epochs, batchSize, optimizer, momentum, schedule, kl,
                    prior, seed, false, methodOptions);
        }
        String name = estimator != null ? estimator : isCustom() ? "lrt" : "ris";
        Objective chosen = objective != null ? Objective.parse(objective) : Objectives.defaultFor(name);
        Estimators.checkPair(Estimators.byName(name, ris), chosen);
        io.risbnn.variational.Priors.parse(prior);
        return new TrainConfig(name, ris, chosen, samples != null ? samples : 10, epochs, batchSize, optimizer, momentum,
                schedule, kl, prior, seed, false, methodOptions);
    }

    private boolean isCustom() {
        return network != null || toConvert != null;
    }

    private BayesianModel build(InferenceMethod chosen, TrainConfig config, Shape shape, NDManager root) {
        boolean classification = classNames != null;
        int outputs = classification ? classNames.size() : heteroscedastic ? 2 : 1;
        String likelihood = classification ? "categorical" : "gaussian";
        if (isCustom()) {
            ModelSpec spec = ModelSpec.custom(Math.toIntExact(shape.size()), outputs, likelihood, heteroscedastic);
            Supplier<? extends Block> factory = network != null ? network
                    : () -> ModelConversion.toBayesian(toConvert, new Shape(1).addAll(shape), root, conversion);
            return BayesianModel.of(spec, factory, shape, root);
        }
        ActivationFunction act = ActivationFunction.parse(activation);
        int[] hidden = this.hidden != null ? this.hidden : new int[] {50};
        ModelSpec spec;
        if (shape.dimension() == 3) {
            int c = Math.toIntExact(shape.get(0));
            int h = Math.toIntExact(shape.get(1));
            int w = Math.toIntExact(shape.get(2));
            if (!classification) {
                throw ParameterErrors.of("architecture", "the built-in image models are classifiers; for regression of "
                        + "images pass your own block with network(factory, shape)");
            }
            String name = architecture != null ? architecture : ModelSpec.defaultImageArchitecture(c, h, w);
            spec = ModelSpec.image(name, c, h, w, outputs, hidden, sigmaRatio, rho0).withActivation(act);
        } else if (shape.dimension() == 1) {
            if (architecture != null && !architecture.equals("mlp")) {
                throw ParameterErrors.of("architecture", "'" + architecture + "' takes C×H×W images; feature vectors take mlp");
            }
            int width = Math.toIntExact(shape.get(0));
            spec = classification ? ModelSpec.classifierMlp(width, hidden, outputs, sigmaRatio, rho0).withActivation(act)
                    : ModelSpec.regressionMlp(width, hidden, sigmaRatio, rho0).withActivation(act).withHeteroscedastic(heteroscedastic);
        } else {
            throw ParameterErrors.of("data", "examples of shape " + shape + ": the built-in models take feature vectors or "
                    + "C×H×W images; pass your own block with network(factory, shape)");
        }
        if (logitExpectation != null && classification) {
            spec = spec.withLogitExpectation(logitExpectation);
        }
        return Models.build(chosen.architecture(spec, config), root);
    }

    private void checkParameters() {
        if (data == null && runData == null) {
            throw ParameterErrors.of("data", "is required: data(features, targets), data(dataset), data(table) or "
                    + "data(dataSpec, source, split)");
        }
        if (data != null && runData != null) {
            throw ParameterErrors.of("data", "give one data source: arrays, a dataset or table, or a project data set");
        }
        if (runData != null) {
            checkRunParameters();
        } else if (!runOnly.isEmpty()) {
            throw ParameterErrors.of(runOnly.iterator().next(), "is only for the project's data sets "
                    + "(data(dataSpec, source, split) or BayesianNetworks.images(…))");
        }
        int networks = (architecture != null ? 1 : 0) + (network != null ? 1 : 0) + (toConvert != null ? 1 : 0);
        if (networks > 1) {
            throw ParameterErrors.of("network", "choose one of architecture(name), network(factory, shape) and "
                    + "convert(block, shape)");
        }
        if (epochs != null) {
            atLeast("epochs", epochs, 1);
        }
        atLeast("batchSize", batchSize, 1);
        if (samples != null) {
            atLeast("samples", samples, 1);
            if (!method.equals(VariationalInference.NAME) && !Methods.of(method).drawsWeightSamples()) {
                throw ParameterErrors.of("samples", "is not used by method " + method + " (one deterministic forward per step)");
            }
        }
        positive("learningRate", learningRate);
        positive("temperature", temperature);
        if (!(klWeight >= 0) || Double.isInfinite(klWeight)) {
            throw ParameterErrors.of("klWeight", "must be a finite number >= 0, got " + klWeight);
        }
        if (!(klWarmupEpochs >= 0) || Double.isInfinite(klWarmupEpochs)) {
            throw ParameterErrors.of("klWarmupEpochs", "must be a finite number >= 0, got " + klWarmupEpochs);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw ParameterErrors.of("momentum", "must be in [0, 1), got " + momentum);
        }
        oneOf("optimizer", optimizer, List.of("adam", "sgd"));
        oneOf("lrSchedule", lrSchedule, List.of("constant", "step", "cosine"));
        atLeast("lrStep", lrStepEpochs, 1);
        positive("lrStep", lrGamma);
        List<String> methods = new ArrayList<>(List.of(VariationalInference.NAME));
        methods.addAll(Methods.NON_VI);
        oneOf("method", method, methods);
        if (estimator != null) {
            oneOf("estimator", estimator, Estimators.NAMES);
        }
        if (objective != null) {
            oneOf("objective", objective, Arrays.stream(Objective.values()).map(Objective::cliName).toList());
        }
        if (!method.equals(VariationalInference.NAME) && (estimator != null || objective != null)) {
            throw ParameterErrors.of(estimator != null ? "estimator" : "objective", "is VI's; method " + method
                    + " has its own (" + Methods.of(method).objectiveLabel(null) + ")");
        }
        for (int h : hidden != null ? hidden : new int[0]) {
            if (h < 1) {
                throw ParameterErrors.of("hidden", "widths must be >= 1, got " + Arrays.toString(hidden));
            }
        }
        ParameterErrors.named(() -> ActivationFunction.parse(activation));
        if (heteroscedastic && classNames != null) {
            throw ParameterErrors.of("heteroscedastic", "is for regression only");
        }
        positive("sigmaRatio", sigmaRatio);
        if (rho0 != null && !Double.isFinite(rho0)) {
            throw ParameterErrors.of("rho0", "must be a finite number, got " + rho0);
        }
        if (logitExpectation != null) {
            oneOf("logitExpectation", logitExpectation, List.of("mc", "second-order"));
        }
        if (featureNames != null && data != null && featureNames.size() != data.exampleShape().size()) {
            throw ParameterErrors.of("featureNames", "has " + featureNames.size() + " names for " + data.exampleShape().size()
                    + " features");
        }
    }

    /** What a project data set takes: built-in architectures, its own names and standardisation. */
    private void checkRunParameters() {
        boolean images = runData instanceof RunData.Images;
        if (isCustom()) {
            throw ParameterErrors.of("network", "the project's data sets train the built-in architectures (architecture(name))");
        }
        if (featureNames != null || targetName != null) {
            throw ParameterErrors.of(featureNames != null ? "featureNames" : "targetName", "the project's data sets name "
                    + "their own columns");
        }
        if (!standardize) {
            throw ParameterErrors.of("standardize", "the project's data sets are always standardised with their training "
                    + "statistics");
        }
        if (!images && classNames != null) {
            throw ParameterErrors.of("data", "a regression data set; fit it with BayesianNetworks.regression()");
        }
        if (!images && (runOnly.contains("subset") || runOnly.contains("augment") || runOnly.contains("epochEvalSamples"))) {
            String given = runOnly.contains("subset") ? "subset" : runOnly.contains("augment") ? "augment" : "epochEvalSamples";
            throw ParameterErrors.of(given, "is only for image data sets (BayesianNetworks.images(…))");
        }
        if (images && architecture != null && !ModelSpec.IMAGE_ARCHITECTURES.contains(architecture)) {
            throw ParameterErrors.of("architecture", "'" + architecture + "' is not one of "
                    + String.join(", ", ModelSpec.IMAGE_ARCHITECTURES));
        }
        if (!images && architecture != null && !architecture.equals("mlp")) {
            throw ParameterErrors.of("architecture", "'" + architecture + "' takes C×H×W images; feature vectors take mlp");
        }
        if (runOnly.contains("validation")) {
            atLeast("validation", validation, 1);
        }
        if (runOnly.contains("subset")) {
            atLeast("subset", subset, 1);
        }
        atLeast("evalSamples", evalSamples, 1);
        atLeast("epochEvalSamples", epochEvalSamples, 0);
        if (checkpointDir != null) {
            atLeast("checkpoints", checkpointEvery, 0);
        }
    }

    private void checkTargets(TrainingData d) {
        if (classNames == null) {
            return;
        }
        for (int i = 0; i < d.y().length; i++) {
            double label = d.y()[i];
            if (label != Math.rint(label) || label < 0 || label >= classNames.size()) {
                throw ParameterErrors.of("data", "label of row " + i + " is " + label + "; expected a class index 0.."
                        + (classNames.size() - 1));
            }
        }
    }

    private static void atLeast(String parameter, long value, long min) {
        if (value < min) {
            throw ParameterErrors.of(parameter, "must be >= " + min + ", got " + value);
        }
    }

    private static void positive(String parameter, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw ParameterErrors.of(parameter, "must be a positive finite number, got " + value);
        }
    }

    private static void oneOf(String parameter, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw ParameterErrors.of(parameter, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
    }
}
