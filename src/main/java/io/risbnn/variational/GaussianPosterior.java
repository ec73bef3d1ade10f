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

    public Parameter muParameter() {
        return mu;
    }

    public Parameter rhoParameter() {
        return rho;
    }

    public NDArray mu() {
        return mu.getArray();
    }

    public NDArray rho() {
        return rho.getArray();
    }

    /** s = softplus(ρ); differentiable in ρ. */
    public NDArray sigma() {
        return Softplus.apply(rho.getArray());
    }

    public Shape shape() {
        return mu.getArray().getShape();
    }

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
