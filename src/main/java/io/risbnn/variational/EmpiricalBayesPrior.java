package io.risbnn.variational;

import ai.djl.ndarray.NDArray;
import io.risbnn.RisbnnException;
import io.risbnn.tensor.Scalars;

/**
 * N(0, σ̂²) per weight tensor with σ̂² chosen by empirical Bayes: the maximiser of the ELBO over the prior
 * variance, σ̂² = mean over the tensor of (μ² + s²), recomputed from q at every step (Wu et al. 2019,
 * "Deterministic Variational Inference for Robust Bayesian Neural Networks", the prior of their DVI and MCVI
 * rows; one variance per layer's weights and one per its biases). At that σ̂ the KL of
 * {@link GaussianPrior} reduces to Σ[log σ̂ − log s] (the quadratic term sums to D/2 and cancels the −D/2),
 * so no hyper-parameter is set by hand; gradients flow through σ̂, which is exact at the optimum (the
 * envelope theorem). Variational methods only: it has no fixed log density for samplers or MAP.
 */
public final class EmpiricalBayesPrior implements Prior {
    /** The --prior spec. */
    public static final String SPEC = "empirical-bayes";

    @Override
    public NDArray kl(GaussianPosterior q) {
        NDArray s = q.sigma();
        NDArray logS = Softplus.log(q.rho(), s);
        long count = q.mu().getShape().size();
        // D·log σ̂ = (D/2)·log mean(μ² + s²)
        NDArray logVariance = s.square().add(q.mu().square()).mean().log();
        return Scalars.mul(logVariance, 0.5 * count).sub(logS.sum());
    }

    /**
     * The one-line refusal of a method that needs log p(w).
     *
     * @return the error, naming --prior
     */
    public static RisbnnException refusal() {
        return new RisbnnException("--prior " + SPEC + ": chooses the prior variance from the variational posterior,"
                + " so it serves variational inference only; expected gaussian:SIGMA or mixture:PI,SIGMA1,SIGMA2 for"
                + " this method");
    }

    @Override
    public NDArray logDensity(NDArray w) {
        throw refusal();
    }

    @Override
    public boolean closedForm() {
        return true;
    }

    @Override
    public String describe() {
        return SPEC;
    }
}
