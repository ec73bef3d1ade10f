package io.risbnn.variational;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

/**
 * Mean-field Gaussian q(w) = N(μ, s²) over one weight tensor, with s = softplus(ρ). Holds the two
 * DJL parameters; the owning block registers them so DJL initialises, saves and loads them.
 */
public final class GaussianPosterior {
    private final Parameter mu;
    private final Parameter rho;

    /** A posterior over a tensor of {@code shape}, named {@code name}Mu and {@code name}Rho, initialised by {@code init} for the given fan-in (bias means and weight means start differently). */
    public GaussianPosterior(String name, Shape shape, PosteriorInit init, int fanIn, boolean isBias) {
        this.mu = Parameter.builder()
                .setName(name + "Mu")
                .setType(isBias ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(init.meanInitializer(fanIn, isBias))
                .build();
        this.rho = Parameter.builder()
                .setName(name + "Rho")
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(init.rhoInitializer(fanIn))
                .build();
    }

    /** The DJL parameter holding μ. */
    public Parameter muParameter() {
        return mu;
    }

    /** The DJL parameter holding ρ. */
    public Parameter rhoParameter() {
        return rho;
    }

    /** The current μ (the parameter's array, differentiable). */
    public NDArray mu() {
        return mu.getArray();
    }

    /** The current ρ (the parameter's array, differentiable). */
    public NDArray rho() {
        return rho.getArray();
    }

    /** s = softplus(ρ); differentiable in ρ. */
    public NDArray sigma() {
        return Softplus.apply(rho.getArray());
    }

    /** Shape of the weight tensor. */
    public Shape shape() {
        return mu.getArray().getShape();
    }

    /** Number of weights. */
    public long size() {
        return shape().size();
    }

    /**
     * Draws {@code count} reparameterised samples w = μ + s·ε, stacked on a new leading axis. The
     * gradient reaches μ and ρ through the fixed ε.
     */
    public NDArray sample(int count) {
        NDArray m = mu();
        Shape stacked = new Shape(count).addAll(m.getShape());
        return sampleAt(m.getManager().randomNormal(stacked));
    }

    /**
     * The samples w = μ + s·ε at given noise ε [count, shape]: differentiable in μ and ρ (and in ε when
     * it requires a gradient).
     */
    public NDArray sampleAt(NDArray eps) {
        NDArray m = mu();
        if (!eps.getShape().slice(1).equals(m.getShape())) {
            throw new IllegalArgumentException("noise of shape " + eps.getShape() + " for a posterior of shape " + m.getShape());
        }
        return m.expandDims(0).add(sigma().expandDims(0).mul(eps));
    }
}
