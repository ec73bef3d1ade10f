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

    /** A dense layer named {@code name} mapping {@code inFeatures} to {@code outFeatures}, with a bias posterior if {@code bias}, the activation δ applied by its estimator, and the posterior initialisation {@code init}. */
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

    /** Width of the input x. */
    public long inFeatures() {
        return inFeatures;
    }

    /** Number of output units. */
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
