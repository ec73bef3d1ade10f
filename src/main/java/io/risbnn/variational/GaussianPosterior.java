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

    /**
     * A posterior over a tensor of {@code shape}, named {@code name}Mu and {@code name}Rho, initialised by
     * {@code init} for the given fan-in (bias means and weight means start differently). The parameters get
     * their arrays when the owning block is initialised.
     *
     * @param name the parameter-name prefix, e.g. {@code weight}; the parameters are {@code nameMu} and {@code nameRho}
     * @param shape the shape of the weight tensor
     * @param init how μ and ρ start
     * @param fanIn the number of inputs per output unit, for the He scale (values &lt; 1 count as 1)
     * @param isBias true for a bias: μ starts U(−1/√fanIn, 1/√fanIn) instead of N(0, 2/fanIn)
     */
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

    /**
     * The DJL parameter holding μ, for the owning block to register (type WEIGHT or BIAS).
     *
     * @return the μ parameter
     */
    public Parameter muParameter() {
        return mu;
    }

    /**
     * The DJL parameter holding ρ, for the owning block to register (type OTHER).
     *
     * @return the ρ parameter
     */
    public Parameter rhoParameter() {
        return rho;
    }

    /**
     * The current μ (the parameter's array, differentiable).
     *
     * @return μ, of {@link #shape()}; the live array, not a copy
     */
    public NDArray mu() {
        return mu.getArray();
    }

    /**
     * The current ρ (the parameter's array, differentiable).
     *
     * @return ρ, of {@link #shape()}; the live array, not a copy
     */
    public NDArray rho() {
        return rho.getArray();
    }

    /**
     * s = softplus(ρ); differentiable in ρ.
     *
     * @return the posterior standard deviations, of {@link #shape()}, &gt; 0 (a new array)
     */
    public NDArray sigma() {
        return Softplus.apply(rho.getArray());
    }

    /**
     * Shape of the weight tensor (needs the block to be initialised).
     *
     * @return the shape of μ and ρ
     */
    public Shape shape() {
        return mu.getArray().getShape();
    }

    /**
     * Number of weights, e.g. for counting a model's parameters.
     *
     * @return the number of elements of μ (ρ has as many)
     */
    public long size() {
        return shape().size();
    }

    /**
     * Draws {@code count} reparameterised samples w = μ + s·ε, stacked on a new leading axis. The
     * gradient reaches μ and ρ through the fixed ε.
     *
     * @param count the number of samples, ≥ 1
     * @return the samples [count, …shape], ε drawn from the engine's generator
     */
    public NDArray sample(int count) {
        NDArray m = mu();
        Shape stacked = new Shape(count).addAll(m.getShape());
        return sampleAt(m.getManager().randomNormal(stacked));
    }

    /**
     * The samples w = μ + s·ε at given noise ε [count, shape]: differentiable in μ and ρ (and in ε when
     * it requires a gradient).
     *
     * @param eps standard-normal noise [count, …shape]
     * @return the samples [count, …shape]
     * @throws IllegalArgumentException if {@code eps} is not shaped [count, …shape]
     */
    public NDArray sampleAt(NDArray eps) {
        NDArray m = mu();
        if (!eps.getShape().slice(1).equals(m.getShape())) {
            throw new IllegalArgumentException("noise of shape " + eps.getShape() + " for a posterior of shape " + m.getShape());
        }
        return m.expandDims(0).add(sigma().expandDims(0).mul(eps));
    }
}
