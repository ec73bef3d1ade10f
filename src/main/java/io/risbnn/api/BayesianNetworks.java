package io.risbnn.api;

import ai.djl.nn.Block;
import io.risbnn.RisbnnException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The library's entry point: a Bayesian network fitted in one chain of calls, then asked for predictions
 * with their uncertainty.
 *
 * <pre>{@code
 * try (Posterior posterior = BayesianNetworks.regression()
 *         .network(() -> new SequentialBlock().add(new BayesLinear(...)) ..., new Shape(3))
 *         .data(x, y).epochs(200).seed(0)
 *         .fit()) {
 *     PredictiveDistribution p = posterior.predict(newRows);
 *     double[] mean = p.mean(), epistemic = p.epistemicVariance(), aleatoric = p.aleatoricVariance();
 *     posterior.save(Path.of("model"));
 * }
 * }</pre>
 */
public final class BayesianNetworks {
    private BayesianNetworks() {}

    /** A regression fit: a Gaussian likelihood with a learned noise σ (or a heteroscedastic one). */
    public static FitBuilder regression() {
        return new FitBuilder(null);
    }

    /** A classification fit over these classes (labels are their indices 0..K-1). */
    public static FitBuilder classification(List<String> classNames) {
        if (classNames == null || classNames.size() < 2) {
            throw new RisbnnException("classNames: expected at least 2 classes, got " + classNames);
        }
        return new FitBuilder(List.copyOf(classNames));
    }

    /** A classification fit over K classes named {@code class0..class(K-1)}. */
    public static FitBuilder classification(int classes) {
        if (classes < 2) {
            throw new RisbnnException("classes must be >= 2, got " + classes);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add("class" + k);
        }
        return classification(names);
    }

    /** A saved posterior (or a {@code risbnn train} run directory) of a built-in or converted model. */
    public static Posterior load(Path dir) {
        return Posterior.load(dir);
    }

    /** A saved posterior over a user's own block, which {@code network} builds again. */
    public static Posterior load(Path dir, Supplier<? extends Block> network) {
        return Posterior.load(dir, network);
    }
}
