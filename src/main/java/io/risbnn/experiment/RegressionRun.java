package io.risbnn.experiment;

import ai.djl.ndarray.NDManager;
import io.risbnn.data.FeatureStandardizer;
import io.risbnn.data.Fingerprint;
import io.risbnn.data.TableSource;
import io.risbnn.data.RegressionData;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.data.TrainTestSplit;
import io.risbnn.eval.Predictive;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.method.InferenceMethod;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.ModelVariant;
import io.risbnn.model.Models;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.TrainingState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One regression experiment: split, standardise with training statistics, build the MLP, train,
 * evaluate on the test rows in original units, and optionally checkpoint (every N steps and every
 * epoch) so an interrupted run can be resumed exactly. Every command reaches it through the library facade
 * ({@code io.risbnn.api.FitBuilder#data(String, RegressionSource, int)}, which keeps the trained model open
 * through {@link #fit}; {@code uci} runs {@code train} per split).
 */
public final class RegressionRun {
    /** Random-split sources draw split i from this fixed data seed, so splits do not move with --seed. */
    public static final long SPLIT_SEED = 0;

    /** Prefix of the per-epoch metrics when they are measured on held-out validation rows. */
    public static final String VALIDATION_PREFIX = "val_";

    /**
     * Architecture and evaluation options.
     *
     * @param validation hold out this many of the split's training rows (seeded, {@link TrainTestSplit#holdOut});
     *     the per-epoch evaluation then reports on them (keys prefixed {@value #VALIDATION_PREFIX}) and the
     *     final one on the test rows; 0: none, every epoch is evaluated on the test rows
     * @param variant the activation, and whether a second network output models each example's log noise
     *     variance ({@link ModelSpec#withHeteroscedastic})
     */
    public record Options(int[] hidden, double sigmaRatio, Double rho0, int evalSamples, boolean evalEachEpoch,
                          boolean progress, int validation, ModelVariant variant) {
        /**
         * Options without validation rows, with the default activation and a homoscedastic noise.
         *
         * @param hidden the MLP's hidden widths
         * @param sigmaRatio initial posterior std as a fraction of the He std
         * @param rho0 a fixed initial ρ instead of {@code sigmaRatio}; null: unset
         * @param evalSamples networks sampled for the evaluations' posterior predictive
         * @param evalEachEpoch evaluate on the test rows after every epoch as well as at the end
         * @param progress print progress on stderr
         */
        public Options(int[] hidden, double sigmaRatio, Double rho0, int evalSamples, boolean evalEachEpoch, boolean progress) {
            this(hidden, sigmaRatio, rho0, evalSamples, evalEachEpoch, progress, 0, ModelVariant.defaults());
        }
    }

    /** Where and how often to checkpoint; {@code everySteps} 0 means at epoch ends only. */
    public record Checkpointing(Path file, long everySteps) {}

    private RegressionRun() {}

    /** Standardised train/test (and validation, or null) examples of one split. */
    private record Prepared(RegressionSetup setup, DenseExamples train, DenseExamples test, double[] testTargets,
                            DenseExamples validation, double[] validationTargets) {}

    /** The rows of one split: {train (without the held-out rows), validation (empty if none), test}. */
    static int[][] rows(RegressionSource source, int splitIndex, int validation, long seed) {
        TrainTestSplit split = source.split(splitIndex, SPLIT_SEED);
        if (validation == 0) {
            return new int[][] {split.train(), new int[0], split.test()};
        }
        int[][] held = split.holdOut(validation, seed);
        return new int[][] {held[0], held[1], split.test()};
    }

    /** The setup a fresh run of this split would record (architecture, held-out rows, statistics). */
    static RegressionSetup setup(String dataSpec, RegressionSource source, int splitIndex, Options options, long seed) {
        return prepare(dataSpec, source, splitIndex, options, seed, spec -> spec).setup();
    }

    /** The split prepared for a run of {@code config}'s method (its architecture, its seed). */
    private static Prepared prepare(String dataSpec, RegressionSource source, int splitIndex, Options options, TrainConfig config) {
        InferenceMethod method = Methods.of(config);
        return prepare(dataSpec, source, splitIndex, options, config.seed(), spec -> method.architecture(spec, config));
    }

    private static Prepared prepare(String dataSpec, RegressionSource source, int splitIndex, Options options, long seed,
                                    java.util.function.UnaryOperator<ModelSpec> architecture) {
        int[][] rows = rows(source, splitIndex, options.validation(), seed);
        RegressionData data = source.data();
        FeatureStandardizer features = FeatureStandardizer.fit(data, rows[0]);
        TargetStandardizer targets = TargetStandardizer.fit(data, rows[0]);
        RegressionData train = data.subset(rows[0]);
        RegressionData test = data.subset(rows[2]);
        ModelSpec spec = architecture.apply(options.variant().applyTo(
                ModelSpec.regressionMlp(data.featureCount(), options.hidden(), options.sigmaRatio(), options.rho0())));
        TableSource table = source instanceof TableSource t ? t : null;
        RegressionSetup setup = new RegressionSetup(dataSpec, splitIndex, spec, features.means(), features.stds(),
                targets.mean(), targets.std(), options.validation(), options.validation() > 0 ? seed : 0,
                data.featureNames(), data.targetName(), table != null ? table.options() : null,
                table != null ? table.fillValues() : null, Fingerprint.of(data));
        DenseExamples validationSet = null;
        double[] validationTargets = null;
        if (options.validation() > 0) {
            RegressionData held = data.subset(rows[1]);
            validationSet = new DenseExamples(features.transform(held.features()), targets.transform(held.targets()));
            validationTargets = held.targets();
        }
        return new Prepared(setup,
                new DenseExamples(features.transform(train.features()), targets.transform(train.targets())),
                new DenseExamples(features.transform(test.features()), targets.transform(test.targets())),
                test.targets(), validationSet, validationTargets);
    }

    /**
     * Trains and evaluates a fresh run of one split, closing its model afterwards: the outcome only, for callers
     * that keep no posterior (the experiment tests).
     *
     * @param dataSpec the spec the run records, so a checkpoint can reopen the data
     * @param source the data set
     * @param splitIndex the split, in [0, {@code source.splitCount()})
     * @param config the training configuration (its seed also draws the validation rows)
     * @param options architecture and evaluation options
     * @param checkpointing where and how often to checkpoint; null: no files written
     * @param listener receives each epoch's metrics; may be null
     * @return the history, traces, final test metrics (in original units) and training time
     * @throws io.risbnn.RisbnnException if the split index is out of range or the options do not fit the data
     */
    public static RunOutcome run(String dataSpec, RegressionSource source, int splitIndex, TrainConfig config,
                              Options options, Checkpointing checkpointing, BnnTrainer.EpochListener listener) {
        return TrainedRun.outcomeOf(root -> fit(dataSpec, source, splitIndex, config, options, checkpointing, listener, root));
    }

    /**
     * A fresh run whose model, built in {@code root}, stays open for the caller (the library facade);
     * {@code checkpointing} may be null.
     *
     * @param dataSpec the spec the run records, so a checkpoint can reopen the data
     * @param source the data set
     * @param splitIndex the split, in [0, {@code source.splitCount()})
     * @param config the training configuration (its seed also draws the validation rows)
     * @param options architecture and evaluation options
     * @param checkpointing where and how often to checkpoint; null: no files written
     * @param listener receives each epoch's metrics; may be null
     * @param root the manager the model is built in; closing it closes the model
     * @return the trained run, its model open
     * @throws io.risbnn.RisbnnException if the split index is out of range or the options do not fit the data
     */
    public static TrainedRun<RegressionSetup> fit(String dataSpec, RegressionSource source, int splitIndex, TrainConfig config,
                                                  Options options, Checkpointing checkpointing,
                                                  BnnTrainer.EpochListener listener, NDManager root) {
        Prepared prepared = prepare(dataSpec, source, splitIndex, options, config);
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
     * @throws io.risbnn.RisbnnException if the checkpoint cannot be read, or the data behind its spec changed since
     *     the run started
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
     * @throws io.risbnn.RisbnnException if the checkpoint cannot be read, or the data behind its spec changed since
     *     the run started
     */
    public static TrainedRun<RegressionSetup> resume(Path file, long everySteps, BnnTrainer.EpochListener listener,
                                                     NDManager root) {
        var restored = ModelFiles.load(file, root);
        BayesianModel model = restored.model();
        try {
            RegressionSetup setup = restored.setup();
            RegressionSource source = setup.openSource();
            Prepared prepared = prepare(setup.dataSpec(), source, setup.split(), restored.options(), restored.config());
            if (!prepared.setup().sameAs(setup)) {
                throw new io.risbnn.RisbnnException("checkpoint " + file + ": the data behind '" + setup.dataSpec()
                        + "' changed since the run started (different fingerprint or standardisation statistics)");
            }
            InferenceMethod method = restored.method();
            RunOutcome outcome = train(model, method, prepared, restored.config(), restored.options(),
                    new Checkpointing(file, everySteps), listener, restored.state(), restored);
            return new TrainedRun<>(model, method, setup, restored.config(), outcome, prepared::train);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The posterior of a restored run, as its method defines it; the training rows (which SWAG needs for
     * BatchNorm statistics) are read again from the run's data only if the method asks for them.
     *
     * @param restored the run restored from its checkpoint
     * @return the posterior's sampled networks and the method's own predictives
     */
    public static io.risbnn.posterior.PosteriorOutputs posterior(ModelFiles.Restored<RegressionSetup, Options> restored) {
        return posterior(restored, restored.method());
    }

    /**
     * As {@link #posterior(ModelFiles.Restored)}, from a method already restored (so its state is read once).
     *
     * @param restored the run restored from its checkpoint
     * @param method {@code restored.method()}
     * @return the posterior's sampled networks and the method's own predictives
     */
    public static io.risbnn.posterior.PosteriorOutputs posterior(ModelFiles.Restored<RegressionSetup, Options> restored,
                                                                 InferenceMethod method) {
        RegressionSetup setup = restored.setup();
        java.util.function.Supplier<io.risbnn.train.ExampleSet> train = () -> prepare(setup.dataSpec(), setup.openSource(),
                setup.split(), restored.options(), restored.config()).train();
        return method.posterior(restored.model(), restored.config(), train);
    }

    private static RunOutcome train(BayesianModel model, InferenceMethod method, Prepared prepared, TrainConfig config,
                                    Options options, Checkpointing checkpointing, BnnTrainer.EpochListener listener,
                                    TrainingState state, ModelFiles.Restored<?, ?> restored) {
        TargetStandardizer scale = prepared.setup().targets();
        // a run without test rows (csv --no-test) has no test metrics
        RunLoop.Evaluation test = prepared.testTargets().length == 0 ? posterior -> Map.of()
                : posterior -> RegressionEvaluation.evaluate(posterior, prepared.test(), prepared.testTargets(), scale,
                        options.evalSamples(), Predictive.drawSeed(model.manager()));
        RunLoop.Evaluation epochEvaluate = test;
        RunLoop.Evaluation finalEvaluate = null;
        if (prepared.validation() != null) {
            epochEvaluate = posterior -> prefixed(RegressionEvaluation.evaluate(posterior, prepared.validation(),
                    prepared.validationTargets(), scale, options.evalSamples(), Predictive.drawSeed(model.manager())));
            finalEvaluate = test;
        }
        return RunLoop.train(model, prepared.train(), prepared.validation(), config, method, prepared.setup().split(), options.progress(),
                options.evalEachEpoch(), epochEvaluate, finalEvaluate, checkpointing,
                (trainer, s) -> ModelFiles.save(checkpointing.file(), model, trainer, config, prepared.setup(), options, s),
                listener, state, restored);
    }

    private static Map<String, Double> prefixed(Map<String, Double> metrics) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(VALIDATION_PREFIX + k, v));
        return out;
    }
}
