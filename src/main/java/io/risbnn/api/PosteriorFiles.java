package io.risbnn.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import io.risbnn.RisbnnException;
import io.risbnn.data.image.ChannelNormalizer;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.ClassificationSetup;
import io.risbnn.experiment.ModelFiles;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.RegressionSetup;
import io.risbnn.method.InferenceMethod;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.Checkpoint;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The saved form of a {@link Posterior}: {@code DIR/posterior.risbnn}, a {@link Checkpoint} (JSON header with
 * the model spec, the training configuration, the method and the {@link Scaling}; tensors {@code param/…}
 * and {@code method/…} as in a run's checkpoint) and {@code DIR/serving.properties} for DJL. Also opens the
 * run directories of {@code risbnn train} ({@code DIR/model/checkpoint.risbnn}).
 */
final class PosteriorFiles {
    static final String FILE_NAME = "posterior.risbnn";
    private static final String KIND = "risbnn-posterior";

    private PosteriorFiles() {}

    static Path save(Path dir, Posterior posterior) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new RisbnnException("save: cannot create the directory " + dir + " (" + e.getMessage() + ")");
        }
        JsonObject header = new JsonObject();
        header.addProperty("kind", KIND);
        header.add("spec", Json.GSON.toJsonTree(posterior.spec()));
        header.add("config", Json.GSON.toJsonTree(posterior.config()));
        header.add("scaling", Json.GSON.toJsonTree(posterior.scaling()));
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (NamedParameter p : BnnTrainer.namedParametersOf(posterior.model())) {
            arrays.put("param/" + p.name(), p.array());
        }
        posterior.method().state().forEach((k, v) -> arrays.put("method/" + k, v));
        Path file = dir.resolve(FILE_NAME);
        new Checkpoint(header, Checkpoint.encode(arrays)).save(file);
        AtomicFiles.writeString(dir.resolve("serving.properties"), servingProperties(posterior.spec()));
        return file;
    }

    /** What DJL's model loader reads: the engine, the block and translator factories, no DJL parameter file. */
    static String servingProperties(ModelSpec spec) {
        String network = spec.isCustom() ? "# a user's own block: name a public class implementing java.util.function.Supplier"
                + "<ai.djl.nn.Block> with a no-argument constructor\n# network=com.example.MyNetwork\n" : "";
        return "# risbnn posterior predictive, served through DJL (see io.risbnn.api.serving)\n"
                + "engine=PyTorch\n"
                + "blockFactory=io.risbnn.api.serving.PosteriorBlockFactory\n"
                + "translatorFactory=io.risbnn.api.serving.PosteriorTranslatorFactory\n"
                + "option.hasParameter=false\n"
                + network
                + "# samples=100\n# seed=0\n# interval=0.95\n";
    }

    /** The checkpoint of a {@code risbnn train} run directory. */
    static Path checkpointOf(Path runDir) {
        return runDir.resolve("model").resolve(Checkpoint.FILE_NAME);
    }

    static Posterior load(Path dir, Supplier<? extends Block> network) {
        return load(dir, network, null);
    }

    /** Loads into a sub-manager of {@code parent} (a fresh base manager when null). */
    static Posterior load(Path dir, Supplier<? extends Block> network, NDManager parent) {
        Path file = dir.resolve(FILE_NAME);
        Path run = checkpointOf(dir);
        if (!Files.isRegularFile(file) && !Files.isRegularFile(run)) {
            throw new RisbnnException("load: " + dir + " holds neither " + FILE_NAME + " (written by Posterior.save) nor "
                    + "model/" + Checkpoint.FILE_NAME + " (written by risbnn train)");
        }
        NDManager root = parent == null ? io.risbnn.runtime.Devices.newBaseManager() : parent.newSubManager();
        try {
            return Files.isRegularFile(file) ? loadPosterior(file, network, root) : loadRun(run, root);
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private static Posterior loadPosterior(Path file, Supplier<? extends Block> network, NDManager root) {
        Checkpoint checkpoint = Checkpoint.load(file);
        JsonObject header = checkpoint.header();
        if (!header.has("kind") || !KIND.equals(header.get("kind").getAsString())) {
            throw new RisbnnException("load: " + file + " is not a saved risbnn posterior");
        }
        ModelSpec spec = Json.GSON.fromJson(header.get("spec"), ModelSpec.class);
        TrainConfig config = Json.GSON.fromJson(header.get("config"), TrainConfig.class);
        Scaling scaling = Json.GSON.fromJson(header.get("scaling"), Scaling.class);
        if (spec.isCustom() && network == null) {
            throw new RisbnnException("load: " + file + " holds a posterior over a user's own block; pass the block's factory"
                    + " (Posterior.load(dir, network))");
        }
        BayesianModel model = spec.isCustom() ? BayesianModel.of(spec, network, scaling.shape(), root)
                : Models.build(spec, root);
        for (NamedParameter p : BnnTrainer.namedParametersOf(model)) {
            NDArray stored = checkpoint.tensor(model.manager(), "param/" + p.name(), file);
            if (!stored.getShape().equals(p.array().getShape())) {
                throw new RisbnnException("load: " + file + ": tensor " + p.name() + " has shape " + stored.getShape()
                        + ", the network expects " + p.array().getShape() + " (another block?)");
            }
            p.array().set(new NDIndex("..."), stored);
            stored.close();
        }
        Map<String, NDArray> state = new LinkedHashMap<>();
        for (String name : checkpoint.tensorNames()) {
            if (name.startsWith("method/")) {
                state.put(name.substring("method/".length()), checkpoint.tensor(model.manager(), name, file));
            }
        }
        InferenceMethod method = Methods.of(config);
        method.prepare(model);
        method.restore(model, config, state);
        Supplier<ExampleSet> noTrainingData = () -> {
            throw new RisbnnException("load: method " + method.name() + " needs the training data at prediction time"
                    + " (BatchNorm statistics per sampled network), which a saved posterior does not hold");
        };
        return new Posterior(root, model, config, method, eager(method.posterior(model, config, noTrainingData)), scaling,
                List.of(), null, null, null);
    }

    /**
     * A {@code risbnn train} run directory: its checkpoint, setup and method. Its outputs are built on first use, as a
     * fresh run's are: a run's data is at hand (SWAG's BatchNorm statistics read it then), and a command that needs
     * only the network (variance) does not build, say, an HMC run's per-sample networks.
     */
    private static Posterior loadRun(Path file, NDManager root) {
        // one method instance both gives the outputs and is the posterior's (its state is read once)
        if (ModelFiles.isClassification(Checkpoint.load(file))) {
            var restored = ModelFiles.loadClassification(file, root);
            InferenceMethod method = restored.method();
            return RunPosteriors.of(root, restored.model(), restored.config(), method,
                    () -> ClassificationRun.posterior(restored, method), restored.setup(), restored.state().history(), null);
        }
        var restored = ModelFiles.load(file, root);
        InferenceMethod method = restored.method();
        return RunPosteriors.of(root, restored.model(), restored.config(), method, () -> RegressionRun.posterior(restored, method),
                restored.setup(), restored.state().history(), null);
    }

    /** Built now, so a saved posterior that cannot predict fails at load time (as serving wants). */
    static Supplier<io.risbnn.posterior.PosteriorOutputs> eager(io.risbnn.posterior.PosteriorOutputs outputs) {
        return () -> outputs;
    }
}
