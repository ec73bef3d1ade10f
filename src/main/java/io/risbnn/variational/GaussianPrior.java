package io.risbnn.variational;

import io.risbnn.tensor.Scalars;
import ai.djl.ndarray.NDArray;

/** N(0, σp²) prior with the closed-form KL Σ [log(σp/s) + (s² + μ²)/(2σp²) − ½]. */
public final class GaussianPrior implements Prior {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final double sigma;

    /**
     * A prior of standard deviation {@code sigma} (positive and finite).
     *
     * @param sigma σp, &gt; 0 and finite
     * @throws IllegalArgumentException if {@code sigma} is not a positive finite number
     */
    public GaussianPrior(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("prior sigma must be a positive number, got " + sigma);
        }
        this.sigma = sigma;
    }

    /**
     * The prior's standard deviation.
     *
     * @return σp, as given to the constructor
     */
    public double sigma() {
        return sigma;
    }

    @Override
    public NDArray kl(GaussianPosterior q) {
        NDArray rho = q.rho();
        NDArray s = q.sigma();
        NDArray logS = Softplus.log(rho, s);
        double inv2Var = 1.0 / (2 * sigma * sigma);
        NDArray quad = Scalars.mul(s.square().add(q.mu().square()), inv2Var);
        return logS.neg().add(Math.log(sigma) - 0.5).add(quad).sum();
    }

    @Override
    public NDArray logDensity(NDArray w) {
        long n = w.getShape().size();
        return Scalars.mul(w.square().sum(), -0.5 / (sigma * sigma)).sub(n * (HALF_LOG_2PI + Math.log(sigma)));
    }

    @Override
    public boolean closedForm() {
        return true;
    }

    @Override
    public String describe() {
        return "gaussian(" + sigma + ")";
    }
}
