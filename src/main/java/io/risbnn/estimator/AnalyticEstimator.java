package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import io.risbnn.objective.Objective;

/**
 * The closed-form first moment E_q[δ(a)] under Gaussian pre-activations (RIS-SPEC §2, remark): for
 * ReLU, sd·ψ(m/sd). Zero variance at the cost of LRT; the reference any RIS result must beat. It
 * estimates a first moment, so it serves the MOMENT objective only.
 */
public final class AnalyticEstimator implements Estimator {
    public static final String NAME = "analytic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Objective objective) {
        return objective == Objective.MOMENT;
    }

    @Override
    public NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx) {
        return activationMoment(layer.layerName(), layer.activation(), PreActivation.of(layer, input), ctx);
    }

    /** The closed form sd·ψ(m/sd) (m itself for the identity). */
    @Override
    public NDArray activationMoment(String layerName, Activation activation, PreActivation pre, ForwardContext ctx) {
        return activation.mean(pre.m(), pre.sd());
    }
}
