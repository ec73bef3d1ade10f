package io.risbnn.method.adversarial;

import ai.djl.ndarray.NDArray;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.method.InferenceMethod;
import io.risbnn.method.StepRule;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.Objective;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.Prior;
import java.util.function.Supplier;

/**
 * Adversarial Sampling (Zhang et al., "Improving Bayesian Neural Networks by Adversarial Sampling",
 * AAAI 2022): mean-field VI trained on (1 − λ)·ELBO + λ·NLL(ε_adv), where ε_adv is the weight noise a
 * few signed-gradient ascent steps on the NLL reach from ε ~ N(0, I), one ε per weight and bias tensor
 * shared by the batch. Defaults are the authors' code's (AISIGSJTU/AS): λ = 0.8, 5 steps of α = 0.02,
 * one ELBO sample per step (the run's M), see {@link AdversarialOptions}. μ and ρ are trained, the
 * estimator is mc-shared under the ELBO objective, the posterior is the variational one.
 */
public final class AdversarialSampling implements InferenceMethod {
    /** The method's name, {@code --method adversarial}. */
    public static final String NAME = "adversarial";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Estimator estimator(TrainConfig config) {
        return new McSharedEstimator();
    }

    @Override
    public void prepare(BayesianModel model) {}

    @Override
    public boolean trains(BayesianModel model, NamedParameter parameter) {
        return parameter.trainable();
    }

    @Override
    public NDArray penalty(BayesianModel model, Prior prior) {
        return model.kl(prior);
    }

    @Override
    public String objectiveLabel(TrainConfig config) {
        return "elbo+adversarial";
    }

    @Override
    public void checkRun(TrainConfig config, ExampleSet train, ExampleSet validation) {
        if (config.objective() != Objective.ELBO) {
            throw new RisbnnException("--objective " + config.objective().cliName() + ": --method " + NAME
                    + " trains the ELBO (expected elbo)");
        }
    }

    @Override
    public StepRule stepRule(TrainConfig config) {
        return new AdversarialStep(config.methods().adversarial());
    }

    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        return new VariationalPosterior(model, config.objective());
    }
}
