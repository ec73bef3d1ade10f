package io.risbnn.variational;

import io.risbnn.tensor.Scalars;
import ai.djl.ndarray.NDArray;

/**
 * Blundell et al.'s scale mixture π·N(0, σ1²) + (1−π)·N(0, σ2²). Its KL has no closed form, so
 * {@link #kl} is the one-sample estimate log q(w) − log p(w) at w = μ + s·ε (unbiased, reparameterised).
 */
public final class ScaleMixturePrior implements Prior {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final double pi;
    private final double sigma1;
    private final double sigma2;

    /**
     * A mixture π·N(0, σ1²) + (1 − π)·N(0, σ2²); π in (0, 1), both σ positive.
     *
     * @param pi the weight π of the first component, in (0, 1)
     * @param sigma1 σ1, &gt; 0 and finite
     * @param sigma2 σ2, &gt; 0 and finite
     * @throws IllegalArgumentException if a value is out of range
     */
    public ScaleMixturePrior(double pi, double sigma1, double sigma2) {
        if (!(pi > 0 && pi < 1)) {
            throw new IllegalArgumentException("mixture weight pi must be in (0,1), got " + pi);
        }
        if (!(sigma1 > 0 && sigma2 > 0) || Double.isInfinite(sigma1) || Double.isInfinite(sigma2)) {
            throw new IllegalArgumentException("mixture sigmas must be positive numbers");
        }
        this.pi = pi;
        this.sigma1 = sigma1;
        this.sigma2 = sigma2;
    }

    @Override
    public NDArray kl(GaussianPosterior q) {
        NDArray s = q.sigma();
        NDArray eps = s.getManager().randomNormal(s.getShape());
        NDArray w = q.mu().add(s.mul(eps));
        // log q(w) with w − μ = s·ε: −½ε² − log s − ½log 2π
        NDArray logQ = eps.square().mul(-0.5).sub(Softplus.log(q.rho(), s)).sub(HALF_LOG_2PI).sum();
        return logQ.sub(logDensity(w));
    }

    @Override
    public NDArray logDensity(NDArray w) {
        NDArray w2 = w.square();
        NDArray log1 = Scalars.mul(w2, -0.5 / (sigma1 * sigma1)).add(Math.log(pi) - Math.log(sigma1) - HALF_LOG_2PI);
        NDArray log2 = Scalars.mul(w2, -0.5 / (sigma2 * sigma2)).add(Math.log1p(-pi) - Math.log(sigma2) - HALF_LOG_2PI);
        // log-sum-exp of the two components
        NDArray hi = log1.maximum(log2);
        NDArray lo = log1.minimum(log2);
        return hi.add(lo.sub(hi).exp().add(1).log()).sum();
    }

    @Override
    public boolean closedForm() {
        return false;
    }

    @Override
    public String describe() {
        return "mixture(" + pi + "," + sigma1 + "," + sigma2 + ")";
    }
}
