package io.risbnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.risbnn.estimator.LinearMap;

/** x·Wᵀ for x [B, n] and W [k, n]; per-group kernels run as one batched product. */
final class DenseMap implements LinearMap {
    @Override
    public NDArray apply(NDArray input, NDArray kernel) {
        return input.matMul(kernel.transpose());
    }

    @Override
    public NDArray applyPerGroup(NDArray input, NDArray kernels) {
        long groups = kernels.getShape().get(0);
        long rows = input.getShape().get(0) / groups;
        NDArray grouped = input.reshape(groups, rows, input.getShape().get(1));
        NDArray out = grouped.batchMatMul(kernels.transpose(0, 2, 1));      // [M, B, k]
        return out.reshape(groups * rows, kernels.getShape().get(1));
    }

    @Override
    public NDArray addBias(NDArray output, NDArray bias) {
        return output.add(bias);
    }

    @Override
    public NDArray addBiasPerGroup(NDArray output, NDArray biases) {
        long groups = biases.getShape().get(0);
        Shape shape = output.getShape();
        NDArray grouped = output.reshape(groups, shape.get(0) / groups, shape.get(1));
        return grouped.add(biases.expandDims(1)).reshape(shape);
    }

    @Override
    public boolean isDense() {
        return true;
    }

    /** Row r's kernel gradient is the outer product g_r ⊗ x_r, so Σ_r of its square is (g²)ᵀ·(x²). */
    @Override
    public NDArray squaredExampleGradients(NDArray input, NDArray outputGradient, Shape kernelShape) {
        return outputGradient.square().transpose().matMul(input.square());
    }

    @Override
    public NDArray squaredExampleBiasGradients(NDArray outputGradient) {
        return outputGradient.square().sum(new int[] {0});
    }
}
