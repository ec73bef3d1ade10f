package io.risbnn.method.vogn;

import ai.djl.ndarray.NDArray;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.method.InferenceMethod;
import io.risbnn.method.StepRule;
import io.risbnn.model.BayesianModel;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.objective.Objective;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.GaussianPrior;
import io.risbnn.variational.Prior;
import io.risbnn.variational.Priors;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * VOGN ({@code --method vogn}): natural-gradient VI for the mean-field Gaussian with the Gauss–Newton
 * curvature from exact per-example squared gradients (Osawa et al. 2019; Khan et al. 2018). The mean μ and
 * the curvature s of every weight are updated by {@link VognStep}; ρ is not trained but written from s, so
 * the model's own posterior (and every evaluation of sampled networks) is VOGN's q. The prior must be a
 * Gaussian N(0, σ_p²) ({@code --prior}); the objective is the ELBO with KL weight τ. Curvature and momentum
 * are in checkpoints, so resume is exact.
 */
public final class Vogn implements InferenceMethod {
    /** The method's name, {@code --method vogn}. */
    public static final String NAME = "vogn";
    private final Map<NDArray, Boolean> scales = new IdentityHashMap<>();
    private VognStep step;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Estimator estimator(TrainConfig config) {
        return new McSharedEstimator();
    }

    @Override
    public boolean drawsWeightSamples() {
        return true;
    }

    /** ρ is VOGN's output, not a trained parameter: no gradient reaches it. */
    @Override
    public void prepare(BayesianModel model) {
        scales.clear();
        for (VariationalBlock layer : model.variationalLayers()) {
            scales.put(layer.weight().rho(), true);
            if (layer.bias() != null) {
                scales.put(layer.bias().rho(), true);
            }
        }
        scales.keySet().forEach(rho -> rho.setRequiresGradient(false));
    }

    @Override
    public boolean trains(BayesianModel model, NamedParameter parameter) {
        return parameter.trainable() && !scales.containsKey(parameter.array());
    }

    @Override
    public NDArray penalty(BayesianModel model, Prior prior) {
        return model.kl(prior);
    }

    @Override
    public String objectiveLabel(TrainConfig config) {
        return "elbo (natural gradient)";
    }

    @Override
    public void checkConfig(TrainConfig config, int trainingRows) {
        if (config.objective() != Objective.ELBO) {
            throw new RisbnnException("--objective " + config.objective().cliName() + ": --method " + NAME
                    + " trains the ELBO (expected elbo)");
        }
        priorSigma(config);
    }

    private static double priorSigma(TrainConfig config) {
        Prior prior = Priors.parse(config.prior());
        if (!(prior instanceof GaussianPrior gaussian)) {
            throw new RisbnnException("--prior " + config.prior() + ": --method " + NAME
                    + " needs a Gaussian prior (expected gaussian:SIGMA)");
        }
        return gaussian.sigma();
    }

    @Override
    public StepRule stepRule(TrainConfig config) {
        if (step == null) {   // once per run: a restore may have filled its state before the trainer asks
            step = new VognStep(config.methods().vogn(), priorSigma(config));
        }
        return step;
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        if (step != null) {
            step.curvature.forEach((name, s) -> out.put("curvature/" + name, s));
            step.momentum.forEach((name, m) -> out.put("momentum/" + name, m));
        }
        return out;
    }

    @Override
    public void restore(BayesianModel model, TrainConfig config, Map<String, NDArray> state) {
        stepRule(config);
        step.curvature.clear();
        step.momentum.clear();
        state.forEach((name, array) -> {
            if (name.startsWith("curvature/")) {
                step.curvature.put(name.substring("curvature/".length()), array);
            } else if (name.startsWith("momentum/")) {
                step.momentum.put(name.substring("momentum/".length()), array);
            }
        });
    }

    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        return new VariationalPosterior(model, config.objective());
    }
}
