package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.risbnn.objective.Objective;
import io.risbnn.variational.GaussianPosterior;

/**
 * Bayes-by-backprop style Monte Carlo: M weight samples w = μ + s·ε, each shared by the whole batch.
 * Under ELBO, stream j of the batch uses sample j; under MOMENT, the layer averages δ over the M
 * samples. All M samples run as one batched product (or grouped convolution), not a loop.
 */
public final class McSharedEstimator implements Estimator {
    /** The CLI name, {@code --estimator mc-shared}. */
    public static final String NAME = "mc-shared";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supports(Objective objective) {
        return objective != Objective.MEAN_VAR;     // shared weight samples have no per-unit (mean, variance) form
    }

    /** Under ELBO the step is the network's convolutions with sampled kernels (see {@link io.risbnn.tensor.MemoryLayout}). */
    @Override
    public boolean prefersChannelsLast(Objective objective) {
        return objective == Objective.ELBO;
    }

    @Override
    public NDArray forward(VariationalLayerView layer, NDArray input, ForwardContext ctx) {
        int samples = ctx.samples();
        if (ctx.objective() == Objective.MOMENT) {
            if (layer.activation() == ActivationFunction.NONE) {
                return PreActivation.of(layer, input).m();
            }
            long batch = input.getShape().get(0);
            NDArray stacked = input.expandDims(0).repeat(0, samples)
                    .reshape(new Shape(batch * samples).addAll(input.getShape().slice(1)));
            NDArray out = sampledOutput(layer, stacked, samples, ctx);
            return out.reshape(new Shape(samples, batch).addAll(out.getShape().slice(1))).mean(new int[] {0});
        }
        return sampledOutput(layer, input, samples, ctx);
    }

    /**
     * Weight samples shared by a batch cannot be expressed through a marginal (m, v); blocks that can
     * sample weights do so themselves, and this falls back to per-element samples with the same
     * marginals (the LRT form).
     */
    @Override
    public NDArray activationMoment(String layerName, ActivationFunction activation, PreActivation pre, ForwardContext ctx) {
        return activation == ActivationFunction.NONE ? pre.m() : LrtEstimator.monteCarloMean(activation, pre, ctx.samples());
    }

    /** δ(x ⋆ W_j + b_j) for stream-major groups j = 1..M, the noise of W_j, b_j from the context. */
    static NDArray sampledOutput(VariationalLayerView layer, NDArray stacked, int samples, ForwardContext ctx) {
        long rows = stacked.getShape().get(0);
        if (rows % samples != 0) {
            throw new IllegalArgumentException("layer " + layer.layerName() + ": under the elbo objective its input holds M = "
                    + samples + " stacked copies of the batch (M·B rows), got " + rows + " rows; run the network through "
                    + "BayesianModel.forward or the io.risbnn.api facade, which stack the batch and set the forward context");
        }
        GaussianPosterior w = layer.weight();
        NDArray out = layer.linearMap().applyPerGroup(stacked, ctx.sampleWeights(w, samples));
        GaussianPosterior b = layer.bias();
        if (b != null) {
            out = layer.linearMap().addBiasPerGroup(out, ctx.sampleWeights(b, samples));
        }
        return layer.activation().apply(ctx.tapPreActivation(layer, stacked, out));
    }
}
