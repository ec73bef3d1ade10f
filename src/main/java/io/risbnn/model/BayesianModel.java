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
import io.risbnn.RisbnnException;
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
import java.util.function.Supplier;

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
    private final Shape inputShape;
    /** Builds the same architecture again for {@link #newInstance} (null: built-in, rebuilt from the spec). */
    private final Supplier<? extends Block> factory;

    BayesianModel(ModelSpec spec, NDManager manager, Block network, Likelihood likelihood, Shape inputShape) {
        this(spec, manager, network, likelihood, inputShape, null);
    }

    private BayesianModel(ModelSpec spec, NDManager manager, Block network, Likelihood likelihood, Shape inputShape,
                          Supplier<? extends Block> factory) {
        this.spec = spec;
        this.manager = manager;
        this.network = network;
        this.likelihood = likelihood;
        this.inputShape = inputShape;
        this.factory = factory;
        network.initialize(manager, DataType.FLOAT32, inputShape);
        likelihood.initialize(manager);
        this.layers = VariationalLayers.find(network);
        if (layers.isEmpty()) {
            throw new RisbnnException("network: the block holds no Bayesian layer (io.risbnn.nn.BayesLinear, BayesConv2d, …);"
                    + " convert a deterministic DJL block with io.risbnn.model.vision.ModelConversion first");
        }
    }

    /**
     * A user's own DJL block tree holding risbnn Bayesian layers (anywhere inside, in any DJL container),
     * trained and evaluated exactly like the built-in models: {@link #forward} stacks the M sampled networks
     * of the ELBO and makes the {@link ForwardContext} current, so the block never sees either.
     *
     * @param spec what the block computes: its likelihood, outputs and noise ({@link ModelSpec#custom})
     * @param network builds a fresh, uninitialised block each call (ensembles and HMC build copies; loading
     *     a saved model builds one to hold the stored parameters)
     * @param exampleShape the shape of one input example, without the batch axis
     * @param parent the model lives in a sub-manager of it, closed with the model
     * @return the initialised model; close it to free its arrays
     * @throws RisbnnException if the factory returns null or the block holds no Bayesian layer
     */
    public static BayesianModel of(ModelSpec spec, Supplier<? extends Block> network, Shape exampleShape, NDManager parent) {
        Block block = network.get();
        if (block == null) {
            throw new RisbnnException("network: the block factory returned null");
        }
        NDManager manager = parent.newSubManager();
        try {
            return new BayesianModel(spec, manager, block, Models.likelihood(spec), new Shape(1).addAll(exampleShape), network);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A freshly initialised model of the same architecture in a sub-manager of {@code parent} (ensemble
     * members, HMC chains): new parameters, not a copy of this model's.
     *
     * @param parent the new model lives in a sub-manager of it
     * @return the new model; the caller closes it
     */
    public BayesianModel newInstance(NDManager parent) {
        return factory == null ? Models.build(spec, parent) : of(spec, factory, inputShape.slice(1), parent);
    }

    /**
     * The shape of one input example (no batch axis).
     *
     * @return e.g. (features) for tabular data or (C, H, W) for images
     */
    public Shape exampleShape() {
        return inputShape.slice(1);
    }

    /**
     * The architecture description, as saved in checkpoints.
     *
     * @return the spec the model was built from
     */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * The manager that owns the model's parameters; closed by {@link #close()}.
     *
     * @return the model's own sub-manager
     */
    public NDManager manager() {
        return manager;
    }

    /**
     * The DJL block tree; call {@link #forward} rather than the block directly, which sets up the context.
     *
     * @return the initialised network
     */
    public Block network() {
        return network;
    }

    /**
     * The observation model p(y | f) the outputs feed (Gaussian regression or categorical).
     *
     * @return the likelihood, initialised in the model's manager
     */
    public Likelihood likelihood() {
        return likelihood;
    }

    /**
     * The Bayesian layers of the network, in depth-first order.
     *
     * @return the layers; never empty
     */
    public List<VariationalBlock> variationalLayers() {
        return layers;
    }

    /**
     * Network outputs [S, B, out] for inputs x [B, …] under the context's objective ([2, B, out] under MEAN_VAR).
     * Under ELBO the batch is repeated into M stacked streams first; the context is made current for the pass.
     *
     * @param x a batch of inputs [B, …example shape]
     * @param ctx the estimator, objective and sample count M
     * @param training whether blocks run in training mode (e.g. per-row dropout masks)
     * @return [M, B, out] under ELBO, [1, B, out] under MOMENT, [2, B, out] (means, variances) under MEAN_VAR
     */
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

    /**
     * Σ_l KL(q_l‖p) over the network's Bayesian layers: the complexity term of the ELBO.
     *
     * @param prior the prior of every weight
     * @return a scalar, differentiable in every μ and ρ
     */
    public NDArray kl(Prior prior) {
        return VariationalLayers.kl(network, prior);
    }

    /**
     * Every trainable parameter with a stable name: the network's, then the likelihood's.
     *
     * @return (name, parameter) pairs; the likelihood's are prefixed {@code likelihood_}
     */
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

    /**
     * Number of variational parameters (μ and ρ of every weight and bias), e.g. for reports.
     *
     * @return the sum over the Bayesian layers
     */
    public long variationalParameterCount() {
        return layers.stream().mapToLong(VariationalBlock::variationalParameterCount).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
