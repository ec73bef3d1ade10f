package io.risbnn.experiment;

import ai.djl.ndarray.index.NDIndex;
import io.risbnn.method.InferenceMethod;
import io.risbnn.method.MemberTraining;
import io.risbnn.train.NamedParameter;
import io.risbnn.method.MaximumAPosteriori;
import io.risbnn.method.VariationalInference;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.train.Checkpointer;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.EveryNSteps;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.ProgressReporter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.TrainingState;
import java.util.List;
import java.util.Map;

/**
 * The part of a run shared by {@link RegressionRun} and {@link ClassificationRun}: train from a fresh
 * or restored state with checkpoints, evaluate after every epoch and/or once at the end, and collect the
 * outcome. A null {@code finalEvaluate} means the epoch evaluation is also the final one.
 */
public final class RunLoop {
    /** Writes a checkpoint of the model, the trainer's optimiser and the state. */
    interface Saver {
        void save(BnnTrainer trainer, TrainingState state);
    }

    private RunLoop() {}

    /**
     * The commands' training loop without checkpoints or evaluation, for the library facade
     * ({@code io.risbnn.api}): the method's checks, every member of an ensemble, the method's post-hoc
     * fit after the last epoch.
     *
     * @param model the model to train, already built
     * @param train the training examples, in the network's units
     * @param config the training configuration
     * @param method the inference method of {@code config}
     * @param progress print progress on stderr
     * @param listener receives each epoch's metrics; may be null
     * @return the history, step traces and training time; no metrics (nothing is evaluated)
     */
    public static RunOutcome train(BayesianModel model, ExampleSet train, TrainConfig config, InferenceMethod method,
                                   boolean progress, BnnTrainer.EpochListener listener) {
        return train(model, train, null, config, method, 0, progress, false, posterior -> Map.of(), null, null,
                (trainer, state) -> { }, listener, new TrainingState(), null);
    }

    /** Evaluation of a posterior (the iterate's after each epoch, the method's at the end). */
    interface Evaluation {
        Map<String, Double> of(PosteriorOutputs posterior);
    }

    /**
     * Trains with {@code method} (restored from {@code restored} by the caller), lets it finish once after
     * the last epoch (checkpointed again), and evaluates: after each epoch the training iterate (the
     * variational posterior, or MAP's point with its dropout masks), at the end the method's posterior.
     * Methods whose posterior is the iterate (VI, MAP) reuse the last epoch's evaluation when there is
     * no separate final one.
     */
    static RunOutcome train(BayesianModel model, ExampleSet train, ExampleSet validation, TrainConfig config,
                            InferenceMethod method, int split,
                            boolean progress, boolean evalEachEpoch, Evaluation epochEvaluate, Evaluation finalEvaluate,
                            RegressionRun.Checkpointing checkpointing, Saver saver, BnnTrainer.EpochListener listener,
                            TrainingState state, ModelFiles.Restored<?, ?> restored) {
        method.checkRun(config, train, validation);
        PosteriorOutputs iterate = new VariationalPosterior(model, config.objective());
        BnnTrainer.EpochEvaluator evaluator = evalEachEpoch ? epoch -> epochEvaluate.of(iterate) : null;
        long started = System.nanoTime();
        BnnTrainer trainer;
        TrainingState done = state;
        while (true) {
            TrainConfig trainerConfig = config;
            if (method instanceof MemberTraining members) {
                int k = members.completedMembers();
                trainerConfig = members.memberConfig(config, k);
                if (k > 0 && done.step() == 0) {
                    reinitialise(model, trainerConfig.seed());
                }
            }
            BnnTrainer current = new BnnTrainer(model, trainerConfig, method);
            trainer = current;
            if (restored != null && done == state && done.step() > 0) {   // a fresh member starts a fresh optimiser
                restored.restoreOptimizer(trainer.optimizer());
            }
            if (progress) {
                trainer.withProgress(ProgressReporter.forTask(config.estimator() + " split " + split));
            }
            Checkpointer checkpointer = checkpointing == null ? Checkpointer.none()
                    : new EveryNSteps(checkpointing.everySteps(), s -> saver.save(current, s));
            done = trainer.fit(train, evaluator, listener, done, checkpointer);
            if (!(method instanceof MemberTraining members)) {
                break;
            }
            members.memberDone(model);
            if (members.completedMembers() >= members.members(config)) {
                break;
            }
            done = done.nextMember();
            if (checkpointing != null) {
                saver.save(trainer, done);   // the next member starts fresh on resume
            }
        }
        if (!done.methodFinished()) {
            method.finish(model, config, train, validation);
            done.markMethodFinished();
            if (checkpointing != null) {
                saver.save(trainer, done);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<EpochMetrics> history = done.history();
        boolean posteriorIsIterate = method instanceof VariationalInference || method instanceof MaximumAPosteriori;
        Map<String, Double> metrics;
        if (evalEachEpoch && finalEvaluate == null && posteriorIsIterate) {
            metrics = history.get(history.size() - 1).eval();
        } else {
            Seeds.seedEngine(config.seed(), "final-evaluation", 0);
            PosteriorOutputs posterior = method.posterior(model, config, () -> train);
            metrics = (finalEvaluate != null ? finalEvaluate : epochEvaluate).of(posterior);
        }
        if (!method.diagnostics().isEmpty()) {
            metrics = new java.util.LinkedHashMap<>(metrics);
            metrics.putAll(method.diagnostics());
        }
        double trainSeconds = history.stream().mapToDouble(EpochMetrics::seconds).sum();
        return new RunOutcome(config.estimator(), method.objectiveLabel(config), split, config.seed(),
                history, done.stepLosses(), done.stepNlls(), metrics, restored == null ? seconds : trainSeconds);
    }

    /** Fresh initial weights for the next ensemble member: those a model built from {@code seed} would have. */
    private static void reinitialise(BayesianModel model, long seed) {
        Seeds.seedEngine(seed);
        try (BayesianModel fresh = model.newInstance(model.manager())) {
            List<NamedParameter> target = BnnTrainer.namedParametersOf(model);
            List<NamedParameter> source = BnnTrainer.namedParametersOf(fresh);
            for (int i = 0; i < target.size(); i++) {
                target.get(i).array().set(new NDIndex("..."), source.get(i).array());
            }
        }
    }
}
