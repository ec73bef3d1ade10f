package io.risbnn.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.nn.BayesConv2d;
import io.risbnn.nn.BayesLinear;
import io.risbnn.nn.DeterministicBlock;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.variational.GaussianPosterior;
import io.risbnn.variational.PosteriorInit;
import io.risbnn.variational.Softplus;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a trained deterministic DJL network into its Bayesian version, MOPED-style (Krishnan et al.,
 * 2020): every {@link Linear} and {@link Conv2d} becomes a {@link BayesLinear} / {@link BayesConv2d}
 * whose posterior mean μ is the trained weight (and bias), with s = max(δ·|μ|, s_min) and
 * ρ = softplus⁻¹(s). Everything else is wrapped in a {@link DeterministicBlock} with its meaning under
 * the MOMENT objective:
 * <ul>
 *   <li>linear (exact on first moments): flatten ({@code batchFlatten}), identity, average pooling
 *       (incl. global), {@link BatchNorm} (a fresh block with the same ε, momentum and axis, holding a
 *       copy of γ, β and the running statistics), {@link Dropout} (an unbiased mask);</li>
 *   <li>nonlinear (refused under MOMENT): ReLU not fused into a layer, max pooling, any other
 *       activation and any unnamed lambda.</li>
 * </ul>
 * Fusion: a ReLU directly after a Linear/Conv2d becomes the Bayesian layer's activation; with
 * {@link Options#fuseConvBatchNormRelu()}, Conv2d → BatchNorm → ReLU becomes one {@link BayesConvBnRelu}
 * (the ReLU after BatchNorm is then estimated as a Gaussian ReLU moment under MOMENT). Nested
 * {@link SequentialBlock}s are flattened into one sequence, so fusion also works across their borders.
 * Other containers (parallel, residual) are refused with a message naming the block.
 *
 * <p>The source network is not modified and shares no parameter with the result.
 */
public final class ModelConversion {
    private static final Set<String> LINEAR_LAMBDAS = Set.of("batchFlatten", "identity",
            "avgPool1d", "avgPool2d", "avgPool3d", "globalAvgPool1d", "globalAvgPool2d", "globalAvgPool3d");
    private static final String RELU = "ReLU";

    /**
     * @param delta s = δ·|μ| (MOPED's δ; 0.1 by default)
     * @param minSigma floor of s where μ = 0 (keeps ρ finite)
     * @param fuseConvBatchNormRelu fuse Conv2d → BatchNorm → ReLU into a {@link BayesConvBnRelu}
     */
    public record Options(double delta, double minSigma, boolean fuseConvBatchNormRelu) {
        /**
         * Validates δ and s_min.
         *
         * @param delta s = δ·|μ|, &gt; 0 and finite
         * @param minSigma floor of s, &gt; 0 and finite
         * @param fuseConvBatchNormRelu fuse Conv2d → BatchNorm → ReLU
         * @throws RisbnnException if {@code delta} or {@code minSigma} is not a positive finite number
         */
        public Options {
            if (!(delta > 0) || Double.isInfinite(delta)) {
                throw new RisbnnException("conversion: delta must be a positive number, got " + delta);
            }
            if (!(minSigma > 0) || Double.isInfinite(minSigma)) {
                throw new RisbnnException("conversion: minimum sigma must be a positive number, got " + minSigma);
            }
        }

        /**
         * MOPED's δ = 0.1, s_min = 1e-8, Conv2d → BatchNorm → ReLU fused.
         *
         * @return the default options
         */
        public static Options defaults() {
            return new Options(0.1, 1e-8, true);
        }

        /**
         * A copy with another δ.
         *
         * @param value s = value·|μ|, &gt; 0
         * @return the options with {@code delta = value}
         * @throws RisbnnException if {@code value} is not a positive finite number
         */
        public Options withDelta(double value) {
            return new Options(value, minSigma, fuseConvBatchNormRelu);
        }

        /**
         * A copy with the Conv2d → BatchNorm → ReLU fusion switched on or off.
         *
         * @param value whether to fuse into a {@link BayesConvBnRelu}
         * @return the options with {@code fuseConvBatchNormRelu = value}
         */
        public Options withFuseConvBatchNormRelu(boolean value) {
            return new Options(delta, minSigma, value);
        }
    }

    private ModelConversion() {}

    /**
     * The Bayesian version of {@code trained} with {@link Options#defaults()}.
     *
     * @param trained an initialised deterministic DJL network (SequentialBlocks of supported blocks)
     * @param inputShape the shape of an input batch, batch axis first, e.g. [1, 1, 28, 28]
     * @param manager the manager the result is initialised in
     * @return the initialised Bayesian network
     * @throws RisbnnException if a block is not supported
     */
    public static SequentialBlock toBayesian(Block trained, Shape inputShape, NDManager manager) {
        return toBayesian(trained, inputShape, manager, Options.defaults());
    }

    /**
     * The Bayesian version of {@code trained} (an initialised DJL network for inputs of
     * {@code inputShape}, batch axis first), initialised in {@code manager} with μ, ρ as above. Layer
     * names: {@code conv1, conv2, …} and {@code dense1, dense2, …} in order.
     *
     * @param trained an initialised deterministic DJL network (SequentialBlocks of supported blocks)
     * @param inputShape the shape of an input batch, batch axis first
     * @param manager the manager the result is initialised in
     * @param options MOPED's δ and s_min, and whether to fuse Conv2d → BatchNorm → ReLU
     * @return the initialised Bayesian network; it shares no parameter with {@code trained}
     * @throws RisbnnException if a block is not supported (the message names it)
     */
    public static SequentialBlock toBayesian(Block trained, Shape inputShape, NDManager manager, Options options) {
        List<Block> source = new ArrayList<>();
        flatten(trained, source);
        List<Shape> inputs = traceShapes(source, inputShape);
        SequentialBlock net = new SequentialBlock();
        List<Runnable> copies = new ArrayList<>();
        int convs = 0;
        int denses = 0;
        for (int i = 0; i < source.size(); i++) {
            Block block = source.get(i);
            Block next = i + 1 < source.size() ? source.get(i + 1) : null;
            Block afterNext = i + 2 < source.size() ? source.get(i + 2) : null;
            if (block instanceof Linear linear) {
                Shape in = inputs.get(i);
                if (in.dimension() != 2) {
                    throw new RisbnnException("conversion: Linear block " + (i + 1) + " sees input of shape " + in
                            + "; BayesLinear needs [B, features]: add a flatten block before it");
                }
                boolean relu = isRelu(next);
                Parameter w = parameter(linear, "weight");
                Parameter b = linear.getDirectParameters().get("bias");
                long out = w.getArray().getShape().get(0);
                BayesLinear layer = new BayesLinear("dense" + ++denses, in.get(1), out, b != null,
                        relu ? ActivationFunction.RELU : ActivationFunction.NONE, PosteriorInit.defaults());
                net.add(layer);
                copies.add(() -> copyPosterior(layer, w, b, options));
                i += relu ? 1 : 0;
            } else if (block instanceof Conv2d conv) {
                ConvGeometry g = ConvGeometry.of(conv, i);
                Parameter w = parameter(conv, "weight");
                Parameter b = conv.isIncludeBias() ? conv.getDirectParameters().get("bias") : null;
                long outChannels = w.getArray().getShape().get(0);
                long inChannels = w.getArray().getShape().get(1);
                String name = "conv" + ++convs;
                if (options.fuseConvBatchNormRelu() && next instanceof BatchNorm bn && isRelu(afterNext)
                        && BatchNormConfig.of(bn).fusable()) {
                    BatchNormConfig c = BatchNormConfig.of(bn);
                    BayesConvBnRelu fused = new BayesConvBnRelu(name, inChannels, outChannels, g.kernel, g.stride,
                            g.padding, b != null, ActivationFunction.RELU, c.epsilon, c.momentum, PosteriorInit.defaults());
                    net.add(fused);
                    copies.add(() -> {
                        copyPosterior(fused.conv(), w, b, options);
                        copyBatchNorm(bn, fused.batchNorm());
                    });
                    i += 2;
                } else {
                    boolean relu = isRelu(next);
                    BayesConv2d layer = new BayesConv2d(name, inChannels, outChannels, g.kernel, g.stride, g.padding,
                            b != null, relu ? ActivationFunction.RELU : ActivationFunction.NONE, PosteriorInit.defaults());
                    net.add(layer);
                    copies.add(() -> copyPosterior(layer, w, b, options));
                    i += relu ? 1 : 0;
                }
            } else if (block instanceof BatchNorm bn) {
                BatchNorm copy = BatchNormConfig.of(bn).newBlock();
                net.add(DeterministicBlock.linear(copy));
                copies.add(() -> copyBatchNorm(bn, copy));
            } else if (block instanceof Dropout) {
                net.add(DeterministicBlock.linear(block));
            } else if (block instanceof LambdaBlock lambda) {
                net.add(LINEAR_LAMBDAS.contains(lambda.getName()) ? DeterministicBlock.linear(lambda)
                        : DeterministicBlock.nonlinear(lambda));
            } else {
                throw new RisbnnException("conversion: block " + (i + 1) + " (" + block.getClass().getSimpleName()
                        + ") is not supported; expected Linear, Conv2d, BatchNorm, Dropout, pooling, flatten or activation"
                        + " blocks inside SequentialBlocks");
            }
        }
        net.initialize(manager, DataType.FLOAT32, inputShape);
        copies.forEach(Runnable::run);
        return net;
    }

    /**
     * The ρ that MOPED assigns to a trained weight μ: softplus⁻¹(max(δ·|μ|, s_min)).
     *
     * @param mu the trained weight
     * @param options supplies δ and s_min
     * @return the initial ρ
     */
    public static double mopedRho(double mu, Options options) {
        return Softplus.inverse(Math.max(options.delta() * Math.abs(mu), options.minSigma()));
    }

    private static void flatten(Block block, List<Block> out) {
        if (block instanceof SequentialBlock) {
            for (Block child : block.getChildren().values()) {
                flatten(child, out);
            }
        } else {
            out.add(block);
        }
    }

    private static List<Shape> traceShapes(List<Block> blocks, Shape inputShape) {
        List<Shape> inputs = new ArrayList<>();
        Shape[] current = {inputShape};
        for (Block b : blocks) {
            inputs.add(current[0]);
            try {
                current = b.getOutputShapes(current);
            } catch (RuntimeException e) {
                throw new RisbnnException("conversion: cannot infer the output shape of " + b.getClass().getSimpleName()
                        + " for input " + current[0] + " (is the source network initialised for this input shape?)");
            }
        }
        return inputs;
    }

    private static boolean isRelu(Block block) {
        return block instanceof LambdaBlock lambda && RELU.equals(lambda.getName());
    }

    private static Parameter parameter(Block block, String name) {
        Parameter p = block.getDirectParameters().get(name);
        if (p == null || !p.isInitialized()) {
            throw new RisbnnException("conversion: " + block.getClass().getSimpleName() + " has no initialised " + name
                    + "; initialise (train) the source network first");
        }
        return p;
    }

    private static void copyPosterior(VariationalBlock layer, Parameter weight, Parameter bias, Options options) {
        setFromTrained(layer.weight(), weight.getArray(), options);
        if (bias != null) {
            setFromTrained(layer.bias(), bias.getArray(), options);
        }
    }

    private static void setFromTrained(GaussianPosterior posterior, NDArray trained, Options options) {
        if (trained.getShape().size() != posterior.size()) {
            throw new RisbnnException("conversion: trained tensor of shape " + trained.getShape()
                    + " does not fit posterior of shape " + posterior.shape());
        }
        PosteriorInit.setMean(posterior, trained);
        float[] mu = trained.toType(DataType.FLOAT32, false).toFloatArray();
        float[] rho = new float[mu.length];
        for (int i = 0; i < mu.length; i++) {
            rho[i] = (float) mopedRho(mu[i], options);
        }
        posterior.rho().set(rho);
    }

    private static void copyBatchNorm(BatchNorm from, BatchNorm to) {
        for (String name : new String[] {"gamma", "beta", "runningMean", "runningVar"}) {
            NDArray source = parameter(from, name).getArray();
            NDArray target = to.getDirectParameters().get(name).getArray();
            target.set(source.toType(target.getDataType(), false).toFloatArray());
        }
    }

    /** Square kernel, stride and padding; dilation 1; one group. */
    private record ConvGeometry(int kernel, int stride, int padding) {
        static ConvGeometry of(Conv2d conv, int index) {
            Shape k = conv.getKernelShape();
            Shape s = conv.getStride();
            Shape p = conv.getPadding();
            Shape d = conv.getDilation();
            boolean square = k.get(0) == k.get(1) && s.get(0) == s.get(1) && p.get(0) == p.get(1);
            if (!square || d.get(0) != 1 || d.get(1) != 1 || conv.getGroups() != 1) {
                throw new RisbnnException("conversion: Conv2d block " + (index + 1) + " (kernel " + k + ", stride " + s
                        + ", padding " + p + ", dilation " + d + ", groups " + conv.getGroups()
                        + "): BayesConv2d supports square kernels, strides and paddings, dilation 1 and one group");
            }
            return new ConvGeometry((int) k.get(0), (int) s.get(0), (int) p.get(0));
        }
    }

    /** DJL's BatchNorm keeps its configuration private; read it to build an equivalent block. */
    private record BatchNormConfig(int axis, float epsilon, float momentum, boolean center, boolean scale) {
        static BatchNormConfig of(BatchNorm bn) {
            try {
                return new BatchNormConfig((Integer) field(bn, "axis"), (Float) field(bn, "epsilon"),
                        (Float) field(bn, "momentum"), (Boolean) field(bn, "center"), (Boolean) field(bn, "scale"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new RisbnnException("conversion: cannot read the configuration of a DJL BatchNorm (" + e + ")");
            }
        }

        private static Object field(BatchNorm bn, String name) throws ReflectiveOperationException {
            Field f = BatchNorm.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(bn);
        }

        /** BayesConvBnRelu normalises over axis 1 with learnable γ and β. */
        boolean fusable() {
            return axis == 1 && center && scale;
        }

        BatchNorm newBlock() {
            return BatchNorm.builder().optAxis(axis).optEpsilon(epsilon).optMomentum(momentum)
                    .optCenter(center).optScale(scale).build();
        }
    }
}
