package io.risbnn.nn;

import ai.djl.ndarray.types.Shape;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.LinearMap;
import io.risbnn.variational.GaussianPosterior;
import io.risbnn.variational.PosteriorInit;

/** A dense variational layer y = δ(x·Wᵀ + b), x [B, in] → y [B, out], W ~ q, b ~ q (optional). */
public final class BayesLinear extends VariationalBlock {
    private static final LinearMap DENSE = new DenseMap();
    private final long inFeatures;
    private final long outFeatures;

    /**
     * A dense layer named {@code name} mapping {@code inFeatures} to {@code outFeatures}, with a bias
     * posterior if {@code bias}, the activation δ applied by its estimator, and the posterior
     * initialisation {@code init}. The weight posterior has shape [outFeatures, inFeatures].
     *
     * @param name the layer's name, unique within the model (diagnostics, error messages)
     * @param inFeatures the width of the input x [B, in], &gt; 0
     * @param outFeatures the number of output units, &gt; 0
     * @param bias whether the layer has a bias posterior
     * @param activation the fused nonlinearity δ ({@link ActivationFunction#NONE} for an output layer)
     * @param init how μ and ρ start (fan-in = inFeatures)
     * @throws io.risbnn.RisbnnException if a width is not positive
     */
    public BayesLinear(String name, long inFeatures, long outFeatures, boolean bias, ActivationFunction activation, PosteriorInit init) {
        super(name,
                new GaussianPosterior("weight", new Shape(outFeatures, inFeatures), init, (int) inFeatures, false),
                bias ? new GaussianPosterior("bias", new Shape(outFeatures), init, (int) inFeatures, true) : null,
                activation);
        requirePositive("in features of " + name, inFeatures);
        requirePositive("out features of " + name, outFeatures);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
    }

    /**
     * Width of the input x.
     *
     * @return the number of input features
     */
    public long inFeatures() {
        return inFeatures;
    }

    /**
     * Number of output units.
     *
     * @return the number of output features
     */
    public long outFeatures() {
        return outFeatures;
    }

    @Override
    public LinearMap linearMap() {
        return DENSE;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outFeatures)};
    }

    @Override
    public String toString() {
        return "BayesLinear(" + inFeatures + " -> " + outFeatures + ", " + activation() + ")";
    }
}
