package io.risbnn.experiment;

import ai.djl.ndarray.NDManager;
import io.risbnn.data.FeatureStandardizer;
import io.risbnn.data.RegressionData;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.data.TrainTestSplit;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.ProgressReporter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One regression experiment: split, standardise with training statistics, build the MLP, train,
 * evaluate on the test rows in original units, and optionally save the model. Shared by the train,
 * compare and uci commands.
 */
public final class RegressionRun {
    /** Random-split sources draw split i from this fixed data seed, so splits do not move with --seed. */
    public static final long SPLIT_SEED = 0;

    /** Architecture and evaluation options. */
    public record Options(int[] hidden, double sigmaRatio, Double rho0, int evalSamples, boolean evalEachEpoch,
                          boolean progress) {}

    /** What a run produced. */
    public record Outcome(String estimator, String objective, int split, long seed, List<EpochMetrics> history,
                          List<Double> stepLosses, Map<String, Double> metrics, double trainSeconds) {}

    private RegressionRun() {}

    public static Outcome run(String dataSpec, RegressionSource source, int splitIndex, TrainConfig config,
                              Options options, Path modelFile, Trainer.EpochListener listener) {
        TrainTestSplit split = source.split(splitIndex, SPLIT_SEED);
        RegressionData data = source.data();
        FeatureStandardizer features = FeatureStandardizer.fit(data, split.train());
        TargetStandardizer targets = TargetStandardizer.fit(data, split.train());
        RegressionData train = data.subset(split.train());
        RegressionData test = data.subset(split.test());
        DenseExamples trainSet = new DenseExamples(features.transform(train.features()), targets.transform(train.targets()));
        DenseExamples testSet = new DenseExamples(features.transform(test.features()), targets.transform(test.targets()));
        ModelSpec spec = ModelSpec.regressionMlp(data.featureCount(), options.hidden(), options.sigmaRatio(), options.rho0());

        Seeds.seedEngine(config.seed());
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = Models.build(spec, root)) {
            Trainer trainer = new Trainer(model, config);
            if (options.progress()) {
                trainer.withProgress(ProgressReporter.bar(config.estimator() + " split " + splitIndex));
            }
            Trainer.EpochEvaluator evaluator = options.evalEachEpoch()
                    ? epoch -> RegressionEvaluation.evaluate(model, testSet, test.targets(), targets, options.evalSamples(), config.objective())
                    : null;
            long started = System.nanoTime();
            List<EpochMetrics> history = trainer.fit(trainSet, evaluator, listener);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> metrics = options.evalEachEpoch()
                    ? history.get(history.size() - 1).eval()
                    : RegressionEvaluation.evaluate(model, testSet, test.targets(), targets, options.evalSamples(), config.objective());
            if (modelFile != null) {
                RegressionSetup setup = new RegressionSetup(dataSpec, splitIndex, spec, features.means(), features.stds(),
                        targets.mean(), targets.std());
                ModelFiles.save(modelFile, model, trainer, config, setup, history.size());
            }
            return new Outcome(config.estimator(), config.objective().cliName(), splitIndex, config.seed(), history,
                    trainer.stepLosses(), metrics, seconds);
        }
    }
}
