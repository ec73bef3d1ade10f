package io.risbnn.api.serving;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import io.risbnn.RisbnnException;
import io.risbnn.api.Posterior;
import io.risbnn.predict.PredictOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads a saved posterior ({@code posterior.risbnn}) as the block of a DJL {@code Model}, in the model's
 * NDManager (freed when the model is closed). Arguments (Criteria's {@code optArgument} or
 * {@code serving.properties}): {@code samples} S (default 100), {@code seed} (default 0), and for a posterior
 * over a user's own block {@code network}: a {@code Supplier<Block>} instance, or the name of a public
 * class implementing it with a no-argument constructor.
 */
public final class PosteriorBlockFactory implements BlockFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        Supplier<? extends Block> network = network(arguments.get("network"));
        Posterior posterior = Posterior.load(modelPath, network, model.getNDManager());
        int samples = intArgument(arguments, "samples", PredictOptions.DEFAULT_SAMPLES);
        if (samples < 1) {
            throw new RisbnnException("samples must be >= 1, got " + samples);
        }
        long seed = Long.parseLong(String.valueOf(arguments.containsKey("seed") ? arguments.get("seed") : "0").trim());
        return new PosteriorBlock(posterior, samples, seed);
    }

    static int intArgument(Map<String, ?> arguments, String name, int fallback) {
        Object value = arguments.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new RisbnnException(name + " must be an integer, got '" + value + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static Supplier<? extends Block> network(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Supplier<?> supplier) {
            return (Supplier<? extends Block>) supplier;
        }
        String name = value.toString().trim();
        try {
            Object instance = Class.forName(name, true, Thread.currentThread().getContextClassLoader())
                    .getDeclaredConstructor().newInstance();
            if (!(instance instanceof Supplier<?> supplier)) {
                throw new RisbnnException("network: class " + name + " does not implement java.util.function.Supplier<Block>");
            }
            return (Supplier<? extends Block>) supplier;
        } catch (ReflectiveOperationException e) {
            throw new RisbnnException("network: cannot create " + name + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); expected a public class with a no-argument constructor");
        }
    }
}
