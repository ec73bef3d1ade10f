package io.risbnn.model.vision;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.nn.BayesConv2d;
import io.risbnn.nn.BayesLinear;
import io.risbnn.nn.DeterministicBlock;
import io.risbnn.nn.McDropout;
import io.risbnn.variational.PosteriorInit;

/**
 * A LeNet-5 style Bayesian CNN: conv 6@5×5 → ReLU → 2×2 pool → conv 16@5×5 → ReLU → 2×2 pool →
 * flatten (16·5·5 = 400) → dense 120 → ReLU → dense 84 → ReLU → dense classes (logits). Every
 * convolution and dense layer is variational with its ReLU fused ({@link ActivationFunction#RELU}), so the
 * estimators see and estimate E[relu(a)] under MOMENT. The first convolution pads so that its output is
 * 28×28: padding 2 for 28×28 inputs (MNIST-like), 0 for 32×32 inputs (CIFAR-like).
 *
 * <p><b>Pooling.</b> Average pooling is the default because it is linear: under the MOMENT objective
 * each layer outputs a first moment z̃ = E[relu(a)], and E[avg(z)] = avg(E z), so the pooled first
 * moment is exact. Max pooling is not linear, max(E z) ≠ E[max z] (by Jensen, max(E z) ≤ E max z): a
 * first-moment network with max pooling would silently change what the next layer sees. It is
 * available as {@link Pooling#MAX} (refused under MOMENT, fine under ELBO where every row is one sampled
 * network) or {@link Pooling#MAX_APPROXIMATE} (accepts max(E z) as an approximation under MOMENT).
 */
public final class BayesianLeNet {
    /** How the two 2×2 subsampling layers pool. */
    public enum Pooling {
        /** Linear, exact on first moments (default). */
        AVERAGE,
        /** Max pooling; refused under MOMENT. */
        MAX,
        /** Max pooling; under MOMENT applied to the first moment as an approximation. */
        MAX_APPROXIMATE
    }

    private static final int KERNEL = 5;
    private static final int[] HIDDEN = {120, 84};

    private BayesianLeNet() {}

    /**
     * LeNet with average pooling, ReLU and variational biases.
     *
     * @param inChannels channels C of the input, &gt; 0
     * @param imageSize height = width of the (square) input, ≥ 12
     * @param classes the number of logits, &gt; 0
     * @param init how the posteriors start
     * @return the uninitialised network, [B, C, size, size] → [B, classes]
     * @throws RisbnnException if a size is not positive or the image is too small
     */
    public static SequentialBlock build(int inChannels, int imageSize, int classes, PosteriorInit init) {
        return build(inChannels, imageSize, classes, Pooling.AVERAGE, true, init);
    }

    /**
     * 1×28×28 inputs (padding 2).
     *
     * @param classes the number of logits, &gt; 0
     * @param init how the posteriors start
     * @return the uninitialised network
     */
    public static SequentialBlock mnist(int classes, PosteriorInit init) {
        return build(1, 28, classes, init);
    }

    /**
     * 3×32×32 inputs.
     *
     * @param classes the number of logits, &gt; 0
     * @param init how the posteriors start
     * @return the uninitialised network
     */
    public static SequentialBlock cifar(int classes, PosteriorInit init) {
        return build(3, 32, classes, init);
    }

    /**
     * LeNet with a choice of pooling and bias, ReLU, no dropout.
     *
     * @param inChannels channels C of the input, &gt; 0
     * @param imageSize height = width of the (square) input; the first convolution pads by
     *                  max(0, (32 − imageSize)/2)
     * @param classes the number of logits, &gt; 0
     * @param pooling how the two 2×2 subsampling layers pool
     * @param bias whether the layers have variational biases
     * @param init how the posteriors start
     * @return the uninitialised network
     * @throws RisbnnException if a size is not positive or the image is too small
     */
    public static SequentialBlock build(int inChannels, int imageSize, int classes, Pooling pooling, boolean bias,
                                        PosteriorInit init) {
        return build(inChannels, imageSize, classes, pooling, bias, ActivationFunction.RELU, init);
    }

