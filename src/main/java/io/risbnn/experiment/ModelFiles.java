package io.risbnn.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.risbnn.RisbnnException;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.Models;
import io.risbnn.report.Json;
import io.risbnn.train.Checkpoint;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.ParameterUpdate;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.TrainingState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a regression run as a {@link Checkpoint} — setup, configuration, options, training state,
 * parameters, optimiser state and the loss trace — and restores it for evaluation or to resume.
 */
public final class ModelFiles {
    private static final String KIND = "regression";
    /** Header kind of an image classification run. */
    static final String CLASSIFICATION_KIND = "classification";
    static final String TRACE = "trace/steps";
    static final String NLL_TRACE = "trace/step_nll";
    /** Prefix of the inference method's arrays (SWAG moments, Laplace curvature, ensemble members). */
    static final String METHOD = "method/";

    private ModelFiles() {}

    /**
     * Writes the checkpoint of a regression run: everything to evaluate it or continue it exactly (parameters,
     * optimiser and method state, setup, configuration, options, training state and step traces).
     *
     * @param file the checkpoint file, replaced
     * @param model the model being trained
     * @param trainer the trainer, whose optimiser and method state are saved
     * @param config the run's configuration
     * @param setup the run's data setup
     * @param options the run's options
     * @param state the training state: epoch, step, history, traces
     */
    public static void save(Path file, BayesianModel model, BnnTrainer trainer, TrainConfig config, RegressionSetup setup,
                            RegressionRun.Options options, TrainingState state) {
        save(file, KIND, model, trainer, config, setup, options, state);
    }

    /**
     * Writes the checkpoint of an image classification run, as {@link #save(Path, BayesianModel, BnnTrainer,
     * TrainConfig, RegressionSetup, RegressionRun.Options, TrainingState)} does for regression.
     *
     * @param file the checkpoint file, replaced
     * @param model the model being trained
     * @param trainer the trainer, whose optimiser and method state are saved
     * @param config the run's configuration
     * @param setup the run's data setup
     * @param options the run's options
     * @param state the training state: epoch, step, history, traces
     */
    public static void save(Path file, BayesianModel model, BnnTrainer trainer, TrainConfig config, ClassificationSetup setup,
                            ClassificationRun.Options options, TrainingState state) {
        save(file, CLASSIFICATION_KIND, model, trainer, config, setup, options, state);
    }

    private static void save(Path file, String kind, BayesianModel model, BnnTrainer trainer, TrainConfig config, Object setup,
                             Object options, TrainingState state) {
        JsonObject header = new JsonObject();
        header.addProperty("kind", kind);
        header.add("setup", Json.GSON.toJsonTree(setup));
        header.add("config", Json.GSON.toJsonTree(config));
        header.add("options", Json.GSON.toJsonTree(options));
        header.add("state", Json.GSON.toJsonTree(state));
        header.addProperty("optimizer_updates", trainer.optimizer().updates());
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (NamedParameter p : BnnTrainer.namedParametersOf(model)) {
            arrays.put("param/" + p.name(), p.array());
        }
        trainer.optimizer().state().forEach((k, v) -> arrays.put("optim/" + k, v));
        trainer.method().state().forEach((k, v) -> arrays.put(METHOD + k, v));
        Map<String, byte[]> tensors = Checkpoint.encode(arrays);
        double[] trace = state.stepLosses().stream().mapToDouble(Double::doubleValue).toArray();
        double[] nllTrace = state.stepNlls().stream().mapToDouble(Double::doubleValue).toArray();
        try (NDManager scratch = model.manager().newSubManager()) {
            tensors.put(TRACE, scratch.create(trace).encode());
            tensors.put(NLL_TRACE, scratch.create(nllTrace).encode());
        }
        new Checkpoint(header, tensors).save(file);
    }

    /** A model restored from a checkpoint, with everything needed to evaluate it or continue training. */
    public record Restored<S, O>(BayesianModel model, S setup, TrainConfig config, O options,
                           TrainingState state, long optimizerUpdates, Checkpoint checkpoint, Path file) {
        /**
         * The inference method's saved arrays (SWAG moments, Laplace curvature, ensemble members, …), read into the
         * model's manager.
         *
         * @return the arrays by name, without the {@code method/} prefix
         */
        public Map<String, NDArray> methodState() {
            Map<String, NDArray> state = new LinkedHashMap<>();
            for (String name : checkpoint.tensorNames()) {
                if (name.startsWith(METHOD)) {
                    state.put(name.substring(METHOD.length()), checkpoint.tensor(model.manager(), name, file));
                }
            }
            return state;
        }

        /**
         * A fresh instance of the run's method with its saved state restored, ready to continue or to give the
         * posterior.
         *
         * @return the method, prepared for the model
         */
        public io.risbnn.method.InferenceMethod method() {
            io.risbnn.method.InferenceMethod method = io.risbnn.method.Methods.of(config);
            method.prepare(model);
            method.restore(model, config, methodState());
            return method;
        }

        /**
         * Loads the saved optimiser state into {@code optimizer}, so a resumed run takes the same steps.
         *
         * @param optimizer an optimiser of the saved kind (Adam or SGD)
         */
        public void restoreOptimizer(ParameterUpdate optimizer) {
            Map<String, NDArray> state = new LinkedHashMap<>();
            for (String name : checkpoint.tensorNames()) {
                if (name.startsWith("optim/")) {
                    state.put(name.substring("optim/".length()), checkpoint.tensor(model.manager(), name, file));
                }
            }
            optimizer.restore(optimizerUpdates, state);
        }
    }

