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
import java.util.ArrayList;
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
 * <p>The network never sees the ELBO's M sampled networks or the forward context: the trainer stacks M
 * copies of each batch (any batch size, whatever M) and makes the context current around each forward pass.
 */
public final class FitBuilder {
    private final List<String> classNames;
    private TrainingData data;
    private List<String> featureNames;
    private String targetName;
    private String architecture;
    private int[] hidden = {50};
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
    private int epochs = 40;
    private int batchSize = 32;
    private double learningRate = 0.01;
    private String optimizer = "adam";
    private double momentum = 0.9;
    private String lrSchedule = "cosine";
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

    FitBuilder(List<String> classNames) {
        this.classNames = classNames;
    }

    // ---- the network ----

    /** A built-in architecture: {@code mlp} (the default for feature vectors; widths from {@link #hidden}), {@code lenet}, {@code mlp-image}, {@code resnet20|32|56} for C×H×W inputs. */
    public FitBuilder architecture(String name) {
        this.architecture = name;
        return this;
    }

    /** Hidden layer widths of the built-in {@code mlp} / {@code mlp-image} (default 50). */
    public FitBuilder hidden(int... widths) {
        this.hidden = widths.clone();
        return this;
    }

    /** The built-in architectures' hidden activation: relu (default), leaky-relu, gelu, silu, tanh, softplus. */
    public FitBuilder activation(String name) {
        this.activation = name;
        return this;
    }

    /** Regression: a second network output is each example's log noise variance (default: one learned σ). */
    public FitBuilder heteroscedastic(boolean on) {
        this.heteroscedastic = on;
        return this;
    }

    /**
     * A user's own DJL block holding risbnn Bayesian layers ({@code BayesLinear}, {@code BayesConv2d}, …, in
     * any DJL container), built fresh by {@code factory} (ensembles and HMC build copies; {@link Posterior#load}
     * takes the same factory). Its output: 1 value per example for regression (2 when heteroscedastic), one
     * logit per class for classification.
     *
     * @param exampleShape the shape of one input example, without the batch axis
     */
    public FitBuilder network(Supplier<? extends Block> factory, Shape exampleShape) {
        this.network = factory;
        this.networkShape = exampleShape;
        return this;
    }

    /** As {@link #network(Supplier, Shape)} with one block instance (methods that build copies then refuse it). */
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
     * Bayesian version, MOPED-style ({@link ModelConversion}): the posterior means start at its weights.
     */
    public FitBuilder convert(Block trained, Shape exampleShape) {
        this.toConvert = trained;
        this.networkShape = exampleShape;
        return this;
    }

    public FitBuilder conversionOptions(ModelConversion.Options options) {
        this.conversion = options;
        return this;
    }

    // ---- the method ----

    /** {@code vi} (default), {@code map}, {@code swag}, {@code swag-diag}, {@code laplace}, {@code ensemble}, {@code mc-dropout}, {@code sghmc}, {@code hmc}, {@code adversarial}. */
    public FitBuilder method(String name) {
        this.method = name;
        return this;
    }

    /** VI's estimator: mc-shared, lrt, analytic, quadrature, ris (default: ris; lrt for a user's own block). */
    public FitBuilder estimator(String name) {
        this.estimator = name;
        return this;
    }

    /** VI's objective: elbo, mean-var or moment (default: the estimator's, elbo for mc-shared and lrt, else mean-var). */
    public FitBuilder objective(String name) {
        this.objective = name;
        return this;
    }

    /** M, samples per step under VI and VOGN (default 10). */
    public FitBuilder samples(int m) {
        this.samples = m;
        return this;
    }

    /** The options of the non-VI methods (SWAG, Laplace, ensemble, MC dropout, SG-MCMC, HMC, adversarial). */
    public FitBuilder methodOptions(MethodOptions options) {
        this.methodOptions = options;
        return this;
    }

    public FitBuilder risOptions(RisConfig options) {
        this.ris = options;
        return this;
    }

    /** {@code gaussian:SIGMA} (default {@code gaussian:1.0}) or {@code mixture:PI,S1,S2}. */
    public FitBuilder prior(String spec) {
        this.prior = spec;
        return this;
    }

    public FitBuilder klWeight(double weight) {
        this.klWeight = weight;
        return this;
    }

    public FitBuilder temperature(double t) {
        this.temperature = t;
        return this;
    }

    public FitBuilder klWarmupEpochs(double epochs) {
        this.klWarmupEpochs = epochs;
        return this;
    }

    // ---- the data ----

    /** Rows of features and one target per row (regression: a value; classification: a class index 0..K-1). */
    public FitBuilder data(double[][] features, double[] targets) {
        this.data = TrainingData.of(features, targets);
        return this;
    }

    /** Features [N, …example shape] and targets [N]. */
    public FitBuilder data(NDArray features, NDArray targets) {
        this.data = TrainingData.of(features, targets);
        return this;
    }

    /** A DJL dataset whose records hold one example and one scalar label each (e.g. an {@code ArrayDataset}). */
    public FitBuilder data(RandomAccessDataset dataset) {
        this.data = TrainingData.of(dataset);
        return this;
    }

    /** Data from the project's loaders, with its column names: {@code DataSpec.parseRegression("concrete").data()}. */
    public FitBuilder data(RegressionData table) {
        this.data = TrainingData.of(table);
        return this;
    }

