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
import io.risbnn.train.TrainConfig;
import io.risbnn.train.Trainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Saves a trained regression model as a {@link Checkpoint} and rebuilds it for evaluation. */
public final class ModelFiles {
    private ModelFiles() {}

    public static void save(Path file, BayesianModel model, Trainer trainer, TrainConfig config,
                            RegressionSetup setup, int epochsDone) {
        JsonObject header = new JsonObject();
        header.addProperty("kind", "regression");
        header.add("setup", Json.GSON.toJsonTree(setup));
        header.add("config", Json.GSON.toJsonTree(config));
        header.addProperty("epochs_done", epochsDone);
        header.addProperty("optimizer_updates", trainer.optimizer().updates());
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (NamedParameter p : trainer.parameters()) {
            arrays.put("param/" + p.name(), p.array());
        }
        trainer.optimizer().state().forEach((k, v) -> arrays.put("optim/" + k, v));
        new Checkpoint(header, Checkpoint.encode(arrays)).save(file);
    }

    /** A model restored from {@code file} with its setup; the caller closes the model. */
    public record Restored(BayesianModel model, RegressionSetup setup, TrainConfig config) {}

    public static Restored load(Path file, NDManager root) {
        Checkpoint checkpoint = Checkpoint.load(file);
        JsonObject header = checkpoint.header();
        if (!header.has("kind") || !"regression".equals(header.get("kind").getAsString())) {
            throw new RisbnnException("checkpoint " + file + ": not a regression model checkpoint");
        }
        RegressionSetup setup = Json.GSON.fromJson(header.get("setup"), RegressionSetup.class);
        TrainConfig config = Json.GSON.fromJson(header.get("config"), TrainConfig.class);
        BayesianModel model = Models.build(setup.model(), root);
        for (NamedParameter p : namedParameters(model)) {
            NDArray stored = checkpoint.tensor(model.manager(), "param/" + p.name(), file);
            if (!stored.getShape().equals(p.array().getShape())) {
                throw new RisbnnException("checkpoint " + file + ": tensor " + p.name() + " has shape " + stored.getShape()
                        + ", the model expects " + p.array().getShape());
            }
            p.array().set(stored.toByteBuffer());
            stored.close();
        }
        return new Restored(model, setup, config);
    }

    private static java.util.List<NamedParameter> namedParameters(BayesianModel model) {
        return Trainer.namedParametersOf(model);
    }
}
