package io.risbnn.experiment;

import ai.djl.ndarray.NDManager;
import io.risbnn.RisbnnException;
import io.risbnn.data.image.Augmentation;
import io.risbnn.data.image.ChannelNormalizer;
import io.risbnn.data.image.ImageDataSpec;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
import io.risbnn.eval.ClassificationEvaluation;
import io.risbnn.eval.Predictive;
import io.risbnn.method.InferenceMethod;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.ModelVariant;
import io.risbnn.model.Models;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.TrainingState;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * One image classification experiment: load the training and test images, optionally keep a seeded
 * subset of the training images, standardise each channel with training statistics, build the
 * classifier, train (with seeded crop + flip augmentation if asked), evaluate on the test images, and
 * checkpoint so an interrupted run resumes exactly. After each epoch a cheaper evaluation (few sampled
 * networks, on the validation images if some are held out) gives the accuracy curve of Figure 2 (left);
 * the final evaluation on the test images samples {@code evalSamples} networks. The training loop and checkpointing are shared with
 * {@link RegressionRun} ({@link RunLoop}, {@link ModelFiles}). Every command that trains ({@code train},
 * {@code compare}, {@code table1}) reaches it through the library facade ({@code io.risbnn.api.BayesianNetworks#images},
 * which calls {@link #fit} and {@link #resume(Path, long, BnnTrainer.EpochListener, NDManager)}).
 */
public final class ClassificationRun {
    /** Default epochs of an image run when --epochs is not given. */
    public static final int DEFAULT_EPOCHS = 10;

    /**
     * Architecture, data and evaluation options.
     *
     * @param model architecture (null: lenet for 28×28, resnet20 for 32×32 RGB)
     * @param hidden hidden widths of mlp-image
     * @param subset keep the first N training images after a seeded shuffle (0: all)
     * @param validation hold out N of the (subset) training images, drawn from the seed; the per-epoch
     *     evaluation then reports on them instead of the test images (0: none)
     * @param evalSamples networks sampled for the final posterior predictive on the test images
     * @param epochEvalSamples networks sampled for the cheaper evaluation after each epoch
     */
    public record Options(String model, int[] hidden, double sigmaRatio, Double rho0, int subset, int validation,
                          boolean augment, int evalSamples, int epochEvalSamples, boolean evalEachEpoch,
                          boolean progress, ModelVariant variant) {}

    /** The loaded images of a data spec, reused by every run of a comparison. */
    public record Data(String spec, ImageSet train, ImageSet test) {}

    /** {@code epochEval} is the validation set when one is held out, else the test set. */
    private record Prepared(ClassificationSetup setup, ImageExamples train, ImageExamples epochEval, ImageExamples test) {}

    private ClassificationRun() {}

    /**
     * Loads the training and test images of {@code spec}. With a subset of N images, an image folder
     * decodes at most N images per class (the subset is then drawn from those).
     *
     * @param spec an image data spec: {@code fashion-mnist}, {@code cifar10:DIR}, an image folder, …
     * @param subset N &ge; 0; 0: every training image
     * @return the training and test images, with the spec
     * @throws RisbnnException if {@code subset} &lt; 0, the spec is unknown or unreadable, or the training and test
     *     images differ in shape or classes
     */
    public static Data load(String spec, int subset) {
        if (subset < 0) {
            throw new RisbnnException("--subset " + subset + ": expected an integer >= 0 (0: all training images)");
        }
        ImageDataSpec data = ImageDataSpec.parse(spec);
        ImageSet train = data.load(true, subset > 0 ? subset : Integer.MAX_VALUE);
        ImageSet test = data.load(false, Integer.MAX_VALUE);
        if (train.channels() != test.channels() || train.height() != test.height() || train.width() != test.width()
                || train.classes() != test.classes()) {
            throw new RisbnnException("--data " + spec + ": training images are " + train + ", test images " + test
                    + " (expected the same shape and classes)");
        }
        return new Data(spec, train, test);
    }

    /** A Fisher–Yates permutation of 0..size-1 drawn from (seed, purpose). */
    private static int[] permutation(int size, long seed, String purpose) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        SplittableRandom random = Seeds.stream(seed, purpose);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The training rows kept by --subset: the first N of a permutation drawn from (seed, "subset"). */
    static int[] subsetRows(int size, int subset, long seed) {
        int[] p = permutation(size, seed, "subset");
        return java.util.Arrays.copyOf(p, Math.min(size, subset));
    }

    /** Splits training rows 0..size-1 into [kept, validation]: the validation rows are the first N of a (seed, "validation") shuffle. */
    static int[][] validationSplit(int size, int validation, long seed) {
        if (validation >= size) {
            throw new RisbnnException("--validation " + validation + ": expected fewer than the " + size + " training images");
        }
        int[] p = permutation(size, seed, "validation");
        int[] held = java.util.Arrays.copyOf(p, validation);
        int[] kept = java.util.Arrays.copyOfRange(p, validation, size);
        java.util.Arrays.sort(held);
        java.util.Arrays.sort(kept);
        return new int[][] {kept, held};
    }

    /** The images prepared for a run of {@code config}'s method (its architecture); {@code seed} draws subset and validation rows. */
    private static Prepared prepare(Data data, Options options, long seed, TrainConfig config) {
        ImageSet train = options.subset() > 0 ? data.train().subset(subsetRows(data.train().size(), options.subset(), seed))
                : data.train();
        ImageSet validation = null;
        if (options.validation() > 0) {
            int[][] rows = validationSplit(train.size(), options.validation(), seed);
            validation = train.subset(rows[1]);
            train = train.subset(rows[0]);
        }
        ChannelNormalizer normalizer = ChannelNormalizer.fit(train);
        String arch = options.model() != null ? options.model()
                : ModelSpec.defaultImageArchitecture(train.channels(), train.height(), train.width());
        ModelSpec spec = Methods.of(config).architecture(options.variant().applyTo(ModelSpec.image(arch, train.channels(),
                train.height(), train.width(), train.classes(), options.hidden(), options.sigmaRatio(), options.rho0())), config);
        ClassificationSetup setup = new ClassificationSetup(data.spec(), 0, options.subset(), options.validation(), seed,
                options.augment(), spec, normalizer.mean(), normalizer.std(), train.classNames(), data.test().fingerprint());
        Augmentation augmentation = options.augment() ? new Augmentation() : null;
        ImageExamples test = new ImageExamples(data.test(), normalizer, null, seed);
        return new Prepared(setup, new ImageExamples(train, normalizer, augmentation, seed),
                validation == null ? test : new ImageExamples(validation, normalizer, null, seed), test);
    }

    /**
     * Trains and evaluates a fresh run, closing its model afterwards: the outcome only, for callers that keep no
     * posterior (the experiment tests).
     *
     * @param data the loaded images
     * @param config the training configuration (its seed also draws the subset and validation images)
     * @param options architecture, data and evaluation options
     * @param checkpointing where and how often to checkpoint; null: no files written
     * @param listener receives each epoch's metrics; may be null
     * @return the history, traces, final test metrics and training time
     * @throws RisbnnException if the options do not fit the data (e.g. more validation images than training ones)
     */
    public static RunOutcome run(Data data, TrainConfig config, Options options,
                                            RegressionRun.Checkpointing checkpointing, BnnTrainer.EpochListener listener) {
        return TrainedRun.outcomeOf(root -> fit(data, config, options, checkpointing, listener, root));
    }

    /**
     * A fresh run whose model, built in {@code root}, stays open for the caller (the library facade);
     * {@code checkpointing} may be null.
     *
     * @param data the loaded images
     * @param config the training configuration (its seed also draws the subset and validation images)
     * @param options architecture, data and evaluation options
     * @param checkpointing where and how often to checkpoint; null: no files written
     * @param listener receives each epoch's metrics; may be null
     * @param root the manager the model is built in; closing it closes the model
     * @return the trained run, its model open
     * @throws RisbnnException if the options do not fit the data (e.g. more validation images than training ones)
     */
    public static TrainedRun<ClassificationSetup> fit(Data data, TrainConfig config, Options options,
                                                      RegressionRun.Checkpointing checkpointing,
                                                      BnnTrainer.EpochListener listener, NDManager root) {
        Prepared prepared = prepare(data, options, config.seed(), config);
        Seeds.seedEngine(config.seed());
        BayesianModel model = Models.build(prepared.setup().model(), root);
        try {
            InferenceMethod method = Methods.of(config);
            RunOutcome outcome = train(model, method, prepared, config, options, checkpointing, listener,
                    new TrainingState(), null);
            return new TrainedRun<>(model, method, prepared.setup(), config, outcome, prepared::train);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Continues the run saved in {@code file} with its own configuration, checkpointing to the same file; the
     * result is what the uninterrupted run would have given.
     *
     * @param file the run's checkpoint
     * @param everySteps checkpoint every this many steps as well as at epoch ends (0: epoch ends only)
     * @param listener receives the metrics of each epoch still to train; may be null
     * @return the outcome of the whole run
     * @throws RisbnnException if the checkpoint cannot be read, or the data behind its spec changed since the run
     *     started
     */
    public static RunOutcome resume(Path file, long everySteps, BnnTrainer.EpochListener listener) {
        return TrainedRun.outcomeOf(root -> resume(file, everySteps, listener, root));
    }

    /**
     * As {@link #resume(Path, long, BnnTrainer.EpochListener)}, the model restored in {@code root} left open.
     *
     * @param file the run's checkpoint
     * @param everySteps checkpoint every this many steps as well as at epoch ends (0: epoch ends only)
     * @param listener receives the metrics of each epoch still to train; may be null
     * @param root the manager the model is restored in
     * @return the finished run, its model open
     * @throws RisbnnException if the checkpoint cannot be read, or the data behind its spec changed since the run
     *     started
     */
    public static TrainedRun<ClassificationSetup> resume(Path file, long everySteps, BnnTrainer.EpochListener listener,
                                                         NDManager root) {
        var restored = ModelFiles.loadClassification(file, root);
        BayesianModel model = restored.model();
        try {
            ClassificationSetup setup = restored.setup();
            Data data = load(setup.dataSpec(), setup.subset());
            Prepared prepared = prepare(data, restored.options(), setup.subsetSeed(), restored.config());
            if (!prepared.setup().sameAs(setup)) {
                throw new RisbnnException("checkpoint " + file + ": the data behind '" + setup.dataSpec()
                        + "' changed since the run started (different subset or normalisation statistics)");
            }
            InferenceMethod method = restored.method();
            RunOutcome outcome = train(model, method, prepared, restored.config(), restored.options(),
                    new RegressionRun.Checkpointing(file, everySteps), listener, restored.state(), restored);
            return new TrainedRun<>(model, method, setup, restored.config(), outcome, prepared::train);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Reads the test images of a run's data set again, e.g. to evaluate or plot a restored run.
     *
     * @param setup the run's setup
     * @return every test image of {@code setup.dataSpec()}
     */
    public static ImageSet testImages(ClassificationSetup setup) {
        return ImageDataSpec.parse(setup.dataSpec()).load(false, Integer.MAX_VALUE);
    }

    /**
     * Evaluates a trained classifier on {@code images} (its test images, already read), as the eval command does
     * for a run opened through {@code io.risbnn.api.Posterior#load}; {@code predictives}, when not null, receives
     * each predictive's probabilities by name. The networks are drawn from the engine's current state.
     *
     * @param model the trained model (its manager draws the networks' seed)
     * @param setup the run's setup, whose channel statistics normalise {@code images}
     * @param posterior the run's posterior ({@link #posterior})
     * @param images the test images
     * @param samples S, the networks sampled for the {@code _sampled} predictive
     * @param predictives receives the [N][C] probabilities by predictive name; may be null
     * @return metrics by key: {@code <metric>_sampled}, then one set per deterministic predictive of the method
     */
    public static java.util.Map<String, Double> evaluate(BayesianModel model, ClassificationSetup setup,
                                                         io.risbnn.posterior.PosteriorOutputs posterior, ImageSet images,
                                                         int samples, java.util.Map<String, double[][]> predictives) {
        ImageExamples test = new ImageExamples(images, setup.normalizer(), null, setup.subsetSeed());
        return ClassificationEvaluation.evaluate(posterior, test, test.labels(), samples,
                Predictive.drawSeed(model.manager()), predictives);
    }

    /**
     * The posterior of a restored run, as its method defines it; the training images (which SWAG needs
     * for BatchNorm statistics) are read again only if the method asks for them.
     *
     * @param restored the run restored from its checkpoint
     * @return the posterior's sampled networks and the method's own predictives
     */
    public static io.risbnn.posterior.PosteriorOutputs posterior(ModelFiles.Restored<ClassificationSetup, Options> restored) {
        return posterior(restored, restored.method());
    }

    /**
     * As {@link #posterior(ModelFiles.Restored)}, from a method already restored (so its state is read once).
     *
     * @param restored the run restored from its checkpoint
     * @param method {@code restored.method()}
     * @return the posterior's sampled networks and the method's own predictives
     */
    public static io.risbnn.posterior.PosteriorOutputs posterior(ModelFiles.Restored<ClassificationSetup, Options> restored,
                                                                 InferenceMethod method) {
        ClassificationSetup setup = restored.setup();
        java.util.function.Supplier<io.risbnn.train.ExampleSet> train = () -> prepare(load(setup.dataSpec(), setup.subset()),
                restored.options(), setup.subsetSeed(), restored.config()).train();
        return method.posterior(restored.model(), restored.config(), train);
    }

    private static RunOutcome train(BayesianModel model, InferenceMethod method, Prepared prepared, TrainConfig config,
                                    Options options, RegressionRun.Checkpointing checkpointing,
                                    BnnTrainer.EpochListener listener, TrainingState state,
                                    ModelFiles.Restored<?, ?> restored) {
        ImageExamples epochSet = prepared.epochEval();
        ImageExamples test = prepared.test();
        // the held-out images, when some are (the per-epoch set is then not the test set)
        ImageExamples validation = options.validation() > 0 ? epochSet : null;
        return RunLoop.train(model, prepared.train(), validation, config, method, 0, options.progress(), options.evalEachEpoch(),
                posterior -> ClassificationEvaluation.evaluate(posterior, epochSet, epochSet.labels(),
                        Math.max(1, options.epochEvalSamples()), Predictive.drawSeed(model.manager()), null),
                posterior -> ClassificationEvaluation.evaluate(posterior, test, test.labels(), options.evalSamples(),
                        Predictive.drawSeed(model.manager()), null),
                checkpointing,
                (trainer, s) -> ModelFiles.save(checkpointing.file(), model, trainer, config, prepared.setup(), options, s),
                listener, state, restored);
    }
}
