package io.risbnn.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.objective.Objective;
import java.util.SplittableRandom;

/** Helpers shared by the tests of this package. */
final class VisionTesting {
    private VisionTesting() {}

    /** One forward pass under {@code ctx}; under ELBO the batch is stacked M times first ([M·B, …] out). */
    static NDArray forward(Block net, NDManager m, NDArray x, ForwardContext ctx, boolean training) {
        return forward(net, m, new NDList(stackForElbo(x, ctx)), ctx, training);
    }

    static NDArray forward(Block net, NDManager m, NDList inputs, ForwardContext ctx, boolean training) {
        try (ForwardContext.Scope s = ctx.activate()) {
            return net.forward(new ParameterStore(m, false), inputs, training).singletonOrThrow();
        }
    }

    static NDArray stackForElbo(NDArray x, ForwardContext ctx) {
        if (ctx.objective() != Objective.ELBO || ctx.samples() == 1) {
            return x;
        }
        return stack(x, ctx.samples());
    }

    static NDArray stack(NDArray x, int copies) {
        long batch = x.getShape().get(0);
        return x.expandDims(0).repeat(0, copies).reshape(new Shape(batch * copies).addAll(x.getShape().slice(1)));
    }

    static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    static float[] gaussians(SplittableRandom r, int n, double scale, double shift) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (shift + scale * r.nextGaussian());
        }
        return f;
    }

    static NDArray randomArray(NDManager m, SplittableRandom r, Shape shape, double scale, double shift) {
        return m.create(gaussians(r, (int) shape.size(), scale, shift), shape);
    }

    static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("length " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
