package io.risbnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.MeanVar;
import io.risbnn.estimator.PreActivation;
import io.risbnn.objective.Objective;
import io.risbnn.estimator.VariationalLayerView;
import io.risbnn.variational.GaussianPosterior;
import io.risbnn.variational.Prior;
import java.util.function.Supplier;

/**
 * The shared body of the variational layers: a DJL block holding a weight posterior and an optional
 * bias posterior, whose forward pass is delegated to the estimator in the {@link ForwardContext}.
 * Under MEAN_VAR the input and the output are (mean, variance) pairs ({@link MeanVars}): the layer
 * forms the pre-activation's marginal from both and the estimator maps it through the activation.
 */
public abstract class VariationalBlock extends AbstractBlock implements VariationalLayerView {
    private static final byte VERSION = 1;

    private final String layerName;
    private final GaussianPosterior weight;
    private final GaussianPosterior bias;
    private final ActivationFunction activation;

    /**
     * Registers the posteriors' parameters under {@code layerName}; {@code bias} may be null.
     *
     * @param layerName the layer's name, unique within the model
     * @param weight the kernel's posterior
     * @param bias the bias posterior, or null for a layer without bias
     * @param activation the fused nonlinearity δ
     */
    protected VariationalBlock(String layerName, GaussianPosterior weight, GaussianPosterior bias, ActivationFunction activation) {
        super(VERSION);
        this.layerName = layerName;
        this.weight = weight;
        this.bias = bias;
        this.activation = activation;
        addParameter(weight.muParameter());
        addParameter(weight.rhoParameter());
        if (bias != null) {
            addParameter(bias.muParameter());
            addParameter(bias.rhoParameter());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        ForwardContext ctx = ForwardContext.from(params);
        if (ctx.objective() == Objective.MEAN_VAR) {
            return freeingIntermediates(inputs, () -> {
                MeanVar out = ctx.estimator().activationMeanVar(layerName, activation,
                        PreActivation.ofMeanVar(this, MeanVars.of(inputs, layerName)), ctx);
                return MeanVars.toList(out);
            });
        }
        return freeingIntermediates(inputs, () -> new NDList(ctx.estimator().forward(this, inputs.singletonOrThrow(), ctx)));
    }

    /**
     * Runs one layer's forward in its own {@link NDScope}, so the arrays it creates besides its
     * outputs are released when it returns instead of when the training step ends. Autograd keeps its
     * own references to what the backward pass needs, so only memory nobody uses is freed: without
     * this every temporary of a step (e.g. RIS's [M, B, C, H, W] draws and log-weights, and the
     * detached graph of its weighted branch) stays allocated until the step's scope closes, which made
     * a ResNet-20 step with M = 10 and 128 images need about 19 GB. The outputs move to the enclosing
     * scope (if any).
     *
     * @param inputs the layer's inputs; outputs that are inputs passed through are not re-registered
     * @param body computes the layer's outputs
     * @return the outputs of {@code body}, now owned by the enclosing scope
     */
    public static NDList freeingIntermediates(NDList inputs, Supplier<NDList> body) {
        NDList out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
        }
        for (NDArray array : out) {
            if (inputs.stream().noneMatch(in -> in == array)) {
                NDScope.register(array);
            }
        }
        return out;
    }

    /**
     * KL(q‖p) of this layer's weights and bias.
     *
     * @param prior the prior p of every weight and bias element
     * @return a scalar, differentiable in μ and ρ
     */
    public NDArray kl(Prior prior) {
        NDArray kl = prior.kl(weight);
        return bias == null ? kl : kl.add(prior.kl(bias));
    }

    /**
     * Number of variational parameters (μ and ρ of every weight and bias).
     *
     * @return twice the number of weights and biases
     */
    public long variationalParameterCount() {
        return 2 * (weight.size() + (bias == null ? 0 : bias.size()));
    }

    @Override
    public String layerName() {
        return layerName;
    }

    @Override
    public GaussianPosterior weight() {
        return weight;
    }

    @Override
    public GaussianPosterior bias() {
        return bias;
    }

    @Override
    public ActivationFunction activation() {
        return activation;
    }

    static void requirePositive(String what, long value) {
        if (value <= 0) {
            throw new RisbnnException(what + " must be positive, got " + value);
        }
    }
}
