package io.risbnn.method.vogn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.VariationalLayerView;
import io.risbnn.method.StepRule;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.Objective;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.NonFiniteException;
import io.risbnn.train.ParameterChecks;
import io.risbnn.variational.GaussianPosterior;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One VOGN step (Osawa et al. 2019, Algorithm 1, in the per-example normalisation of their code). With N the
 * training-set size times the data scale, τ the KL weighting, δ = 1/σ_p² and δ̃ = τδ/N, for every weight tensor:
 * <pre>
 *   w = μ + σ·ε with σ² = τ / (N (s + δ̃ + γ))     (M samples stacked in one mc-shared forward pass)
 *   ĝ = mean over the M·B rows of ∇ℓ_r(w),  ĥ = mean of (∇ℓ_r(w))²   (exact per-example gradients)
 *   m ← β₁m + (1 − β₁)(ĝ + δ̃μ),   s ← β₂s + (1 − β₂)ĥ,   μ ← μ − α·m / (s + δ̃ + γ)
 * </pre>
 * The per-example squared gradients come from each layer's input and the gradient at its pre-activation
 * ({@link io.risbnn.estimator.LinearMap#squaredExampleGradients}), never from the squared batch gradient.
 * The first step samples at the model's initial σ and sets s to its ĥ (rather than an arbitrary initial
 * precision, which either stalls the mean — s too large — or starts from the prior's spread); m starts at 0.
 * σ is written into the layer's ρ = softplus⁻¹(σ), so the model's posterior is VOGN's q. Parameters outside the
 * variational layers (BatchNorm's affine, the likelihood's noise scale) take the run's optimiser step on ĝ.
 * BatchNorm in training mode couples the rows of a batch; the per-example gradients treat its batch statistics
 * as constants, as the authors' code does.
 */
final class VognStep implements StepRule {
    final Map<String, NDArray> curvature = new LinkedHashMap<>();
    final Map<String, NDArray> momentum = new LinkedHashMap<>();
    private final VognOptions options;
    private final double priorPrecision;

    VognStep(VognOptions options, double priorSigma) {
        this.options = options;
        this.priorPrecision = 1 / (priorSigma * priorSigma);
    }

    /** N of the posterior precision: the training rows times the data-set-size scale. */
    double dataSize(int trainingRows) {
        return trainingRows * options.dataScale();
    }

    /** δ̃ = τ·δ/N, the prior's precision in the per-example scale of s. */
    double scaledPriorPrecision(int trainingRows) {
        return options.klWeight() * priorPrecision / dataSize(trainingRows);
    }

    @Override
    public Outcome take(Inputs in) {
        BayesianModel model = in.model();
        double n = dataSize(in.trainingRows());
        double priorTerm = scaledPriorPrecision(in.trainingRows());
        ForwardContext base = in.context();
        try (CurvatureProbes probes = new CurvatureProbes()) {
            ForwardContext ctx = new ForwardContext(base.estimator(), Objective.ELBO, base.samples(),
                    base.collectDiagnostics(), null, probes);
            double nllValue;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray nll = in.config().objective().negativeLogLikelihood(model.likelihood(),
                        model.forward(in.features(), ctx, true), in.targets());
                nllValue = scalar(nll);
                if (Double.isFinite(nllValue)) {
                    collector.backward(nll);
                }
            }
            double klValue = scalar(model.kl(in.prior()));
            double lossValue = nllValue + in.klFactor() * options.klWeight() * klValue;
            if (!Double.isFinite(nllValue) || ParameterChecks.firstNonFiniteGradient(in.parameters()) != null) {
                if (!in.config().skipNonFinite()) {
                    throw new NonFiniteException(Double.isFinite(nllValue) ? "gradient" : "loss", in.step(), in.epoch(),
                            "nll " + nllValue);
                }
                return new Outcome(lossValue, nllValue, klValue, true);
            }
            for (io.risbnn.nn.VariationalBlock layer : model.variationalLayers()) {
                if (!probes.probes().containsKey(layer)) {    // a block that samples its weights another way
                    throw new IllegalStateException("VOGN: layer " + layer.layerName() + " did not report its"
                            + " pre-activation, so it has no per-example curvature");
                }
            }
            Map<NDArray, Boolean> variational = new IdentityHashMap<>();
            for (Map.Entry<VariationalLayerView, CurvatureProbes.Probe> e : probes.probes().entrySet()) {
                VariationalLayerView layer = e.getKey();
                CurvatureProbes.Probe probe = e.getValue();
                long rows = probe.input().getShape().get(0);
                NDArray perRow = probe.probe().getGradient().mul(rows);     // ∂ℓ_r/∂z_r: the loss is a mean over rows
                update(layer.layerName() + ".weight", layer.weight(), layer.linearMap()
                        .squaredExampleGradients(probe.input(), perRow, layer.weight().shape()).div(rows),
                        in.learningRate(), n, priorTerm);
                variational.put(layer.weight().mu(), true);
                if (layer.bias() != null) {
                    update(layer.layerName() + ".bias", layer.bias(),
                            layer.linearMap().squaredExampleBiasGradients(perRow).div(rows), in.learningRate(), n, priorTerm);
                    variational.put(layer.bias().mu(), true);
                }
            }
            List<NamedParameter> others = in.parameters().stream().filter(p -> !variational.containsKey(p.array())).toList();
            if (!others.isEmpty()) {
                in.optimizer().step(others, in.learningRate());
            }
            return new Outcome(lossValue, nllValue, klValue, false);
        }
    }

    private void update(String name, GaussianPosterior posterior, NDArray squaredGradients, double lr, double n,
                        double priorTerm) {
        NDArray mu = posterior.mu();
        NDArray s = curvature.get(name);
        NDArray m = momentum.get(name);
        double beta1 = options.momentum();
        double beta2 = options.curvatureDecay();
        if (s == null) {      // the run's first step: s starts at the first batch's curvature, m at 0
            s = squaredGradients.duplicate();
            m = mu.zerosLike();
            NDScope.unregister(s, m);
            curvature.put(name, s);
            momentum.put(name, m);
        } else {
            s.muli(beta2).addi(squaredGradients.mul(1 - beta2));
        }
        m.muli(beta1).addi(mu.getGradient().add(mu.mul(priorTerm)).mul(1 - beta1));
        NDArray preconditioner = s.add(priorTerm + options.damping());
        mu.subi(m.div(preconditioner).mul(lr));
        writeSigma(posterior, preconditioner, n);
    }

    /** ρ = softplus⁻¹(σ) with σ² = τ/(N·(s + δ̃ + γ)), in float64 so small σ keep their precision. */
    private void writeSigma(GaussianPosterior posterior, NDArray preconditioner, double n) {
        NDArray variance = preconditioner.toType(DataType.FLOAT64, false).mul(n / options.klWeight()).pow(-1);
        NDArray sigma = variance.sqrt();
        NDArray rho = sigma.exp().sub(1).log().toType(DataType.FLOAT32, false);
        posterior.rho().set(new NDIndex("..."), rho);
    }

    private static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }
}
