package io.risbnn.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.risbnn.RisbnnException;

/**
 * The parameter-free "option A" shortcut of He et al. (2016) for CIFAR ResNets: subsample the input
 * with stride s (x[:, :, ::s, ::s]) and pad the channel axis with zeros, half before and half after
 * (PyTorch reference: {@code F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // 4, planes // 4))}).
 *
 * <p>The map is linear in its input, so it is exact on first moments (MOMENT) and acts row by row on
 * the M·B stacked networks (ELBO).
 */
public final class OptionAShortcut extends AbstractBlock {
    private static final byte VERSION = 1;

    private final long inChannels;
    private final long outChannels;
    private final int stride;

    /**
     * A shortcut from {@code inChannels} to {@code outChannels} channels that subsamples H and W by {@code stride}.
     *
     * @param inChannels channels of the input, &gt; 0
     * @param outChannels channels of the output, ≥ {@code inChannels}; the extra channels are zeros
     * @param stride the spatial subsampling step, ≥ 1
     * @throws RisbnnException if the channel counts or the stride are out of range
     */
    public OptionAShortcut(long inChannels, long outChannels, int stride) {
        super(VERSION);
        if (inChannels <= 0 || outChannels < inChannels) {
            throw new RisbnnException("option-A shortcut needs 0 < in channels <= out channels, got "
                    + inChannels + " -> " + outChannels);
        }
        if (stride < 1) {
            throw new RisbnnException("option-A shortcut stride must be >= 1, got " + stride);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.stride = stride;
    }

    /**
     * The zero channels placed before the input's channels.
     *
     * @return ⌊(out − in)/2⌋
     */
    public long padBefore() {
        return (outChannels - inChannels) / 2;
    }

    /**
     * The zero channels placed after the input's channels.
     *
     * @return out − in − {@link #padBefore()}
     */
    public long padAfter() {
        return outChannels - inChannels - padBefore();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = new NDList();
        for (NDArray x : inputs) {      // one array, or a (mean, variance) pair under MEAN_VAR: the same map for both
            out.add(apply(x));
        }
        return out;
    }

    private NDArray apply(NDArray x) {
        if (x.getShape().get(1) != inChannels) {
            throw new RisbnnException("option-A shortcut expects " + inChannels + " channels, got shape " + x.getShape());
        }
        NDArray y = stride == 1 ? x : x.get(new NDIndex(":, :, ::{}, ::{}", stride, stride));
        if (outChannels == inChannels) {
            return y;
        }
        Shape s = y.getShape();
        NDList parts = new NDList();
        if (padBefore() > 0) {
            parts.add(y.getManager().zeros(new Shape(s.get(0), padBefore(), s.get(2), s.get(3)), y.getDataType()));
        }
        parts.add(y);
        if (padAfter() > 0) {
            parts.add(y.getManager().zeros(new Shape(s.get(0), padAfter(), s.get(2), s.get(3)), y.getDataType()));
        }
        return ai.djl.ndarray.NDArrays.concat(parts, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + stride - 1) / stride;
        long w = (in.get(3) + stride - 1) / stride;
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }

    @Override
    public String toString() {
        return "OptionAShortcut(" + inChannels + " -> " + outChannels + ", stride " + stride + ")";
    }
}
