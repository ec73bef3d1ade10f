package io.risbnn.method.laplace;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.VariationalLayerView;
import io.risbnn.model.BayesianModel;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.objective.Objective;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deterministic forward pass of the network at its MAP weights θ* that records what the Jacobian
 * of the outputs with respect to every dense layer's weights is made of: the layer's input a_n and
 * g_{n,c} = ∂f_c(x_n)/∂z_n, the gradient of output c with respect to the layer's pre-activation z_n, so
 * ∂f_c(x_n)/∂W = g_{n,c} a_nᵀ and ∂f_c(x_n)/∂b = g_{n,c}. The examples of a batch are independent (BatchNorm
 * runs in eval mode, frozen at its running statistics), so one backward pass of Σ_n f_c(x_n) gives every
 * example's g_{n,c}: C backward passes per batch, each after its own forward pass.
 *
 * <p>It works as an {@link Estimator} of its own, so the nn classes are untouched: every variational
 * layer computes δ(a·μᵀ + μ_b) with its means, records a_n, and (when gradients are asked for) adds a
 * zero "probe" leaf that requires a gradient to its pre-activation; the probe's gradient is g.
 */
final class LinearisedPass implements Estimator {
    /** The recorded batch: outputs [B, C] and, per recorded layer, a [B, in] and g[c] [B, out]; all float64. */
    record Batch(NDArray outputs, Map<VariationalBlock, NDArray> inputs, Map<VariationalBlock, NDArray[]> gradients) {}

    private final Map<VariationalBlock, NDArray> inputs = new IdentityHashMap<>();
    private final Map<VariationalBlock, NDArray> probes = new IdentityHashMap<>();
    private final List<VariationalBlock> recorded;
    private NDManager target;
    private boolean withProbes;

    private LinearisedPass(List<VariationalBlock> recorded) {
        this.recorded = recorded;
    }

    /**
     * The pass over features x [B, …] in {@code manager}, recording the layers of {@code recorded};
     * with {@code gradients} false only the inputs and outputs (what the last-layer structure needs).
     */
    static Batch run(BayesianModel model, NDArray x, List<VariationalBlock> recorded, boolean gradients,
                     NDManager manager) {
        LinearisedPass pass = new LinearisedPass(recorded);
        pass.target = manager;
        ForwardContext ctx = new ForwardContext(pass, Objective.ELBO, 1);
        int classes = model.likelihood().outputSize();
        long batch = x.getShape().get(0);
        if (!gradients) {
            try (NDScope scope = new NDScope()) {
                NDArray out = model.forward(x, ctx, false).reshape(batch, classes);
                NDArray outputs = keep(out.toType(DataType.FLOAT64, true), manager);
                return new Batch(outputs, Map.copyOf(pass.inputs), Map.of());
            }
        }
        pass.withProbes = true;
        NDArray outputs = null;
        Map<VariationalBlock, NDArray[]> grads = new IdentityHashMap<>();
        for (VariationalBlock layer : recorded) {
            grads.put(layer, new NDArray[classes]);
        }
        for (int c = 0; c < classes; c++) {
            pass.closeProbes();
            try (NDScope scope = new NDScope(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray out = model.forward(x, ctx, false).reshape(batch, classes);
                if (outputs == null) {
                    outputs = keep(out.stopGradient().toType(DataType.FLOAT64, true), manager);
                }
                collector.backward(out.get(":, " + c).sum());
                for (VariationalBlock layer : recorded) {
                    grads.get(layer)[c] = keep(pass.probes.get(layer).getGradient().toType(DataType.FLOAT64, true), manager);
                }
            }
        }
        pass.closeProbes();
        return new Batch(outputs, Map.copyOf(pass.inputs), grads);
    }

    /** Moves an array out of the current scope into {@code manager}. */
    private static NDArray keep(NDArray a, NDManager manager) {
        NDScope.unregister(a);
        a.attach(manager);
        return a;
    }

    private void closeProbes() {
        for (NDArray p : probes.values()) {
            p.close();
        }
        probes.clear();
    }

    @Override
    public String name() {
        return "laplace-linearised";
    }

    @Override
    public boolean supports(Objective objective) {
        return objective == Objective.ELBO;
    }

    @Override
    public NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx) {
        NDArray z = layer.linearMap().apply(input, layer.weight().mu());
        if (layer.bias() != null) {
            z = layer.linearMap().addBias(z, layer.bias().mu());
        }
        if (layer instanceof VariationalBlock block && recorded.contains(block)) {
            if (!inputs.containsKey(block)) {
                inputs.put(block, keep(input.stopGradient().toType(DataType.FLOAT64, true), target));
            }
            if (withProbes) {
                NDArray probe = z.getManager().zeros(z.getShape(), z.getDataType());
                NDScope.unregister(probe);
                probe.setRequiresGradient(true);
                probes.put(block, probe);
                z = z.add(probe);
            }
        }
        return layer.activation().apply(z);
    }
}
