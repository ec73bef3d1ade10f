package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.RisbnnException;
import io.risbnn.objective.Objective;
import io.risbnn.tensor.Scalars;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deterministic Gauss–Hermite moments of δ(a), a ~ N(m, v), for any activation: with K =
 * {@code --samples} nodes t_k and weights w_k of N(0, 1), E δ ≈ Σ w_k δ(m + s·t_k) and
 * Var δ ≈ Σ w_k (δ(m + s·t_k) − E δ)² (the same number as Σ w δ² − (E δ)² since Σ w = 1, without its
 * cancellation). Zero variance, differentiable through autograd over a leading node axis [K, …].
 *
 * <p>Exact for δ(m + s·t) polynomial in t of degree ≤ 2K − 1 (identity; the variance of a polynomial of
 * degree ≤ K − 1), and fast for smooth activations whose scale is not much finer than s (tanh, SiLU,
 * softplus, GELU at moderate s). At a kink (ReLU, leaky ReLU; GELU, SiLU and softplus at s ≫ 1 look like
 * one) it converges only algebraically in K: prefer {@code analytic} there. It serves MOMENT and
 * MEAN_VAR, not ELBO, which needs sampled networks.
 */
public final class QuadratureEstimator implements Estimator {
    /** The CLI name, {@code --estimator quadrature}. */
    public static final String NAME = "quadrature";

    /** The rules by node count, as float64 nodes and weights (converted to the input type per call). */
    private static final Map<Integer, GaussHermite> RULES = new ConcurrentHashMap<>();

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
        if (ctx.objective() != Objective.MOMENT) {
            throw new RisbnnException("estimator " + NAME + " computes moments; it cannot run --objective "
                    + ctx.objective().cliName() + " (layer " + layer.layerName() + ")");
        }
        return activationMoment(layer.layerName(), layer.activation(), PreActivation.of(layer, input), ctx);
    }

    /** Σ w_k δ(m + s·t_k); m for the identity, δ(m) where the unit is not live. */
    @Override
    public NDArray activationMoment(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        if (activation == ActivationFunction.NONE) {
            return pre.m();
        }
        if (activation == ActivationFunction.RELU && RisKernel.applies(pre.m(), pre.sd())) {
            return NDArrays.where(pre.live(), fused(pre, ctx.samples(), false).mean(), activation.apply(pre.m()));
        }
        NDArray mean = nodeValues(activation, pre, ctx.samples()).weighted.sum(new int[] {0});
        return NDArrays.where(pre.live(), mean, activation.apply(pre.m()));
    }

    /** (Σ w δ_k, Σ w (δ_k − mean)²); (m, v) for the identity, (δ(m), 0) where the unit is not live. */
    @Override
    public MeanVar activationMeanVar(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        if (activation == ActivationFunction.NONE) {
            return new MeanVar(pre.m(), pre.v());
        }
        if (activation == ActivationFunction.RELU && RisKernel.applies(pre.m(), pre.sd())) {
            MeanVar out = fused(pre, ctx.samples(), true);
            return new MeanVar(NDArrays.where(pre.live(), out.mean(), activation.apply(pre.m())),
                    NDArrays.where(pre.live(), out.variance(), out.variance().zerosLike()));
        }
        return reference(activation, pre, ctx.samples());
    }

    /**
     * ReLU on float32 CPU arrays: the sums over the nodes and their derivatives in one pass of {@link
     * QuadratureKernel}, attached as value + J_m·(m − sg m) + J_sd·(sd − sg sd) (before the non-live
     * replacement; the variance is null without {@code withVariance}).
     */
    static MeanVar fused(PreActivation pre, int count, boolean withVariance) {
        NDArray[] k = QuadratureKernel.relu(pre.m(), pre.sd(), RULES.computeIfAbsent(count, GaussHermite::standardNormal));
        NDArray values = k[0];
        NDArray j = k[1];
        NDArray dm = pre.m().sub(pre.m().stopGradient());
        NDArray dsd = pre.sd().sub(pre.sd().stopGradient());
        NDArray mean = j.get(0).mul(dm).add(j.get(1).mul(dsd)).add(values.get(0));
        NDArray variance = withVariance ? j.get(2).mul(dm).add(j.get(3).mul(dsd)).add(values.get(1)) : null;
        return new MeanVar(mean, variance);
    }

    /** The tensor-op (Σ w δ_k, Σ w (δ_k − mean)²) with the non-live replacement: any activation; the kernel's reference. */
    static MeanVar reference(ActivationFunction activation, PreActivation pre, int count) {
        Nodes nodes = nodeValues(activation, pre, count);
        NDArray mean = nodes.weighted.sum(new int[] {0});
        NDArray centred = nodes.values.sub(mean.expandDims(0));
        NDArray variance = centred.square().mul(nodes.weights).sum(new int[] {0});
        return new MeanVar(NDArrays.where(pre.live(), mean, activation.apply(pre.m())),
                NDArrays.where(pre.live(), variance, variance.zerosLike()));
    }

    /** δ at the K nodes [K, …], the weights [K, 1, …, 1] and their product. */
    private record Nodes(NDArray values, NDArray weights, NDArray weighted) {}

    private static Nodes nodeValues(ActivationFunction activation, PreActivation pre, int count) {
        GaussHermite rule = RULES.computeIfAbsent(count, GaussHermite::standardNormal);
        NDArray m = pre.m();
        NDArray t = column(m, rule.nodes());
        NDArray w = column(m, rule.weights());
        NDArray values = activation.apply(m.expandDims(0).add(pre.sd().expandDims(0).mul(t)));
        return new Nodes(values, w, values.mul(w));
    }

    /**
     * values as a [K, 1, …, 1] array of {@code like}'s type in engine-owned memory: autograd saves the
     * node and weight constants for backward (see {@link Scalars}).
     */
    private static NDArray column(NDArray like, double[] values) {
        long[] dims = new long[like.getShape().dimension() + 1];
        Arrays.fill(dims, 1);
        dims[0] = values.length;
        NDManager manager = like.getManager();
        NDArray wrapped;
        if (like.getDataType() == DataType.FLOAT64) {
            wrapped = manager.create(values);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            wrapped = manager.create(f);
        }
        NDArray owned = wrapped.duplicate();
        wrapped.close();
        return owned.reshape(new Shape(dims));
    }
}
