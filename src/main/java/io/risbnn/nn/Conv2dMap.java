package io.risbnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.risbnn.estimator.LinearMap;

/**
 * 2-D convolution x ⋆ W for x [B, C, H, W] and W [k, C, kh, kw]. Per-group kernels run as one
 * grouped convolution: the M streams are moved to the channel axis, [B, M·C, H, W] ⋆ [M·k, C, kh, kw]
 * with groups = M, instead of a loop of M convolutions.
 */
final class Conv2dMap implements LinearMap {
    private final Shape stride;
    private final Shape padding;
    private final Shape dilation = new Shape(1, 1);

    Conv2dMap(Shape stride, Shape padding) {
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public NDArray apply(NDArray input, NDArray kernel) {
        return Conv2d.conv2d(input, kernel, null, stride, padding, dilation, 1).singletonOrThrow();
    }

    @Override
    public NDArray applyPerGroup(NDArray input, NDArray kernels) {
        Shape in = input.getShape();
        Shape k = kernels.getShape();
        int groups = (int) k.get(0);
        long rows = in.get(0) / groups;
        // [M·B, C, H, W] → [B, M·C, H, W]
        NDArray moved = input.reshape(groups, rows, in.get(1), in.get(2), in.get(3))
                .transpose(1, 0, 2, 3, 4).reshape(rows, groups * in.get(1), in.get(2), in.get(3));
        NDArray flatKernels = kernels.reshape(groups * k.get(1), k.get(2), k.get(3), k.get(4));
        NDArray out = Conv2d.conv2d(moved, flatKernels, null, stride, padding, dilation, groups).singletonOrThrow();
        Shape o = out.getShape();
        return out.reshape(rows, groups, k.get(1), o.get(2), o.get(3))
                .transpose(1, 0, 2, 3, 4).reshape(groups * rows, k.get(1), o.get(2), o.get(3));
    }

    @Override
    public NDArray addBias(NDArray output, NDArray bias) {
        return output.add(bias.reshape(1, bias.getShape().get(0), 1, 1));
    }

    @Override
    public NDArray addBiasPerGroup(NDArray output, NDArray biases) {
        Shape shape = output.getShape();
        long groups = biases.getShape().get(0);
        NDArray grouped = output.reshape(groups, shape.get(0) / groups, shape.get(1), shape.get(2), shape.get(3));
        return grouped.add(biases.reshape(groups, 1, biases.getShape().get(1), 1, 1)).reshape(shape);
    }

    @Override
    public boolean isDense() {
        return false;
    }
}