    /**
     * LeNet with a choice of hidden activation, no dropout.
     *
     * @param inChannels channels C of the input, &gt; 0
     * @param imageSize height = width of the (square) input, ≥ 12
     * @param classes the number of logits, &gt; 0
     * @param pooling how the two 2×2 subsampling layers pool
     * @param bias whether the layers have variational biases
     * @param activation the hidden layers' activation
     * @param init how the posteriors start
     * @return the uninitialised network
     * @throws RisbnnException if a size is not positive or the image is too small
     */
    public static SequentialBlock build(int inChannels, int imageSize, int classes, Pooling pooling, boolean bias,
                                        ActivationFunction activation, PosteriorInit init) {
        return build(inChannels, imageSize, classes, pooling, bias, activation, 0, init);
    }

    /**
     * The general LeNet builder.
     *
     * @param inChannels channels C of the input, &gt; 0
     * @param imageSize height = width of the (square) input, ≥ 12
     * @param classes the number of logits, &gt; 0
     * @param pooling how the two 2×2 subsampling layers pool
     * @param bias whether the layers have variational biases
     * @param activation the hidden layers' activation
     * @param dropout MC dropout rate p: a {@link McDropout} before each of the five weight layers when p &gt; 0
     * @param init how the posteriors start
     * @return the uninitialised network, [B, C, size, size] → [B, classes]
     * @throws RisbnnException if a size is not positive, the image is too small, or p is outside [0, 1)
     */
    public static SequentialBlock build(int inChannels, int imageSize, int classes, Pooling pooling, boolean bias,
                                        ActivationFunction activation, double dropout, PosteriorInit init) {
        if (inChannels <= 0 || classes <= 0) {
            throw new RisbnnException("LeNet: input channels and classes must be positive, got " + inChannels + " and " + classes);
        }
        int padding = firstPadding(imageSize);
        long side = flattenedSide(imageSize);
        SequentialBlock net = new SequentialBlock();
        McDropout.addIfPositive(net, dropout);
        net.add(new BayesConv2d("conv1", inChannels, 6, KERNEL, 1, padding, bias, activation, init));
        net.add(pool(pooling));
        McDropout.addIfPositive(net, dropout);
        net.add(new BayesConv2d("conv2", 6, 16, KERNEL, 1, 0, bias, activation, init));
        net.add(pool(pooling));
        net.add(DeterministicBlock.reshaping(Blocks.batchFlattenBlock()));
        long in = 16 * side * side;
        int index = 1;
        for (int width : HIDDEN) {
            McDropout.addIfPositive(net, dropout);
            net.add(new BayesLinear("dense" + index++, in, width, bias, activation, init));
            in = width;
        }
        McDropout.addIfPositive(net, dropout);
        net.add(new BayesLinear("dense" + index, in, classes, bias, ActivationFunction.NONE, init));
        return net;
    }

    /**
     * The shape to initialise the network with: [1, C, size, size].
     *
     * @param inChannels C
     * @param imageSize height = width
     * @return the batch-of-one input shape
     */
    public static Shape inputShape(int inChannels, int imageSize) {
        return new Shape(1, inChannels, imageSize, imageSize);
    }

    static int firstPadding(int imageSize) {
        return Math.max(0, (32 - imageSize) / 2);
    }

    /** Side of the 16 feature maps before flattening (5 for 28×28 and 32×32 inputs). */
    static long flattenedSide(int imageSize) {
        long h = imageSize + 2L * firstPadding(imageSize) - KERNEL + 1;   // conv1
        h = h / 2;                                                        // pool
        h = h - KERNEL + 1;                                               // conv2
        h = h / 2;                                                        // pool
        if (imageSize <= 0 || h < 1) {
            throw new RisbnnException("LeNet: image size " + imageSize + " is too small (needs at least 12)");
        }
        return h;
    }

    private static Block pool(Pooling pooling) {
        Shape window = new Shape(2, 2);
        switch (pooling) {
            case AVERAGE:
                return DeterministicBlock.averaging(Pool.avgPool2dBlock(window, window), window.size());
            case MAX:
                return DeterministicBlock.nonlinear(Pool.maxPool2dBlock(window, window));
            case MAX_APPROXIMATE:
                return new DeterministicBlock(Pool.maxPool2dBlock(window, window),
                        DeterministicBlock.Kind.NONLINEAR_APPROXIMATE_UNDER_MOMENT);
            default:
                throw new IllegalArgumentException("pooling " + pooling);
        }
    }
}
