package io.risbnn.method;

import ai.djl.ndarray.NDArray;
import io.risbnn.estimator.Estimator;
import io.risbnn.model.BayesianModel;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.Prior;

/**
 * A method whose networks are trained as {@code --method map} trains them (SWAG, Laplace, deep
 * ensembles, MC dropout): the point mass, its penalty −log p(μ), MAP's forward estimator and the
 * "log-posterior" objective label; a subclass adds what it collects, fits or samples.
 */
public abstract class MapBasedMethod implements InferenceMethod {
    private final MaximumAPosteriori map = new MaximumAPosteriori();

    @Override
    public Estimator estimator(TrainConfig config) {
        return map.estimator(config);
    }

    @Override
    public void prepare(BayesianModel model) {
        map.prepare(model);
    }

    @Override
    public boolean trains(BayesianModel model, NamedParameter parameter) {
        return map.trains(model, parameter);
    }

    /** −log p(μ): weight decay for a Gaussian prior. */
    @Override
    public NDArray penalty(BayesianModel model, Prior prior) {
        return map.penalty(model, prior);
    }

    /** As MAP's: a prior with a log density. Subclasses that add checks call this first. */
    @Override
    public void checkConfig(TrainConfig config, int trainingRows) {
        map.checkConfig(config, trainingRows);
    }

    @Override
    public String objectiveLabel(TrainConfig config) {
        return map.objectiveLabel(config);
    }
}