    /**
     * The kind of run a checkpoint holds, from its header.
     *
     * @param checkpoint a loaded checkpoint
     * @return {@code regression} or {@code classification}, or null if absent
     */
    public static String kindOf(Checkpoint checkpoint) {
        JsonObject header = checkpoint.header();
        return header.has("kind") ? header.get("kind").getAsString() : null;
    }

    /**
     * Whether a loaded checkpoint holds an image classification run (else a regression one).
     *
     * @param checkpoint a loaded checkpoint
     * @return true for kind {@code classification}
     */
    public static boolean isClassification(Checkpoint checkpoint) {
        return CLASSIFICATION_KIND.equals(kindOf(checkpoint));
    }

    /**
     * Restores a regression run from its checkpoint: the model with its parameters, and what continuing needs.
     *
     * @param file the checkpoint file
     * @param root the manager the model is built in
     * @return the restored run
     * @throws RisbnnException if the file is not a regression checkpoint, its header is malformed or incomplete, or
     *     a tensor does not fit the model
     */
    public static Restored<RegressionSetup, RegressionRun.Options> load(Path file, NDManager root) {
        return load(file, root, KIND, "regression", RegressionSetup.class, RegressionRun.Options.class, RegressionSetup::model);
    }

    /**
     * Restores an image classification run from its checkpoint, as {@link #load} does for regression.
     *
     * @param file the checkpoint file
     * @param root the manager the model is built in
     * @return the restored run
     * @throws RisbnnException if the file is not a classification checkpoint, its header is malformed or
     *     incomplete, or a tensor does not fit the model
     */
    public static Restored<ClassificationSetup, ClassificationRun.Options> loadClassification(Path file, NDManager root) {
        return load(file, root, CLASSIFICATION_KIND, "classification", ClassificationSetup.class,
                ClassificationRun.Options.class, ClassificationSetup::model);
    }

    private static <S, O> Restored<S, O> load(Path file, NDManager root, String kind, String what, Class<S> setupClass,
                                              Class<O> optionsClass, java.util.function.Function<S, io.risbnn.model.ModelSpec> spec) {
        Checkpoint checkpoint = Checkpoint.load(file);
        JsonObject header = checkpoint.header();
        if (!header.has("kind") || !kind.equals(header.get("kind").getAsString())) {
            throw new RisbnnException("checkpoint " + file + ": not a " + what + " model checkpoint");
        }
        S setup;
        TrainConfig config;
        O options;
        TrainingState state;
        try {
            setup = Json.GSON.fromJson(header.get("setup"), setupClass);
            config = Json.GSON.fromJson(header.get("config"), TrainConfig.class);
            options = Json.GSON.fromJson(header.get("options"), optionsClass);
            state = Json.GSON.fromJson(header.get("state"), TrainingState.class);
        } catch (RuntimeException e) {
            throw new RisbnnException("checkpoint " + file + ": malformed header (" + e.getClass().getSimpleName() + ")");
        }
        if (setup == null || config == null || options == null || state == null) {
            throw new RisbnnException("checkpoint " + file + ": header lacks setup, config, options or state");
        }
        BayesianModel model = Models.build(spec.apply(setup), root);
        for (NamedParameter p : BnnTrainer.namedParametersOf(model)) {
            NDArray stored = checkpoint.tensor(model.manager(), "param/" + p.name(), file);
            if (!stored.getShape().equals(p.array().getShape())) {
                model.close();
                throw new RisbnnException("checkpoint " + file + ": tensor " + p.name() + " has shape " + stored.getShape()
                        + ", the model expects " + p.array().getShape());
            }
            p.array().set(new ai.djl.ndarray.index.NDIndex("..."), stored); // not set(ByteBuffer): that native path warns on stderr
            stored.close();
        }
        state.setStepLosses(traceOf(checkpoint, TRACE, model, file), traceOf(checkpoint, NLL_TRACE, model, file));
        long updates = header.has("optimizer_updates") ? header.get("optimizer_updates").getAsLong() : 0;
        return new Restored<>(model, setup, config, options, state, updates, checkpoint, file);
    }

    /** A stored per-step trace (empty when the checkpoint predates it). */
    private static List<Double> traceOf(Checkpoint checkpoint, String name, BayesianModel model, Path file) {
        List<Double> trace = new ArrayList<>();
        try (NDManager scratch = model.manager().newSubManager()) {
            for (double v : storedTrace(checkpoint, name, scratch, file)) {
                trace.add(v);
            }
        }
        return trace;
    }

    /** A stored per-step trace as an array (empty when the checkpoint predates it). */
    static double[] storedTrace(Checkpoint checkpoint, String name, NDManager scratch, Path file) {
        return checkpoint.has(name) ? checkpoint.tensor(scratch, name, file).toDoubleArray() : new double[0];
    }
}
