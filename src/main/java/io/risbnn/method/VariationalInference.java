package io.risbnn.method;

import ai.djl.ndarray.NDArray;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.Estimators;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.train.ExampleSet;
import java.util.function.Supplier;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.Prior;

/** Mean-field variational inference: μ and ρ of every weight are fitted, KL(q‖p) regularises, the estimator is the run's. */
public final class VariationalInference implements InferenceMethod {
    /** The method's name, {@code --method vi}. */
    public static final String NAME = "vi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Estimator estimator(TrainConfig config) {
        return Estimators.byName(config.estimator(), config.ris());
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
        return config.objective().cliName();
    }

    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        return new VariationalPosterior(model, config.objective());
    }
}
