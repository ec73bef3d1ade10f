package io.risbnn.experiment;

import ai.djl.ndarray.NDManager;
import io.risbnn.data.DataSpec;
import io.risbnn.data.FeatureStandardizer;
import io.risbnn.data.RegressionData;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.data.TrainTestSplit;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.ModelVariant;
import io.risbnn.model.Models;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.Trainer;
import io.risbnn.train.TrainingState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One regression experiment: split, standardise with training statistics, build the MLP, train,
 * evaluate on the test rows in original units, and optionally checkpoint (every N steps and every
 * epoch) so an interrupted run can be resumed exactly. Shared by the train, compare and uci commands.
 */
public final class RegressionRun {
    /** Random-split sources draw split i from this fixed data seed, so splits do not move with --seed. */
    public static final long SPLIT_SEED = 0;

    /** Architecture and evaluation options. */
    public record Options(int[] hidden, double sigmaRatio, Double rho0, int evalSamples, boolean evalEachEpoch,
                          boolean progress, ModelVariant variant) {}

    /** Where and how often to checkpoint; {@code everySteps} 0 means at epoch ends only. */
    public record Checkpointing(Path file, long everySteps) {}

    private RegressionRun() {}

    /** Standardised train/test examples of one split. */
    private record Prepared(RegressionSetup setup, DenseExamples train, DenseExamples test, double[] testTargets) {}

    private static Prepared prepare(String dataSpec, RegressionSource source, int splitIndex, Options options) {
        TrainTestSplit split = source.split(splitIndex, SPLIT_SEED);
        RegressionData data = source.data();
        FeatureStandardizer features = FeatureStandardizer.fit(data, split.train());
        TargetStandardizer targets = TargetStandardizer.fit(data, split.train());
        RegressionData train = data.subset(split.train());
        RegressionData test = data.subset(split.test());
        ModelSpec spec = options.variant().applyTo(
                ModelSpec.regressionMlp(data.featureCount(), options.hidden(), options.sigmaRatio(), options.rho0()));
        RegressionSetup setup = new RegressionSetup(dataSpec, splitIndex, spec, features.means(), features.stds(),
                targets.mean(), targets.std());
        return new Prepared(setup,
                new DenseExamples(features.transform(train.features()), targets.transform(train.targets())),
                new DenseExamples(features.transform(test.features()), targets.transform(test.targets())),
                test.targets());
    }

    /** A fresh run; {@code checkpointing} may be null (no files written). */
    public static RunOutcome run(String dataSpec, RegressionSource source, int splitIndex, TrainConfig config,
                              Options options, Checkpointing checkpointing, Trainer.EpochListener listener) {
        Prepared prepared = prepare(dataSpec, source, splitIndex, options);
        Seeds.seedEngine(config.seed());
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(prepared.setup().model(), root)) {
            return train(model, prepared, config, options, checkpointing, listener, new TrainingState(), null);
        }
    }

    /** Continues the run saved in {@code file} with its own configuration, checkpointing to the same file. */
    public static RunOutcome resume(Path file, long everySteps, Trainer.EpochListener listener) {
        try (NDManager root = NDManager.newBaseManager()) {
            var restored = ModelFiles.load(file, root);
            try (BayesianModel model = restored.model()) {
                RegressionSetup setup = restored.setup();
                RegressionSource source = DataSpec.parseRegression(setup.dataSpec());
                Prepared prepared = prepare(setup.dataSpec(), source, setup.split(), restored.options());
                if (!prepared.setup().sameAs(setup)) {
                    throw new io.risbnn.RisbnnException("checkpoint " + file + ": the data behind '" + setup.dataSpec()
                            + "' changed since the run started (different standardisation statistics)");
                }
                return train(model, prepared, restored.config(), restored.options(), new Checkpointing(file, everySteps),
                        listener, restored.state(), restored);
            }
        }
    }

    private static RunOutcome train(BayesianModel model, Prepared prepared, TrainConfig config, Options options,
                                 Checkpointing checkpointing, Trainer.EpochListener listener, TrainingState state,
                                 ModelFiles.Restored<?, ?> restored) {
        return RunLoop.train(model, prepared.train(), config, prepared.setup().split(), options.progress(),
                options.evalEachEpoch(),
                () -> RegressionEvaluation.evaluate(model, prepared.test(), prepared.testTargets(),
                        prepared.setup().targets(), options.evalSamples(), config.objective()),
                null, checkpointing,
                (trainer, s) -> ModelFiles.save(checkpointing.file(), model, trainer, config, prepared.setup(), options, s),
                listener, state, restored);
    }
}
