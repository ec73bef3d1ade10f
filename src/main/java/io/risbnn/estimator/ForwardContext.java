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

    public ForwardContext(Estimator estimator, Objective objective, int samples, boolean collectDiagnostics) {
        this(estimator, objective, samples, collectDiagnostics, null);
    }

    /** A context whose weight samples use {@code noise} (null: fresh draws from the engine). */
    public ForwardContext(Estimator estimator, Objective objective, int samples, boolean collectDiagnostics,
                          WeightNoise noise) {
        this(estimator, objective, samples, collectDiagnostics, noise, null);
    }

    /** A context with weight noise {@code noise} (null: fresh) whose layers report to {@code tap} (null: none). */
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

    public ForwardContext(Estimator estimator, Objective objective, int samples) {
        this(estimator, objective, samples, false);
    }

    /** The context used when a Bayesian layer runs inside a plain DJL model: one LRT sample. */
    public static ForwardContext standalone() {
        return new ForwardContext(new LrtEstimator(), Objective.ELBO, 1);
    }

    private static final ThreadLocal<ForwardContext> CURRENT = new ThreadLocal<>();

    /** The context for a layer's forward: from its params, else the thread's active one, else {@link #standalone()}. */
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

    /** Makes this context current for the calling thread until the returned scope is closed. */
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

    public PairList<String, Object> asParams() {
        PairList<String, Object> params = new PairList<>();
        params.add(PARAM_KEY, this);
        return params;
    }

    public Estimator estimator() {
        return estimator;
    }

    public Objective objective() {
        return objective;
    }

    public int samples() {
        return samples;
    }

    /** {@code count} stacked samples w = μ + s·ε of a weight tensor, ε from this context's noise or fresh. */
    public NDArray sampleWeights(GaussianPosterior posterior, int count) {
        return noise == null ? posterior.sample(count) : posterior.sampleAt(noise.of(posterior, count));
    }

    /** A layer's sampled pre-activation as the context's {@link LayerTap} passes it on (unchanged without one). */
    public NDArray tapPreActivation(VariationalLayerView layer, NDArray input, NDArray preActivation) {
        return tap == null ? preActivation : tap.tap(layer, input, preActivation);
    }

    public boolean collectDiagnostics() {
        return collectDiagnostics;
    }

    /** Records a layer's mean importance-sampling effective sample size over M (ESS/M). */
    public void recordEss(String layer, double fraction) {
        essFraction.put(layer, fraction);
    }

    public Map<String, Double> essFraction() {
        return essFraction;
    }
}
