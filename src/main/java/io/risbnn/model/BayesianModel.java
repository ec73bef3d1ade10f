package io.risbnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.MeanVar;
import io.risbnn.nn.MeanVars;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.nn.VariationalLayers;
import io.risbnn.objective.Likelihood;
import io.risbnn.objective.Objective;
import io.risbnn.tensor.MemoryLayout;
import io.risbnn.variational.Prior;
import java.util.ArrayList;
import java.util.List;

/**
 * A Bayesian network ready to train: the DJL block tree, its likelihood, and the memory they live in.
 * {@link #forward} returns outputs as [S, B, out]: S = M sampled networks under ELBO, S = 1 under
 * MOMENT, so likelihoods and metrics see one layout; under MEAN_VAR [2, B, out] holds the output
 * means, then their variances.
 */
public final class BayesianModel implements AutoCloseable {
    private final ModelSpec spec;
    private final NDManager manager;
    private final Block network;
    private final Likelihood likelihood;
    private final List<VariationalBlock> layers;

    BayesianModel(ModelSpec spec, NDManager manager, Block network, Likelihood likelihood, Shape inputShape) {
        this.spec = spec;
        this.manager = manager;
        this.network = network;
        this.likelihood = likelihood;
        network.initialize(manager, DataType.FLOAT32, inputShape);
        likelihood.initialize(manager);
        this.layers = VariationalLayers.find(network);
    }

    public ModelSpec spec() {
        return spec;
    }

    public NDManager manager() {
        return manager;
    }

    public Block network() {
        return network;
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    public List<VariationalBlock> variationalLayers() {
        return layers;
    }

    /** Network outputs [S, B, out] for inputs x [B, …] under the context's objective ([2, B, out] under MEAN_VAR). */
    public NDArray forward(NDArray x, ForwardContext ctx, boolean training) {
        long batch = x.getShape().get(0);
        NDArray input = x;
        int streams = 1;
        if (ctx.objective() == Objective.ELBO) {
            streams = ctx.samples();
            input = x.expandDims(0).repeat(0, streams).reshape(new Shape(batch * streams).addAll(x.getShape().slice(1)));
        }
        if (input.getShape().dimension() == 4 && ctx.estimator().prefersChannelsLast(ctx.objective())) {
            input = MemoryLayout.channelsLast(input);
        }
        ParameterStore store = new ParameterStore(manager, false);
        if (ctx.objective() == Objective.MEAN_VAR) {       // the inputs are known: variance 0
            NDList out;
            try (ForwardContext.Scope active = ctx.activate()) {
                out = network.forward(store, new NDList(input, input.zerosLike()), training, ctx.asParams());
            }
            MeanVar moments = MeanVars.of(out, "the network's output");
            return NDArrays.stack(new NDList(moments.mean(), moments.variance()));
        }
        NDArray out;
        try (ForwardContext.Scope active = ctx.activate()) {
            out = network.forward(store, new NDList(input), training, ctx.asParams()).singletonOrThrow();
        }
        return out.reshape(new Shape(streams, batch).addAll(out.getShape().slice(1)));
    }

    public NDArray kl(Prior prior) {
        return VariationalLayers.kl(network, prior);
    }

    /** Every trainable parameter with a stable name: the network's, then the likelihood's. */
    public List<Pair<String, Parameter>> parameters() {
        List<Pair<String, Parameter>> all = new ArrayList<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            all.add(p);
        }
        for (Parameter p : likelihood.parameters()) {
            all.add(new Pair<>("likelihood_" + p.getName(), p));
        }
        return all;
    }

    public long variationalParameterCount() {
        return layers.stream().mapToLong(VariationalBlock::variationalParameterCount).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
