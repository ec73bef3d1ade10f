package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import io.risbnn.RisbnnException;
import io.risbnn.objective.Objective;

/**
 * Closed-form moments of δ(a) under a Gaussian pre-activation a ~ N(m, v): zero variance at about the
 * cost of LRT, the reference any sampling estimator must beat. Serves MOMENT (E δ; for ReLU the
 * original sd·ψ(m/sd) of RIS-SPEC §2) and MEAN_VAR (E δ and Var δ) for ReLU, leaky ReLU and GELU
 * ({@link ClosedFormMoments}; GELU's variance is a fixed float64 quadrature, {@link GeluVariance}).
 * Other activations have no closed form and are refused.
 *
 * <p>Under MEAN_VAR the values are computed in float64 without autograd (the tail forms avoid the
 * float32 cancellation of E δ² − (E δ)²) and reach the graph as value + J_m·(m − sg m) + J_v·(v − sg v)
 * with the exact local derivatives J, so backward costs two multiplications per output.
 */
public final class AnalyticEstimator implements Estimator {
    /** The CLI name, {@code --estimator analytic}. */
    public static final String NAME = "analytic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Objective objective) {
        return objective == Objective.MOMENT || objective == Objective.MEAN_VAR;
    }

    @Override
    public NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx) {
        return activationMoment(layer.layerName(), layer.activation(), PreActivation.of(layer, input), ctx);
    }

    /**
     * E δ(a): m for the identity; ReLU on float32 CPU arrays by {@link ReluKernel} with the attached
     * Jacobian, otherwise by {@link ActivationFunction#mean} (sd·ψ(m/sd) with autograd); leaky ReLU and GELU by
     * the float64 closed forms with the attached Jacobian.
     */
    @Override
    public NDArray activationMoment(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        if (activation == ActivationFunction.RELU && ReluKernel.applies(pre.m(), pre.v())) {
            return reluKernel(pre, false).mean();
        }
        if (activation == ActivationFunction.NONE || activation == ActivationFunction.RELU) {
            return activation.mean(pre.m(), pre.sd());
        }
        return moments(layerName, activation, pre).mean();
    }

    /** (E δ, Var δ) from the closed forms; (m, v) for the identity; (δ(m), 0) where the unit is not live. */
    @Override
    public MeanVar activationMeanVar(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        if (activation == ActivationFunction.NONE) {
            return new MeanVar(pre.m(), pre.v());
        }
        if (activation == ActivationFunction.RELU && ReluKernel.applies(pre.m(), pre.v())) {
            return reluKernel(pre, true);
        }
        return moments(layerName, activation, pre);
    }

    /**
     * ReLU on float32 CPU arrays: the closed forms by {@link ReluKernel} (one pass in double, the
     * non-live fallback included), attached as value + J_m·(m − sg m) + J_v·(v − sg v). The variance is
     * null without {@code withVariance}.
     */
    static MeanVar reluKernel(PreActivation pre, boolean withVariance) {
        // values and Jacobians apart: the backward pass keeps only the Jacobians' array
        NDArray[] k = ReluKernel.computeSplit(pre.m(), pre.v(), withVariance);
        NDArray values = k[0];
        NDArray j = k[1];
        NDArray m = pre.m();
        NDArray v = pre.v();
        NDArray dm = m.sub(m.stopGradient());
        NDArray dv = v.sub(v.stopGradient());
        NDArray mean = j.get(0).mul(dm).add(j.get(1).mul(dv)).add(values.get(0));
        NDArray variance = withVariance ? j.get(2).mul(dm).add(j.get(3).mul(dv)).add(values.get(1)) : null;
        return new MeanVar(mean, variance);
    }

    /**
     * Whether this estimator has closed forms for {@code activation} (ReLU, leaky ReLU, GELU and the identity).
     *
     * @param activation the layer's nonlinearity
     * @return true if MOMENT and MEAN_VAR can be computed for it; other activations are refused with a RisbnnException
     */
    public static boolean hasClosedForm(ActivationFunction activation) {
        return activation == ActivationFunction.NONE || activation == ActivationFunction.RELU || activation == ActivationFunction.LEAKY_RELU
                || activation == ActivationFunction.GELU;
    }

    private static MeanVar moments(String layerName, ActivationFunction activation, PreActivation pre) {
        if (!hasClosedForm(activation)) {
            throw new RisbnnException("estimator " + NAME + " has no closed form for activation " + activation.cliName()
                    + " (layer " + layerName + "); use --estimator quadrature, lrt or ris");
        }
        NDArray m = pre.m();
        NDArray v = pre.v();
        DataType type = m.getDataType();
        NDArray[] out = new NDArray[6];
        try (NDScope scope = new NDScope()) {
            NDArray m64 = m.stopGradient().toType(DataType.FLOAT64, false);
            NDArray s64 = pre.sd().stopGradient().toType(DataType.FLOAT64, false);
            ClosedFormMoments.Moments mo = switch (activation) {
                case RELU -> ClosedFormMoments.relu(m64, s64);
                case LEAKY_RELU -> ClosedFormMoments.leakyRelu(m64, s64, ActivationFunction.LEAKY_SLOPE);
                default -> ClosedFormMoments.gelu(m64, s64);
            };
            NDArray[] parts = {mo.mean(), mo.variance(), mo.meanDm(), mo.meanDv(), mo.varianceDm(), mo.varianceDv()};
            for (int i = 0; i < 6; i++) {
                // Jacobians of units that are not live are never used (δ(m) replaces them): zero keeps
                // the discarded branch of the where finite in backward
                NDArray part = i < 2 ? parts[i] : NDArrays.where(pre.live(), parts[i], parts[i].zerosLike());
                out[i] = part.toType(type, false);
            }
            NDScope.unregister(out);
        }
        for (NDArray a : out) {
            NDScope.register(a);
        }
        NDArray dm = m.sub(m.stopGradient());
        NDArray dv = v.sub(v.stopGradient());
        NDArray mean = out[0].add(out[2].mul(dm)).add(out[3].mul(dv));
        NDArray variance = out[1].add(out[4].mul(dm)).add(out[5].mul(dv));
        return new MeanVar(NDArrays.where(pre.live(), mean, activation.apply(m)),
                NDArrays.where(pre.live(), variance, variance.zerosLike()));
    }
}
