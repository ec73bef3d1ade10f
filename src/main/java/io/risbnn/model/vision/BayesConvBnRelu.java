package io.risbnn.model.vision;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.MeanVar;
import io.risbnn.nn.MeanVars;
import ai.djl.ndarray.NDScope;
import io.risbnn.estimator.PreActivation;
import io.risbnn.nn.BayesConv2d;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.objective.Objective;
import io.risbnn.tensor.Scalars;
import io.risbnn.variational.GaussianPosterior;
import io.risbnn.variational.PosteriorInit;

/**
 * A variational convolution, a deterministic BatchNorm and a ReLU, y = relu(BN(W ⋆ x) [+ r]), with
 * the ReLU estimated properly under the MOMENT objective (see {@code docs/batchnorm-and-moments.md}).
 *
 * <p>An optional second input r (same shape as the output) is added after the BatchNorm and before
 * the ReLU: the tail conv → BN → (+ shortcut) → ReLU of a residual block.
 *
 * <ul>
 *   <li><b>ELBO</b>: the batch holds M stacked sampled networks [M·B, …]; the convolution is sampled by
 *       the context's estimator (activation NONE), then DJL's BatchNorm (batch statistics over all M·B
 *       rows in training mode, running statistics in eval mode), then + r, then ReLU — exact.</li>
 *   <li><b>MOMENT</b>: the input is a first moment u, so every pre-activation a = W ⋆ u (+ b) is
 *       Gaussian, m = u ⋆ μ (+ μ_b), v = u² ⋆ s² (+ s_b²). BatchNorm is an affine map per channel,
 *       BN(a) = γ'·a + β' with γ' = γ/√(σ² + ε), β' = β − γ'·μ̂, so BN(a) + r ~ N(γ'm + β' + r, γ'²v)
 *       and E[relu(BN(a) + r)] is again a Gaussian ReLU moment, estimated by the context's estimator
 *       ({@link io.risbnn.estimator.Estimator#activationMoment}; closed form for {@code analytic}). The statistics (μ̂, σ²) are
 *       the running statistics in eval mode (then the whole block is exact within the MOMENT scheme);
 *       in training mode they are the batch statistics of the pre-activation means m — the input of
 *       BatchNorm under first-moment propagation — and the running statistics are updated from them.
 *       Gradients flow through the batch statistics as in an ordinary BatchNorm.
 *       {@code mc-shared} averages relu(BN(W_j ⋆ u) + r) over M kernel samples W_j shared by the batch,
 *       with the same BatchNorm statistics.</li>
 * </ul>
 * Without the fusion, relu after BN would be a nonlinear deterministic block applied to the first
 * moment, relu(E a) ≠ E relu(a), which the MOMENT objective refuses.
 */
public final class BayesConvBnRelu extends AbstractBlock {
    /** DJL's (and PyTorch's) default ε. */
    public static final float DEFAULT_EPSILON = 1e-5f;
    /** DJL's default momentum: running = 0.9·running + 0.1·batch (PyTorch's momentum 0.1). */
    public static final float DEFAULT_MOMENTUM = 0.9f;

    private static final byte VERSION = 1;

    private final BayesConv2d conv;
    private final BatchNorm norm;
    private final ActivationFunction activation;
    private final float epsilon;
    private final float momentum;