    public FitBuilder featureNames(String... names) {
        this.featureNames = List.of(names);
        return this;
    }

    public FitBuilder targetName(String name) {
        this.targetName = name;
        return this;
    }

    /** Standardise inputs (and the regression target) with the training statistics (default true). */
    public FitBuilder standardize(boolean on) {
        this.standardize = on;
        return this;
    }

    // ---- training ----

    public FitBuilder epochs(int n) {
        this.epochs = n;
        return this;
    }

    public FitBuilder batchSize(int b) {
        this.batchSize = b;
        return this;
    }

    public FitBuilder learningRate(double lr) {
        this.learningRate = lr;
        return this;
    }

    /** adam (default) or sgd. */
    public FitBuilder optimizer(String name) {
        this.optimizer = name;
        return this;
    }

    public FitBuilder momentum(double m) {
        this.momentum = m;
        return this;
    }

    /** constant, step or cosine (default). */
    public FitBuilder lrSchedule(String kind) {
        this.lrSchedule = kind;
        return this;
    }

    /** The one seed of every random draw: initial weights, data order, weight noise (default 0). */
    public FitBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * The device the network trains and predicts on: {@code cpu} (default: the process's current device, CPU
     * unless chosen), {@code gpu} or {@code gpu:N}; a GPU without usable CUDA natives fails here, naming which.
     */
    public FitBuilder device(String spec) {
        this.device = io.risbnn.runtime.Devices.select("device", spec);
        return this;
    }

    /** Print a progress bar / a line per epoch on stderr (default off). */
    public FitBuilder progress(boolean on) {
        this.progress = on;
        return this;
    }

    /** Receives each epoch's metrics (loss, nll, kl, …) as soon as they are known. */
    public FitBuilder onEpoch(BnnTrainer.EpochListener epochListener) {
        this.listener = epochListener;
        return this;
    }

    // ---- fit ----

    /** Trains the network and returns its posterior (which owns its memory: close it). */
    public Posterior fit() {
        checkParameters();
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
        TrainConfig config = ParameterErrors.named(() -> config(d.x().length));
        InferenceMethod chosen = Methods.of(config);
        ParameterErrors.named(() -> chosen.checkConfig(config, d.x().length));
        NDManager root = NDManager.newBaseManager(device != null ? device : io.risbnn.runtime.Devices.current());
        try {
            Seeds.seedEngine(seed);
            BayesianModel model = ParameterErrors.named(() -> build(chosen, config, shape, root));
            RunOutcome outcome = RunLoop.train(model, train, config, chosen, progress, listener);
            return new Posterior(root, model, config, chosen, chosen.posterior(model, config, () -> train), scaling,
                    outcome.history(), null, null);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private TrainConfig config(int trainRows) {
        boolean vi = method.equals(VariationalInference.NAME);
        long stepsPerEpoch = (trainRows + batchSize - 1) / batchSize;
        KlSchedule kl = new KlSchedule(klWeight, temperature, Math.round(klWarmupEpochs * stepsPerEpoch));
        LrSchedule schedule = LrSchedule.parse(lrSchedule, learningRate, 1, 1);
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
            spec = ModelSpec.image(name, c, h, w, outputs, hidden, 0.01, null).withActivation(act);
        } else if (shape.dimension() == 1) {
            if (architecture != null && !architecture.equals("mlp")) {
                throw ParameterErrors.of("architecture", "'" + architecture + "' takes C×H×W images; feature vectors take mlp");
            }
            int width = Math.toIntExact(shape.get(0));
            spec = classification ? ModelSpec.classifierMlp(width, hidden, outputs, 0.01, null).withActivation(act)
                    : ModelSpec.regressionMlp(width, hidden, 0.01, null).withActivation(act).withHeteroscedastic(heteroscedastic);
        } else {
            throw ParameterErrors.of("data", "examples of shape " + shape + ": the built-in models take feature vectors or "
                    + "C×H×W images; pass your own block with network(factory, shape)");
        }
        return Models.build(chosen.architecture(spec, config), root);
    }

    private void checkParameters() {
        if (data == null) {
            throw ParameterErrors.of("data", "is required: data(features, targets), data(dataset) or data(table)");
        }
        int networks = (architecture != null ? 1 : 0) + (network != null ? 1 : 0) + (toConvert != null ? 1 : 0);
        if (networks > 1) {
            throw ParameterErrors.of("network", "choose one of architecture(name), network(factory, shape) and "
                    + "convert(block, shape)");
        }
        atLeast("epochs", epochs, 1);
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
        oneOf("lrSchedule", lrSchedule, List.of("constant", "cosine"));
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
        for (int h : hidden) {
            if (h < 1) {
                throw ParameterErrors.of("hidden", "widths must be >= 1, got " + Arrays.toString(hidden));
            }
        }
        ParameterErrors.named(() -> ActivationFunction.parse(activation));
        if (heteroscedastic && classNames != null) {
            throw ParameterErrors.of("heteroscedastic", "is for regression only");
        }
        if (featureNames != null && featureNames.size() != data.exampleShape().size()) {
            throw ParameterErrors.of("featureNames", "has " + featureNames.size() + " names for " + data.exampleShape().size()
                    + " features");
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
