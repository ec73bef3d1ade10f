package io.risbnn.nn;

import ai.djl.ndarray.types.Shape;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.LinearMap;
import io.risbnn.variational.GaussianPosterior;
import io.risbnn.variational.PosteriorInit;

/** A 2-D variational convolution y = δ(x ⋆ W + b), x [B, C, H, W], square kernel, stride and padding. */
public final class BayesConv2d extends VariationalBlock {
    private final long inChannels;
    private final long outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final LinearMap map;

    /**
     * A square-kernel convolution named {@code name} over [B, inChannels, H, W], with stride, zero padding,
     * an optional bias posterior, the activation δ applied by its estimator, and the posterior
     * initialisation {@code init}. The output is [B, outChannels, (H + 2p − k)/s + 1, (W + 2p − k)/s + 1].
     *
     * @param name the layer's name, unique within the model (diagnostics, error messages)
     * @param inChannels input channels C, &gt; 0
     * @param outChannels output channels, &gt; 0
     * @param kernel the kernel's side k, &gt; 0
     * @param stride the stride s in both directions, &gt; 0
     * @param padding zero padding p on every side, ≥ 0
     * @param bias whether the layer has a bias posterior
     * @param activation the fused nonlinearity δ ({@link ActivationFunction#NONE} for none)
     * @param init how μ and ρ start (fan-in = inChannels·k²)
     * @throws io.risbnn.RisbnnException if a size is not positive or the padding is negative
     */
    public BayesConv2d(String name, long inChannels, long outChannels, int kernel, int stride, int padding,
                       boolean bias, ActivationFunction activation, PosteriorInit init) {
        super(name,
                new GaussianPosterior("weight", new Shape(outChannels, inChannels, kernel, kernel), init,
                        (int) (inChannels * kernel * kernel), false),
                bias ? new GaussianPosterior("bias", new Shape(outChannels), init, (int) (inChannels * kernel * kernel), true) : null,
                activation);
        requirePositive("in channels of " + name, inChannels);
        requirePositive("out channels of " + name, outChannels);
        requirePositive("kernel size of " + name, kernel);
        requirePositive("stride of " + name, stride);
        if (padding < 0) {
            throw new io.risbnn.RisbnnException("padding of " + name + " must be >= 0, got " + padding);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.map = new Conv2dMap(new Shape(stride, stride), new Shape(padding, padding));
    }

    @Override
    public LinearMap linearMap() {
        return map;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + 2L * padding - kernel) / stride + 1;
        long w = (in.get(3) + 2L * padding - kernel) / stride + 1;
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }

    @Override
    public String toString() {
        return "BayesConv2d(" + inChannels + " -> " + outChannels + ", k" + kernel + " s" + stride + " p" + padding + ", " + activation() + ")";
    }
}