    /**
     * The general unit: a square-kernel variational convolution, a BatchNorm over channels, and the activation.
     *
     * @param name unique layer name (the convolution's, used in diagnostics and parameter names)
     * @param inChannels channels of the input
     * @param outChannels channels of the convolution and the output
     * @param kernel the kernel's side
     * @param stride the convolution's stride
     * @param padding zero padding on every side
     * @param bias whether the convolution has a (variational) bias; BatchNorm makes it redundant, so
     *             builders pass false — conversion of a trained network keeps the bias it had
     * @param activation {@link ActivationFunction#RELU}, or {@link ActivationFunction#NONE} for conv → BN (+ r)
     * @param epsilon BatchNorm's ε, &gt; 0
     * @param momentum BatchNorm's momentum in [0, 1]: running = momentum·running + (1 − momentum)·batch
     * @param init how the convolution's posteriors start
     * @throws RisbnnException if {@code epsilon} ≤ 0, {@code momentum} is outside [0, 1], or a size is invalid
     */
    public BayesConvBnRelu(String name, long inChannels, long outChannels, int kernel, int stride, int padding,
                           boolean bias, ActivationFunction activation, float epsilon, float momentum, PosteriorInit init) {
        super(VERSION);
        if (!(epsilon > 0)) {
            throw new RisbnnException("BatchNorm epsilon of " + name + " must be positive, got " + epsilon);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new RisbnnException("BatchNorm momentum of " + name + " must be in [0, 1], got " + momentum);
        }
        this.conv = addChildBlock("conv", new BayesConv2d(name, inChannels, outChannels, kernel, stride, padding,
                bias, ActivationFunction.NONE, init));
        this.norm = addChildBlock("bn", BatchNorm.builder().optAxis(1).optEpsilon(epsilon).optMomentum(momentum).build());
        this.activation = activation;
        this.epsilon = epsilon;
        this.momentum = momentum;
    }

    /**
     * conv (no bias) → BN (DJL defaults) → ReLU: the usual unit of a ResNet.
     *
     * @param name unique layer name
     * @param inChannels channels of the input
     * @param outChannels channels of the output
     * @param kernel the kernel's side
     * @param stride the convolution's stride
     * @param padding zero padding on every side
     * @param init how the convolution's posteriors start
     */
    public BayesConvBnRelu(String name, long inChannels, long outChannels, int kernel, int stride, int padding,
                           PosteriorInit init) {
        this(name, inChannels, outChannels, kernel, stride, padding, false, ActivationFunction.RELU,
                DEFAULT_EPSILON, DEFAULT_MOMENTUM, init);
    }

    /**
     * The variational convolution (its own activation is NONE; the unit applies the activation after BN).
     *
     * @return the convolution
     */
    public BayesConv2d conv() {
        return conv;
    }

    /**
     * The deterministic DJL BatchNorm over the channel axis.
     *
     * @return the BatchNorm block
     */
    public BatchNorm batchNorm() {
        return norm;
    }

    /**
     * The activation applied after BN (and the residual).
     *
     * @return the unit's activation
     */
    public ActivationFunction activation() {
        return activation;
    }

    /**
     * BatchNorm's ε, added to the variance before the square root.
     *
     * @return ε
     */
    public float epsilon() {
        return epsilon;
    }

    /**
     * BatchNorm's momentum (DJL's convention: the weight of the old running statistics).
     *
     * @return the momentum in [0, 1]
     */
    public float momentum() {
        return momentum;
    }

