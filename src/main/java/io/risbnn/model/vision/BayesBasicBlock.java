package io.risbnn.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.nn.McDropout;
import io.risbnn.variational.PosteriorInit;

/**
 * The basic residual block of a CIFAR ResNet with variational convolutions:
 * y = relu(BN₂(W₂ ⋆ relu(BN₁(W₁ ⋆ x))) + shortcut(x)), 3×3 convolutions without bias, the first with
 * the block's stride; the shortcut is the identity, or the parameter-free {@link OptionAShortcut} when
 * the stride or the width changes.
 *
 * <p>Both halves are {@link BayesConvBnRelu}s; the second takes the shortcut as its residual input, so
 * the ReLU after the sum is estimated as a Gaussian ReLU moment under MOMENT: given the first moment x,
 * the shortcut is deterministic and BN₂(W₂ ⋆ h) + shortcut(x) is Gaussian in W₂.
 */
public final class BayesBasicBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final BayesConvBnRelu first;
    private final BayesConvBnRelu second;
    private final OptionAShortcut shortcut;
    /** MC dropout before each branch convolution, or null without dropout. */
    private final McDropout dropout1;
    private final McDropout dropout2;

    /**
     * A ReLU block without dropout, as in He et al.
     *
     * @param name prefix of the two convolutions' layer names ({@code name.conv1}, {@code name.conv2})
     * @param inChannels channels of the input x
     * @param outChannels channels of both convolutions and of the output
     * @param stride the first convolution's stride (2 halves H and W at a stage change)
     * @param init how the convolutions' posteriors start
     */
    public BayesBasicBlock(String name, long inChannels, long outChannels, int stride, PosteriorInit init) {
        this(name, inChannels, outChannels, stride, ActivationFunction.RELU, init);
    }

    /**
     * A block with the given activation, without dropout.
     *
     * @param name prefix of the two convolutions' layer names ({@code name.conv1}, {@code name.conv2})
     * @param inChannels channels of the input x
     * @param outChannels channels of both convolutions and of the output
     * @param stride the first convolution's stride
     * @param activation the activation after each half (ReLU in He et al.)
     * @param init how the convolutions' posteriors start
     */
    public BayesBasicBlock(String name, long inChannels, long outChannels, int stride, ActivationFunction activation,
                           PosteriorInit init) {
        this(name, inChannels, outChannels, stride, activation, 0, init);
    }

    /**
     * The general block; the shortcut is the option-A map when {@code stride != 1} or the widths differ.
     *
     * @param name prefix of the two convolutions' layer names ({@code name.conv1}, {@code name.conv2})
     * @param inChannels channels of the input x
     * @param outChannels channels of both convolutions and of the output
     * @param stride the first convolution's stride
     * @param activation the activation after each half (ReLU in He et al.)
     * @param dropout MC dropout rate p: when p &gt; 0 a {@link McDropout} on the input of each branch
     *     convolution (the shortcut takes the undropped input)
     * @param init how the convolutions' posteriors start
     */
    public BayesBasicBlock(String name, long inChannels, long outChannels, int stride, ActivationFunction activation,
                           double dropout, PosteriorInit init) {
        super(VERSION);
        this.first = addChildBlock("branch1", new BayesConvBnRelu(name + ".conv1", inChannels, outChannels, 3, stride, 1,
                false, activation, BayesConvBnRelu.DEFAULT_EPSILON, BayesConvBnRelu.DEFAULT_MOMENTUM, init));
        this.second = addChildBlock("branch2", new BayesConvBnRelu(name + ".conv2", outChannels, outChannels, 3, 1, 1,
                false, activation, BayesConvBnRelu.DEFAULT_EPSILON, BayesConvBnRelu.DEFAULT_MOMENTUM, init));
        this.shortcut = stride != 1 || inChannels != outChannels
                ? addChildBlock("shortcut", new OptionAShortcut(inChannels, outChannels, stride)) : null;
        // added last, so the other children keep their DJL names (and BatchNorm its parameter paths)
        this.dropout1 = dropout > 0 ? addChildBlock("dropout1", new McDropout(dropout)) : null;
        this.dropout2 = dropout > 0 ? addChildBlock("dropout2", new McDropout(dropout)) : null;
    }

    /**
     * The first half, conv₁ → BN₁ → activation, with the block's stride.
     *
     * @return the first unit
     */
    public BayesConvBnRelu first() {
        return first;
    }

    /**
     * The second half, conv₂ → BN₂ → + shortcut → activation.
     *
     * @return the second unit
     */
    public BayesConvBnRelu second() {
        return second;
    }

    /**
     * The option-A shortcut, or null for the identity.
     *
     * @return the shortcut block or null
     */
    public OptionAShortcut shortcut() {
        return shortcut;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        // under MEAN_VAR every list is a (mean, variance) pair and the shortcut maps both (it is linear:
        // a strided subsample and zero channels); the residual is treated as independent of the branch
        NDList h = first.forward(store, dropped(dropout1, store, inputs, training, params), training, params);
        h = dropped(dropout2, store, h, training, params);
        NDList skip = shortcut == null ? inputs : shortcut.forward(store, inputs, training, params);
        NDList both = new NDList(h);
        both.addAll(skip);
        return second.forward(store, both, training, params);
    }

    private static NDList dropped(McDropout dropout, ParameterStore store, NDList x, boolean training,
                                  PairList<String, Object> params) {
        return dropout == null ? x : dropout.forward(store, x, training, params);
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        first.initialize(manager, dataType, inputShapes[0]);
        Shape hidden = first.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        second.initialize(manager, dataType, hidden, hidden);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes[0]);
        }
        if (dropout1 != null) {
            dropout1.initialize(manager, dataType, inputShapes[0]);
            dropout2.initialize(manager, dataType, hidden);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return second.getOutputShapes(first.getOutputShapes(new Shape[] {inputShapes[0]}));
    }

    @Override
    public String toString() {
        return "BayesBasicBlock(" + first + ", " + second + ", " + (shortcut == null ? "identity" : shortcut) + ")";
    }
}
