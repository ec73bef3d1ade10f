package io.risbnn.model.vision;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.nn.BayesLinear;
import io.risbnn.nn.DeterministicBlock;
import io.risbnn.nn.McDropout;
import io.risbnn.variational.PosteriorInit;

/**
 * The CIFAR ResNets of He et al. (2016, §4.2) with every convolution and the classifier variational:
 * depth 6n + 2 (ResNet-20/32/56 for n = 3/5/9); a 3×3 convolution to 16 channels, three stages of n
 * {@link BayesBasicBlock}s with 16, 32 and 64 channels (the first block of stages 2 and 3 has stride 2
 * and an {@link OptionAShortcut}), global average pooling and a variational dense layer.
 *
 * <p>Convolutions have no bias (BatchNorm follows each); BatchNorm is DJL's, deterministic. Every
 * conv → BN → ReLU (and conv → BN → + shortcut → ReLU) is a {@link BayesConvBnRelu}, so the ReLUs are
 * estimated as Gaussian ReLU moments under MOMENT, and the remaining deterministic maps (shortcut,
 * global average pooling) are linear: in eval mode the whole network is exact within the MOMENT scheme.
 *
 * <p>Size: ResNet-20 has 267,696 convolution weights and a 64·10 + 10 dense layer, i.e. 536,692
 * variational parameters (μ and ρ); with the 1,376 BatchNorm γ, β that is the standard CIFAR
 * ResNet-20 count of 269,722 (option-A shortcuts; with option-B 1×1 projection shortcuts it would be
 * 272,474).
 */
public final class BayesianResNet {
    /** Stage widths. */
    public static final int[] WIDTHS = {16, 32, 64};

    private BayesianResNet() {}

    /**
     * ResNet-20 (3 blocks per stage) for RGB inputs.
     *
     * @param classes the number of logits
     * @param init how the posteriors start
     * @return the uninitialised network
     */
    public static SequentialBlock resnet20(int classes, PosteriorInit init) {
        return build(20, 3, classes, init);
    }

    /**
     * ResNet-32 (5 blocks per stage) for RGB inputs.
     *
     * @param classes the number of logits
     * @param init how the posteriors start
     * @return the uninitialised network
     */
    public static SequentialBlock resnet32(int classes, PosteriorInit init) {
        return build(32, 3, classes, init);
    }

    /**
     * ResNet-56 (9 blocks per stage) for RGB inputs.
     *
     * @param classes the number of logits
     * @param init how the posteriors start
     * @return the uninitialised network
     */
    public static SequentialBlock resnet56(int classes, PosteriorInit init) {
        return build(56, 3, classes, init);
    }

    /**
     * Blocks per stage n for depth 6n + 2.
     *
     * @param depth the network depth: 20, 32, 44, 56, 110, …
     * @return n = (depth − 2)/6
     * @throws RisbnnException if {@code depth} is not 6n + 2 with n ≥ 1
     */
    public static int blocksPerStage(int depth) {
        if (depth < 8 || (depth - 2) % 6 != 0) {
            throw new RisbnnException("ResNet depth must be 6n + 2 with n >= 1 (20, 32, 44, 56, 110, …), got " + depth);
        }
        return (depth - 2) / 6;
    }

    /**
     * A CIFAR ResNet of the given depth for inputs [B, inChannels, H, W] (32×32 for CIFAR), outputs
     * [B, classes] logits. Layer names: {@code conv1}, {@code stageS.blockK.conv1|conv2}, {@code fc}.
     *
     * @param depth 6n + 2 (20, 32, 56, …)
     * @param inChannels channels of the input, &gt; 0
     * @param classes the number of logits, &gt; 0
     * @param init how the posteriors start
     * @return the uninitialised network
     * @throws RisbnnException if the depth is not 6n + 2 or a size is not positive
     */
    public static SequentialBlock build(int depth, int inChannels, int classes, PosteriorInit init) {
        return build(depth, inChannels, classes, ActivationFunction.RELU, init);
    }

    /**
     * As {@link #build(int, int, int, PosteriorInit)} with a choice of activation.
     *
     * @param depth 6n + 2 (20, 32, 56, …)
     * @param inChannels channels of the input, &gt; 0
     * @param classes the number of logits, &gt; 0
     * @param activation the activation of every conv → BN → δ unit
     * @param init how the posteriors start
     * @return the uninitialised network
     * @throws RisbnnException if the depth is not 6n + 2 or a size is not positive
     */
    public static SequentialBlock build(int depth, int inChannels, int classes, ActivationFunction activation, PosteriorInit init) {
        return build(depth, inChannels, classes, activation, 0, init);
    }

    /**
     * The general CIFAR ResNet builder: stem conv → 3 stages of n basic blocks (widths 16, 32, 64, stride 2
     * at each stage change) → global average pooling → dense.
     *
     * @param depth 6n + 2 (20, 32, 56, …)
     * @param inChannels channels of the input, &gt; 0
     * @param classes the number of logits, &gt; 0
     * @param activation the activation of every conv → BN → δ unit
     * @param dropout MC dropout rate p: when p &gt; 0 a {@link McDropout} before every variational
     *     convolution (the stem's input, and in each {@link BayesBasicBlock} the input of each branch
     *     convolution; the shortcut carries the undropped input, it has no weights) and before the final
     *     dense layer (after global average pooling)
     * @param init how the posteriors start
     * @return the uninitialised network, [B, C, H, W] → [B, classes]
     * @throws RisbnnException if the depth is not 6n + 2, a size is not positive, or p is outside [0, 1)
     */
    public static SequentialBlock build(int depth, int inChannels, int classes, ActivationFunction activation, double dropout,
                                        PosteriorInit init) {
        int n = blocksPerStage(depth);
        if (inChannels <= 0 || classes <= 0) {
            throw new RisbnnException("ResNet: input channels and classes must be positive, got " + inChannels + " and " + classes);
        }
        SequentialBlock net = new SequentialBlock();
        McDropout.addIfPositive(net, dropout);
        net.add(new BayesConvBnRelu("conv1", inChannels, WIDTHS[0], 3, 1, 1, false, activation,
                BayesConvBnRelu.DEFAULT_EPSILON, BayesConvBnRelu.DEFAULT_MOMENTUM, init));
        long in = WIDTHS[0];
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            int width = WIDTHS[stage];
            for (int block = 0; block < n; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                net.add(new BayesBasicBlock("stage" + (stage + 1) + ".block" + (block + 1), in, width, stride, activation,
                        dropout, init));
                in = width;
            }
        }
        net.add(DeterministicBlock.globalAveraging(Pool.globalAvgPool2dBlock()));
        McDropout.addIfPositive(net, dropout);
        net.add(new BayesLinear("fc", in, classes, true, ActivationFunction.NONE, init));
        return net;
    }

    /**
     * The input shape to initialise a CIFAR ResNet with: [1, 3, 32, 32].
     *
     * @return the batch-of-one CIFAR input shape
     */
    public static Shape cifarInputShape() {
        return new Shape(1, 3, 32, 32);
    }
}