    /**
     * BatchNorm's γ, β, running mean and running variance, by DJL name ("gamma", …).
     *
     * @param name {@code gamma}, {@code beta}, {@code runningMean} or {@code runningVar}
     * @return the parameter
     * @throws IllegalArgumentException if BatchNorm has no parameter of that name
     */
    public Parameter batchNormParameter(String name) {
        Parameter p = norm.getParameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException("BatchNorm has no parameter " + name);
        }
        return p;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        // temporaries are released when the block returns (autograd keeps what the backward pass needs)
        return VariationalBlock.freeingIntermediates(inputs, () -> forwardBody(store, inputs, training, params));
    }

    private NDList forwardBody(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        ForwardContext ctx = ForwardContext.from(params);
        NDArray x = inputs.get(0);
        NDArray residual = inputs.size() > 1 ? inputs.get(1) : null;
        if (ctx.objective() == Objective.ELBO) {
            NDArray a = ctx.estimator().forward(conv, x, ctx);
            NDArray y = norm.forward(store, new NDList(a), training, params).singletonOrThrow();
            if (residual != null) {
                y = y.add(residual);
            }
            return new NDList(activation.apply(y));
        }
        if (ctx.objective() == Objective.MEAN_VAR) {
            return MeanVars.toList(meanVarForward(store, inputs, training, ctx));
        }
        if (ctx.estimator() instanceof McSharedEstimator && activation != ActivationFunction.NONE) {
            return new NDList(sharedWeightMoment(store, x, residual, training, ctx));
        }
        PreActivation pre = PreActivation.of(conv, x);
        Affine bn = affine(store, x.getDevice(), pre.m(), training);
        NDArray m = bn.apply(pre.m());
        NDArray v = pre.v().mul(bn.scale().square());
        if (residual != null) {
            m = m.add(residual);
        }
        return new NDList(ctx.estimator().activationMoment(conv.layerName(), activation,
                PreActivation.fromMoments(m, v), ctx));
    }

    /**
     * MEAN_VAR: the pre-activation of the (mean, variance) input is Gaussian in W; BatchNorm is the
     * affine map γ'·a + β' per channel, so the normalised pre-activation (plus an independent residual
     * pair) is N(γ'm + β' [+ r_m], γ'²v [+ r_v]) and the estimator maps it through the activation. In
     * training mode the statistics are those a batch of sampled networks would show on average: mean
     * E_batch m and variance Var_batch m + E_batch v (law of total variance), and the running
     * statistics are updated from them; in eval mode the running statistics, so the block is exactly the
     * one a sampled network applies.
     */
    private MeanVar meanVarForward(ParameterStore store, NDList inputs, boolean training, ForwardContext ctx) {
        MeanVar in = MeanVars.of(inputs, 0, conv.layerName());
        MeanVar residual = inputs.size() > 2 ? MeanVars.of(inputs, 2, conv.layerName() + " (residual)") : null;
        PreActivation pre = PreActivation.ofMeanVar(conv, in);
        Affine bn = training ? trainingAffine(store, in.mean().getDevice(), pre.m(), pre.v())
                : affine(store, in.mean().getDevice(), null, false);
        NDArray m = bn.apply(pre.m());
        NDArray v = pre.v().mul(bn.scale().square());
        if (residual != null) {
            m = m.add(residual.mean());
            v = v.add(residual.variance());
        }
        return ctx.estimator().activationMeanVar(conv.layerName(), activation, PreActivation.fromMoments(m, v), ctx);
    }

    /** The BatchNorm's four arrays for this pass. */
    private record NormArrays(NDArray gamma, NDArray beta, NDArray runningMean, NDArray runningVar) {}

    private NormArrays normArrays(ParameterStore store, Device device, boolean training) {
        return new NormArrays(store.getValue(batchNormParameter("gamma"), device, training),
                store.getValue(batchNormParameter("beta"), device, training),
                store.getValue(batchNormParameter("runningMean"), device, training),
                store.getValue(batchNormParameter("runningVar"), device, training));
    }

    /** BatchNorm's affine map from the total-variance batch statistics of (m, v), updating the running statistics. */
    private Affine trainingAffine(ParameterStore store, Device device, NDArray m, NDArray v) {
        NormArrays p = normArrays(store, device, true);
        long channels = p.gamma().getShape().get(0);
        Shape perChannel = new Shape(1, channels, 1, 1);
        NDArray meanRows = m.transpose(1, 0, 2, 3).reshape(channels, -1);
        NDArray varRows = v.transpose(1, 0, 2, 3).reshape(channels, -1);
        NDArray rowMean = meanRows.mean(new int[] {1}, true);
        NDArray spread = meanRows.sub(rowMean).square().mean(new int[] {1});
        NDArray noise = varRows.mean(new int[] {1});
        NDArray variance = spread.add(noise).reshape(perChannel);
        NDArray center = rowMean.reshape(perChannel);
        long n = meanRows.getShape().get(1);
        try (NDScope scope = new NDScope()) {     // running statistics as PyTorch keeps them: unbiased spread, momentum
            NDArray batchMean = rowMean.stopGradient().reshape(channels);
            NDArray batchVar = spread.stopGradient().muli((float) n / Math.max(1, n - 1)).addi(noise.stopGradient());
            p.runningMean().muli(momentum).addi(batchMean.muli(1 - momentum));
            p.runningVar().muli(momentum).addi(batchVar.muli(1 - momentum));
        }
        NDArray scale = p.gamma().reshape(perChannel).div(variance.add(Scalars.of(variance, epsilon)).sqrt());
        NDArray shift = p.beta().reshape(perChannel).sub(center.mul(scale));
        return new Affine(scale, shift);
    }

    /** mc-shared under MOMENT: (1/M) Σ_j δ(BN(u ⋆ W_j + b_j) + r), M kernel samples shared by the batch. */
    private NDArray sharedWeightMoment(ParameterStore store, NDArray x, NDArray residual, boolean training,
                                       ForwardContext ctx) {
        int samples = ctx.samples();
        NDArray mean = null;
        if (training) {               // the batch statistics are those of the mean pre-activation m
            mean = conv.linearMap().apply(x, conv.weight().mu());
            if (conv.bias() != null) {
                mean = conv.linearMap().addBias(mean, conv.bias().mu());
            }
        }
        Affine bn = affine(store, x.getDevice(), mean, training);
        long batch = x.getShape().get(0);
        NDArray stacked = x.expandDims(0).repeat(0, samples)
                .reshape(new Shape(batch * samples).addAll(x.getShape().slice(1)));
        NDArray a = conv.linearMap().applyPerGroup(stacked, ctx.sampleWeights(conv.weight(), samples));
        GaussianPosterior b = conv.bias();
        if (b != null) {
            a = conv.linearMap().addBiasPerGroup(a, ctx.sampleWeights(b, samples));
        }
        Shape outShape = a.getShape().slice(1);
        NDArray y = bn.apply(a).reshape(new Shape(samples, batch).addAll(outShape));
        if (residual != null) {
            y = y.add(residual.expandDims(0));
        }
        return activation.apply(y).mean(new int[] {0});
    }

    /** BN(a) = a·scale + shift per channel (axis 1). */
    record Affine(NDArray scale, NDArray shift) {
        NDArray apply(NDArray a) {
            return a.mul(scale).add(shift);
        }
    }

    /**
     * The BatchNorm as an affine map. Eval mode: running statistics. Training mode: the batch
     * statistics of {@code m} (biased variance, as BatchNorm normalises with), differentiable; the
     * running statistics are updated from them exactly as DJL's BatchNorm would (PyTorch's kernel:
     * unbiased variance, momentum).
     */
    private Affine affine(ParameterStore store, Device device, NDArray m, boolean training) {
        NormArrays p = normArrays(store, device, training);
        long channels = p.gamma().getShape().get(0);
        Shape perChannel = new Shape(1, channels, 1, 1);
        NDArray center;
        NDArray variance;
        if (training) {
            // per channel over (batch, height, width); DJL's PyTorch mean reduces one axis at a time
            NDArray perRow = m.transpose(1, 0, 2, 3).reshape(channels, -1);
            NDArray rowMean = perRow.mean(new int[] {1}, true);
            center = rowMean.reshape(perChannel);
            variance = perRow.sub(rowMean).square().mean(new int[] {1}).reshape(perChannel);
            // update the running statistics in the engine's kernel (in place, outside autograd)
            BatchNorm.batchNorm(m.stopGradient(), p.runningMean(), p.runningVar(), p.gamma().stopGradient(),
                    p.beta().stopGradient(), 1, momentum, epsilon, true).close();
        } else {
            center = p.runningMean().reshape(perChannel);
            variance = p.runningVar().reshape(perChannel);
        }
        NDArray scale = p.gamma().reshape(perChannel).div(variance.add(Scalars.of(variance, epsilon)).sqrt());
        NDArray shift = p.beta().reshape(perChannel).sub(center.mul(scale));
        return new Affine(scale, shift);
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes[0]);
        norm.initialize(manager, dataType, conv.getOutputShapes(new Shape[] {inputShapes[0]}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(new Shape[] {inputShapes[0]});
    }

    @Override
    public String toString() {
        return "BayesConvBnRelu(" + conv + ", BN eps " + epsilon + " momentum " + momentum + ", " + activation + ")";
    }
}
