package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.util.PairList;
import io.risbnn.objective.Objective;
import io.risbnn.variational.GaussianPosterior;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a variational layer needs to know for one forward pass: the estimator, the objective
 * and the number of samples M. DJL's containers (e.g. {@code SequentialBlock}) do not hand their
 * {@code forward(…, PairList params)} argument on to their children, so the context is made current
 * for the calling thread with {@link #activate()} around the forward pass; a context passed in the
 * params of a layer's own forward call takes precedence. This lets Bayesian layers sit anywhere
 * inside ordinary DJL models.
 *
 * <p>Under {@link Objective#ELBO} the batch holds M stacked sampled-network streams (stream-major,
 * M·B rows); under {@link Objective#MOMENT} it holds B first-moment rows and M is the number of
 * samples each layer's estimator may draw.
 */
public final class ForwardContext {
    /** Key of the context in DJL's forward parameters. */
    public static final String PARAM_KEY = "risbnn.forward";

    private final Estimator estimator;
    private final Objective objective;
    private final int samples;
    private final boolean collectDiagnostics;
    private final WeightNoise noise;
    private final LayerTap tap;
    private final Map<String, Double> essFraction = new LinkedHashMap<>();

    /**
     * A context with fresh weight noise and no layer tap.
     *
     * @param estimator how each variational layer estimates its output
     * @param objective what the forward pass computes (sampled networks, first moments, or means and variances)
     * @param samples M, the number of stacked networks (ELBO) or of samples per layer estimate, ≥ 1
     * @param collectDiagnostics whether estimators record diagnostics such as RIS's ESS ({@link #essFraction()})
     * @throws IllegalArgumentException if {@code samples} &lt; 1 or {@code estimator} does not support {@code objective}
     */
    public ForwardContext(Estimator estimator, Objective objective, int samples, boolean collectDiagnostics) {
        this(estimator, objective, samples, collectDiagnostics, null);
    }

    /**
     * A context whose weight samples use {@code noise} (null: fresh draws from the engine).
     *
     * @param estimator how each variational layer estimates its output
     * @param objective what the forward pass computes
     * @param samples M, ≥ 1
     * @param collectDiagnostics whether estimators record diagnostics ({@link #essFraction()})
     * @param noise the standard-normal ε of the weight samples, or null for fresh draws
     * @throws IllegalArgumentException if {@code samples} &lt; 1 or {@code estimator} does not support {@code objective}
     */
    public ForwardContext(Estimator estimator, Objective objective, int samples, boolean collectDiagnostics,
                          WeightNoise noise) {
        this(estimator, objective, samples, collectDiagnostics, noise, null);
    }

    /**
     * A context with weight noise {@code noise} (null: fresh) whose layers report to {@code tap} (null: none).
     *
     * @param estimator how each variational layer estimates its output
     * @param objective what the forward pass computes
     * @param samples M, ≥ 1
     * @param collectDiagnostics whether estimators record diagnostics ({@link #essFraction()})
     * @param noise the standard-normal ε of the weight samples, or null for fresh draws
     * @param tap receives every sampled pre-activation (VOGN's per-example gradients), or null
     * @throws IllegalArgumentException if {@code samples} &lt; 1 or {@code estimator} does not support {@code objective}
     */
    public ForwardContext(Estimator estimator, Objective objective, int samples, boolean collectDiagnostics,
                          WeightNoise noise, LayerTap tap) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        }
        if (!estimator.supports(objective)) {
            throw new IllegalArgumentException(
                    "estimator " + estimator.name() + " does not support objective " + objective.cliName());
        }
        this.estimator = estimator;
        this.objective = objective;
        this.samples = samples;
        this.collectDiagnostics = collectDiagnostics;
        this.noise = noise;
        this.tap = tap;
    }

    /**
     * A context without diagnostics, with fresh weight noise and no tap.
     *
     * @param estimator how each variational layer estimates its output
     * @param objective what the forward pass computes
     * @param samples M, ≥ 1
     * @throws IllegalArgumentException if {@code samples} &lt; 1 or {@code estimator} does not support {@code objective}
     */
    public ForwardContext(Estimator estimator, Objective objective, int samples) {
        this(estimator, objective, samples, false);
    }

    /**
     * The context used when a Bayesian layer runs inside a plain DJL model: one LRT sample.
     *
     * @return a new ELBO context with the LRT estimator and M = 1
     */
    public static ForwardContext standalone() {
        return new ForwardContext(new LrtEstimator(), Objective.ELBO, 1);
    }

    private static final ThreadLocal<ForwardContext> CURRENT = new ThreadLocal<>();

    /**
     * The context for a layer's forward: from its params, else the thread's active one, else {@link #standalone()}.
     *
     * @param params the forward parameters DJL passed to the layer; may be null
     * @return the context to use, never null
     */
    public static ForwardContext from(PairList<String, Object> params) {
        if (params != null) {
            Object value = params.get(PARAM_KEY);
            if (value instanceof ForwardContext ctx) {
                return ctx;
            }
        }
        ForwardContext active = CURRENT.get();
        return active != null ? active : standalone();
    }

    /**
     * Makes this context current for the calling thread until the returned scope is closed; use it in a
     * try-with-resources around {@code model.forward(…)}. Scopes nest: closing restores the previous context.
     *
     * @return the scope whose {@code close()} restores the previously active context (or none)
     */
    public Scope activate() {
        ForwardContext previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Restores the previous context on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * This context as DJL forward parameters, for passing it explicitly to a block's {@code forward}.
     *
     * @return a parameter list holding this context under {@link #PARAM_KEY}
     */
    public PairList<String, Object> asParams() {
        PairList<String, Object> params = new PairList<>();
        params.add(PARAM_KEY, this);
        return params;
    }

    /**
     * The estimator every variational layer of this pass uses.
     *
     * @return the estimator
     */
    public Estimator estimator() {
        return estimator;
    }

    /**
     * What this pass computes (ELBO sampled networks, MOMENT first moments, MEAN_VAR means and variances).
     *
     * @return the objective
     */
    public Objective objective() {
        return objective;
    }

    /**
     * M: the number of stacked network streams under ELBO, the samples per layer estimate otherwise.
     *
     * @return M, ≥ 1
     */
    public int samples() {
        return samples;
    }

    /**
     * {@code count} stacked samples w = μ + s·ε of a weight tensor, ε from this context's noise or fresh.
     *
     * @param posterior the weight or bias posterior
     * @param count the number of samples, ≥ 1
     * @return the samples [count, …posterior's shape], differentiable in μ and ρ
     */
    public NDArray sampleWeights(GaussianPosterior posterior, int count) {
        return noise == null ? posterior.sample(count) : posterior.sampleAt(noise.of(posterior, count));
    }

    /**
     * A layer's sampled pre-activation as the context's {@link LayerTap} passes it on (unchanged without one).
     *
     * @param layer the layer being evaluated
     * @param input the layer's input rows [M·B, …]
     * @param preActivation the sampled pre-activation of those rows
     * @return the pre-activation to continue with
     */
    public NDArray tapPreActivation(VariationalLayerView layer, NDArray input, NDArray preActivation) {
        return tap == null ? preActivation : tap.tap(layer, input, preActivation);
    }

    /**
     * Whether estimators should spend time on diagnostics (RIS computes its ESS only then).
     *
     * @return true if diagnostics are collected
     */
    public boolean collectDiagnostics() {
        return collectDiagnostics;
    }

    /**
     * Records a layer's mean importance-sampling effective sample size over M (ESS/M).
     *
     * @param layer the layer's name; a later record for the same layer replaces the earlier one
     * @param fraction ESS/M averaged over the layer's live units, in (0, 1]
     */
    public void recordEss(String layer, double fraction) {
        essFraction.put(layer, fraction);
    }

    /**
     * The ESS/M recorded per layer during this pass (empty unless {@link #collectDiagnostics()}).
     *
     * @return the live, mutable map from layer name to ESS/M, in recording order
     */
    public Map<String, Double> essFraction() {
        return essFraction;
    }
}
