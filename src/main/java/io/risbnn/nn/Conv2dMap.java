package io.risbnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
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

    /**
     * Row r's kernel gradient at offset (u, v) is Σ over output positions of g_r[k, p] · x_r[c, p shifted by
     * (u, v)]: one batched product [R, k, P]·[R, P, C] per kernel offset on the padded input, squared and summed
     * over the rows. Spatial cross terms stay inside each row's sum (squaring g and x separately would drop them).
     */
    @Override
    public NDArray squaredExampleGradients(NDArray input, NDArray outputGradient, Shape kernelShape) {
        Shape g = outputGradient.getShape();
        long rows = g.get(0);
        long channels = input.getShape().get(1);
        long outH = g.get(2);
        long outW = g.get(3);
        NDArray padded = padding.get(0) == 0 && padding.get(1) == 0 ? input
                : input.pad(new Shape(padding.get(1), padding.get(1), padding.get(0), padding.get(0)), 0);
        NDArray flatGradient = outputGradient.reshape(rows, g.get(1), outH * outW);
        long sh = stride.get(0);
        long sw = stride.get(1);
        NDList offsets = new NDList();
        for (long u = 0; u < kernelShape.get(2); u++) {
            for (long v = 0; v < kernelShape.get(3); v++) {
                NDArray window = padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}",
                        u, u + sh * (outH - 1) + 1, sh, v, v + sw * (outW - 1) + 1, sw));
                NDArray perRow = flatGradient.batchMatMul(window.reshape(rows, channels, outH * outW).transpose(0, 2, 1));
                offsets.add(perRow.square().sum(new int[] {0}));            // [k, C]
            }
        }
        return NDArrays.stack(offsets, 2).reshape(kernelShape);              // [k, C, kh·kw] → [k, C, kh, kw]
    }

    @Override
    public NDArray squaredExampleBiasGradients(NDArray outputGradient) {
        return outputGradient.sum(new int[] {2, 3}).square().sum(new int[] {0});
    }
}
