package io.risbnn.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Memory layouts of image batches. DJL has no memory-format API, but PyTorch decides a tensor's layout
 * from its strides: an [N, C, H, W] array whose elements are stored in N, H, W, C order is
 * "channels-last", and convolution (oneDNN), BatchNorm, ReLU and element-wise ops keep that layout in
 * their outputs. oneDNN's convolutions work in a blocked or channels-last layout internally, so an
 * NCHW input costs a reorder of the activations on the way in and out of every convolution (about
 * 40 % of a 16-channel convolution's time, measured with ONEDNN_VERBOSE); a channels-last input needs
 * none.
 */
public final class MemoryLayout {
    private MemoryLayout() {}

    /**
     * The same values as {@code x} [N, C, H, W], stored channels-last: one copy, differentiable
     * (a permute, a copying flatten, and views back to the NCHW shape).
     *
     * @param x an image batch [N, C, H, W]
     * @return the same values and shape [N, C, H, W], stored NHWC
     * @throws IllegalArgumentException if {@code x} is not 4-dimensional
     */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("channels-last needs an [N, C, H, W] array, got shape " + s);
        }
        return x.transpose(0, 2, 3, 1).flatten().reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }
}
