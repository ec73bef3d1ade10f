package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adam (Kingma &amp; Ba 2015) with bias correction; state m, v per parameter. */
public final class AdamUpdate implements ParameterUpdate {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final Map<String, NDArray> state = new LinkedHashMap<>();
    private long updates;

    /**
     * Adam with the given hyperparameters.
     *
     * @param beta1 decay of the first-moment estimate m, in [0, 1)
     * @param beta2 decay of the second-moment estimate v, in [0, 1)
     * @param epsilon added to √v̂ in the denominator, &gt; 0
     */
    public AdamUpdate(double beta1, double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public AdamUpdate() {
        this(0.9, 0.999, 1e-8);
    }

    @Override
    public void step(List<NamedParameter> parameters, double lr) {
        updates++;
        double correction1 = 1 - Math.pow(beta1, updates);
        double correction2 = 1 - Math.pow(beta2, updates);
        for (NamedParameter p : parameters) {
            NDArray grad = p.array().getGradient();
            NDArray m = moment(p, "m");
            NDArray v = moment(p, "v");
            m.muli(beta1).addi(grad.mul(1 - beta1));
            v.muli(beta2).addi(grad.square().mul(1 - beta2));
            NDArray update = m.div(correction1).div(v.div(correction2).sqrt().add(epsilon)).mul(lr);
            p.array().subi(update);
        }
    }

    private NDArray moment(NamedParameter p, String which) {
        return state.computeIfAbsent(p.name() + "." + which, k -> {
            NDArray zeros = p.array().zerosLike();
            NDScope.unregister(zeros);
            return zeros;
        });
    }

    @Override
    public Map<String, NDArray> state() {
        return state;
    }

    @Override
    public long updates() {
        return updates;
    }

    @Override
    public void restore(long updates, Map<String, NDArray> restored) {
        this.updates = updates;
        state.clear();
        state.putAll(restored);
    }

    @Override
    public String describe() {
        return "adam(" + beta1 + "," + beta2 + "," + epsilon + ")";
    }
}
