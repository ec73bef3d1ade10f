package io.risbnn.experiment;

import io.risbnn.model.BayesianModel;
import io.risbnn.train.Checkpointer;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.EveryNSteps;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.ProgressReporter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.Trainer;
import io.risbnn.train.TrainingState;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The part of a run shared by {@link RegressionRun} and {@link ClassificationRun}: train from a fresh
 * or restored state with checkpoints, evaluate after every epoch and/or once at the end, and collect the
 * outcome. A null {@code finalEvaluate} means the last epoch's evaluation is the final one.
 */
final class RunLoop {
    /** Writes a checkpoint of the model, the trainer's optimiser and the state. */
    interface Saver {
        void save(Trainer trainer, TrainingState state);
    }

    private RunLoop() {}

    static RunOutcome train(BayesianModel model, ExampleSet train, TrainConfig config, int split,
                                       boolean progress, boolean evalEachEpoch, Supplier<Map<String, Double>> epochEvaluate,
                                       Supplier<Map<String, Double>> finalEvaluate,
                                       RegressionRun.Checkpointing checkpointing, Saver saver,
                                       Trainer.EpochListener listener, TrainingState state,
                                       ModelFiles.Restored<?, ?> restored) {
        Trainer trainer = new Trainer(model, config);
        if (restored != null) {
            restored.restoreOptimizer(trainer.optimizer());
        }
        if (progress) {
            trainer.withProgress(ProgressReporter.forTask(config.estimator() + " split " + split));
        }
        Trainer.EpochEvaluator evaluator = evalEachEpoch ? epoch -> epochEvaluate.get() : null;
        Checkpointer checkpointer = checkpointing == null ? Checkpointer.none()
                : new EveryNSteps(checkpointing.everySteps(), s -> saver.save(trainer, s));
        long started = System.nanoTime();
        TrainingState done = trainer.fit(train, evaluator, listener, state, checkpointer);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<EpochMetrics> history = done.history();
        Map<String, Double> metrics;
        if (evalEachEpoch && finalEvaluate == null) {
            metrics = history.get(history.size() - 1).eval();
        } else {
            Seeds.seedEngine(config.seed(), "final-evaluation", 0);
            metrics = (finalEvaluate != null ? finalEvaluate : epochEvaluate).get();
        }
        double trainSeconds = history.stream().mapToDouble(EpochMetrics::seconds).sum();
        return new RunOutcome(config.estimator(), io.risbnn.method.Methods.of(config).objectiveLabel(config), split, config.seed(),
                history, done.stepLosses(), done.stepNlls(), metrics, restored == null ? seconds : trainSeconds);
    }
}
