package io.risbnn.method.adversarial;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.Objective;

/**
 * Finds Adversarial Sampling's ε_adv: from a start noise, {@code steps} signed-gradient ascent steps
 * ε ← ε + α·sign(∇_ε NLL(x, y; μ + s·ε)) on the mean data term of one sampled network (cross-entropy for
 * a classifier, the Gaussian NLL for regression), as the authors' code does (their α = 0.02, 5 steps).
 * μ and s are constants here: the gradients the ascent leaves on the model's parameters are the caller's
 * to clear. The result carries no graph.
 */
final class NoiseAscent {
    private final int steps;
    private final double stepSize;

    NoiseAscent(int steps, double stepSize) {
        this.steps = steps;
        this.stepSize = stepSize;
    }

    SuppliedNoise ascend(BayesianModel model, SuppliedNoise start, NDArray x, NDArray y) {
        SuppliedNoise eps = start;
        for (int k = 0; k < steps; k++) {
            eps.tensors().values().forEach(e -> e.setRequiresGradient(true));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(nllAt(model, eps, x, y));
            }
            // a new leaf per step: ε + α·sign(g), computed outside the collector so it has no graph
            eps = eps.map(e -> e.add(e.getGradient().sign().mul(stepSize)).stopGradient());
        }
        return eps;
    }

    /** The mean NLL of the batch under the one network w = μ + s·ε (differentiable in μ, ρ and ε). */
    static NDArray nllAt(BayesianModel model, SuppliedNoise eps, NDArray x, NDArray y) {
        ForwardContext at = new ForwardContext(new McSharedEstimator(), Objective.ELBO, 1, false, eps);
        return Objective.ELBO.negativeLogLikelihood(model.likelihood(), model.forward(x, at, true), y);
    }
}
