package io.risbnn.method.laplace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.method.MapBasedMethod;
import io.risbnn.method.Methods;
import io.risbnn.method.PointWeights;
import io.risbnn.model.BayesianModel;
import io.risbnn.nn.BayesLinear;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.TrainConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The linearised Laplace approximation (Immer, Korzepa &amp; Bauer 2021; options as in Daxberger et al. 2021,
 * "Laplace Redux"): train the MAP network (everything before {@link #finish} is {@link io.risbnn.method.MaximumAPosteriori}:
 * the run's {@code --prior} is the training prior, a Gaussian N(0, σ_p²) being the precision δ₀ = 1/σ_p²
 * when the KL factor is 1), then fit a Gaussian N(θ*, (H + δI)⁻¹) around θ* with H the generalised
 * Gauss–Newton Σ_n J_nᵀ Λ_n J_n of the summed NLL of all N training examples (not the mean), and predict
 * with the network linearised in θ around θ* ({@link LaplacePosterior}).
 *
 * <p>Structures (--laplace-structure): {@code last-layer} (full H over the last dense layer, any
 * architecture), {@code diag}, {@code kfac} (all layers; dense models only). δ (--laplace-prior-precision):
 * {@code marglik} maximises the Laplace evidence ({@link LaplaceEvidence}), or a fixed number. With
 * {@code curvatureExamples} n &lt; N, H and log p(D | θ*) are summed over a seeded random n and scaled by
 * N/n. BatchNorm is frozen at its running statistics. Heteroscedastic regression is not supported.
 */
public final class Laplace extends MapBasedMethod {
    private NDManager store;
    private Curvature curvature;
    private double priorPrecision = Double.NaN;

    @Override
    public String name() {
        return Methods.LAPLACE;
    }

    @Override
    public void finish(BayesianModel model, TrainConfig config, ExampleSet train) {
        finish(model, config, train, null);
    }

    @Override
    public void checkRun(TrainConfig config, ExampleSet train, ExampleSet validation) {
        LaplaceOptions options = config.methods().laplace();
        if (GRID.equals(options.priorPrecision()) && (validation == null || validation.size() == 0)) {
            throw new RisbnnException("--laplace-prior-precision grid: needs held-out training rows to choose on"
                    + " (pass --validation N; in uci, --validation-fraction F)");
        }
        fixedPrecision(options.priorPrecision());
    }

    /** As {@link #finish(BayesianModel, TrainConfig, ExampleSet)}; {@code grid} chooses δ on {@code validation}. */
    @Override
    public void finish(BayesianModel model, TrainConfig config, ExampleSet train, ExampleSet validation) {
        LaplaceOptions options = config.methods().laplace();
        checkRun(config, train, validation);
        boolean grid = GRID.equals(options.priorPrecision());
        OutputHessian hessian = hessianOf(model);
        Double fixed = grid ? null : fixedPrecision(options.priorPrecision());
        Curvature fitted = newCurvature(model, options.structure(), null);
        int n = train.size();
        int used = options.curvatureExamples() > 0 ? Math.min(n, options.curvatureExamples()) : n;
        int[] order = subset(n, used, config.seed());
        double logLikelihood = 0;
        int chunk = Math.max(1, Math.min(256, config.batchSize()));
        for (int from = 0; from < used; from += chunk) {
            int to = Math.min(used, from + chunk);
            int[] rows = java.util.Arrays.copyOfRange(order, from, to);
            try (NDManager m = model.manager().newSubManager()) {
                LinearisedPass.Batch batch = LinearisedPass.run(model, train.features(m, rows),
                        fitted.recordedLayers(), fitted.needsGradients(), m);
                fitted.add(batch, hessian);
                double[] targets = train.targets(m, rows).toType(DataType.FLOAT64, false).toDoubleArray();
                logLikelihood += hessian.logLikelihood(rows2d(batch.outputs()), targets);
            }
        }
        double scale = (double) n / used;
        fitted.complete(scale);
        if (grid) {
            priorPrecision = PriorPrecisionGrid.choose(model, fitted, hessian.classification(), validation);
        } else if (fixed != null) {
            priorPrecision = fixed;
        } else {
            double[] theta = PointWeights.of(model).toDoubleArray();
            priorPrecision = new LaplaceEvidence(scale * logLikelihood, fitted.squaredNorm(theta), fitted.eigenvalues())
                    .maximiser();
        }
        curvature = fitted;
    }

    /**
     * The δ of the posterior (NaN before {@link #finish} or {@link #restore}).
     *
     * @return the prior precision δ
     */
    public double priorPrecision() {
        return priorPrecision;
    }

    private static double[][] rows2d(NDArray outputs) {
        int b = (int) outputs.getShape().get(0);
        int c = (int) outputs.getShape().get(1);
        double[] flat = outputs.toDoubleArray();
        double[][] out = new double[b][c];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * c, out[i], 0, c);
        }
        return out;
    }

    /** The first {@code used} of a seeded permutation of 0..n−1 (all rows in order when used = n). */
    private static int[] subset(int n, int used, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (used < n) {
            SplittableRandom random = new SplittableRandom(seed ^ 0x4C41504C41434545L);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return java.util.Arrays.copyOf(order, used);
    }

    /** The option value that chooses δ on held-out rows ({@link PriorPrecisionGrid}). */
    static final String GRID = "grid";

    /** null for marglik and grid, the number for a fixed δ. */
    static Double fixedPrecision(String option) {
        switch (option) {
            case "marglik":
            case GRID:
                return null;
            default:
                double v;
                try {
                    v = Double.parseDouble(option);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!(v > 0) || Double.isInfinite(v)) {
                    throw new RisbnnException("--laplace-prior-precision '" + option
                            + "': expected marglik, grid or a positive number");
                }
                return v;
        }
    }

    static OutputHessian hessianOf(BayesianModel model) {
        if (model.likelihood() instanceof GaussianLikelihood g) {
            if (g.heteroscedastic()) {
                throw new RisbnnException("laplace: heteroscedastic regression models are not supported;"
                        + " train a homoscedastic model (one output)");
            }
            return OutputHessian.gaussian(g.noiseStd());
        }
        return OutputHessian.softmax();
    }

    /** The curvature of a structure, empty or (with {@code state}) restored from a checkpoint. */
    private Curvature newCurvature(BayesianModel model, String structure, Map<String, NDArray> state) {
        if (store == null) {
            store = model.manager().newSubManager();
        }
        PointWeights weights = PointWeights.of(model);
        List<VariationalBlock> layers = model.variationalLayers();
        switch (structure) {
            case "last-layer": {
                VariationalBlock last = layers.get(layers.size() - 1);
                if (!(last instanceof BayesLinear) || last.activation() != ActivationFunction.NONE) {
                    throw new RisbnnException("laplace: --laplace-structure last-layer needs a dense output layer without"
                            + " activation, the network ends in " + last.layerName());
                }
                DenseSlots slots = DenseSlots.of(weights, last);
                return state == null ? new LastLayerCurvature(slots, store)
                        : LastLayerCurvature.restored(slots, store, state);
            }
            case "diag":
            case "kfac": {
                List<DenseSlots> slots = new ArrayList<>();
                long covered = 0;
                for (VariationalBlock layer : layers) {
                    if (!(layer instanceof BayesLinear)) {
                        throw new RisbnnException("laplace: --laplace-structure " + structure + " supports dense (MLP)"
                                + " networks only; use --laplace-structure last-layer for convolutional networks");
                    }
                    DenseSlots s = DenseSlots.of(weights, layer);
                    slots.add(s);
                    covered += s.size();
                }
                if (covered != weights.size()) {
                    throw new RisbnnException("laplace: --laplace-structure " + structure + " covers the dense layers only,"
                            + " this network has other weights; use --laplace-structure last-layer");
                }
                boolean kfac = structure.equals("kfac");
                return state == null ? new LayerwiseCurvature(slots, kfac, store)
                        : LayerwiseCurvature.restored(slots, kfac, store, state);
            }
            default:
                throw new RisbnnException("--laplace-structure '" + structure + "': expected last-layer, diag or kfac");
        }
    }

    /** The curvature (for tests). */
    Curvature curvature() {
        return curvature;
    }

    @Override
    public Map<String, NDArray> state() {
        if (curvature == null) {
            return Map.of();
        }
        Map<String, NDArray> out = new LinkedHashMap<>(curvature.state());
        out.put(PRIOR_PRECISION, store.create(new double[] {priorPrecision}));
        return out;
    }

    private static final String PRIOR_PRECISION = "prior_precision";

    @Override
    public void restore(BayesianModel model, TrainConfig config, Map<String, NDArray> state) {
        if (state == null || !state.containsKey(PRIOR_PRECISION)) {
            return;
        }
        curvature = newCurvature(model, config.methods().laplace().structure(), state);
        priorPrecision = state.get(PRIOR_PRECISION).toType(DataType.FLOAT64, false).getDouble(0);
    }

    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        if (curvature == null) {
            throw new RisbnnException("laplace: the curvature has not been fitted (the run did not finish)");
        }
        LaplaceOptions options = config.methods().laplace();
        if (!options.link().equals("probit") && !options.link().equals("mc")) {
            throw new RisbnnException("--laplace-link '" + options.link() + "': expected probit or mc");
        }
        return new LaplacePosterior(model, curvature, priorPrecision, hessianOf(model).classification(),
                options.link().equals("probit"));
    }
}
